import { useQuery } from '@tanstack/react-query'
import { getOverview } from '../../api'
import { queryKeys } from '../../app/queryKeys'

/** The dashboard of a workspace, or of all for ""; refetched on the events that change keys (useBackendEvents). */
export function useOverview(workspaceId: string) {
  return useQuery({ queryKey: queryKeys.overview(workspaceId), queryFn: () => getOverview(workspaceId) })
}
