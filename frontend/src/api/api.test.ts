import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  ApiError,
  auditLog,
  createKey,
  deleteProfile,
  getOverview,
  listKeys,
  onEvent,
  regenerateKey,
  reorderWorkspaces,
  updateKey,
  updateProfile,
} from '.'

// These tests stand in for the Go side: they install the window.go and
// window.runtime objects that Wails injects, and check what src/api sends.
type AnyFn = (...args: unknown[]) => unknown
const w = window as unknown as { go?: unknown; runtime?: unknown }

describe('bindings', () => {
  const KeysAPI = {
    List: vi.fn<AnyFn>(),
    Create: vi.fn<AnyFn>(),
    Delete: vi.fn<AnyFn>(),
    Update: vi.fn<AnyFn>(),
    Regenerate: vi.fn<AnyFn>(),
    Audit: vi.fn<AnyFn>(),
  }
  const WorkspacesAPI = { Reorder: vi.fn<AnyFn>() }
  const ProfilesAPI = { Update: vi.fn<AnyFn>(), Delete: vi.fn<AnyFn>() }
  const OverviewAPI = { Get: vi.fn<AnyFn>() }
  beforeEach(() => {
    w.go = { app: { KeysAPI, WorkspacesAPI, ProfilesAPI, OverviewAPI } }
  })
  afterEach(() => {
    delete w.go
  })

  it('sends expiresInDays: null for a key that never expires', async () => {
    KeysAPI.Create.mockResolvedValue({ key: { id: 'key_1' }, secret: 's' })
    await createKey('ws_1', { name: 'n', role: 'api', profileId: '', expiresInDays: null, expiryFromProfile: false })
    const [workspaceId, req] = KeysAPI.Create.mock.calls[0]
    expect(workspaceId).toBe('ws_1')
    expect(JSON.parse(JSON.stringify(req))).toEqual({
      name: 'n',
      role: 'api',
      profileId: '',
      expiresInDays: null,
      expiryFromProfile: false,
    })
  })

  it('sends a whole profile, with null for what it clears', async () => {
    ProfilesAPI.Update.mockResolvedValue({ id: 'prof_1' })
    const req = {
      name: 'Payments',
      description: '',
      defaultExpiryDays: null,
      keyPrefix: '',
      rotationDays: 90,
      reminderDays: [30, 7, 1],
      testEndpoint: null,
      metadata: '',
    }
    await updateProfile('ws_1', 'prof_1', req)
    const [workspaceId, profileId, sent] = ProfilesAPI.Update.mock.calls[0]
    expect([workspaceId, profileId]).toEqual(['ws_1', 'prof_1'])
    expect(JSON.parse(JSON.stringify(sent))).toEqual(req)
  })

  it('passes what to do with a deleted profile’s keys', async () => {
    ProfilesAPI.Delete.mockResolvedValue(undefined)
    await deleteProfile('ws_1', 'prof_1', 'detach', 3)
    expect(ProfilesAPI.Delete).toHaveBeenCalledWith('ws_1', 'prof_1', 'detach', 3)
  })

  it('reads null lists of an overview as empty; "" asks for every workspace', async () => {
    const counts = { total: 0, active: 0, inactive: 0, expired: 0, rotating: 0 }
    OverviewAPI.Get.mockResolvedValue({ counts, expiring: null, stalest: null, workspaces: null })
    await expect(getOverview('')).resolves.toEqual({ counts, expiring: [], stalest: [], workspaces: [] })
    expect(OverviewAPI.Get).toHaveBeenCalledWith('')
  })

  it('leaves out what an update does not change, and sends "" to remove a profile', async () => {
    KeysAPI.Update.mockResolvedValue({ id: 'key_1' })
    await updateKey('ws_1', 'key_1', { enabled: false, profileId: '' })
    const [, keyId, req] = KeysAPI.Update.mock.calls[0]
    expect(keyId).toBe('key_1')
    expect(JSON.parse(JSON.stringify(req))).toEqual({ enabled: false, profileId: '' })
  })

  it('sends a regenerate request that keeps or changes the expiry', async () => {
    KeysAPI.Regenerate.mockResolvedValue({ key: { id: 'key_1' }, secret: 's' })
    await regenerateKey('ws_1', 'key_1', { changeExpiry: true, expiresInDays: null })
    expect(JSON.parse(JSON.stringify(KeysAPI.Regenerate.mock.calls[0][2]))).toEqual({ changeExpiry: true, expiresInDays: null })
  })

  it('reads a null audit page and passes the paging on', async () => {
    KeysAPI.Audit.mockResolvedValue({ items: null, total: 0 })
    await expect(auditLog('ws_1', '', 'key.created', 2, 25)).resolves.toEqual({ items: [], total: 0 })
    expect(KeysAPI.Audit).toHaveBeenCalledWith('ws_1', '', 'key.created', 2, 25)
  })

  it('sends the new workspace order', async () => {
    WorkspacesAPI.Reorder.mockResolvedValue(undefined)
    await reorderWorkspaces(['ws_local', 'ws_b', 'ws_a'])
    expect(WorkspacesAPI.Reorder).toHaveBeenCalledWith(['ws_local', 'ws_b', 'ws_a'])
  })

  it('reads a null list from Go as empty', async () => {
    KeysAPI.List.mockResolvedValue(null)
    await expect(listKeys('ws_1')).resolves.toEqual([])
  })

  it('rejects with an ApiError carrying the backend code', async () => {
    KeysAPI.List.mockRejectedValue({ code: 'not_found', message: 'workspace ws_9 not found' })
    const err = await listKeys('ws_9').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ code: 'not_found', message: 'workspace ws_9 not found' })
  })

  it('keeps the field an invalid_input error is about', async () => {
    KeysAPI.List.mockRejectedValue({ code: 'invalid_input', message: 'must be https', field: 'serverUrl' })
    await expect(listKeys('ws_1')).rejects.toMatchObject({ code: 'invalid_input', field: 'serverUrl' })
  })

  it('rejects with an ApiError when the bindings are missing', async () => {
    delete w.go
    await expect(listKeys('ws_1')).rejects.toBeInstanceOf(ApiError)
  })
})

describe('onEvent', () => {
  it('registers one runtime listener per event and fans out until unsubscribed', () => {
    const handlers = new Map<string, (payload: unknown) => void>()
    const EventsOnMultiple = vi.fn((name: string, cb: (payload: unknown) => void) => {
      handlers.set(name, cb)
    })
    w.runtime = { EventsOnMultiple }

    const a = vi.fn()
    const b = vi.fn()
    const offA = onEvent('sync:done', a)
    const offB = onEvent('sync:done', b)
    expect(EventsOnMultiple).toHaveBeenCalledTimes(1)

    handlers.get('sync:done')!({ workspaceId: 'ws_1' })
    expect(a).toHaveBeenCalledWith({ workspaceId: 'ws_1' })
    expect(b).toHaveBeenCalledWith({ workspaceId: 'ws_1' })

    offA()
    handlers.get('sync:done')!({ workspaceId: 'ws_2' })
    expect(a).toHaveBeenCalledTimes(1)
    expect(b).toHaveBeenCalledTimes(2)
    offB()
    delete w.runtime
  })
})
