import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, createKey, listKeys, onEvent } from '.'

// These tests stand in for the Go side: they install the window.go and
// window.runtime objects that Wails injects, and check what src/api sends.
type AnyFn = (...args: unknown[]) => unknown
const w = window as unknown as { go?: unknown; runtime?: unknown }

describe('bindings', () => {
  const KeysAPI = { List: vi.fn<AnyFn>(), Create: vi.fn<AnyFn>(), Delete: vi.fn<AnyFn>() }
  beforeEach(() => {
    w.go = { app: { KeysAPI } }
  })
  afterEach(() => {
    delete w.go
  })

  it('sends expiresInDays: null for a key that never expires', async () => {
    KeysAPI.Create.mockResolvedValue({ key: { id: 'key_1' }, secret: 's' })
    await createKey('ws_1', { name: 'n', role: 'api', expiresInDays: null })
    const [workspaceId, req] = KeysAPI.Create.mock.calls[0]
    expect(workspaceId).toBe('ws_1')
    expect(JSON.parse(JSON.stringify(req))).toEqual({ name: 'n', role: 'api', expiresInDays: null })
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
