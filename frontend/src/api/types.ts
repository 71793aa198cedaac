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
  /** What the last sync failure asks of the user; '' after a good sync. */
  syncProblem: SyncProblem | string
  keyCount: number
  /** False for a member access key: every management action is unavailable. */
  canManage: boolean
  allowInsecure: boolean
  /** PEM file of a CA to trust for this server; "" for the system's. */
  caFile: string
  /** The longest expiry the workspace allows, in days; 0 until its server says. */
  maxExpiryDays: number
  /** Whether a key of the workspace may never expire. */
  allowNeverExpires: boolean
}

export type SyncProblem = 'offline' | 'keychainLocked' | 'accessKeyMissing' | 'accessKeyRejected' | 'forbidden' | 'connection' | 'failed'

/** Adds a remote workspace or changes one; on update an empty accessKey keeps the stored one. */
export interface WorkspaceRequest {
  serverUrl: string
  /** Optional: the access key tells the server which workspace it belongs to. */
  workspaceId: string
  accessKey: string
  /** Plain http:// to a host that is not this computer. */
  allowInsecure: boolean
  caFile: string
}

/** What a successful connection test learned. */
export interface ConnectionInfo {
  workspaceId: string
  workspaceName: string
  role: WorkspaceRole | string
  /** The access key's name. */
  keyName: string
  canManage: boolean
}

export interface Settings {
  dataDir: string
  /** e.g. secret-service, file, memory */
  keychainBackend: string
  /** The keychain in words for the user. */
  keychainLabel: string
  /** False: remembered secrets are forgotten when Keydesk quits. */
  keychainPersistent: boolean
  /** Why the OS keychain is not used, or since when it fails; "" when it is fine. */
  keychainProblem: string
  /** An encrypted file holds the secrets and waits for its passphrase (enableEncryptedFile unlocks it). */
  keychainLocked: boolean
  /** Why the local cache was rebuilt from the servers at this start; "" when it was not. */
  cacheRebuilt: string
  syncIntervalMinutes: number
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
  /** "" when the key has no profile. */
  profileId: string
  /** End of the rotation overlap; set while the key is rotating. */
  revokesAt?: Timestamp
  /** The key is disabled at revokesAt; otherwise it is kept until someone disables it. */
  autoRevoke: boolean
  /** In a rotation overlap and still working. */
  rotating: boolean
  rotatedFrom: string
  createdBy: string
  /** When the key got its current secret; absent if at its creation. */
  regeneratedAt?: Timestamp
  updatedAt: Timestamp
  /** Its secret is in the keychain. */
  remembered: boolean
  /** The key Keydesk itself uses to reach the workspace: never delete, disable, regenerate or rotate it. */
  own: boolean
}

/** The keys a table shows first, and how many the workspace has. */
export interface KeyPage {
  keys: Key[]
  total: number
}

export interface CreateKeyRequest {
  name: string
  role: KeyRole
  /** "" means no profile. */
  profileId: string
  /** null means the key never expires. */
  expiresInDays: number | null
  /** The profile's default expiry (or the workspace's) applies; expiresInDays is ignored. */
  expiryFromProfile: boolean
}

/** Changes a key; absent fields stay as they are. */
export interface UpdateKeyRequest {
  name?: string
  enabled?: boolean
  /** "" removes the profile. */
  profileId?: string
}

export interface RegenerateRequest {
  /** Without it the expiry stays as it is. */
  changeExpiry: boolean
  /** With changeExpiry: the new expiry, null for never. */
  expiresInDays: number | null
}

export interface RotateRequest {
  /** 0–30 */
  overlapDays: number
  autoRevoke: boolean
}

export interface CreatedKey {
  key: Key
  /** The plaintext secret: returned once, never stored by the app. */
  secret: string
}

export interface RotatedKey {
  /** The successor. */
  key: Key
  /** The successor's secret, shown once. */
  secret: string
  /** The old key, now rotating. */
  previous: Key
}

/** How many keys each clean-up choice would delete. */
export interface CleanupCounts {
  expired: number
  revoked: number
  both: number
}

/** What to delete; both excludes the other two. */
export interface CleanupRequest {
  expired: boolean
  revoked: boolean
  both: boolean
  /**
   * The keys the confirmation named: only those of them that still match are
   * deleted, never a key that came to match since. Absent: every key that matches.
   */
  keyIds?: string[]
}

export const TEST_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const
export const TEST_AUTHS = ['bearer', 'header', 'query'] as const
export type TestAuth = (typeof TEST_AUTHS)[number]

/** Where a profile's keys are tested instead of the default target. */
export interface TestEndpoint {
  method: string
  /** May use {server}, {workspace} and {keyId}. */
  url: string
  auth: TestAuth | string
  /** The header or query parameter name for auth header or query. */
  name: string
}

export interface Profile {
  id: string
  name: string
  description: string
  /** Absent: keys of this profile never expire by default. */
  defaultExpiryDays?: number
  /** "" uses the workspace's prefix. */
  keyPrefix: string
  /** Absent: no rotation policy. */
  rotationDays?: number
  /** Days before expiry to remind, largest first. */
  reminderDays: number[]
  /** Absent: the default target. */
  testEndpoint?: TestEndpoint
  /** A JSON object that verify returns; "" when none. */
  metadata: string
  keyCount: number
}

/** The whole profile form, for create and edit alike: null clears a field. */
export interface ProfileRequest {
  name: string
  description: string
  /** null: keys never expire by default. */
  defaultExpiryDays: number | null
  keyPrefix: string
  /** null: no rotation policy. */
  rotationDays: number | null
  reminderDays: number[]
  /** null: the default target. */
  testEndpoint: TestEndpoint | null
  /** A JSON object; "" for none. */
  metadata: string
}

/** What deleting a profile does with its keys: "" refuses (conflict) while any key uses it. */
export type ProfileKeysAction = '' | 'detach' | 'delete'

export interface AuditEvent {
  id: number
  at: Timestamp
  /** "" for the server itself. */
  actorKeyId: string
  /** The actor key's name when cached. */
  actorName: string
  /** key.created, key.rotated, … */
  action: string
  targetKeyId: string
  /** Its name when the event was recorded. */
  targetName: string
  /** Its name today, when it was renamed since. */
  targetNameNow?: string
  targetId: string
  clientIp: string
  /** JSON object of the changed fields ("" when none), never a secret. */
  changes: string
}

/** One page of the audit log, newest first. */
export interface AuditPage {
  items: AuditEvent[]
  total: number
}

export interface UsageDay {
  /** YYYY-MM-DD */
  date: string
  count: number
}

/** A key's use over the last 30 days, oldest first. */
export interface Usage {
  days: UsageDay[]
  total: number
}

export interface SearchResult {
  workspaceId: string
  workspaceName: string
  key: Key
}

/** What a key test sent and what came back. */
export interface TestResult {
  at: Timestamp
  method: string
  url: string
  /** 0 when no HTTP answer came back: see error. */
  status: number
  statusText: string
  durationMs: number
  headers: Record<string, string>
  contentType: string
  /** The full body (possibly cut at bodyBytes when bodyTruncated). */
  body: string
  bodyBytes: number
  bodyTruncated: boolean
  isJson: boolean
  /** The start of the body, pretty-printed when JSON. */
  preview: string
  /** The request as a cURL command, its secret masked. */
  curl: string
  /** Why no answer came back (DNS, refused, TLS, timeout), or what a redirect means, in words. */
  error: string
  /** "redirect" for a 3xx answer, which Keydesk does not follow with a key; else the network failure's kind. */
  errorKind: string
  /** Where a redirect pointed (masked); absent or "" otherwise. */
  location?: string
}

export type ReminderAction = 'rotate' | 'regenerate' | 'disable'

export interface Reminder {
  id: number
  workspaceId: string
  keyId: string
  keyName: string
  kind: string
  threshold: number
  dueAt: Timestamp
  /** When the key got its secret (created or last regenerated), for a rotation due; absent or "" for other kinds. */
  secretSince?: Timestamp
  /** When the key was created, for a key never used; absent or "" for other kinds. */
  keyCreatedAt?: Timestamp
  /** When the key was last used, for an unused key; absent or "" otherwise. */
  keyLastUsedAt?: Timestamp
  /** An unused reminder about a key never used since it was created. */
  neverUsed?: boolean
  /** The backend's wording, as an OS notification says it; the reminder center words known kinds itself, at display time. */
  title: string
  message: string
  action: ReminderAction | string
}

export const REMINDER_KINDS = ['expiring', 'expired', 'overlap_ending', 'rotation_due', 'unused'] as const
export type ReminderKind = (typeof REMINDER_KINDS)[number]

export interface ReminderSettings {
  /** Local hour 0–23; equal to quietEnd: no quiet hours. */
  quietStart: number
  quietEnd: number
  /** Days before expiry, for keys whose profile sets none. */
  leadDays: number[]
  /** Which kinds of reminder are on. */
  kinds: Record<ReminderKind | string, boolean>
}

/** Whether desktop notifications can be shown on this system. */
export interface NotificationStatus {
  /** The last one could not be shown: reminders are in the reminder center only. */
  unavailable: boolean
  /** When it failed; "" when it was shown, or none was tried. */
  failedAt: Timestamp | ''
}

/** Keys by status; rotating keys are counted as active too. */
export interface StatusCounts {
  total: number
  active: number
  inactive: number
  expired: number
  rotating: number
}

export interface WeekCount {
  /** YYYY-MM-DD, local */
  weekStart: string
  count: number
}

/** An active key and how long it has gone unused. */
export interface StaleKey {
  workspaceId: string
  workspaceName: string
  key: Key
  /** Its last use, or its creation when never used. */
  idleSince: Timestamp
  idleDays: number
}

export interface WorkspaceCounts {
  workspaceId: string
  workspaceName: string
  online: boolean
  syncProblem: SyncProblem | string
  counts: StatusCounts
}

/** The dashboard of one workspace or of all of them, from the local cache. */
export interface Overview {
  counts: StatusCounts
  /** 13 weeks from today: active keys expiring in each. */
  expiring: WeekCount[]
  /** Stalest first. */
  stalest: StaleKey[]
  workspaces: WorkspaceCounts[]
}

/** Payloads of the events the backend emits, by event name. */
export interface EventPayloads {
  'keys:changed': { workspaceId: string }
  'workspace:status': { workspaceId: string }
  'sync:done': { workspaceId: string }
  'sync:progress': { workspaceId: string; done: number; total: number }
  'reminder:new': { count: number }
}
export type EventName = keyof EventPayloads
