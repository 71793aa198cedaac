import { useQueryClient, type Query, type QueryClient } from '@tanstack/react-query'
import { queryKeys } from './queryKeys'

export interface RefreshOptions {
  /**
   * Also the key list and what is made from it: the table's first rows, the
   * overviews and search results. False after a sync that changed no key:
   * the list of a workspace of 10,000 keys is 3.5 MB.
   */
  keys?: boolean
  /**
   * Let a refetch that is already running stand for this one, instead of
   * cancelling it and starting again. For a change the window made: the
   * backend, syncing after it, sent keys:changed before it answered, and
   * the refetch that started is already the one after the change.
   */
  join?: boolean
}

/** The parts of a workspace's queries that its key list makes (queryKeys). */
const FROM_KEYS = new Set(['keys', 'firstKeys', 'overview'])

/** For invalidateQueries: a workspace's queries but its key list and what is made from it. */
export const notFromKeys = (query: Query) => !FROM_KEYS.has(String(query.queryKey[2]))

/**
 * After a workspace's keys or profiles changed: everything of that workspace
 * (keys, profiles, clean-up counts, audit, usage, its overview), its key count
 * in the workspace list, search results and the all-workspaces overview.
 */
export function refreshWorkspace(
  queryClient: QueryClient,
  workspaceId: string,
  { keys = true, join = false }: RefreshOptions = {},
): Promise<unknown> {
  const options = { cancelRefetch: !join }
  const refreshes = [
    queryClient.invalidateQueries({ queryKey: queryKeys.workspace(workspaceId), predicate: keys ? undefined : notFromKeys }, options),
    queryClient.invalidateQueries({ queryKey: queryKeys.workspaces, exact: true }, options),
  ]
  if (keys) {
    refreshes.push(
      queryClient.invalidateQueries({ queryKey: ['search'] }, options),
      queryClient.invalidateQueries({ queryKey: queryKeys.overview('') }, options),
    )
  }
  return Promise.all(refreshes)
}

/** refreshWorkspace for a mutation's onSuccess or onSettled (joining a refetch the backend's events started). */
export function useRefreshWorkspace(workspaceId: string) {
  const queryClient = useQueryClient()
  return () => refreshWorkspace(queryClient, workspaceId, { join: true })
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
