import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  addWorkspace,
  listWorkspaces,
  removeWorkspace,
  reorderWorkspaces,
  syncWorkspace,
  testConnection,
  updateWorkspace,
  type Workspace,
  type WorkspaceRequest,
} from '../../api'
import { queryKeys } from '../../app/queryKeys'
import { notFromKeys } from '../../app/refreshWorkspace'
import { useOneAtATime } from '../../lib/oneAtATime'
import { sortWorkspaces } from './sidebar'

export function useWorkspaces() {
  return useQuery({
    queryKey: queryKeys.workspaces,
    queryFn: listWorkspaces,
    select: sortWorkspaces,
  })
}

function useReplaceWorkspace() {
  const queryClient = useQueryClient()
  return (ws: Workspace) =>
    queryClient.setQueryData<Workspace[]>(queryKeys.workspaces, (list) =>
      list?.some((w) => w.id === ws.id) ? list.map((w) => (w.id === ws.id ? ws : w)) : [...(list ?? []), ws],
    )
}

export function useSyncWorkspace() {
  const queryClient = useQueryClient()
  const replace = useReplaceWorkspace()
  return useMutation({
    mutationFn: (workspaceId: string) => syncWorkspace(workspaceId),
    // The returned workspace is its status after the sync, key count included.
    // Keys the sync changed were refreshed on its keys:changed, sent before it answered.
    onSuccess: (ws) => {
      replace(ws)
      void queryClient.invalidateQueries({ queryKey: queryKeys.workspace(ws.id), predicate: notFromKeys }, { cancelRefetch: false })
    },
    // A failed sync may have changed the workspace's status (now offline).
    onError: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspaces, exact: true }),
  })
}

/** Tests a connection for the workspace being edited, or for a new one when workspaceId is undefined. */
export function useTestConnection(workspaceId: string | undefined) {
  return useMutation({ mutationFn: (req: WorkspaceRequest) => testConnection(workspaceId ?? '', req) })
}

export function useSaveWorkspace(workspaceId: string | undefined) {
  const queryClient = useQueryClient()
  const replace = useReplaceWorkspace()
  return useOneAtATime(
    useMutation({
      mutationFn: (req: WorkspaceRequest) => (workspaceId ? updateWorkspace(workspaceId, req) : addWorkspace(req)),
      onSuccess: (ws) => {
        replace(ws)
        void queryClient.invalidateQueries({ queryKey: queryKeys.workspaces, exact: true })
        void queryClient.invalidateQueries({ queryKey: queryKeys.workspace(ws.id) })
      },
    }),
  )
}

export function useRemoveWorkspace() {
  const queryClient = useQueryClient()
  return useOneAtATime(
    useMutation({
      mutationFn: (workspaceId: string) => removeWorkspace(workspaceId),
      onSuccess: (_, workspaceId) => {
        queryClient.setQueryData<Workspace[]>(queryKeys.workspaces, (list) => list?.filter((w) => w.id !== workspaceId))
        queryClient.removeQueries({ queryKey: queryKeys.workspace(workspaceId) })
        void queryClient.invalidateQueries({ queryKey: ['search'] })
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspaces, exact: true }),
    }),
  )
}

/** Moves a workspace one place up or down; the new order shows at once. */
export function useReorderWorkspaces() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (ids: string[]) => reorderWorkspaces(ids),
    onMutate: async (ids) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.workspaces, exact: true })
      const previous = queryClient.getQueryData<Workspace[]>(queryKeys.workspaces)
      if (previous) {
        const byId = new Map(previous.map((w) => [w.id, w]))
        queryClient.setQueryData(
          queryKeys.workspaces,
          ids.map((id) => byId.get(id)).filter((w): w is Workspace => w !== undefined),
        )
      }
      return { previous }
    },
    onError: (_err, _ids, context) => {
      if (context?.previous) queryClient.setQueryData(queryKeys.workspaces, context.previous)
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspaces, exact: true }),
  })
}

/** The ids in sidebar order with `id` moved by `delta` places among the remote workspaces. */
export function moveWorkspace(list: Workspace[], id: string, delta: -1 | 1): string[] | undefined {
  const ids = list.map((w) => w.id)
  const from = ids.indexOf(id)
  const to = from + delta
  if (from < 0 || to < 0 || to >= ids.length || list[to].kind === 'local') return undefined
  ;[ids[from], ids[to]] = [ids[to], ids[from]]
  return ids
}
