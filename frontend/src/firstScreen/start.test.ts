import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Boot } from '../app/boot'
import { FIRST_KEYS } from '../features/keys/tableLayout'
import { makeKey, makeWorkspace } from '../test/fixtures'
import { startPage } from './start'

function bootWithKeys(): Boot {
  return {
    workspaces: [makeWorkspace({ id: 'wsl_1', keyCount: 1 })],
    firstKeys: { workspaceId: 'wsl_1', limit: FIRST_KEYS, page: { keys: [makeKey()], total: 1 }, profiles: [] },
  }
}

beforeEach(() => {
  document.body.innerHTML = '<div id="root"></div>'
})

afterEach(() => {
  window.__KEYDESK_BOOT__ = undefined
  document.body.innerHTML = ''
})

const root = () => document.getElementById('root')!

describe('startPage', () => {
  it('paints the first screen, covered and inert, then loads the app', async () => {
    window.__KEYDESK_BOOT__ = bootWithKeys()
    const loadApp = vi.fn(async () => {})
    startPage(window, loadApp)
    expect(root().querySelector('[inert] [data-testid="key-row"]')).not.toBeNull()
    expect(root().querySelector<HTMLElement>('[data-testid="first-screen-cover"]')!.style.cursor).toBe('progress')
    // After the first screen's paint, not before it.
    expect(loadApp).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(loadApp).toHaveBeenCalledOnce())
  })

  it('loads the app at once without boot data', () => {
    const loadApp = vi.fn(async () => {})
    startPage(window, loadApp)
    expect(loadApp).toHaveBeenCalledOnce()
    expect(root().childElementCount).toBe(0)
  })

  it('says the app could not load instead of leaving a screen that never answers', async () => {
    window.__KEYDESK_BOOT__ = bootWithKeys()
    startPage(window, () => Promise.reject(new Error('Failed to fetch dynamically imported module: /assets/main-x.js')))
    const alert = await vi.waitFor(() => {
      const el = root().querySelector('[data-testid="start-failed"]')
      expect(el).not.toBeNull()
      return el!
    })
    expect(alert.textContent).toContain('Keydesk could not load its window')
    expect(alert.textContent).toContain('main-x.js')
    expect(root().querySelector('[inert]')).toBeNull()
    expect(root().querySelector('[data-testid="first-screen-cover"]')).toBeNull()
    expect(alert.querySelector('button')!.textContent).toBe('Reload')
  })
})
