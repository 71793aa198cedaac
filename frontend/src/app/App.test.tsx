import { screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../api'
import type { EventName } from '../api'
import { iso, makeKey, makeWorkspace } from '../test/fixtures'
import { renderWithProviders } from '../test/render'
import { App } from './App'

vi.mock('../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../api')>()),
  listKeys: vi.fn(),
  createKey: vi.fn(),
  deleteKey: vi.fn(),
  listWorkspaces: vi.fn(),
  syncWorkspace: vi.fn(),
  onEvent: vi.fn(),
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

let handlers: Map<EventName, (payload: unknown) => void>

beforeEach(() => {
  handlers = new Map()
  vi.mocked(api.onEvent).mockImplementation((name, cb) => {
    handlers.set(name, cb as (payload: unknown) => void)
    return () => handlers.delete(name)
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

  it('switches workspace and shows the offline banner with the last error', async () => {
    const { user } = renderWithProviders(<App />)
    await screen.findByText('local key')

    await user.click(screen.getAllByTestId('workspace-item')[1])

    expect(await screen.findByText('remote key')).toBeInTheDocument()
    expect(screen.getByTestId('workspace-title')).toHaveTextContent('Acme Production')
    const banner = screen.getByTestId('offline-banner')
    expect(banner).toHaveTextContent(/Offline since .* \(2 hours ago\)/)
    expect(banner).toHaveTextContent('Can’t reach keys.acme.example: connection refused.')
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
    handlers.get('keys:changed')!({ workspaceId: 'ws_local' })
    expect(await screen.findByText('added elsewhere')).toBeInTheDocument()

    vi.mocked(api.listWorkspaces).mockResolvedValue([{ ...local, online: false, lastError: 'The local server stopped.' }])
    handlers.get('workspace:status')!({ workspaceId: 'ws_local' })
    expect(await screen.findByTestId('offline-banner')).toHaveTextContent('The local server stopped.')
  })
})
