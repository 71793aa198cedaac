import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { listWorkspaces, syncWorkspace, type Workspace } from '../../api'
import { queryKeys } from '../../app/queryKeys'

/** Local first, then the remote ones by name. */
export function sortWorkspaces(list: Workspace[]): Workspace[] {
  return [...list].sort((a, b) => {
    const aLocal = a.kind === 'local' ? 0 : 1
    const bLocal = b.kind === 'local' ? 0 : 1
    return aLocal - bLocal || a.name.localeCompare(b.name)
  })
}

export function useWorkspaces() {
  return useQuery({
    queryKey: queryKeys.workspaces,
    queryFn: listWorkspaces,
    select: sortWorkspaces,
  })
}

export function useSyncWorkspace() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (workspaceId: string) => syncWorkspace(workspaceId),
    // The returned workspace is its status after the sync, key count included.
    onSuccess: (ws) => {
      queryClient.setQueryData<Workspace[]>(queryKeys.workspaces, (list) =>
        list?.map((w) => (w.id === ws.id ? ws : w)),
      )
      void queryClient.invalidateQueries({ queryKey: queryKeys.keys(ws.id) })
    },
    // A failed sync may have changed the workspace's status (now offline).
    onError: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspaces, exact: true }),
  })
}
