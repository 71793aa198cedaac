import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { enableEncryptedFile, getSettings, setSyncInterval, type Settings } from '../../api'
import { queryKeys } from '../../app/queryKeys'
import { useOneAtATime } from '../../lib/oneAtATime'

export function useSettings() {
  return useQuery({ queryKey: queryKeys.settings, queryFn: getSettings, staleTime: 5 * 60_000 })
}

export function useSetSyncInterval() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (minutes: number) => setSyncInterval(minutes),
    onSuccess: (settings) => queryClient.setQueryData<Settings>(queryKeys.settings, settings),
  })
}

export function useEnableEncryptedFile() {
  const queryClient = useQueryClient()
  return useOneAtATime(
    useMutation({
      mutationFn: (passphrase: string) => enableEncryptedFile(passphrase),
      // The passphrase is in the mutation's variables: keep them no longer than needed.
      gcTime: 0,
      onSuccess: (settings) => {
        queryClient.setQueryData<Settings>(queryKeys.settings, settings)
        // Unlocking an earlier file brings back remembered secrets (the keys'
        // marks) and lets the workspaces that waited for their access key sync.
        void queryClient.invalidateQueries({ queryKey: queryKeys.workspaces })
      },
    }),
  )
}
