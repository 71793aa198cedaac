import * as KeysAPI from '../../wailsjs/go/app/KeysAPI'
import { app } from '../../wailsjs/go/models'
import { call } from './errors'
import type {
  AuditPage,
  CleanupCounts,
  CleanupRequest,
  CreatedKey,
  CreateKeyRequest,
  Key,
  KeyPage,
  RegenerateRequest,
  RotatedKey,
  RotateRequest,
  SearchResult,
  UpdateKeyRequest,
  Usage,
} from './types'

export function listKeys(workspaceId: string): Promise<Key[]> {
  // Go marshals a nil slice as null.
  return call(async () => (await KeysAPI.List(workspaceId)) ?? [])
}

/** The first `limit` keys in the order of listKeys (newest first), and the total. */
export function listFirstKeys(workspaceId: string, limit: number): Promise<KeyPage> {
  return call(async () => {
    const page = await KeysAPI.ListFirst(workspaceId, limit)
    return { keys: page.keys ?? [], total: page.total }
  })
}

/** Keys of every cached workspace whose name, id or masked fragment matches. */
export function searchKeys(query: string): Promise<SearchResult[]> {
  return call(async () => (await KeysAPI.Search(query)) ?? [])
}

export function createKey(workspaceId: string, req: CreateKeyRequest): Promise<CreatedKey> {
  // createFrom keeps expiresInDays: null, which the Go side reads as "never".
  return call(() => KeysAPI.Create(workspaceId, app.CreateKeyRequest.createFrom(req)))
}

export function updateKey(workspaceId: string, keyId: string, req: UpdateKeyRequest): Promise<Key> {
  // Absent fields stay undefined and are left out of the JSON: "leave as is".
  return call(() => KeysAPI.Update(workspaceId, keyId, app.UpdateKeyRequest.createFrom(req)))
}

export function regenerateKey(workspaceId: string, keyId: string, req: RegenerateRequest): Promise<CreatedKey> {
  return call(() => KeysAPI.Regenerate(workspaceId, keyId, app.RegenerateRequest.createFrom(req)))
}

export function rotateKey(workspaceId: string, keyId: string, req: RotateRequest): Promise<RotatedKey> {
  return call(() => KeysAPI.Rotate(workspaceId, keyId, app.RotateRequest.createFrom(req)))
}

export function deleteKey(workspaceId: string, keyId: string): Promise<void> {
  return call(() => KeysAPI.Delete(workspaceId, keyId))
}

export function cleanupCounts(workspaceId: string): Promise<CleanupCounts> {
  return call(() => KeysAPI.CleanupCounts(workspaceId))
}

/** Deletes the chosen keys; resolves to how many were deleted. */
export function cleanupKeys(workspaceId: string, req: CleanupRequest): Promise<number> {
  return call(() => KeysAPI.Cleanup(workspaceId, app.CleanupRequest.createFrom(req)))
}

/** Stores a key's secret in the OS keychain. */
export function rememberSecret(workspaceId: string, keyId: string, secret: string): Promise<void> {
  return call(() => KeysAPI.Remember(workspaceId, keyId, secret))
}

export function forgetSecret(workspaceId: string, keyId: string): Promise<void> {
  return call(() => KeysAPI.Forget(workspaceId, keyId))
}

/** One page of the audit log, newest first; keyId "" for the whole workspace, action "" for every action. */
export function auditLog(workspaceId: string, keyId: string, action: string, pageIndex: number, pageSize: number): Promise<AuditPage> {
  return call(async () => {
    const page = await KeysAPI.Audit(workspaceId, keyId, action, pageIndex, pageSize)
    return { items: page?.items ?? [], total: page?.total ?? 0 }
  })
}

/** A key's use over the last 30 days, oldest first. */
export function keyUsage(workspaceId: string, keyId: string): Promise<Usage> {
  return call(async () => {
    const usage = await KeysAPI.Usage(workspaceId, keyId)
    return { days: usage?.days ?? [], total: usage?.total ?? 0 }
  })
}
