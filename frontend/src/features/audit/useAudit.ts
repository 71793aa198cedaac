import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { auditLog, keyUsage } from '../../api'
import { queryKeys } from '../../app/queryKeys'

/** What part of the log to read: keyId "" for the whole workspace, action "" for every action. */
export interface AuditQuery {
  keyId: string
  action?: string
  pageIndex: number
  pageSize: number
}

/** One page of the audit log, newest first. */
export function useAudit(workspaceId: string, { keyId, action = '', pageIndex, pageSize }: AuditQuery, enabled = true) {
  return useQuery({
    queryKey: queryKeys.audit(workspaceId, keyId, action, pageIndex, pageSize),
    queryFn: () => auditLog(workspaceId, keyId, action, pageIndex, pageSize),
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
