import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { auditLog, keyUsage } from '../../api'
import { queryKeys } from '../../app/queryKeys'

/** One page of the audit log, newest first; keyId "" for the whole workspace. */
export function useAudit(workspaceId: string, keyId: string, pageIndex: number, pageSize: number, enabled = true) {
  return useQuery({
    queryKey: queryKeys.audit(workspaceId, keyId, pageIndex, pageSize),
    queryFn: () => auditLog(workspaceId, keyId, pageIndex, pageSize),
    // Paging keeps the old page on screen until the next one is there.
    placeholderData: keepPreviousData,
    enabled,
  })
}

export function useUsage(workspaceId: string, keyId: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.usage(workspaceId, keyId),
    queryFn: () => keyUsage(workspaceId, keyId),
    enabled,
  })
}
