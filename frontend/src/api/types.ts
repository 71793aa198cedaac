// Plain types for what the Go facades in app/ send and receive. They mirror
// the JSON of the generated classes in wailsjs/go/models.ts, so a generated
// value is assignable to them, but they carry no generated code.

/** RFC 3339 timestamp in UTC, e.g. "2026-11-23T10:04:05Z". */
export type Timestamp = string

export type WorkspaceKind = 'local' | 'remote'
export type WorkspaceRole = 'admin' | 'member'

export interface Workspace {
  id: string
  name: string
  kind: WorkspaceKind | string
  serverUrl: string
  workspaceId: string
  role: WorkspaceRole | string
  online: boolean
  offlineSince?: Timestamp
  lastSyncedAt?: Timestamp
  /** Why the last sync failed, already in words a user understands. */
  lastError: string
  keyCount: number
}

export const KEY_ROLES = ['api', 'member', 'admin'] as const
export type KeyRole = (typeof KEY_ROLES)[number]

export type KeyStatus = 'active' | 'inactive' | 'expired'

export interface Key {
  id: string
  name: string
  role: KeyRole | string
  maskedKey: string
  status: KeyStatus | string
  enabled: boolean
  createdAt: Timestamp
  /** Absent means the key never expires. */
  expiresAt?: Timestamp
  /** Absent means the key was never used. */
  lastUsedAt?: Timestamp
  profileId: string
  revokesAt?: Timestamp
  rotatedFrom: string
  createdBy: string
  updatedAt: Timestamp
}

export interface CreateKeyRequest {
  name: string
  role: KeyRole
  /** null means the key never expires. */
  expiresInDays: number | null
}

export interface CreatedKey {
  key: Key
  /** The plaintext secret: returned once, never stored by the app. */
  secret: string
}

/** Payloads of the events the backend emits, by event name. */
export interface EventPayloads {
  'keys:changed': { workspaceId: string }
  'workspace:status': { workspaceId: string }
  'sync:done': { workspaceId: string }
}
export type EventName = keyof EventPayloads
