import type { Key, Workspace } from '../api'

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
    rotatedFrom: '',
    createdBy: 'key_admin',
    updatedAt: iso(now - 10 * DAY),
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
    keyCount: 0,
    ...overrides,
  }
}

export const DAYS = DAY
