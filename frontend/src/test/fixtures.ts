import type { AuditEvent, Key, Overview, Profile, ReminderSettings, Settings, Workspace } from '../api'

const DAY = 86_400_000

export function iso(t: number): string {
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

export function makeKey(overrides: Partial<Key> = {}): Key {
  const now = Date.now()
  return {
    id: 'key_aaaa',
    name: 'a key',
    role: 'api',
    maskedKey: 'kd_AAAA…aaaa',
    status: 'active',
    enabled: true,
    createdAt: iso(now - 10 * DAY),
    expiresAt: iso(now + 30 * DAY + 60_000),
    profileId: '',
    autoRevoke: false,
    rotating: false,
    rotatedFrom: '',
    createdBy: 'key_admin',
    updatedAt: iso(now - 10 * DAY),
    remembered: false,
    own: false,
    ...overrides,
  }
}

export function makeWorkspace(overrides: Partial<Workspace> = {}): Workspace {
  return {
    id: 'ws_local',
    name: 'Local',
    kind: 'local',
    serverUrl: 'http://127.0.0.1:8470',
    workspaceId: 'ws_local',
    role: 'admin',
    online: true,
    lastSyncedAt: iso(Date.now() - 5 * 60_000),
    lastError: '',
    syncProblem: '',
    keyCount: 0,
    canManage: true,
    allowInsecure: false,
    caFile: '',
    maxExpiryDays: 366,
    allowNeverExpires: true,
    ...overrides,
  }
}

export const DAYS = DAY

export function makeProfile(overrides: Partial<Profile> = {}): Profile {
  return {
    id: 'prof_billing',
    name: 'Billing',
    description: '',
    keyPrefix: 'bill',
    reminderDays: [30, 7, 1],
    metadata: '',
    keyCount: 0,
    ...overrides,
  }
}

export function makeAuditEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: 1,
    at: iso(Date.now() - DAY),
    actorKeyId: 'key_admin',
    actorName: 'Keydesk (this computer)',
    action: 'key.created',
    targetKeyId: 'key_aaaa',
    targetName: 'a key',
    targetId: '',
    clientIp: '127.0.0.1',
    changes: '',
    ...overrides,
  }
}

export function makeSettings(overrides: Partial<Settings> = {}): Settings {
  return {
    dataDir: '/home/ada/.config/Keydesk',
    keychainBackend: 'secret-service',
    keychainLabel: 'GNOME Keyring',
    keychainPersistent: true,
    keychainProblem: '',
    keychainLocked: false,
    cacheRebuilt: '',
    syncIntervalMinutes: 5,
    ...overrides,
  }
}

export function makeReminderSettings(overrides: Partial<ReminderSettings> = {}): ReminderSettings {
  return {
    quietStart: 0,
    quietEnd: 0,
    leadDays: [30, 7, 1],
    kinds: { expiring: true, expired: true, overlap_ending: true, rotation_due: true, unused: true },
    ...overrides,
  }
}

/** An empty overview: no keys, and 13 weeks from 2026-11-23 with none expiring. */
export function makeOverview(overrides: Partial<Overview> = {}): Overview {
  const start = Date.UTC(2026, 10, 23)
  return {
    counts: { total: 0, active: 0, inactive: 0, expired: 0, rotating: 0 },
    expiring: Array.from({ length: 13 }, (_, i) => ({
      weekStart: new Date(start + i * 7 * DAY).toISOString().slice(0, 10),
      count: 0,
    })),
    stalest: [],
    workspaces: [],
    ...overrides,
  }
}
