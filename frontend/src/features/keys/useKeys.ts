import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useMemo } from 'react'
import {
  cleanupCounts,
  cleanupKeys,
  createKey,
  deleteKey,
  forgetSecret,
  listFirstKeys,
  listKeys,
  regenerateKey,
  rememberSecret,
  rotateKey,
  updateKey,
  type CleanupRequest,
  type CreateKeyRequest,
  type Key,
  type KeyPage,
  type RegenerateRequest,
  type RotateRequest,
  type UpdateKeyRequest,
} from '../../api'
import { queryKeys } from '../../app/queryKeys'
import { useRefreshStatus, useRefreshWorkspace } from '../../app/refreshWorkspace'
import { nextRowsPaint } from '../../lib/paint'
import { useOneAtATime } from '../../lib/oneAtATime'
import { FIRST_KEYS } from './tableLayout'

/** The longest the whole list waits for the first rows to be painted. */
const FIRST_PAINT_WAIT_MS = 1000

function firstKeysQuery(workspaceId: string) {
  return queryOptions({
    queryKey: queryKeys.firstKeys(workspaceId),
    queryFn: () => listFirstKeys(workspaceId, FIRST_KEYS),
  })
}

/**
 * The workspace's keys. The first time, the top rows of the table are
 * fetched before the whole list, which may hold 10,000 keys, so that the
 * table paints at once (see useFirstKeys).
 */
export function useKeys(workspaceId: string) {
  const queryClient = useQueryClient()
  return useQuery({
    queryKey: queryKeys.keys(workspaceId),
    queryFn: async () => {
      if (queryClient.getQueryData(queryKeys.keys(workspaceId)) === undefined) {
        // One after the other: both read the same database connection.
        await queryClient.prefetchQuery(firstKeysQuery(workspaceId))
        const first = queryClient.getQueryData<KeyPage>(queryKeys.firstKeys(workspaceId))
        // The table shows these: let them reach the screen before the whole list lands.
        if (first && first.total > first.keys.length) await nextRowsPaint(FIRST_PAINT_WAIT_MS)
      }
      return listKeys(workspaceId)
    },
  })
}

/**
 * The top rows useKeys fetched first, with the workspace's total, while the
 * whole list is not in yet (`waiting`) and has more keys than these.
 */
export function useFirstKeys(workspaceId: string, waiting: boolean) {
  // Fetched by useKeys' query only; this one reads and follows the cache.
  const { data } = useQuery({ ...firstKeysQuery(workspaceId), enabled: false })
  return waiting && data && data.total > data.keys.length ? data : undefined
}

/**
 * A key's name by ID, from the list useKeys holds (this fetches nothing):
 * for the keys other keys point at (created by, rotated from).
 */
export function useKeyNames(workspaceId: string): (id: string) => string | undefined {
  const { data } = useCachedKeys(workspaceId, false)
  const names = useMemo(() => new Map((data ?? []).map((k) => [k.id, k.name])), [data])
  return useCallback((id: string) => names.get(id), [names])
}

/**
 * The workspace's cached keys, for a dialog that names some of them: the
 * list useKeys holds, else read once from the desktop's cache (never from
 * the server; it works offline), and not read again because a dialog opened.
 */
export function useCachedKeys(workspaceId: string, enabled = true) {
  return useQuery({ queryKey: queryKeys.keys(workspaceId), queryFn: () => listKeys(workspaceId), staleTime: Infinity, enabled })
}

export function useCleanupCounts(workspaceId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.cleanupCounts(workspaceId),
    queryFn: () => cleanupCounts(workspaceId),
    enabled,
  })
}

export function useCreateKey(workspaceId: string) {
  const refresh = useRefreshWorkspace(workspaceId)
  const refreshStatus = useRefreshStatus()
  return useOneAtATime(
    useMutation({
      mutationFn: (req: CreateKeyRequest) => createKey(workspaceId, req),
      // The result holds the plaintext secret: drop it from the mutation cache as
      // soon as the dialog lets go of it, instead of the default five minutes.
      gcTime: 0,
      onSuccess: refresh,
      onError: refreshStatus,
    }),
  )
}

export function useUpdateKey(workspaceId: string) {
  const queryClient = useQueryClient()
  const refresh = useRefreshWorkspace(workspaceId)
  const refreshStatus = useRefreshStatus()
  return useMutation({
    mutationFn: ({ keyId, req }: { keyId: string; req: UpdateKeyRequest }) => updateKey(workspaceId, keyId, req),
    // The enabled switch and the status flip at once; a failure puts them back.
    onMutate: async ({ keyId, req }) => {
      const queryKey = queryKeys.keys(workspaceId)
      await queryClient.cancelQueries({ queryKey })
      const previous = queryClient.getQueryData<Key[]>(queryKey)
      const enabled = req.enabled
      if (enabled !== undefined) {
        queryClient.setQueryData<Key[]>(queryKey, (list) =>
          list?.map((k) => (k.id === keyId ? withEnabled(k, enabled) : k)),
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

/**
 * A key as the server will list it once enabled or disabled (keys.StatusAt):
 * expired stays expired, which tells why it stopped for good.
 */
function withEnabled(key: Key, enabled: boolean): Key {
  if (key.status === 'expired') return { ...key, enabled }
  return { ...key, enabled, status: enabled ? 'active' : 'inactive', rotating: enabled && key.rotating }
}

export function useRegenerateKey(workspaceId: string) {
  const refresh = useRefreshWorkspace(workspaceId)
  const refreshStatus = useRefreshStatus()
  return useOneAtATime(
    useMutation({
      mutationFn: ({ keyId, req }: { keyId: string; req: RegenerateRequest }) => regenerateKey(workspaceId, keyId, req),
      gcTime: 0,
      onSuccess: refresh,
      onError: refreshStatus,
    }),
  )
}

export function useRotateKey(workspaceId: string) {
  const refresh = useRefreshWorkspace(workspaceId)
  const refreshStatus = useRefreshStatus()
  return useOneAtATime(
    useMutation({
      mutationFn: ({ keyId, req }: { keyId: string; req: RotateRequest }) => rotateKey(workspaceId, keyId, req),
      gcTime: 0,
      onSuccess: refresh,
      onError: refreshStatus,
    }),
  )
}

export function useDeleteKey(workspaceId: string) {
  const refresh = useRefreshWorkspace(workspaceId)
  const refreshStatus = useRefreshStatus()
  return useOneAtATime(
    useMutation({
      mutationFn: (keyId: string) => deleteKey(workspaceId, keyId),
      onError: refreshStatus,
      onSettled: refresh,
    }),
  )
}

export function useCleanup(workspaceId: string) {
  const refresh = useRefreshWorkspace(workspaceId)
  const refreshStatus = useRefreshStatus()
  return useOneAtATime(
    useMutation({
      mutationFn: (req: CleanupRequest) => cleanupKeys(workspaceId, req),
      onError: refreshStatus,
      onSettled: refresh,
    }),
  )
}

export function useRememberSecret(workspaceId: string) {
  const queryClient = useQueryClient()
  return useOneAtATime(
    useMutation({
      mutationFn: ({ keyId, secret }: { keyId: string; secret: string }) => rememberSecret(workspaceId, keyId, secret),
      gcTime: 0,
      onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.keys(workspaceId) }),
    }),
  )
}

export function useForgetSecret(workspaceId: string) {
  const queryClient = useQueryClient()
  return useOneAtATime(
    useMutation({
      mutationFn: (keyId: string) => forgetSecret(workspaceId, keyId),
      onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.keys(workspaceId) }),
    }),
  )
}
