import { useQueryClient, type QueryClient } from '@tanstack/react-query'
import { queryKeys } from './queryKeys'

/**
 * After a workspace's keys or profiles changed: everything of that workspace
 * (keys, profiles, clean-up counts, audit, usage, its overview), its key count
 * in the workspace list, search results and the all-workspaces overview.
 */
export function refreshWorkspace(queryClient: QueryClient, workspaceId: string): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.workspace(workspaceId) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.workspaces, exact: true }),
    queryClient.invalidateQueries({ queryKey: ['search'] }),
    queryClient.invalidateQueries({ queryKey: queryKeys.overview('') }),
  ])
}

/** refreshWorkspace for a mutation's onSuccess or onSettled. */
export function useRefreshWorkspace(workspaceId: string) {
  const queryClient = useQueryClient()
  return () => refreshWorkspace(queryClient, workspaceId)
}

/**
 * After a failure: a 403 means the access key lost its rights and an offline
 * error means the server went away, both of which the workspace list shows.
 */
export function useRefreshStatus() {
  const queryClient = useQueryClient()
  return (err: { code: string }) => {
    if (err.code === 'forbidden' || err.code === 'offline' || err.code === 'unauthorized') {
      void queryClient.invalidateQueries({ queryKey: queryKeys.workspaces, exact: true })
    }
  }
}
