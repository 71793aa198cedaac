import type { Page } from '@playwright/test';

// Boot data as the desktop writes it into the page (app/boot.go), for the
// tests of the first screen: a page of keys of every kind, a remote
// workspace, a profile.

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function bootData(count = 100, total = 250) {
  const now = Date.now();
  const key = (i: number, extra: Record<string, unknown> = {}) => ({
    id: `key_first${String(i).padStart(3, '0')}`,
    name: `service-${i}`,
    role: 'api',
    maskedKey: `kd_F${i}xx…yy${i}`,
    status: 'active',
    enabled: true,
    createdAt: iso(now - (i + 1) * DAY),
    expiresAt: iso(now + (30 + i) * DAY + 60_000),
    profileId: '',
    autoRevoke: false,
    rotating: false,
    rotatedFrom: '',
    createdBy: 'key_admin',
    updatedAt: iso(now - DAY),
    remembered: false,
    own: false,
    ...extra,
  });
  const keys = Array.from({ length: count }, (_, i) => key(i));
  keys[0] = key(0, { name: 'Keydesk desktop', role: 'admin', own: true, expiresAt: undefined });
  keys[1] = key(1, { remembered: true, lastUsedAt: iso(now - 3 * 3_600_000), profileId: 'prof_billing' });
  keys[2] = key(2, { rotating: true, autoRevoke: true, revokesAt: iso(now + 5 * DAY + 60_000) });
  keys[3] = key(3, { status: 'expired', expiresAt: iso(now - 2 * DAY) });
  keys[4] = key(4, { status: 'inactive', enabled: false, role: 'member' });
  keys[5] = key(5, { name: 'a name long enough to be cut short in its column', expiresAt: iso(now + 3 * DAY) });
  const workspace = (id: string, name: string, kind: string, extra: Record<string, unknown> = {}) => ({
    id,
    name,
    kind,
    serverUrl: kind === 'local' ? 'http://127.0.0.1:8470' : 'https://keys.acme.example',
    workspaceId: id,
    role: 'admin',
    online: true,
    lastSyncedAt: iso(now - 5 * 60_000),
    lastError: '',
    keyCount: total,
    canManage: true,
    allowInsecure: false,
    caFile: '',
    ...extra,
  });
  return {
    workspaces: [
      workspace('wsl_first', 'Local', 'local'),
      workspace('wsr_first', 'Acme Production', 'remote', { online: false, keyCount: 4 }),
    ],
    firstKeys: {
      workspaceId: 'wsl_first',
      limit: 100,
      page: { keys, total },
      profiles: [{ id: 'prof_billing', name: 'Billing', description: '', keyPrefix: 'bill', reminderDays: [30, 7, 1], metadata: '', keyCount: 1 }],
    },
  };
}

/**
 * Serves `boot` as the page's boot data. The app's calls never answer, so its
 * screen stays as its first render drew it; with `app` false its bundle is
 * held too (held, not failed: a failed load replaces the first screen with a
 * message), so the first screen stays.
 */
export async function serveBoot(page: Page, boot: unknown, app: boolean) {
  await page.route('**/boot.js', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: `window.__KEYDESK_BOOT__ = ${JSON.stringify(boot)};` }),
  );
  await page.route('**/__bridge/call', () => {});
  if (!app) await page.route(/\/assets\/main-[^/]*\.js$/, () => {});
}
