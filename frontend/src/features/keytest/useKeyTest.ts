import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { keyTestHistory, runKeyTest } from '../../api'
import { queryKeys } from '../../app/queryKeys'

/** A key's last test results; keyId "" (a pasted secret) has none. */
export function useKeyTestHistory(workspaceId: string, keyId: string) {
  return useQuery({
    queryKey: queryKeys.keyTestHistory(workspaceId, keyId),
    queryFn: () => keyTestHistory(workspaceId, keyId),
    enabled: keyId !== '',
  })
}

export function useRunKeyTest(workspaceId: string, keyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (secret: string) => runKeyTest(workspaceId, keyId, secret),
    onSettled: () => {
      if (keyId) void queryClient.invalidateQueries({ queryKey: queryKeys.keyTestHistory(workspaceId, keyId) })
    },
  })
}
