import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { createKey, deleteKey, listKeys, type CreateKeyRequest } from '../../api'
import { queryKeys } from '../../app/queryKeys'

export function useKeys(workspaceId: string) {
  return useQuery({
    queryKey: queryKeys.keys(workspaceId),
    queryFn: () => listKeys(workspaceId),
  })
}

function useRefreshWorkspace(workspaceId: string) {
  const queryClient = useQueryClient()
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.keys(workspaceId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.workspaces, exact: true }),
    ])
}

export function useCreateKey(workspaceId: string) {
  const refresh = useRefreshWorkspace(workspaceId)
  return useMutation({
    mutationFn: (req: CreateKeyRequest) => createKey(workspaceId, req),
    // The result holds the plaintext secret: drop it from the mutation cache as
    // soon as the dialog lets go of it, instead of the default five minutes.
    gcTime: 0,
    onSuccess: refresh,
  })
}

export function useDeleteKey(workspaceId: string) {
  const refresh = useRefreshWorkspace(workspaceId)
  return useMutation({
    mutationFn: (keyId: string) => deleteKey(workspaceId, keyId),
    onSettled: refresh,
  })
}
