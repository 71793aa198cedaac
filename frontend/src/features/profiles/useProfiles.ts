import { useMutation, useQuery } from '@tanstack/react-query'
import { useCallback, useMemo } from 'react'
import {
  createProfile,
  deleteProfile,
  listProfiles,
  updateProfile,
  type ProfileKeysAction,
  type ProfileRequest,
} from '../../api'
import { queryKeys } from '../../app/queryKeys'
import { useRefreshStatus, useRefreshWorkspace } from '../../app/refreshWorkspace'
import { useOneAtATime } from '../../lib/oneAtATime'

/** The workspace's profiles, as cached; refreshed with its keys. */
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

/** Creates a profile, or replaces every field of one when profileId is given. */
export function useSaveProfile(workspaceId: string, profileId: string | undefined) {
  const refresh = useRefreshWorkspace(workspaceId)
  const refreshStatus = useRefreshStatus()
  return useOneAtATime(
    useMutation({
      mutationFn: (req: ProfileRequest) =>
        profileId ? updateProfile(workspaceId, profileId, req) : createProfile(workspaceId, req),
      onSuccess: refresh,
      onError: refreshStatus,
    }),
  )
}

export function useDeleteProfile(workspaceId: string) {
  const refresh = useRefreshWorkspace(workspaceId)
  const refreshStatus = useRefreshStatus()
  return useOneAtATime(
    useMutation({
      mutationFn: ({ profileId, keysAction, expectKeys }: { profileId: string; keysAction: ProfileKeysAction; expectKeys: number }) =>
        deleteProfile(workspaceId, profileId, keysAction, expectKeys),
      onError: refreshStatus,
      // Also after a conflict: the key count the dialog went by was out of date.
      onSettled: refresh,
    }),
  )
}
