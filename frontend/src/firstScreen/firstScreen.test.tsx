import { render } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../api'
import type { Key } from '../api'
import { App } from '../app/App'
import { seedFromBoot, type Boot } from '../app/boot'
import { Providers } from '../app/Providers'
import { createQueryClient } from '../app/queryClient'
import { HIDDEN_COLUMNS_KEY, hiddenColumns } from '../features/keys/columns'
import { FIRST_KEYS } from '../features/keys/tableLayout'
import { iso, makeKey, makeProfile, makeWorkspace } from '../test/fixtures'
import { renderFirstScreen, type FirstScreenContext } from './firstScreen'
import { themeStyles } from './themeStyles'

// The page as React's first commit with rows left it: the key table marks that
// commit (markFirstPaint); later renders measure rows, which jsdom cannot lay out.
const firstCommit = vi.hoisted(() => ({ html: '' }))
vi.mock('../features/keys/perfMarks', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../features/keys/perfMarks')>()),
  markFirstPaint: () => {
    firstCommit.html ||= document.querySelector('[data-testid="app-root"]')!.innerHTML
  },
}))

vi.mock('../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../api')>()),
  ...(await import('../test/apiMocks')).apiMocks(),
}))

const NOW = Date.UTC(2026, 11, 6, 12, 0, 0)
const MIN = 60_000
const DAY = 86_400_000

/** Keys covering every way a row can look, then plain ones up to FIRST_KEYS. */
function bootKeys(): Key[] {
  const special: Partial<Key>[] = [
    { id: 'key_own', name: 'Keydesk desktop', role: 'admin', own: true, expiresAt: undefined, lastUsedAt: iso(NOW - 3 * MIN) },
    { id: 'key_remembered', name: 'billing <prod> & "eu"', remembered: true, profileId: 'prof_billing' },
    { id: 'key_rotating', name: 'old billing', rotating: true, autoRevoke: true, revokesAt: iso(NOW + 5 * DAY) },
    { id: 'key_kept', name: 'old search', rotating: true, autoRevoke: false },
    { id: 'key_successor', name: 'old billing', rotatedFrom: 'key_rotating' },
    { id: 'key_expired', name: 'expired one', status: 'expired', expiresAt: iso(NOW - 2 * DAY) },
    { id: 'key_disabled', name: 'disabled one', status: 'inactive', enabled: false, role: 'member' },
    { id: 'key_soon', name: 'soon', expiresAt: iso(NOW + 3 * DAY), lastUsedAt: iso(NOW - 40 * DAY) },
    { id: 'key_long', name: 'a'.repeat(100), expiresAt: iso(NOW + 800 * DAY) },
  ]
  const keys = special.map((o, i) => makeKey({ maskedKey: `kd_S${i}AA…aaa${i}`, ...o }))
  for (let i = keys.length; i < FIRST_KEYS; i++) {
    keys.push(makeKey({ id: `key_${String(i).padStart(4, '0')}`, name: `service-${i}`, maskedKey: `kd_${i}xx…yy${i}`, createdAt: iso(NOW - i * DAY) }))
  }
  return keys
}

function boot(): Boot {
  return {
    workspaces: [
      makeWorkspace({ id: 'wsl_1', keyCount: 12_345, lastSyncedAt: iso(NOW - 5 * MIN) }),
      makeWorkspace({ id: 'wsr_1', name: 'Acme Production', kind: 'remote', serverUrl: 'https://keys.acme.example', keyCount: 4 }),
    ],
    firstKeys: { workspaceId: 'wsl_1', limit: FIRST_KEYS, page: { keys: bootKeys(), total: 12_345 }, profiles: [makeProfile({ id: 'prof_billing', name: 'Billing <EU>' })] },
  }
}

const pending = () => new Promise<never>(() => {})

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] })
  // React's first render: everything but the boot data still on its way.
  for (const fn of [api.listKeys, api.listProfiles, api.listReminders, api.cleanupCounts, api.getSettings, api.listWorkspaces, api.listFirstKeys]) {
    vi.mocked(fn).mockImplementation(pending)
  }
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

/** What may differ: generated IDs, measured positions, a transient flag. */
const IGNORED_ATTRIBUTES = ['id', 'for', 'name', 'aria-controls', 'aria-labelledby', 'aria-describedby', 'data-resizing', 'data-initialized']

/** Markup made comparable: one tag a line, attributes and style declarations in order. */
function normalize(root: Element): string {
  root.querySelectorAll('.mantine-SegmentedControl-indicator').forEach((e) => e.remove())
  const lines: string[] = []
  const walk = (node: Node, depth: number) => {
    const pad = '  '.repeat(depth)
    if (node.nodeType === Node.TEXT_NODE) {
      const text = (node.textContent ?? '').replace(/__m__-[\w-]+|kd-first-search/g, 'RESPONSIVE')
      if (text) lines.push(pad + JSON.stringify(text))
      return
    }
    if (!(node instanceof Element)) return
    const attrs = [...node.attributes]
      .filter((a) => !IGNORED_ATTRIBUTES.includes(a.name))
      .map((a) => {
        let value = a.value
        if (a.name === 'style') value = value.split(';').map((d) => d.trim()).filter(Boolean).sort().join('; ')
        if (a.name === 'class') value = value.replace(/__m__-[\w-]+|kd-first-search/g, 'RESPONSIVE')
        return `${a.name}="${value}"`
      })
      .sort()
    lines.push(`${pad}<${node.localName}${attrs.length ? ' ' + attrs.join(' ') : ''}>`)
    node.childNodes.forEach((child) => walk(child, depth + 1))
  }
  root.childNodes.forEach((child) => walk(child, 0))
  return lines.join('\n')
}

function context(): FirstScreenContext {
  return { now: NOW, windowHeight: window.innerHeight, mac: false, themeCss: themeStyles(navigator.userAgent), hiddenColumns: [] }
}

describe('renderFirstScreen', () => {
  /** React's first commit with rows, for the boot data. */
  function reactFirstCommit(data: Boot): HTMLElement {
    const win = { __KEYDESK_BOOT__: structuredClone(data) } as unknown as Window
    const queryClient = createQueryClient()
    seedFromBoot(queryClient, win)
    firstCommit.html = ''
    const container = document.createElement('div')
    container.dataset.testid = 'app-root'
    document.body.appendChild(container)
    render(
      <Providers queryClient={queryClient}>
        <App />
      </Providers>,
      { container },
    )
    const react = document.createElement('div')
    react.innerHTML = firstCommit.html
    return react
  }

  function firstScreen(data: Boot): HTMLElement {
    const html = renderFirstScreen(data, context(), false)
    expect(html).toBeDefined()
    const first = document.createElement('div')
    first.innerHTML = html!
    return first
  }

  it('renders what React’s first render shows, element for element', () => {
    const data = boot()
    const react = reactFirstCommit(data)
    // The rows compared include every kind.
    expect(react.querySelector('[data-key-id="key_remembered"]')!.textContent).toContain('Billing <EU>')
    for (const id of ['key_own', 'key_remembered', 'key_rotating', 'key_kept', 'key_successor', 'key_expired', 'key_disabled', 'key_soon', 'key_long']) {
      expect(react.querySelector(`[data-key-id="${id}"]`)).not.toBeNull()
    }
    expect(react.querySelector('[data-key-id="key_successor"] [data-testid="key-successor"]')).toHaveTextContent('new key of the rotation')
    expect(normalize(firstScreen(data))).toBe(normalize(react))
  })

  it('leaves out the columns the user hid, as the table does', () => {
    const data = boot()
    const hidden = ['id', 'role', 'enabled'] as const
    localStorage.setItem(HIDDEN_COLUMNS_KEY, JSON.stringify(hidden))
    try {
      const react = reactFirstCommit(data)
      const first = document.createElement('div')
      first.innerHTML = renderFirstScreen(data, { ...context(), hiddenColumns: [...hidden] }, false)!
      const headings = [...first.querySelectorAll('th')].map((th) => th.textContent)
      expect(headings).toEqual(['Name', 'Key', 'Status', 'Expires', 'Last used', 'Profile', 'Created', 'Actions'])
      expect(first.querySelector('[data-key-id="key_own"]')!.children).toHaveLength(8)
      expect(normalize(first)).toBe(normalize(react))
    } finally {
      localStorage.removeItem(HIDDEN_COLUMNS_KEY)
    }
  })

  it('leaves out the columns that do not fit the window, as the table does, until the user chooses', () => {
    const data = boot()
    window.innerWidth = 1280
    try {
      const react = reactFirstCommit(data)
      const first = document.createElement('div')
      first.innerHTML = renderFirstScreen(data, { ...context(), hiddenColumns: hiddenColumns(null, window.innerWidth) }, false)!
      const headings = [...first.querySelectorAll('th')].map((th) => th.textContent)
      expect(headings).toEqual(['Name', 'Key', 'Status', 'Expires', 'Last used', 'Profile', 'Actions'])
      expect(normalize(first)).toBe(normalize(react))
    } finally {
      window.innerWidth = 1920
    }
  })

  it('shows profile IDs like the table when the boot data has no profiles', () => {
    const data = boot()
    delete data.firstKeys!.profiles
    expect(normalize(firstScreen(data))).toBe(normalize(reactFirstCommit(data)))
  })

  it('lists the workspaces as the sidebar does, Local first', () => {
    const data = boot()
    data.workspaces!.reverse()
    const react = reactFirstCommit(data)
    expect(react.querySelector('[data-testid="workspace-item"]')!.getAttribute('data-workspace-id')).toBe('wsl_1')
    expect(normalize(firstScreen(data))).toBe(normalize(react))
  })

  it('renders the whole table when the boot data holds every key', () => {
    const data = boot()
    data.firstKeys!.page.keys = data.firstKeys!.page.keys!.slice(0, 12)
    data.firstKeys!.page.total = 12
    data.workspaces![0].keyCount = 12
    const react = reactFirstCommit(data)
    expect(react.querySelector('fieldset[disabled]')).toBeNull()
    expect(react.querySelectorAll('[data-testid="key-row"]')).toHaveLength(12)
    expect(normalize(firstScreen(data))).toBe(normalize(react))
  })

  it('tells screen readers the table is sorted newest first', () => {
    const headers = [...firstScreen(boot()).querySelectorAll('th')]
    const sortOf = (th: Element) => th.getAttribute('aria-sort')
    expect(headers.map((th) => th.textContent)).toContain('Created')
    for (const th of headers) {
      if (th.textContent === 'Created') expect(sortOf(th)).toBe('descending')
      // A sort button; the row menus' column holds the Columns menu's instead.
      else if (th.querySelector('button:not([aria-haspopup])')) expect(sortOf(th)).toBe('none')
      else expect(sortOf(th)).toBeNull()
    }
  })

  it('opens the workspace shown last, as the app does: leaves another than the boot data’s to React', () => {
    const ctx = context()
    expect(renderFirstScreen(boot(), { ...ctx, lastWorkspaceId: 'wsr_1' }, false)).toBeUndefined()
    expect(renderFirstScreen(boot(), { ...ctx, lastWorkspaceId: 'wsl_1' }, false)).toBeDefined()
    // One that is gone: the first, as the app falls back to.
    expect(renderFirstScreen(boot(), { ...ctx, lastWorkspaceId: 'wsl_gone' }, false)).toBe(renderFirstScreen(boot(), ctx, false))
  })

  it('escapes what users typed', () => {
    const html = renderFirstScreen(boot(), context(), false)!
    expect(html).toContain('billing &lt;prod&gt; &amp; &quot;eu&quot;')
    expect(html).not.toContain('<prod>')
  })

  it('leaves to React what it does not show from the boot data', () => {
    const ctx = context()
    expect(renderFirstScreen(null, ctx, false)).toBeUndefined()
    expect(renderFirstScreen({ workspaces: boot().workspaces }, ctx, false)).toBeUndefined()
    const other = boot()
    other.firstKeys!.workspaceId = 'wsr_1'
    expect(renderFirstScreen(other, ctx, false)).toBeUndefined()
    const empty = boot()
    empty.firstKeys!.page = { keys: null, total: 0 }
    expect(renderFirstScreen(empty, ctx, false)).toBeUndefined()
    const readOnly = boot()
    readOnly.workspaces![0].canManage = false
    expect(renderFirstScreen(readOnly, ctx, false)).toBeUndefined()
  })
})
