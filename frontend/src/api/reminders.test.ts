import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { getNotificationStatus } from '.'

// Stands in for the Go side, as api.test.ts does: window.go as Wails (or the web bridge) injects it.
type AnyFn = (...args: unknown[]) => unknown
const w = window as unknown as { go?: unknown }

describe('reminder bindings', () => {
  const RemindersAPI = { NotificationStatus: vi.fn<AnyFn>() }
  beforeEach(() => {
    w.go = { app: { RemindersAPI } }
  })
  afterEach(() => {
    delete w.go
  })

  it('asks RemindersAPI.NotificationStatus whether desktop notifications can be shown', async () => {
    RemindersAPI.NotificationStatus.mockResolvedValue({ unavailable: true, failedAt: '2026-06-15T12:00:00Z' })
    await expect(getNotificationStatus()).resolves.toEqual({ unavailable: true, failedAt: '2026-06-15T12:00:00Z' })
  })
})
