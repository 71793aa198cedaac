import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { onEvent } from '../api'
import { queryKeys } from './queryKeys'

/** Keeps cached queries in step with what the backend reports. */
export function useBackendEvents(): void {
  const queryClient = useQueryClient()

  useEffect(() => {
    const refreshWorkspace = (workspaceId: string) => {
      // Keys, profiles, clean-up counts, audit and usage of that workspace.
      void queryClient.invalidateQueries({ queryKey: queryKeys.workspace(workspaceId) })
      // Key counts live in the workspace list.
      void queryClient.invalidateQueries({ queryKey: queryKeys.workspaces, exact: true })
      void queryClient.invalidateQueries({ queryKey: ['search'] })
    }

    const refreshReminders = () => void queryClient.invalidateQueries({ queryKey: queryKeys.reminders })

    const offs = [
      onEvent('keys:changed', ({ workspaceId }) => {
        refreshWorkspace(workspaceId)
        refreshReminders()
      }),
      onEvent('sync:done', ({ workspaceId }) => {
        refreshWorkspace(workspaceId)
        refreshReminders()
      }),
      onEvent('reminder:new', refreshReminders),
      // Online state, last sync, last error and role live in the workspace list.
      onEvent('workspace:status', () => {
        void queryClient.invalidateQueries({ queryKey: queryKeys.workspaces, exact: true })
      }),
    ]
    return () => offs.forEach((off) => off())
  }, [queryClient])
}
