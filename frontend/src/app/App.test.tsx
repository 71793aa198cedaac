import { act, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../api'
import type { EventName } from '../api'
import { iso, makeAuditEvent, makeKey, makeOverview, makeWorkspace } from '../test/fixtures'
import { renderWithProviders } from '../test/render'
import { App } from './App'

vi.mock('../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../api')>()),
  ...(await import('../test/apiMocks')).apiMocks(),
}))

const local = makeWorkspace({ keyCount: 1 })
const remote = makeWorkspace({
  id: 'ws_remote',
  name: 'Acme Production',
  kind: 'remote',
  serverUrl: 'https://keys.acme.example',
  online: false,
  offlineSince: iso(Date.now() - 2 * 3_600_000),
  lastError: 'Can’t reach keys.acme.example: connection refused.',
  keyCount: 4,
})

// Every listener of each event: the app and its parts (the sync progress bar) listen to the same ones.
let handlers: Map<EventName, Set<(payload: unknown) => void>>

/** The backend sends an event. */
function emit(name: EventName, payload: unknown) {
  for (const handler of handlers.get(name) ?? []) handler(payload)
}

beforeEach(() => {
  handlers = new Map()
  vi.mocked(api.onEvent).mockImplementation((name, cb) => {
    const handler = cb as (payload: unknown) => void
    handlers.set(name, (handlers.get(name) ?? new Set()).add(handler))
    return () => handlers.get(name)?.delete(handler)
  })
  // The remote one comes first from the backend; the sidebar still puts Local first.
  vi.mocked(api.listWorkspaces).mockResolvedValue([remote, local])
  vi.mocked(api.listKeys).mockImplementation(async (ws) =>
    ws === 'ws_local' ? [makeKey({ id: 'key_local', name: 'local key' })] : [makeKey({ id: 'key_remote', name: 'remote key' })],
  )
})

describe('app shell', () => {
  it('lists workspaces with Local first and shows its keys', async () => {
    renderWithProviders(<App />)

    await screen.findByText('local key')
    expect(document.title).toBe('Keydesk')
    const items = screen.getAllByTestId('workspace-item')
    expect(items.map((i) => i.getAttribute('data-workspace-id'))).toEqual(['ws_local', 'ws_remote'])
    expect(within(items[0]).getByLabelText('Online')).toBeInTheDocument()
    expect(within(items[1]).getByLabelText('Offline')).toBeInTheDocument()
    expect(within(items[1]).getByText('4')).toBeInTheDocument()
    expect(screen.getByTestId('workspace-title')).toHaveTextContent('Local')
    expect(screen.queryByTestId('offline-banner')).not.toBeInTheDocument()
  })

  it('counts a big workspace’s keys in short in the sidebar, so its description still fits', async () => {
    vi.mocked(api.listWorkspaces).mockResolvedValue([{ ...local, keyCount: 10_001 }, { ...remote, keyCount: 9_999 }])
    renderWithProviders(<App />)
    await screen.findByText('local key')
    const [big, small] = screen.getAllByTestId('workspace-item')
    expect(within(big).getByLabelText('10,001 keys')).toHaveTextContent(/^10K$/)
    expect(within(small).getByLabelText('9,999 keys')).toHaveTextContent(/^9,999$/)
  })

  it('tells the desktop its colour scheme, for the window at the next start', async () => {
    const { user } = renderWithProviders(<App />)
    await screen.findByText('local key')
    expect(api.setWindowColorScheme).toHaveBeenLastCalledWith('light')

    await user.click(screen.getByRole('button', { name: 'Toggle light and dark theme' }))
    await waitFor(() => expect(api.setWindowColorScheme).toHaveBeenLastCalledWith('dark'))
    await user.click(screen.getByRole('button', { name: 'Toggle light and dark theme' }))
    await waitFor(() => expect(api.setWindowColorScheme).toHaveBeenLastCalledWith('light'))
  })

  it('switches workspace and shows the offline banner with the last error', async () => {
    const { user } = renderWithProviders(<App />)
    await screen.findByText('local key')

    await user.click(screen.getAllByTestId('workspace-item')[1])

    expect(await screen.findByText('remote key')).toBeInTheDocument()
    expect(screen.getByTestId('workspace-title')).toHaveTextContent('Acme Production')
    const banner = screen.getByTestId('offline-banner')
    expect(banner).toHaveTextContent(/Offline since .* \(2 hours ago\)/)
    expect(banner).toHaveTextContent('Can’t reach keys.acme.example: connection refused.')
    expect(banner).toHaveTextContent('The keys cached on this computer stay readable; changes wait for the server')
  })

  it('opens the workspace shown last at the next start, and the first one when that is gone', async () => {
    const first = renderWithProviders(<App />)
    await screen.findByText('local key')
    await first.user.click(screen.getAllByTestId('workspace-item')[1])
    expect(await screen.findByText('remote key')).toBeInTheDocument()
    first.unmount()

    const again = renderWithProviders(<App />)
    expect(await screen.findByText('remote key')).toBeInTheDocument()
    expect(screen.getByTestId('workspace-title')).toHaveTextContent('Acme Production')
    again.unmount()

    vi.mocked(api.listWorkspaces).mockResolvedValue([local])
    renderWithProviders(<App />)
    expect(await screen.findByText('local key')).toBeInTheDocument()
    expect(screen.getByTestId('workspace-title')).toHaveTextContent('Local')
  })

  it('syncs on "Sync now" and shows the new sync time', async () => {
    vi.mocked(api.syncWorkspace).mockResolvedValue({ ...local, lastSyncedAt: iso(Date.now()) })
    const { user } = renderWithProviders(<App />)
    await screen.findByText('local key')
    expect(screen.getByTestId('last-synced')).toHaveTextContent('Last synced 5 minutes ago')

    await user.click(screen.getByTestId('sync-now'))

    expect(api.syncWorkspace).toHaveBeenCalledWith('ws_local')
    await waitFor(() => expect(screen.getByTestId('last-synced')).toHaveTextContent('Last synced just now'))
  })

  it('reloads keys on keys:changed and updates status on workspace:status', async () => {
    renderWithProviders(<App />)
    await screen.findByText('local key')
    expect(api.listKeys).toHaveBeenCalledTimes(1)

    vi.mocked(api.listKeys).mockResolvedValue([makeKey({ id: 'key_2', name: 'added elsewhere' })])
    emit('keys:changed', { workspaceId: 'ws_local' })
    expect(await screen.findByText('added elsewhere')).toBeInTheDocument()

    vi.mocked(api.listWorkspaces).mockResolvedValue([{ ...local, online: false, lastError: 'The local server stopped.' }])
    emit('workspace:status', { workspaceId: 'ws_local' })
    expect(await screen.findByTestId('offline-banner')).toHaveTextContent('The local server stopped.')
  })
})

describe('refreshing after changes', () => {
  // A workspace of 10,000 keys lists 3.5 MB: each change fetched it three times.
  it('fetches the key list once for a change made in the window, and shows the new status at once', async () => {
    const { user } = renderWithProviders(<App />)
    const row = (await screen.findByText('local key')).closest('tr')!
    const fetched = vi.mocked(api.listKeys).mock.calls.length
    let listed!: () => void
    let answer!: () => void
    const disabled = makeKey({ id: 'key_local', name: 'local key', enabled: false, status: 'inactive' })
    vi.mocked(api.listKeys).mockImplementation(() => new Promise((resolve) => (listed = () => resolve([disabled]))))
    vi.mocked(api.updateKey).mockImplementation(async () => {
      // The backend syncs after the change and tells the window before it answers (desk.mutate).
      emit('keys:changed', { workspaceId: 'ws_local' })
      emit('sync:done', { workspaceId: 'ws_local' })
      await new Promise<void>((resolve) => (answer = resolve))
      return disabled
    })

    await user.click(within(row).getByTestId('key-menu'))
    await user.click(await screen.findByTestId('key-menu-toggle'))
    await waitFor(() => expect(api.updateKey).toHaveBeenCalled())
    // Before the server has answered, the row says what it will be.
    expect(within(row).getByTestId('key-status')).toHaveTextContent(/inactive/i)
    await act(async () => answer())
    await act(async () => listed())
    await waitFor(() => expect(api.listKeys).toHaveBeenCalledTimes(fetched + 1))
    // Settled: nothing else comes.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(api.listKeys).toHaveBeenCalledTimes(fetched + 1)
    expect(within(row).getByTestId('key-status')).toHaveTextContent(/inactive/i)
  })

  it('does not fetch the key list again after a sync that changed no key, but its profiles', async () => {
    renderWithProviders(<App />)
    await screen.findByText('local key')
    await waitFor(() => expect(api.listProfiles).toHaveBeenCalled())
    const keysFetched = vi.mocked(api.listKeys).mock.calls.length
    const profilesFetched = vi.mocked(api.listProfiles).mock.calls.length

    act(() => emit('sync:done', { workspaceId: 'ws_local' }))
    await waitFor(() => expect(api.listProfiles).toHaveBeenCalledTimes(profilesFetched + 1))
    expect(api.listKeys).toHaveBeenCalledTimes(keysFetched)

    // One that did change keys says so first: one refresh for both events.
    act(() => emit('keys:changed', { workspaceId: 'ws_local' }))
    act(() => emit('sync:done', { workspaceId: 'ws_local' }))
    await waitFor(() => expect(api.listKeys).toHaveBeenCalledTimes(keysFetched + 1))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(api.listKeys).toHaveBeenCalledTimes(keysFetched + 1)
    expect(api.listProfiles).toHaveBeenCalledTimes(profilesFetched + 2)
  })
})

describe('sync progress', () => {
  it('shows a bar while a sync with a known size runs and hides it when done', async () => {
    renderWithProviders(<App />)
    await screen.findByText('local key')
    expect(screen.queryByTestId('sync-progress')).not.toBeInTheDocument()

    act(() => emit('sync:progress', { workspaceId: 'ws_local', done: 0, total: 0 }))
    expect(screen.queryByTestId('sync-progress')).not.toBeInTheDocument()

    act(() => emit('sync:progress', { workspaceId: 'ws_local', done: 250, total: 1000 }))
    expect(screen.getByTestId('sync-progress')).toHaveAttribute('data-done', '250')

    // Another workspace's sync is not this one's.
    act(() => emit('sync:progress', { workspaceId: 'ws_remote', done: 1, total: 2 }))
    expect(screen.getByTestId('sync-progress')).toHaveAttribute('data-done', '250')

    act(() => emit('sync:progress', { workspaceId: 'ws_local', done: 1000, total: 1000 }))
    expect(screen.queryByTestId('sync-progress')).not.toBeInTheDocument()

    act(() => emit('sync:progress', { workspaceId: 'ws_local', done: 10, total: 1000 }))
    act(() => emit('sync:done', { workspaceId: 'ws_local' }))
    expect(screen.queryByTestId('sync-progress')).not.toBeInTheDocument()
  })
})

describe('search', () => {
  it('finds keys in every workspace and shows the picked one in its workspace', async () => {
    vi.mocked(api.searchKeys).mockResolvedValue([
      { workspaceId: 'ws_remote', workspaceName: 'Acme Production', key: makeKey({ id: 'key_remote', name: 'remote key', maskedKey: 'kd_Remo…te01' }) },
    ])
    const { user } = renderWithProviders(<App />)
    await screen.findByText('local key')

    await user.type(screen.getByTestId('search-input'), 'remo')
    const result = await screen.findByTestId('search-result')
    expect(api.searchKeys).toHaveBeenCalledWith('remo')
    expect(result).toHaveTextContent('remote key')
    expect(result).toHaveTextContent('Acme Production')
    expect(result).toHaveTextContent('kd_Remo…te01')

    await user.click(result)

    expect(screen.getByTestId('workspace-title')).toHaveTextContent('Acme Production')
    const row = await screen.findByTestId('key-row')
    expect(row).toHaveAttribute('data-key-id', 'key_remote')
    expect(row).toHaveAttribute('data-highlighted', 'true')
    expect(screen.getByTestId('search-input')).toHaveValue('')
  })

  it('clears the filters that would hide the picked key', async () => {
    vi.mocked(api.searchKeys).mockResolvedValue([
      { workspaceId: 'ws_local', workspaceName: 'Local', key: makeKey({ id: 'key_local', name: 'local key' }) },
    ])
    const { user } = renderWithProviders(<App />)
    await screen.findByText('local key')
    await user.type(screen.getByTestId('key-filter-input'), 'nothing like it')
    expect(screen.queryByTestId('key-row')).not.toBeInTheDocument()

    await user.type(screen.getByTestId('search-input'), 'local')
    await user.click(await screen.findByTestId('search-result'))

    expect(await screen.findByTestId('key-row')).toHaveAttribute('data-highlighted', 'true')
    expect(screen.getByTestId('key-filter-input')).toHaveValue('')
  })

  it('says when nothing matches', async () => {
    const { user } = renderWithProviders(<App />)
    await screen.findByText('local key')
    await user.type(screen.getByTestId('search-input'), 'zzz')
    expect(await screen.findByText('No key matches “zzz”.')).toBeInTheDocument()
  })
})

describe('header', () => {
  it('opens the settings and the workspace audit log', async () => {
    vi.mocked(api.auditLog).mockResolvedValue({
      items: [makeAuditEvent({ action: 'key.deleted', targetName: 'old deploy key', changes: '{"name":"old deploy key","maskedKey":"kd_Old0…0000"}' })],
      total: 1,
    })
    const { user } = renderWithProviders(<App />)
    await screen.findByText('local key')

    await user.click(screen.getByTestId('settings-button'))
    expect(await screen.findByTestId('settings-data-dir')).toBeInTheDocument()
    await user.keyboard('{Escape}')

    await user.click(screen.getByTestId('audit-button'))
    const row = await screen.findByTestId('audit-row')
    expect(api.auditLog).toHaveBeenCalledWith('ws_local', '', '', 0, 25)
    expect(row).toHaveTextContent('Deleted')
    expect(row).toHaveTextContent('old deploy key')
    expect(row).toHaveTextContent('kd_Old0…0000')
    expect(row).toHaveTextContent('Keydesk (this computer)')
  })

  it('marks a workspace whose access key can only read', async () => {
    vi.mocked(api.listWorkspaces).mockResolvedValue([{ ...local, role: 'member', canManage: false }])
    const { user } = renderWithProviders(<App />)
    const badge = await screen.findByTestId('read-only-badge')
    await user.hover(badge)
    expect(await screen.findByRole('tooltip')).toHaveTextContent('member key: it can only read')
  })
})

describe('views', () => {
  it('starts on the Local key table; profiles and overview are one click away', async () => {
    const { user } = renderWithProviders(<App />)
    await screen.findByText('local key')
    expect(screen.getByRole('tab', { name: 'Keys' })).toHaveAttribute('aria-selected', 'true')
    expect(screen.getByTestId('nav-overview')).not.toHaveAttribute('data-active')

    await user.click(screen.getByRole('tab', { name: 'Profiles' }))
    expect(await screen.findByTestId('profiles-empty')).toBeInTheDocument()
    expect(api.listProfiles).toHaveBeenCalledWith('ws_local')

    await user.click(screen.getByRole('tab', { name: 'Overview' }))
    expect(await screen.findByTestId('overview')).toBeInTheDocument()
    expect(api.getOverview).toHaveBeenCalledWith('ws_local')
    // Another workspace opens on the same view.
    await user.click(screen.getAllByTestId('workspace-item')[1])
    await waitFor(() => expect(api.getOverview).toHaveBeenCalledWith('ws_remote'))
  })

  it('reaches the overview and each workspace from the keyboard', async () => {
    const { user } = renderWithProviders(<App />)
    await screen.findByText('local key')
    const remoteItem = screen.getAllByTestId('workspace-item')[1]
    remoteItem.focus()
    expect(remoteItem).toHaveFocus()
    await user.keyboard('{Enter}')
    await waitFor(() => expect(api.listKeys).toHaveBeenCalledWith('ws_remote'))

    const overview = screen.getByTestId('nav-overview')
    overview.focus()
    await user.keyboard(' ')
    expect(await screen.findByTestId('overview-title')).toBeInTheDocument()
  })

  it('opens the overview of all workspaces, and a stale key in its workspace', async () => {
    vi.mocked(api.getOverview).mockResolvedValue(
      makeOverview({
        counts: { total: 5, active: 5, inactive: 0, expired: 0, rotating: 0 },
        stalest: [
          {
            workspaceId: 'ws_remote',
            workspaceName: 'Acme Production',
            key: makeKey({ id: 'key_remote', name: 'remote key' }),
            idleSince: iso(Date.now() - 95 * 86_400_000),
            idleDays: 95,
          },
        ],
      }),
    )
    const { user } = renderWithProviders(<App />)
    await screen.findByText('local key')

    await user.click(screen.getByTestId('nav-overview'))
    expect(await screen.findByTestId('overview-title')).toHaveTextContent('All workspaces')
    expect(api.getOverview).toHaveBeenCalledWith('')
    expect(screen.getByTestId('nav-overview')).toHaveAttribute('data-active')
    expect(screen.queryByTestId('workspace-title')).not.toBeInTheDocument()

    // The overview follows the backend's events like the key list.
    const calls = vi.mocked(api.getOverview).mock.calls.length
    emit('keys:changed', { workspaceId: 'ws_remote' })
    await waitFor(() => expect(api.getOverview).toHaveBeenCalledTimes(calls + 1))

    await user.click(await screen.findByTestId('stale-key-open'))
    expect(screen.getByTestId('workspace-title')).toHaveTextContent('Acme Production')
    expect(screen.getByRole('tab', { name: 'Keys' })).toHaveAttribute('aria-selected', 'true')
    expect(await screen.findByTestId('key-drawer')).toHaveAttribute('data-key-id', 'key_remote')
  })
})
