import { act, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../api'
import type { EventName, Reminder } from '../api'
import { makeKey, makeWorkspace } from '../test/fixtures'
import { renderWithProviders } from '../test/render'
import { App } from './App'

vi.mock('../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../api')>()),
  ...(await import('../test/apiMocks')).apiMocks(),
}))

const local = makeWorkspace({ keyCount: 1 })
const remote = makeWorkspace({ id: 'ws_remote', name: 'Acme Production', kind: 'remote', keyCount: 1 })
const reminder: Reminder = {
  id: 7,
  workspaceId: 'ws_remote',
  keyId: 'key_remote',
  keyName: 'remote key',
  kind: 'rotation',
  threshold: 0,
  dueAt: new Date().toISOString(),
  title: 'remote key is due for rotation',
  message: '',
  action: 'rotate',
}

let handlers: Map<EventName, (payload: unknown) => void>

beforeEach(() => {
  handlers = new Map()
  vi.mocked(api.onEvent).mockImplementation((name, cb) => {
    handlers.set(name, cb as (payload: unknown) => void)
    return () => handlers.delete(name)
  })
  vi.mocked(api.listWorkspaces).mockResolvedValue([local, remote])
  vi.mocked(api.listKeys).mockImplementation(async (ws) =>
    ws === 'ws_local' ? [makeKey({ id: 'key_local', name: 'local key' })] : [makeKey({ id: 'key_remote', name: 'remote key' })],
  )
  vi.mocked(api.listReminders).mockReset().mockResolvedValue([])
})

/** Opens the app on the remote workspace's rotation reminder and presses its action. */
async function actOnTheReminder() {
  vi.mocked(api.listReminders).mockResolvedValue([reminder])
  const { user } = renderWithProviders(<App />)
  await screen.findByText('local key')
  await user.click(await screen.findByTestId('reminders-button'))
  const [item] = await screen.findAllByTestId('reminder-item')
  await user.click(within(item).getByTestId('reminder-action'))
}

describe('reminders in the app', () => {
  it('refetches the count on reminder:new', async () => {
    renderWithProviders(<App />)
    await screen.findByTestId('reminders-button')
    expect(screen.queryByTestId('reminders-count')).not.toBeInTheDocument()

    vi.mocked(api.listReminders).mockResolvedValue([reminder])
    act(() => handlers.get('reminder:new')?.({ count: 1 }))
    expect(await screen.findByTestId('reminders-count')).toHaveTextContent('1')
  })

  it('selects the reminder’s workspace and opens the key’s rotate dialog', async () => {
    await actOnTheReminder()

    expect(await screen.findByTestId('rotate-overlap-input')).toBeInTheDocument()
    await waitFor(() => expect(api.listKeys).toHaveBeenCalledWith('ws_remote'))
  })

  it('shows the key’s details instead, saying why, when its workspace is offline', async () => {
    vi.mocked(api.listWorkspaces).mockResolvedValue([local, { ...remote, online: false, syncProblem: 'offline', offlineSince: new Date().toISOString() }])
    await actOnTheReminder()

    expect(await screen.findByText('Can’t do that now')).toBeInTheDocument()
    expect(screen.getByText(/can’t be reached right now/)).toBeInTheDocument()
    expect(await screen.findByTestId('key-drawer')).toBeInTheDocument()
    expect(screen.queryByTestId('rotate-overlap-input')).not.toBeInTheDocument()
  })

  it('never opens Rotate for the key Keydesk signs in with, which its menu does not offer', async () => {
    vi.mocked(api.listKeys).mockImplementation(async (ws) =>
      ws === 'ws_local' ? [makeKey({ id: 'key_local', name: 'local key' })] : [makeKey({ id: 'key_remote', name: 'remote key', own: true })],
    )
    await actOnTheReminder()

    expect(await screen.findByText('Can’t do that now')).toBeInTheDocument()
    expect(screen.getByText(/Keydesk itself uses this key/)).toBeInTheDocument()
    expect(await screen.findByTestId('key-drawer')).toBeInTheDocument()
    expect(screen.queryByTestId('rotate-overlap-input')).not.toBeInTheDocument()
  })

  it('acts on a reminder once: the key table shown again does not disable the key again', async () => {
    vi.mocked(api.listReminders).mockResolvedValue([{ ...reminder, kind: 'unused', action: 'disable', title: 'remote key was never used' }])
    vi.mocked(api.updateKey).mockImplementation(async (_ws, keyId) => makeKey({ id: keyId, name: 'remote key', enabled: false }))
    const { user } = renderWithProviders(<App />)
    await screen.findByText('local key')

    await user.click(await screen.findByTestId('reminders-button'))
    const [item] = await screen.findAllByTestId('reminder-item')
    await user.click(within(item).getByTestId('reminder-action'))
    await waitFor(() => expect(api.updateKey).toHaveBeenCalledTimes(1))
    await user.keyboard('{Escape}')

    // Away to the profiles and back; to another workspace and back.
    await user.click(screen.getByRole('tab', { name: /Profiles/ }))
    await user.click(screen.getByRole('tab', { name: /Keys/ }))
    await screen.findByText('remote key')
    await user.click(screen.getAllByTestId('workspace-item')[0])
    await screen.findByText('local key')
    await user.click(screen.getAllByTestId('workspace-item')[1])
    await screen.findByText('remote key')
    await new Promise((r) => setTimeout(r, 100))
    expect(api.updateKey).toHaveBeenCalledTimes(1)
  })
})
