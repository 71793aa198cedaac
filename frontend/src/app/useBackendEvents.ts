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

    const offs = [
      onEvent('keys:changed', ({ workspaceId }) => {
        refresh(workspaceId)
        refreshReminders()
      }),
      onEvent('sync:done', ({ workspaceId }) => {
        refresh(workspaceId)
        refreshReminders()
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
