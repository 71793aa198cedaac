import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useMemo } from 'react'
import {
  cleanupCounts,
  cleanupKeys,
  createKey,
  deleteKey,
  forgetSecret,
  listKeys,
  listProfiles,
  regenerateKey,
  rememberSecret,
  rotateKey,
  updateKey,
  type CleanupRequest,
  type CreateKeyRequest,
  type Key,
  type RegenerateRequest,
  type RotateRequest,
  type UpdateKeyRequest,
} from '../../api'
import { queryKeys } from '../../app/queryKeys'

export function useKeys(workspaceId: string) {
  return useQuery({
    queryKey: queryKeys.keys(workspaceId),
    queryFn: () => listKeys(workspaceId),
  })
}

export function useProfiles(workspaceId: string) {
  return useQuery({
    queryKey: queryKeys.profiles(workspaceId),
    queryFn: () => listProfiles(workspaceId),
    staleTime: 5 * 60_000,
  })
}

/** A profile's name by id, from the workspace's cached profiles. */
export function useProfileNames(workspaceId: string): (id: string) => string | undefined {
  const { data } = useProfiles(workspaceId)
  const names = useMemo(() => new Map((data ?? []).map((p) => [p.id, p.name])), [data])
  return useCallback((id: string) => names.get(id), [names])
}

export function useCleanupCounts(workspaceId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.cleanupCounts(workspaceId),
    queryFn: () => cleanupCounts(workspaceId),
    enabled,
  })
}

/** After a change: everything of the workspace, its key count and search results. */
function useRefreshWorkspace(workspaceId: string) {
  const queryClient = useQueryClient()
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.workspace(workspaceId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.workspaces, exact: true }),
      queryClient.invalidateQueries({ queryKey: ['search'] }),
    ])
}

/**
 * After a failure: a 403 means the access key lost its rights and an offline
 * error means the server went away, both of which the workspace list shows.
 */
function useRefreshStatus() {
  const queryClient = useQueryClient()
  return (err: { code: string }) => {
    if (err.code === 'forbidden' || err.code === 'offline' || err.code === 'unauthorized') {
      void queryClient.invalidateQueries({ queryKey: queryKeys.workspaces, exact: true })
    }
  }
}

export function useCreateKey(workspaceId: string) {
  const refresh = useRefreshWorkspace(workspaceId)
  const refreshStatus = useRefreshStatus()
  return useMutation({
    mutationFn: (req: CreateKeyRequest) => createKey(workspaceId, req),
    // The result holds the plaintext secret: drop it from the mutation cache as
    // soon as the dialog lets go of it, instead of the default five minutes.
    gcTime: 0,
    onSuccess: refresh,
    onError: refreshStatus,
  })
}

export function useUpdateKey(workspaceId: string) {
  const queryClient = useQueryClient()
  const refresh = useRefreshWorkspace(workspaceId)
  const refreshStatus = useRefreshStatus()
  return useMutation({
    mutationFn: ({ keyId, req }: { keyId: string; req: UpdateKeyRequest }) => updateKey(workspaceId, keyId, req),
    // The enabled switch flips at once; a failure puts it back.
    onMutate: async ({ keyId, req }) => {
      const queryKey = queryKeys.keys(workspaceId)
      await queryClient.cancelQueries({ queryKey })
      const previous = queryClient.getQueryData<Key[]>(queryKey)
      if (req.enabled !== undefined) {
        queryClient.setQueryData<Key[]>(queryKey, (list) =>
          list?.map((k) => (k.id === keyId ? { ...k, enabled: req.enabled! } : k)),
        )
      }
      return { previous }
    },
    onError: (err, _vars, context) => {
      if (context?.previous) queryClient.setQueryData(queryKeys.keys(workspaceId), context.previous)
      refreshStatus(err)
    },
    onSettled: refresh,
  })
}

export function useRegenerateKey(workspaceId: string) {
  const refresh = useRefreshWorkspace(workspaceId)
  const refreshStatus = useRefreshStatus()
  return useMutation({
    mutationFn: ({ keyId, req }: { keyId: string; req: RegenerateRequest }) => regenerateKey(workspaceId, keyId, req),
    gcTime: 0,
    onSuccess: refresh,
    onError: refreshStatus,
  })
}

export function useRotateKey(workspaceId: string) {
  const refresh = useRefreshWorkspace(workspaceId)
  const refreshStatus = useRefreshStatus()
  return useMutation({
    mutationFn: ({ keyId, req }: { keyId: string; req: RotateRequest }) => rotateKey(workspaceId, keyId, req),
    gcTime: 0,
    onSuccess: refresh,
    onError: refreshStatus,
  })
}

export function useDeleteKey(workspaceId: string) {
  const refresh = useRefreshWorkspace(workspaceId)
  const refreshStatus = useRefreshStatus()
  return useMutation({
    mutationFn: (keyId: string) => deleteKey(workspaceId, keyId),
    onError: refreshStatus,
    onSettled: refresh,
  })
}

export function useCleanup(workspaceId: string) {
  const refresh = useRefreshWorkspace(workspaceId)
  const refreshStatus = useRefreshStatus()
  return useMutation({
    mutationFn: (req: CleanupRequest) => cleanupKeys(workspaceId, req),
    onError: refreshStatus,
    onSettled: refresh,
  })
}

export function useRememberSecret(workspaceId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ keyId, secret }: { keyId: string; secret: string }) => rememberSecret(workspaceId, keyId, secret),
    gcTime: 0,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.keys(workspaceId) }),
  })
}

export function useForgetSecret(workspaceId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (keyId: string) => forgetSecret(workspaceId, keyId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.keys(workspaceId) }),
  })
}
