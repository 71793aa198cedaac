import { useEffect, useState } from 'react'
import { onEvent } from '../../api'

export interface SyncProgress {
  done: number
  total: number
}

/** The running sync of a workspace from sync:progress events; null when none is running. */
export function useSyncProgress(workspaceId: string): SyncProgress | null {
  const [progress, setProgress] = useState<{ workspaceId: string; value: SyncProgress } | null>(null)

  useEffect(() => {
    const offs = [
      onEvent('sync:progress', (p) => {
        if (p.workspaceId !== workspaceId) return
        setProgress(p.total > 0 && p.done < p.total ? { workspaceId, value: { done: p.done, total: p.total } } : null)
      }),
      onEvent('sync:done', (p) => {
        if (p.workspaceId === workspaceId) setProgress(null)
      }),
    ]
    return () => offs.forEach((off) => off())
  }, [workspaceId])

  // A progress of the workspace shown before a switch is not this one's.
  return progress?.workspaceId === workspaceId ? progress.value : null
}
