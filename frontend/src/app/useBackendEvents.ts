import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { onEvent } from '../api'
import { queryKeys } from './queryKeys'
import { refreshWorkspace } from './refreshWorkspace'

/** Keeps cached queries in step with what the backend reports. */
export function useBackendEvents(): void {
  const queryClient = useQueryClient()

  useEffect(() => {
    const refresh = (workspaceId: string) => void refreshWorkspace(queryClient, workspaceId)
    const refreshReminders = () => void queryClient.invalidateQueries({ queryKey: queryKeys.reminders })

    // A sync that changed keys sends keys:changed, then sync:done (desk.Sync):
    // the first refreshes everything; the second has nothing to add.
    const changedBySync = new Set<string>()

    const offs = [
      onEvent('keys:changed', ({ workspaceId }) => {
        changedBySync.add(workspaceId)
        refresh(workspaceId)
        refreshReminders()
      }),
      onEvent('sync:done', ({ workspaceId }) => {
        if (changedBySync.delete(workspaceId)) return
        // No key changed (or the sync failed): what a sync brings besides,
        // like profiles, but not the key list. Reminders are scanned only
        // when keys change.
        void refreshWorkspace(queryClient, workspaceId, { keys: false })
      }),
      onEvent('reminder:new', refreshReminders),
      // Online state, last sync, last error and role live in the workspace list;
      // the all-workspaces overview shows who is online too.
      onEvent('workspace:status', () => {
        void queryClient.invalidateQueries({ queryKey: queryKeys.workspaces, exact: true })
        void queryClient.invalidateQueries({ queryKey: queryKeys.overview('') })
      }),
    ]
    return () => offs.forEach((off) => off())
  }, [queryClient])
}
