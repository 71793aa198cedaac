import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { useState } from 'react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../../api'
import { ApiError } from '../../api'
import { DAYS, iso, makeKey, makeProfile, makeWorkspace } from '../../test/fixtures'
import { renderWithProviders } from '../../test/render'
import { formatDate, toDateInputValue } from '../../lib/time'
import { SearchBox } from '../search/SearchBox'
import { KeysPanel, type KeyFocus } from './KeysPanel'

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  ...(await import('../../test/apiMocks')).apiMocks(),
}))

const workspace = makeWorkspace()
const now = Date.now()
const keys = [
  makeKey({ id: 'key_c', name: 'charlie', maskedKey: 'kd_Cccc…cc01', status: 'active', createdAt: iso(now - 1 * DAYS) }),
  makeKey({ id: 'key_a', name: 'Alpha', maskedKey: 'kd_Aaaa…aa02', status: 'expired', createdAt: iso(now - 3 * DAYS), expiresAt: iso(now - DAYS) }),
  makeKey({ id: 'key_b', name: 'bravo', maskedKey: 'kd_Bbbb…bb03', status: 'inactive', enabled: false, createdAt: iso(now - 2 * DAYS), expiresAt: undefined }),
]

const rowIds = () => screen.getAllByTestId('key-row').map((row) => row.getAttribute('data-key-id'))
const rowOf = (id: string) => screen.getAllByTestId('key-row').find((row) => row.getAttribute('data-key-id') === id)!

/** Opens a row's ⋯ menu and picks an item by its testid. */
async function pickFromMenu(user: ReturnType<typeof renderWithProviders>['user'], keyId: string, testId: string) {
  await user.click(within(rowOf(keyId)).getByTestId('key-menu'))
  await user.click(await screen.findByTestId(testId))
}

beforeEach(() => {
  vi.mocked(api.listKeys).mockResolvedValue(keys)
  vi.mocked(api.listWorkspaces).mockResolvedValue([workspace])
})

describe('keys table', () => {
  it('shows masked keys, ids and statuses, newest first', async () => {
    renderWithProviders(<KeysPanel workspace={workspace} />)

    expect(await screen.findAllByTestId('key-row')).toHaveLength(3)
    expect(api.listKeys).toHaveBeenCalledWith('ws_local')
    expect(rowIds()).toEqual(['key_c', 'key_b', 'key_a'])

    const alpha = within(rowOf('key_a'))
    expect(alpha.getByText('kd_Aaaa…aa02')).toBeInTheDocument()
    expect(alpha.getByText('key_a')).toBeInTheDocument()
    expect(alpha.getByTestId('key-status')).toHaveTextContent('Expired')
    expect(within(rowOf('key_b')).getByTestId('key-status')).toHaveTextContent('Inactive')
    expect(within(rowOf('key_c')).getByTestId('key-status')).toHaveTextContent('Active')
    // bravo never expires and nothing has used any key yet
    expect(within(rowOf('key_b')).getAllByText('never')).toHaveLength(2)
    expect(within(rowOf('key_c')).getByText('in 30 days')).toBeInTheDocument()
    expect(screen.getByTestId('key-count')).toHaveTextContent('3 keys')
    // Named for a screen reader's list of tables.
    expect(screen.getByRole('table', { name: 'API keys' })).toBe(screen.getByTestId('keys-table'))
  })

  it('paints the newest keys first while the whole list loads, then sorts and filters all of them', async () => {
    let resolveAll: (all: api.Key[]) => void = () => {}
    vi.mocked(api.listKeys).mockImplementation(() => new Promise((resolve) => (resolveAll = resolve)))
    vi.mocked(api.listFirstKeys).mockResolvedValue({ keys: [keys[0]], total: 3 })
    renderWithProviders(<KeysPanel workspace={workspace} />)

    expect(await screen.findAllByTestId('key-row')).toHaveLength(1)
    expect(api.listFirstKeys).toHaveBeenCalledWith('ws_local', 100)
    // The whole list is asked for once the top rows are on screen.
    await waitFor(() => expect(api.listKeys).toHaveBeenCalledWith('ws_local'))
    expect(vi.mocked(api.listFirstKeys).mock.invocationCallOrder[0]).toBeLessThan(
      vi.mocked(api.listKeys).mock.invocationCallOrder[0],
    )
    expect(screen.getByTestId('key-count')).toHaveTextContent('The newest 1 of 3 keys · loading the rest…')
    expect(screen.getByRole('button', { name: /Name/ })).toBeDisabled()
    expect(screen.getByRole('textbox', { name: 'Filter keys by name, key ID or key' })).toBeDisabled()

    resolveAll(keys)
    await waitFor(() => expect(screen.getAllByTestId('key-row')).toHaveLength(3))
    expect(screen.getByTestId('key-count')).toHaveTextContent('3 keys')
    expect(screen.getByRole('button', { name: /Name/ })).toBeEnabled()
    expect(screen.getByRole('textbox', { name: 'Filter keys by name, key ID or key' })).toBeEnabled()
  })

  it('waits for the whole list when the first rows are all there is', async () => {
    vi.mocked(api.listFirstKeys).mockResolvedValue({ keys, total: 3 })
    renderWithProviders(<KeysPanel workspace={workspace} />)
    expect(await screen.findAllByTestId('key-row')).toHaveLength(3)
    expect(screen.getByTestId('key-count')).toHaveTextContent('3 keys')
  })

  it('sorts by name when the header is clicked, then reverses', async () => {
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')

    await user.click(screen.getByRole('button', { name: /^name/i }))
    expect(rowIds()).toEqual(['key_a', 'key_b', 'key_c'])
    expect(screen.getByRole('columnheader', { name: /^name/i })).toHaveAttribute('aria-sort', 'ascending')

    await user.click(screen.getByRole('button', { name: /^name/i }))
    expect(rowIds()).toEqual(['key_c', 'key_b', 'key_a'])
  })

  it('tells screen readers which column the table is sorted by, and which way', async () => {
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')
    const header = (name: RegExp) => screen.getByRole('columnheader', { name })
    const sortable = [/^name/i, /^key$/i, /^status/i, /^expires/i, /^last used/i, /^enabled/i, /^role/i, /^profile/i, /^key id/i]

    // Newest first to start with.
    expect(header(/^created/i)).toHaveAttribute('aria-sort', 'descending')
    for (const name of sortable) expect(header(name)).toHaveAttribute('aria-sort', 'none')
    // The menu column does not sort: it says nothing about order.
    expect(header(/^actions$/i)).not.toHaveAttribute('aria-sort')

    await user.click(screen.getByRole('button', { name: /^name/i }))
    expect(header(/^name/i)).toHaveAttribute('aria-sort', 'ascending')
    expect(header(/^created/i)).toHaveAttribute('aria-sort', 'none')
    await user.click(screen.getByRole('button', { name: /^name/i }))
    expect(header(/^name/i)).toHaveAttribute('aria-sort', 'descending')
  })

  it('hides and shows columns from the Columns menu, and keeps the choice', async () => {
    const { user, unmount } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')
    const headings = () => screen.getAllByRole('columnheader').map((th) => th.textContent)
    expect(headings()).toContain('Key ID')

    await user.click(screen.getByTestId('columns-menu'))
    const idToggle = await screen.findByTestId('column-toggle-id')
    expect(idToggle).toHaveAttribute('aria-checked', 'true')
    expect(idToggle).toHaveAttribute('role', 'menuitemcheckbox')
    await user.click(idToggle)
    await user.click(screen.getByTestId('column-toggle-role'))
    expect(headings()).not.toContain('Key ID')
    expect(headings()).not.toContain('Role')
    expect(within(rowOf('key_a')).queryByText('key_a')).toBeNull()
    expect(rowOf('key_a').children).toHaveLength(9)
    expect(screen.getByTestId('column-toggle-id')).toHaveAttribute('aria-checked', 'false')
    // The menu stays open for the next choice; the name cannot be hidden.
    expect(screen.queryByTestId('column-toggle-name')).toBeNull()
    expect(localStorage.getItem('keydesk-hidden-columns')).toBe('["role","id"]')

    // Sorted by a column that gets hidden: back to newest first, which the Created header shows.
    await user.keyboard('{Escape}')
    await user.click(screen.getByRole('button', { name: /^Name/ }))
    expect(rowIds()).toEqual(['key_a', 'key_b', 'key_c'])
    await user.click(screen.getByTestId('columns-menu'))
    await user.click(await screen.findByTestId('column-toggle-maskedKey'))
    expect(rowIds()).toEqual(['key_a', 'key_b', 'key_c'])
    await user.click(screen.getByTestId('column-toggle-createdAt'))
    expect(localStorage.getItem('keydesk-hidden-columns')).toBe('["maskedKey","role","id","createdAt"]')
    await user.click(screen.getByTestId('column-toggle-createdAt'))
    await user.keyboard('{Escape}')
    await user.click(screen.getByRole('button', { name: /^Expires/ }))
    expect(rowIds()).toEqual(['key_a', 'key_c', 'key_b'])
    await user.click(screen.getByTestId('columns-menu'))
    await user.click(await screen.findByTestId('column-toggle-expiresAt'))
    await waitFor(() => expect(rowIds()).toEqual(['key_c', 'key_b', 'key_a']))
    expect(screen.getByRole('columnheader', { name: /Created/ })).toHaveAttribute('aria-sort', 'descending')
    await user.click(screen.getByTestId('column-toggle-expiresAt'))
    await user.click(screen.getByTestId('column-toggle-maskedKey'))

    // Kept for the next start (and for the first screen, which reads it too).
    unmount()
    renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')
    expect(headings()).not.toContain('Key ID')
    await user.click(screen.getByTestId('columns-menu'))
    await user.click(await screen.findByTestId('columns-show-all'))
    expect(headings()).toContain('Key ID')
    expect(within(rowOf('key_a')).getByText('key_a')).toBeInTheDocument()
    expect(localStorage.getItem('keydesk-hidden-columns')).toBe('[]')
  })

  it('shows the columns that fit the window until the user chooses, and again after Fit to window', async () => {
    const resize = (width: number) =>
      act(() => {
        window.innerWidth = width
        window.dispatchEvent(new Event('resize'))
      })
    resize(1280)
    try {
      const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
      await screen.findAllByTestId('key-row')
      const headings = () => screen.getAllByRole('columnheader').map((th) => th.textContent)
      expect(headings()).toEqual(['Name', 'Key', 'Status', 'Expires', 'Last used', 'Profile', 'Actions'])
      expect(rowOf('key_a').children).toHaveLength(7)

      // A wider window has room for every column; a narrower one for fewer.
      resize(1920)
      expect(headings()).toEqual(['Name', 'Key', 'Status', 'Expires', 'Last used', 'Enabled', 'Role', 'Profile', 'Key ID', 'Created', 'Actions'])
      resize(1280)
      expect(headings()).not.toContain('Created')
      // No header shows the table's own order (by Created): the count says it.
      expect(screen.getByTestId('key-count')).toHaveTextContent('3 keys · newest first')
      await user.click(screen.getByRole('button', { name: /^name/i }))
      expect(screen.getByTestId('key-count')).toHaveTextContent(/^3 keys$/)
      await user.click(screen.getByRole('button', { name: /^name/i }))
      await user.click(screen.getByRole('button', { name: /^name/i }))

      // Fitted, the menu shows the hidden ones unticked and offers nothing to go back to.
      await user.click(screen.getByTestId('columns-menu'))
      expect(await screen.findByTestId('column-toggle-createdAt')).toHaveAttribute('aria-checked', 'false')
      expect(screen.getByTestId('column-toggle-profile')).toHaveAttribute('aria-checked', 'true')
      expect(screen.queryByTestId('columns-fit')).toBeNull()
      expect(localStorage.getItem('keydesk-hidden-columns')).toBeNull()

      // A choice sticks, whatever the window's width.
      await user.click(screen.getByTestId('column-toggle-createdAt'))
      expect(localStorage.getItem('keydesk-hidden-columns')).toBe('["enabled","role","id"]')
      expect(headings()).toContain('Created')
      resize(1920)
      expect(headings()).not.toContain('Key ID')
      resize(1280)
      expect(headings()).toContain('Created')

      await user.click(screen.getByTestId('columns-fit'))
      expect(localStorage.getItem('keydesk-hidden-columns')).toBeNull()
      expect(headings()).not.toContain('Created')
      expect(screen.queryByTestId('columns-fit')).toBeNull()
    } finally {
      resize(1920)
    }
  })

  it('keeps an open menu and the cells (and a focus in them) as they are when the minute changes, and updates the times', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setInterval', 'clearInterval', 'Date'] })
    try {
      vi.mocked(api.listKeys).mockResolvedValue([...keys, makeKey({ id: 'key_used', name: 'used', lastUsedAt: iso(Date.now() - 30_000) })])
      const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
      await screen.findAllByTestId('key-row')
      // Name, Key, Status, Expires, Last used.
      const lastUsed = () => rowOf('key_used').children[4].textContent
      const before = lastUsed()
      const status = within(rowOf('key_a')).getByTestId('key-status')

      const menuButton = within(rowOf('key_a')).getByTestId('key-menu')
      await user.click(screen.getByTestId('columns-menu'))
      await screen.findByTestId('columns-menu-dropdown')
      act(() => {
        vi.advanceTimersByTime(61_000)
      })

      // The same elements, not new ones: nothing was remounted, nothing closed.
      expect(within(rowOf('key_a')).getByTestId('key-status')).toBe(status)
      expect(within(rowOf('key_a')).getByTestId('key-menu')).toBe(menuButton)
      expect(screen.getByTestId('columns-menu-dropdown')).toBeInTheDocument()
      // …and the times moved on.
      await waitFor(() => expect(lastUsed()).not.toBe(before))
    } finally {
      vi.useRealTimers()
    }
  })

  it('sorts names with accents among the others', async () => {
    vi.mocked(api.listKeys).mockResolvedValue([
      ...keys,
      makeKey({ id: 'key_z', name: 'zulu' }),
      makeKey({ id: 'key_e', name: 'Écho' }),
      makeKey({ id: 'key_d', name: 'delta' }),
    ])
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')

    await user.click(screen.getByRole('button', { name: /^name/i }))
    expect(rowIds()).toEqual(['key_a', 'key_b', 'key_c', 'key_d', 'key_e', 'key_z'])
  })

  it('sorts keys that never expire after the others', async () => {
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')

    await user.click(screen.getByRole('button', { name: /^expires/i }))
    expect(rowIds()).toEqual(['key_a', 'key_c', 'key_b'])
  })

  it('sorts by every column, the profile by its name', async () => {
    vi.mocked(api.listProfiles).mockResolvedValue([
      makeProfile({ id: 'prof_z', name: 'Zeta' }),
      makeProfile({ id: 'prof_a', name: 'Alpha team' }),
    ])
    vi.mocked(api.listKeys).mockResolvedValue([
      makeKey({ id: 'key_1', name: 'one', profileId: 'prof_z', role: 'admin' }),
      makeKey({ id: 'key_2', name: 'two', profileId: 'prof_a', role: 'api' }),
    ])
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await waitFor(() => expect(within(rowOf('key_1')).getByText('Zeta')).toBeInTheDocument())

    await user.click(screen.getByRole('button', { name: /^profile/i }))
    expect(rowIds()).toEqual(['key_2', 'key_1'])
    for (const name of [/^key id/i, /^key$/i, /^status/i, /^role/i, /^created/i, /^last used/i, /^enabled/i]) {
      expect(screen.getByRole('button', { name })).toBeInTheDocument()
    }
  })

  it('does not ask an offline server for the clean-up counts, and says why Create and Clean up wait for it', async () => {
    const offline = makeWorkspace({ id: 'ws_acme', kind: 'remote', online: false, offlineSince: iso(now - 60_000), syncProblem: 'offline' })
    vi.mocked(api.listKeys).mockResolvedValue([makeKey({ id: 'key_on', name: 'on' }), makeKey({ id: 'key_off', name: 'off', enabled: false, status: 'inactive' })])
    const { user } = renderWithProviders(<KeysPanel workspace={offline} />)
    await screen.findAllByTestId('key-row')
    expect(api.cleanupCounts).not.toHaveBeenCalled()

    // Clean up counts from the cache (as it would online), Create shows: both disabled, saying why.
    const cleanup = screen.getByTestId('cleanup-button')
    expect(cleanup).toHaveTextContent('Clean up (1)')
    for (const button of [cleanup, screen.getByTestId('create-key-button')]) {
      expect(button).toHaveAttribute('data-disabled', 'true')
      await user.click(button)
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    }
    await user.hover(screen.getByTestId('create-key-button'))
    expect(await screen.findByRole('tooltip')).toHaveTextContent('can’t be reached right now, and this needs it')
  })

  it('offline, a row’s menu and switch offer only what stays on this computer, saying once why', async () => {
    const offline = makeWorkspace({ id: 'ws_acme', kind: 'remote', online: false, offlineSince: iso(now - 60_000), syncProblem: 'offline' })
    vi.mocked(api.listKeys).mockResolvedValue([makeKey({ id: 'key_on', name: 'on' })])
    const { user } = renderWithProviders(<KeysPanel workspace={offline} />)
    await screen.findAllByTestId('key-row')
    expect(within(rowOf('key_on')).getByTestId('key-enabled-switch')).toBeDisabled()

    await user.click(within(rowOf('key_on')).getByTestId('key-menu'))
    const menu = await screen.findByTestId('key-menu-dropdown')
    expect(within(menu).getAllByText(/can’t be reached right now/)).toHaveLength(1)
    for (const id of ['key-menu-edit', 'key-menu-toggle', 'key-menu-regenerate', 'key-menu-rotate', 'delete-key']) {
      expect(within(menu).getByTestId(id)).toBeDisabled()
    }
    for (const id of ['key-menu-details', 'key-menu-test', 'key-menu-remember']) {
      expect(within(menu).getByTestId(id)).toBeEnabled()
    }
    await user.click(within(menu).getByTestId('key-menu-toggle'))
    expect(api.updateKey).not.toHaveBeenCalled()
  })

  it('says why Create waits while the server refuses the workspace’s access key, and not for a sync that merely failed', async () => {
    vi.mocked(api.listKeys).mockResolvedValue([makeKey({ id: 'key_on', name: 'on' }), makeKey({ id: 'key_off', name: 'off', enabled: false, status: 'inactive' })])
    const refused = makeWorkspace({ id: 'ws_acme', kind: 'remote', online: true, syncProblem: 'accessKeyRejected' })
    const { user, unmount } = renderWithProviders(<KeysPanel workspace={refused} />)
    await screen.findAllByTestId('key-row')
    // Clean up is counted from the cache and waits too, as offline (the server is not asked).
    expect(screen.getByTestId('cleanup-button')).toHaveTextContent('Clean up (1)')
    expect(screen.getByTestId('cleanup-button')).toHaveAttribute('data-disabled', 'true')
    expect(api.cleanupCounts).not.toHaveBeenCalled()
    const create = screen.getByTestId('create-key-button')
    expect(create).toHaveAttribute('data-disabled', 'true')
    await user.hover(create)
    expect(await screen.findByRole('tooltip')).toHaveTextContent('can’t be used with its access key right now')
    unmount()

    renderWithProviders(<KeysPanel workspace={{ ...refused, syncProblem: 'failed' }} />)
    await screen.findAllByTestId('key-row')
    expect(screen.getByTestId('create-key-button')).not.toHaveAttribute('data-disabled')
  })

  it('shows an empty state with a create button when there are no keys', async () => {
    vi.mocked(api.listKeys).mockResolvedValue([])
    renderWithProviders(<KeysPanel workspace={workspace} />)

    expect(await screen.findByText('No API keys yet')).toBeInTheDocument()
    expect(screen.getByTestId('create-key-button')).toBeInTheDocument()
    expect(screen.queryByTestId('key-row')).not.toBeInTheDocument()
  })

  it('says when a key is rotating and until when, and which key is its new one', async () => {
    vi.mocked(api.listKeys).mockResolvedValue([
      makeKey({ id: 'key_old', name: 'old', rotating: true, autoRevoke: true, revokesAt: iso(now + 3 * DAYS + 60_000) }),
      makeKey({ id: 'key_kept', name: 'kept', rotating: true, autoRevoke: false, revokesAt: iso(now + 3 * DAYS) }),
      makeKey({ id: 'key_new', name: 'old', rotatedFrom: 'key_old' }),
      makeKey({ id: 'key_done', name: 'done', rotatedFrom: 'key_gone' }),
    ])
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')
    // Its new key, of the same name, says which it is; once the old key is gone, nothing.
    expect(within(rowOf('key_new')).getByTestId('key-successor')).toHaveTextContent('new key of the rotation')
    expect(within(rowOf('key_done')).queryByTestId('key-successor')).toBeNull()
    // Its details say it too, and the old key's name the key that replaced it.
    await pickFromMenu(user, 'key_new', 'key-menu-details')
    expect(within(await screen.findByTestId('key-drawer')).getByTestId('key-successor')).toHaveTextContent('new key of the rotation')
    await user.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByTestId('key-drawer')).not.toBeInTheDocument())
    await pickFromMenu(user, 'key_old', 'key-menu-details')
    const refs = within(await screen.findByTestId('key-drawer')).getAllByTestId('key-ref')
    expect(refs.map((r) => r.textContent)).toContain('old key_new')
    await user.keyboard('{Escape}')

    const old = within(rowOf('key_old'))
    expect(old.getByTestId('key-status')).toHaveTextContent('Rotating')
    expect(old.getByTestId('key-rotation')).toHaveTextContent('old key revoked in 3 days')
    expect(old.getByLabelText('Rotating — old key revoked in 3 days')).toBeInTheDocument()
    expect(within(rowOf('key_kept')).getByLabelText('Rotating — kept until disabled')).toBeInTheDocument()
  })

  it('gives the old key of a rotation the end of its overlap as its expiry, sorted by it and not marked red', async () => {
    vi.mocked(api.listKeys).mockResolvedValue([
      makeKey({ id: 'key_old', name: 'old', expiresAt: iso(now + 60 * DAYS + 60_000), rotating: true, autoRevoke: true, revokesAt: iso(now + 3 * DAYS + 60_000) }),
      makeKey({ id: 'key_kept', name: 'kept', expiresAt: iso(now + 90 * DAYS + 60_000), rotating: true, autoRevoke: false, revokesAt: iso(now + 3 * DAYS) }),
      makeKey({ id: 'key_plain', name: 'plain', expiresAt: iso(now + 30 * DAYS + 60_000) }),
    ])
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')
    const stops = within(rowOf('key_old')).getByText('in 3 days')
    expect(stops).not.toHaveAttribute('data-soon')
    expect(stops).toHaveAttribute('title', expect.stringContaining('at the end of the rotation overlap (its own expiry: '))
    // Kept until someone disables it: its own expiry stands.
    expect(within(rowOf('key_kept')).getByText('in 90 days')).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: /^expires/i }))
    expect(rowIds()).toEqual(['key_old', 'key_plain', 'key_kept'])
  })

  it('marks expiry within a week in red and shows remembered secrets and profiles', async () => {
    vi.mocked(api.listProfiles).mockResolvedValue([makeProfile()])
    vi.mocked(api.listKeys).mockResolvedValue([
      makeKey({ id: 'key_soon', expiresAt: iso(now + 3 * DAYS + 60_000), remembered: true, profileId: 'prof_billing' }),
      makeKey({ id: 'key_later', expiresAt: iso(now + 30 * DAYS + 60_000) }),
    ])
    renderWithProviders(<KeysPanel workspace={workspace} />)
    await waitFor(() => expect(within(rowOf('key_soon')).getByText('Billing')).toBeInTheDocument())

    expect(within(rowOf('key_soon')).getByText('in 3 days')).toHaveAttribute('data-soon', 'true')
    expect(within(rowOf('key_later')).getByText('in 30 days')).not.toHaveAttribute('data-soon')
    expect(within(rowOf('key_soon')).getByTestId('key-remembered')).toBeInTheDocument()
    expect(within(rowOf('key_later')).queryByTestId('key-remembered')).not.toBeInTheDocument()
  })
})

describe('filters', () => {
  it('filters by status, hides expired keys and searches name, id and key', async () => {
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')

    await user.click(within(screen.getByTestId('status-filter')).getByText('Expired'))
    expect(rowIds()).toEqual(['key_a'])
    expect(screen.getByTestId('key-count')).toHaveTextContent('1 of 3 keys')

    await user.click(within(screen.getByTestId('status-filter')).getByText('All'))
    await user.click(screen.getByTestId('hide-expired'))
    expect(rowIds()).toEqual(['key_c', 'key_b'])
    // Asking for the expired keys shows them, hidden or not; the switch says it does not apply.
    await user.click(within(screen.getByTestId('status-filter')).getByText('Expired'))
    expect(rowIds()).toEqual(['key_a'])
    expect(screen.getByTestId('hide-expired')).toBeDisabled()
    await user.click(within(screen.getByTestId('status-filter')).getByText('All'))
    expect(rowIds()).toEqual(['key_c', 'key_b'])

    await user.type(screen.getByTestId('key-filter-input'), 'bbbb')
    expect(rowIds()).toEqual(['key_b'])

    await user.click(screen.getByTestId('clear-filters'))
    expect(rowIds()).toEqual(['key_c', 'key_b', 'key_a'])
    expect(screen.getByTestId('hide-expired')).not.toBeChecked()
  })

  it('searches the key IDs while their column shows, and a pasted ID always', async () => {
    vi.mocked(api.listKeys).mockResolvedValue([...keys, makeKey({ id: 'key_9ZzZ', name: 'delta', maskedKey: 'kd_Dddd…dd04' })])
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')
    const input = screen.getByTestId('key-filter-input')

    await user.type(input, 'zzz')
    expect(rowIds()).toEqual(['key_9ZzZ'])
    await user.click(screen.getByTestId('columns-menu'))
    await user.click(await screen.findByTestId('column-toggle-id'))
    await user.keyboard('{Escape}')
    // Nothing in the row would say why it matched.
    expect(screen.getByTestId('keys-no-match')).toBeInTheDocument()
    await user.clear(input)
    await user.type(input, 'KEY_9zzz')
    expect(rowIds()).toEqual(['key_9ZzZ'])
  })

  it('keeps its sort and filters when the panel comes back (another tab showed meanwhile)', async () => {
    const first = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')
    await first.user.click(screen.getByRole('button', { name: /^Name/ }))
    await first.user.click(within(screen.getByTestId('status-filter')).getByText('Expired'))
    expect(rowIds()).toEqual(['key_a'])
    first.unmount()

    const again = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')
    expect(rowIds()).toEqual(['key_a'])
    await again.user.click(within(screen.getByTestId('status-filter')).getByText('All'))
    expect(rowIds()).toEqual(['key_a', 'key_b', 'key_c']) // by name, as left
    again.unmount()

    // Another workspace has its own.
    renderWithProviders(<KeysPanel workspace={{ ...workspace, id: 'ws_other' }} />)
    await screen.findAllByTestId('key-row')
    expect(rowIds()).toEqual(['key_c', 'key_b', 'key_a'])
  })

  it('searches ignoring accents, in the names and in what is typed', async () => {
    vi.mocked(api.listKeys).mockResolvedValue([...keys, makeKey({ id: 'key_e', name: 'Écho' }), makeKey({ id: 'key_r', name: 'Reseau' })])
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')
    const input = screen.getByTestId('key-filter-input')

    await user.type(input, 'echo')
    expect(rowIds()).toEqual(['key_e'])
    await user.clear(input)
    await user.type(input, 'RÉSEAU')
    expect(rowIds()).toEqual(['key_r'])
  })

  it('filters by role and profile, and says when nothing matches', async () => {
    vi.mocked(api.listProfiles).mockResolvedValue([makeProfile()])
    vi.mocked(api.listKeys).mockResolvedValue([
      makeKey({ id: 'key_admin', role: 'admin' }),
      makeKey({ id: 'key_bill', role: 'api', profileId: 'prof_billing' }),
    ])
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')

    await user.click(screen.getByTestId('role-filter'))
    await user.click(screen.getByRole('option', { name: 'Admin' }))
    expect(rowIds()).toEqual(['key_admin'])

    await user.click(screen.getByTestId('profile-filter'))
    await user.click(screen.getByRole('option', { name: 'Billing' }))
    expect(screen.queryAllByTestId('key-row')).toHaveLength(0)
    expect(screen.getByTestId('keys-no-match')).toHaveTextContent('No key matches these filters.')
  })
})

describe('enabled switch', () => {
  /** The server's answer to disabling key_c, and its list after. */
  const serverDisablesCharlie = () => {
    const disabled = { ...keys[0], enabled: false, status: 'inactive' }
    vi.mocked(api.updateKey).mockImplementation(async () => {
      vi.mocked(api.listKeys).mockResolvedValue([disabled, keys[1], keys[2]])
      return disabled
    })
  }

  it('disables a key through Update and flips at once', async () => {
    serverDisablesCharlie()
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')

    const toggle = within(rowOf('key_c')).getByTestId('key-enabled-switch')
    expect(toggle).toBeChecked()
    await user.click(toggle)

    expect(api.updateKey).toHaveBeenCalledWith('ws_local', 'key_c', { enabled: false })
    await waitFor(() => expect(within(rowOf('key_c')).getByTestId('key-enabled-switch')).not.toBeChecked())
    expect(await screen.findByText('Disabled “charlie”')).toBeInTheDocument()
    await waitFor(() => expect(within(rowOf('key_c')).getByTestId('key-status')).toHaveTextContent('Inactive'))
    // Flipping the switch doesn't open the key's details.
    expect(screen.queryByTestId('key-drawer')).not.toBeInTheDocument()
  })

  it('flips back and says why when the server refuses', async () => {
    vi.mocked(api.updateKey).mockRejectedValue(new ApiError('forbidden', 'This access key may not change keys.'))
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')

    await user.click(within(rowOf('key_b')).getByTestId('key-enabled-switch'))

    expect(api.updateKey).toHaveBeenCalledWith('ws_local', 'key_b', { enabled: true })
    expect(await screen.findByText('This access key may not change keys.')).toBeInTheDocument()
    await waitFor(() => expect(within(rowOf('key_b')).getByTestId('key-enabled-switch')).not.toBeChecked())
  })

  it('lets Ctrl K reach the search from a row’s ⋯ button and its switch, where dialogs give the focus back', async () => {
    const { user } = renderWithProviders(
      <>
        <KeysPanel workspace={workspace} />
        <SearchBox onPick={vi.fn()} />
      </>,
    )
    await screen.findAllByTestId('key-row')
    for (const control of [within(rowOf('key_c')).getByTestId('key-menu'), within(rowOf('key_c')).getByTestId('key-enabled-switch')]) {
      control.focus()
      await user.keyboard('{Control>}k{/Control}')
      expect(screen.getByTestId('search-input')).toHaveFocus()
    }
  })

  it('shows the key picked in the search in the details already open', async () => {
    function Harness() {
      const [focus, setFocus] = useState<KeyFocus | null>(null)
      return (
        <>
          <button onClick={() => setFocus({ keyId: 'key_b', at: Date.now() })}>pick bravo</button>
          <KeysPanel workspace={workspace} focus={focus} />
        </>
      )
    }
    const { user } = renderWithProviders(<Harness />)
    await screen.findAllByTestId('key-row')
    await pickFromMenu(user, 'key_c', 'key-menu-details')
    expect(await screen.findByTestId('key-drawer')).toHaveAttribute('data-key-id', 'key_c')
    // As the search does, from outside the panel (the drawer's overlay covers the rest).
    fireEvent.click(screen.getByText('pick bravo'))
    await waitFor(() => expect(screen.getByTestId('key-drawer')).toHaveAttribute('data-key-id', 'key_b'))
  })

  it('has a twin in the row’s menu, for a table without the Enabled column: Disable or Enable, in one click', async () => {
    serverDisablesCharlie()
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')

    await user.click(within(rowOf('key_c')).getByTestId('key-menu'))
    expect(screen.getByTestId('key-menu-toggle')).toHaveTextContent('Disable')
    await user.click(screen.getByTestId('key-menu-toggle'))
    expect(api.updateKey).toHaveBeenCalledWith('ws_local', 'key_c', { enabled: false })
    expect(await screen.findByText('Disabled “charlie”')).toBeInTheDocument()
    await waitFor(() => expect(within(rowOf('key_c')).getByTestId('key-status')).toHaveTextContent('Inactive'))
    expect(screen.queryByTestId('key-drawer')).not.toBeInTheDocument()

    // key_b is disabled: its menu enables it.
    await user.click(within(rowOf('key_b')).getByTestId('key-menu'))
    expect(screen.getByTestId('key-menu-toggle')).toHaveTextContent('Enable')
    await user.click(screen.getByTestId('key-menu-toggle'))
    expect(api.updateKey).toHaveBeenLastCalledWith('ws_local', 'key_b', { enabled: true })
  })
})

describe('member access key', () => {
  const member = makeWorkspace({ role: 'member', canManage: false })

  it('disables every management action and says why', async () => {
    const { user } = renderWithProviders(<KeysPanel workspace={member} />)
    await screen.findAllByTestId('key-row')

    const reason = 'Your access key for this workspace is a member key: it can only read.'
    expect(screen.getByTestId('read-only-notice')).toHaveTextContent(reason)

    const create = screen.getByTestId('create-key-button')
    expect(create).toHaveAttribute('data-disabled', 'true')
    await user.click(create)
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    await user.hover(create)
    expect(await screen.findByRole('tooltip')).toHaveTextContent(reason)

    // Something to clean up, but a member can't.
    const cleanup = screen.getByTestId('cleanup-button')
    expect(cleanup).toHaveAttribute('data-disabled', 'true')
    expect(api.cleanupCounts).not.toHaveBeenCalled()

    for (const toggle of screen.getAllByTestId('key-enabled-switch')) expect(toggle).toBeDisabled()

    await user.click(within(rowOf('key_c')).getByTestId('key-menu'))
    for (const id of ['key-menu-edit', 'key-menu-toggle', 'key-menu-regenerate', 'key-menu-rotate', 'delete-key']) {
      expect(screen.getByTestId(id)).toBeDisabled()
    }
    expect(screen.getByTestId('key-menu-details')).toBeEnabled()
    expect(screen.getByTestId('key-menu-dropdown')).toHaveTextContent(reason)

    // The details drawer: Delete is greyed out like the rest, not red as if it could be clicked.
    await user.click(screen.getByTestId('key-menu-details'))
    const drawer = await screen.findByTestId('key-drawer')
    const del = within(drawer).getByTestId('key-drawer-delete')
    expect(del).toHaveAttribute('data-disabled', 'true')
    expect(del.getAttribute('style') ?? '').not.toMatch(/red/)
  })

  it('leaves an admin the red Delete in the details drawer', async () => {
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')
    await user.click(within(rowOf('key_c')).getByTestId('key-menu'))
    await user.click(screen.getByTestId('key-menu-details'))
    const del = within(await screen.findByTestId('key-drawer')).getByTestId('key-drawer-delete')
    expect(del).not.toHaveAttribute('data-disabled')
    expect(del.getAttribute('style') ?? '').toMatch(/red/)
  })
})

describe('the key Keydesk itself uses', () => {
  it('is marked and never offered for delete, disable, regenerate, rotate or remembering', async () => {
    vi.mocked(api.listKeys).mockResolvedValue([makeKey({ id: 'key_own', name: 'Keydesk', own: true, role: 'admin' })])
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')

    expect(within(rowOf('key_own')).getByTestId('this-app-badge')).toHaveTextContent('This app')
    expect(within(rowOf('key_own')).getByTestId('key-enabled-switch')).toBeDisabled()

    await user.click(within(rowOf('key_own')).getByTestId('key-menu'))
    expect(screen.getByTestId('key-menu-edit')).toBeEnabled()
    // Disabling it would lock the app out of its workspace.
    expect(screen.getByTestId('key-menu-toggle')).toBeDisabled()
    expect(screen.getByTestId('key-menu-toggle-reason')).toHaveTextContent(/./)
    // Its secret is in the keychain already: the workspace's access key.
    for (const id of ['key-menu-regenerate', 'key-menu-rotate', 'delete-key', 'key-menu-remember', 'key-menu-forget']) {
      expect(screen.queryByTestId(id)).not.toBeInTheDocument()
    }
  })
})

describe('create dialog', () => {
  const secret = 'kd_S3cretValueThatIsShownOnlyOnce0000000000000abcdef'

  it('creates a key and shows the secret once, masked until revealed', async () => {
    const created = makeKey({ id: 'key_new', name: 'payments', maskedKey: 'kd_S3cr…cdef' })
    vi.mocked(api.createKey).mockResolvedValue({ key: created, secret })
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')

    await user.click(screen.getByTestId('create-key-button'))
    const dialog = screen.getByRole('dialog', { name: 'Create API key' })
    await user.type(within(dialog).getByTestId('key-name-input'), 'payments')
    await user.click(within(dialog).getByTestId('key-expiry-select'))
    await user.click(screen.getByRole('option', { name: 'Never' }))
    await user.click(within(dialog).getByTestId('create-key-submit'))

    expect(api.createKey).toHaveBeenCalledWith('ws_local', {
      name: 'payments',
      role: 'api',
      profileId: '',
      expiresInDays: null,
      expiryFromProfile: false,
    })
    expect(await screen.findByRole('dialog', { name: 'Save your API key' })).toBeInTheDocument()
    expect(screen.getByText('This key will not be shown again. Copy it now and store it safely.')).toBeInTheDocument()
    // What was made: its expiry too.
    expect(screen.getByTestId('key-summary-expiry')).toHaveTextContent(`Expires ${formatDate(created.expiresAt!)}`)

    const input = screen.getByTestId('secret-input')
    expect(input).toHaveValue(secret)
    expect(input).toHaveAttribute('type', 'password')
    expect(input).toHaveAttribute('readonly')

    await user.click(screen.getByTestId('reveal-secret'))
    expect(input).toHaveAttribute('type', 'text')

    await user.click(screen.getByTestId('copy-secret'))
    expect(await navigator.clipboard.readText()).toBe(secret)
    expect(screen.getByTestId('copy-secret')).toHaveTextContent('Copied')

    await user.click(screen.getByTestId('secret-done'))
    expect(screen.queryByTestId('secret-input')).not.toBeInTheDocument()
    expect(screen.queryByText(secret)).not.toBeInTheDocument()
    expect(api.rememberSecret).not.toHaveBeenCalled()

    // Opening the dialog again starts from an empty form, not the old secret.
    await user.click(screen.getByTestId('create-key-button'))
    expect(screen.getByTestId('key-name-input')).toHaveValue('')
    expect(screen.queryByTestId('secret-input')).not.toBeInTheDocument()
    expect(document.body.innerHTML).not.toContain(secret)
  })

  it('sends the default role and expiry and submits on Enter', async () => {
    vi.mocked(api.createKey).mockResolvedValue({ key: makeKey({ name: 'ci' }), secret })
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')

    await user.click(screen.getByTestId('create-key-button'))
    await user.type(screen.getByTestId('key-name-input'), 'ci{Enter}')

    expect(api.createKey).toHaveBeenCalledWith('ws_local', {
      name: 'ci',
      role: 'api',
      profileId: '',
      expiresInDays: 30,
      expiryFromProfile: false,
    })
    expect(await screen.findByTestId('secret-input')).toBeInTheDocument()
  })

  it('offers only the expiries the workspace allows, and says what they are', async () => {
    vi.mocked(api.createKey).mockResolvedValue({ key: makeKey({ name: 'billing' }), secret })
    const strict = makeWorkspace({ maxExpiryDays: 45, allowNeverExpires: false })
    const { user } = renderWithProviders(<KeysPanel workspace={strict} />)
    await screen.findAllByTestId('key-row')

    await user.click(screen.getByTestId('create-key-button'))
    await user.type(screen.getByTestId('key-name-input'), 'billing')
    const select = screen.getByTestId('key-expiry-select')
    expect(select).toHaveValue('In 30 days')
    expect(screen.getByText(/This workspace allows keys of at most 45 days, and none that never expire\./)).toBeInTheDocument()
    await user.click(select)
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['In 7 days', 'In 30 days', 'Custom date…'])

    // A date past the workspace's longest is refused here, saying the range.
    await user.click(screen.getByRole('option', { name: 'Custom date…' }))
    await user.type(await screen.findByTestId('key-expiry-date'), toDateInputValue(Date.now() + 60 * DAYS))
    await user.click(screen.getByTestId('create-key-submit'))
    expect(api.createKey).not.toHaveBeenCalled()
    expect(screen.getByText('Pick a date between tomorrow and 45 days from today, the longest this workspace allows.')).toBeInTheDocument()
  })

  it('starts on an expiry the workspace allows', async () => {
    const { user } = renderWithProviders(<KeysPanel workspace={makeWorkspace({ maxExpiryDays: 14, allowNeverExpires: true })} />)
    await screen.findAllByTestId('key-row')
    await user.click(screen.getByTestId('create-key-button'))
    expect(screen.getByTestId('key-expiry-select')).toHaveValue('In 7 days')
    await user.click(screen.getByTestId('key-expiry-select'))
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['In 7 days', 'Never', 'Custom date…'])
  })

  it('leaves the expiry to the profile when its default is kept', async () => {
    vi.mocked(api.listProfiles).mockResolvedValue([
      makeProfile({ defaultExpiryDays: 45 }),
      makeProfile({ id: 'prof_ops', name: 'Ops' }),
    ])
    vi.mocked(api.createKey).mockResolvedValue({ key: makeKey({ name: 'billing' }), secret })
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')

    await user.click(screen.getByTestId('create-key-button'))
    await user.type(screen.getByTestId('key-name-input'), 'billing')
    // No profile, no profile default to offer.
    await user.click(screen.getByTestId('key-expiry-select'))
    expect(screen.getByRole('option', { name: 'Never' })).toBeInTheDocument()
    expect(screen.queryByRole('option', { name: /profile’s default/i })).not.toBeInTheDocument()
    await user.click(screen.getByTestId('key-expiry-select'))

    await user.click(screen.getByTestId('key-profile-select'))
    await user.click(await screen.findByRole('option', { name: 'Billing' }))
    const select = screen.getByTestId('key-expiry-select')
    expect(select).toHaveValue('Profile’s default (45 days)')
    expect(screen.getByText(`On ${formatDate(iso(Date.now() + 45 * DAYS))}`)).toBeInTheDocument()

    // A profile without a default expiry makes keys that never expire (as
    // the server does for a key created with that profile and no expiry).
    await user.click(screen.getByTestId('key-profile-select'))
    await user.click(await screen.findByRole('option', { name: 'Ops' }))
    expect(select).toHaveValue('Profile’s default (never expires)')
    expect(screen.getByText('A key that never expires stays valid until someone deletes it.')).toBeInTheDocument()
    // No profile: no profile default.
    await user.click(screen.getByTestId('key-profile-select'))
    await user.click(await screen.findByRole('option', { name: /No profile|None/ }))
    expect(select).toHaveValue('In 30 days')
    await user.click(screen.getByTestId('key-profile-select'))
    await user.click(await screen.findByRole('option', { name: 'Billing' }))
    await user.click(screen.getByTestId('create-key-submit'))

    expect(api.createKey).toHaveBeenCalledWith('ws_local', {
      name: 'billing',
      role: 'api',
      profileId: 'prof_billing',
      expiresInDays: null,
      expiryFromProfile: true,
    })
  })

  it('sends the profile and a custom expiry date as days from today', async () => {
    vi.mocked(api.listProfiles).mockResolvedValue([makeProfile({ defaultExpiryDays: 90 })])
    vi.mocked(api.createKey).mockResolvedValue({ key: makeKey({ name: 'billing' }), secret })
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')

    await user.click(screen.getByTestId('create-key-button'))
    await user.type(screen.getByTestId('key-name-input'), 'billing')
    await user.click(screen.getByTestId('key-profile-select'))
    await user.click(await screen.findByRole('option', { name: 'Billing' }))
    // The profile's default expiry is picked for the user.
    expect(screen.getByTestId('key-expiry-select')).toHaveValue('Profile’s default (90 days)')

    await user.click(screen.getByTestId('key-expiry-select'))
    await user.click(screen.getByRole('option', { name: 'Custom date…' }))
    await user.click(screen.getByTestId('create-key-submit'))
    expect(screen.getByText('Pick the expiry date.')).toBeInTheDocument()
    expect(api.createKey).not.toHaveBeenCalled()

    const date = await screen.findByTestId('key-expiry-date')
    await user.type(date, toDateInputValue(Date.now() + 10 * DAYS))
    await user.click(screen.getByTestId('create-key-submit'))

    expect(api.createKey).toHaveBeenCalledWith('ws_local', {
      name: 'billing',
      role: 'api',
      profileId: 'prof_billing',
      expiresInDays: 10,
      expiryFromProfile: false,
    })
  })

  it('remembers the secret in the keychain on Done when asked to', async () => {
    const created = makeKey({ id: 'key_new', name: 'deploy' })
    vi.mocked(api.createKey).mockResolvedValue({ key: created, secret })
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')

    await user.click(screen.getByTestId('create-key-button'))
    await user.type(screen.getByTestId('key-name-input'), 'deploy{Enter}')
    await user.click(await screen.findByTestId('remember-checkbox'))
    await user.click(screen.getByTestId('secret-done'))

    expect(api.rememberSecret).toHaveBeenCalledWith('ws_local', 'key_new', secret)
    await waitFor(() => expect(screen.queryByTestId('secret-input')).not.toBeInTheDocument())
  })

  it('keeps the secret on screen when the keychain refuses it', async () => {
    vi.mocked(api.createKey).mockResolvedValue({ key: makeKey({ id: 'key_new' }), secret })
    vi.mocked(api.rememberSecret).mockRejectedValue(new ApiError('internal', 'The keychain is locked.'))
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')

    await user.click(screen.getByTestId('create-key-button'))
    await user.type(screen.getByTestId('key-name-input'), 'deploy{Enter}')
    await user.click(await screen.findByTestId('remember-checkbox'))
    await user.click(screen.getByTestId('secret-done'))

    expect(await screen.findByText('The keychain is locked.')).toBeInTheDocument()
    expect(screen.getByTestId('secret-input')).toHaveValue(secret)
  })

  it('keeps the typed name and shows the server validation message under Name', async () => {
    vi.mocked(api.createKey).mockRejectedValue(new ApiError('invalid_input', 'Name must not contain control characters', 'name'))
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')

    await user.click(screen.getByTestId('create-key-button'))
    await user.type(screen.getByTestId('key-name-input'), 'my key')
    await user.click(screen.getByTestId('create-key-submit'))

    expect(await screen.findByText('Name must not contain control characters')).toBeInTheDocument()
    expect(screen.getByTestId('key-name-input')).toHaveValue('my key')
    expect(screen.getByTestId('key-name-input')).toHaveAttribute('aria-invalid', 'true')
    expect(screen.queryByTestId('secret-input')).not.toBeInTheDocument()
  })

  it('puts an error on the field the backend names', async () => {
    vi.mocked(api.createKey).mockRejectedValue(
      new ApiError('invalid_input', 'This workspace allows keys of at most 90 days.', 'expiresInDays'),
    )
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')

    await user.click(screen.getByTestId('create-key-button'))
    await user.type(screen.getByTestId('key-name-input'), 'long lived{Enter}')

    expect(await screen.findByText('This workspace allows keys of at most 90 days.')).toBeInTheDocument()
    expect(screen.getByTestId('key-expiry-select')).toHaveAttribute('aria-invalid', 'true')
    expect(screen.getByTestId('key-name-input')).toHaveValue('long lived')
  })

  it('asks for a name before calling the server', async () => {
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')

    await user.click(screen.getByTestId('create-key-button'))
    await user.click(screen.getByTestId('create-key-submit'))

    expect(screen.getByText('Enter a name for the key.')).toBeInTheDocument()
    expect(api.createKey).not.toHaveBeenCalled()
  })

  it('shows the backend’s offline message in the dialog and keeps what was typed', async () => {
    const offline =
      'the server cannot be reached: Creating a key needs the server https://keys.acme.example, which cannot be reached right now. Your cached keys stay readable; try again when it is back'
    vi.mocked(api.createKey).mockRejectedValue(new ApiError('offline', offline))
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')

    await user.click(screen.getByTestId('create-key-button'))
    await user.type(screen.getByTestId('key-name-input'), 'later')
    await user.click(screen.getByTestId('create-key-submit'))

    expect(await screen.findByTestId('create-key-error')).toHaveTextContent(offline)
    expect(screen.getByText('Couldn’t create the key')).toBeInTheDocument()
    expect(screen.getByTestId('key-name-input')).toHaveValue('later')
  })

  it('closes on Escape without creating anything', async () => {
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')

    await user.click(screen.getByTestId('create-key-button'))
    await user.type(screen.getByTestId('key-name-input'), 'nope')
    await user.keyboard('{Escape}')

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(api.createKey).not.toHaveBeenCalled()
  })
})

describe('delete', () => {
  it('names the key, warns, and deletes it on confirm', async () => {
    vi.mocked(api.deleteKey).mockResolvedValue(undefined)
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')

    await pickFromMenu(user, 'key_b', 'delete-key')
    const dialog = screen.getByRole('dialog', { name: 'Delete API key' })
    expect(within(dialog).getByText('bravo')).toBeInTheDocument()
    expect(within(dialog).getByText('kd_Bbbb…bb03')).toBeInTheDocument()
    expect(
      within(dialog).getByText('Every application using this key stops working at once. This cannot be undone.'),
    ).toBeInTheDocument()

    await user.click(within(dialog).getByTestId('confirm-delete'))

    expect(api.deleteKey).toHaveBeenCalledWith('ws_local', 'key_b')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(await screen.findByText('Deleted “bravo”')).toBeInTheDocument()
    // The list is reloaded after the mutation.
    await waitFor(() => expect(api.listKeys).toHaveBeenCalledTimes(2))
  })

  it('does nothing on Cancel', async () => {
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')

    await pickFromMenu(user, 'key_a', 'key-menu-delete')
    await user.click(screen.getByRole('button', { name: 'Cancel' }))

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(api.deleteKey).not.toHaveBeenCalled()
  })

  it('shows a notification when the delete fails', async () => {
    vi.mocked(api.deleteKey).mockRejectedValue(new ApiError('forbidden', 'role member cannot delete keys'))
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')

    await pickFromMenu(user, 'key_a', 'delete-key')
    await user.click(screen.getByTestId('confirm-delete'))

    expect(await screen.findByText('role member cannot delete keys')).toBeInTheDocument()
    expect(screen.getByText('Couldn’t delete the key')).toBeInTheDocument()
  })
})
