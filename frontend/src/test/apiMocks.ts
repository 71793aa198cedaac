import { vi } from 'vitest'
import type * as Api from '../api'
import { makeOverview, makeReminderSettings, makeSettings } from './fixtures'

/**
 * Stand-ins for every call of src/api, with harmless defaults: empty lists,
 * nothing to clean up, a persistent keychain. A test sets what it is about:
 *
 *   vi.mock('../../api', async (importOriginal) => ({
 *     ...(await importOriginal<typeof import('../../api')>()),
 *     ...(await import('../../test/apiMocks')).apiMocks(),
 *   }))
 */
export function apiMocks() {
  return {
    listKeys: vi.fn<typeof Api.listKeys>(async () => []),
    // No first rows by default: the panel then waits for listKeys, as it does for a small workspace.
    listFirstKeys: vi.fn<typeof Api.listFirstKeys>(async () => ({ keys: [], total: 0 })),
    searchKeys: vi.fn<typeof Api.searchKeys>(async () => []),
    createKey: vi.fn<typeof Api.createKey>(),
    updateKey: vi.fn<typeof Api.updateKey>(),
    regenerateKey: vi.fn<typeof Api.regenerateKey>(),
    rotateKey: vi.fn<typeof Api.rotateKey>(),
    deleteKey: vi.fn<typeof Api.deleteKey>(),
    cleanupCounts: vi.fn<typeof Api.cleanupCounts>(async () => ({ expired: 0, revoked: 0, both: 0 })),
    cleanupKeys: vi.fn<typeof Api.cleanupKeys>(),
    rememberSecret: vi.fn<typeof Api.rememberSecret>(async () => {}),
    forgetSecret: vi.fn<typeof Api.forgetSecret>(async () => {}),
    auditLog: vi.fn<typeof Api.auditLog>(async () => ({ items: [], total: 0 })),
    keyUsage: vi.fn<typeof Api.keyUsage>(async () => ({ days: [], total: 0 })),
    listProfiles: vi.fn<typeof Api.listProfiles>(async () => []),
    createProfile: vi.fn<typeof Api.createProfile>(),
    updateProfile: vi.fn<typeof Api.updateProfile>(),
    deleteProfile: vi.fn<typeof Api.deleteProfile>(async () => {}),
    getOverview: vi.fn<typeof Api.getOverview>(async () => makeOverview()),
    listWorkspaces: vi.fn<typeof Api.listWorkspaces>(async () => []),
    syncWorkspace: vi.fn<typeof Api.syncWorkspace>(),
    testConnection: vi.fn<typeof Api.testConnection>(),
    addWorkspace: vi.fn<typeof Api.addWorkspace>(),
    updateWorkspace: vi.fn<typeof Api.updateWorkspace>(),
    removeWorkspace: vi.fn<typeof Api.removeWorkspace>(async () => {}),
    reorderWorkspaces: vi.fn<typeof Api.reorderWorkspaces>(async () => {}),
    getSettings: vi.fn<typeof Api.getSettings>(async () => makeSettings()),
    setSyncInterval: vi.fn<typeof Api.setSyncInterval>(),
    setWindowColorScheme: vi.fn<typeof Api.setWindowColorScheme>(async () => {}),
    enableEncryptedFile: vi.fn<typeof Api.enableEncryptedFile>(),
    runKeyTest: vi.fn<typeof Api.runKeyTest>(),
    keyTestCurl: vi.fn<typeof Api.keyTestCurl>(async () => ''),
    keyTestHistory: vi.fn<typeof Api.keyTestHistory>(async () => []),
    listReminders: vi.fn<typeof Api.listReminders>(async () => []),
    snoozeReminder: vi.fn<typeof Api.snoozeReminder>(async () => {}),
    dismissReminder: vi.fn<typeof Api.dismissReminder>(async () => {}),
    dismissReminders: vi.fn<typeof Api.dismissReminders>(async (ids) => ids.length),
    getReminderSettings: vi.fn<typeof Api.getReminderSettings>(async () => makeReminderSettings()),
    setReminderSettings: vi.fn<typeof Api.setReminderSettings>(),
    getNotificationStatus: vi.fn<typeof Api.getNotificationStatus>(async () => ({ unavailable: false, failedAt: '' })),
    onEvent: vi.fn<typeof Api.onEvent>(() => () => {}),
  }
}
