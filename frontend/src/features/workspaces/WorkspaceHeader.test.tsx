import { screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import * as api from '../../api'
import { makeSettings, makeWorkspace } from '../../test/fixtures'
import { renderWithProviders } from '../../test/render'
import { workspaceHealth } from './health'
import { WorkspaceHeader } from './WorkspaceHeader'

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  ...(await import('../../test/apiMocks')).apiMocks(),
}))

describe('workspace audit log button', () => {
  it('is disabled for a member key, which the server doesn’t let read the audit log, and says why', async () => {
    const member = makeWorkspace({ id: 'ws_acme', name: 'Acme', kind: 'remote', role: 'member', canManage: false })
    const { user } = renderWithProviders(<WorkspaceHeader workspace={member} />)
    const button = screen.getByTestId('audit-button')
    expect(button).toHaveAttribute('aria-disabled', 'true')

    await user.hover(button)
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Only an admin key can read the audit log: your access key for this workspace is a member key.',
    )
    await user.click(button)
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(api.auditLog).not.toHaveBeenCalled()
  })

  it('opens the audit log for an admin key', async () => {
    const { user } = renderWithProviders(<WorkspaceHeader workspace={makeWorkspace()} />)
    const button = screen.getByTestId('audit-button')
    expect(button).not.toHaveAttribute('aria-disabled')
    await user.click(button)
    expect(await screen.findByRole('dialog', { name: 'Audit log · Local' })).toBeInTheDocument()
    expect(api.auditLog).toHaveBeenCalledWith('ws_local', '', '', 0, 25)
  })
})

describe('sync problem banner', () => {
  const remote = (over: Partial<Parameters<typeof makeWorkspace>[0]> = {}) =>
    makeWorkspace({ id: 'ws_acme', name: 'Acme', kind: 'remote', serverUrl: 'https://keys.acme.example', ...over })

  it('offers to unlock an access key locked in the encrypted file', async () => {
    vi.mocked(api.getSettings).mockResolvedValue(makeSettings({ keychainLocked: true, keychainPersistent: false }))
    const ws = remote({
      syncProblem: 'keychainLocked',
      lastError: 'The access key for this workspace is in the encrypted file, which is locked until you enter its passphrase.',
    })
    const { user } = renderWithProviders(<WorkspaceHeader workspace={ws} />)
    const banner = screen.getByTestId('sync-problem-banner')
    expect(banner).toHaveTextContent('Locked: the access key is in the encrypted file')
    // Said once, by the title: not again by the sync's error.
    expect(banner).not.toHaveTextContent('which is locked until you enter its passphrase')
    expect(banner).toHaveTextContent('The cached keys stay readable.')
    expect(screen.queryByTestId('offline-banner')).not.toBeInTheDocument()
    expect(screen.queryByTestId('sync-problem-access-key')).not.toBeInTheDocument()

    await user.click(screen.getByTestId('sync-problem-unlock'))
    expect(await screen.findByRole('dialog', { name: 'Unlock secrets' })).toBeInTheDocument()
  })

  it.each(['accessKeyMissing', 'accessKeyRejected'])('asks for the access key again when it is %s', async (problem) => {
    const { user } = renderWithProviders(<WorkspaceHeader workspace={remote({ syncProblem: problem, lastError: 'why' })} />)
    expect(screen.getByTestId('sync-problem-banner')).toHaveAttribute('data-problem', problem)
    expect(screen.queryByTestId('sync-problem-unlock')).not.toBeInTheDocument()

    await user.click(screen.getByTestId('sync-problem-access-key'))
    expect(await screen.findByRole('dialog', { name: 'Edit “Acme”' })).toBeInTheDocument()
    // The form asks for the new key: focused, required, no "leave empty to keep".
    const key = screen.getByTestId('workspace-key-input')
    await waitFor(() => expect(key).toHaveFocus())
    expect(key).toBeRequired()
    expect(key).not.toHaveAttribute('placeholder', 'Leave empty to keep the stored key')
    await user.click(screen.getByTestId('workspace-save-button'))
    expect(await screen.findByText('Enter an access key for this workspace.')).toBeInTheDocument()
    expect(api.updateWorkspace).not.toHaveBeenCalled()
  })

  it('offers to edit a connection whose trusted CA file is gone', async () => {
    const ws = remote({ syncProblem: 'connection', lastError: 'The trusted CA file of this workspace cannot be read: there is no file /ca.pem.' })
    const { user } = renderWithProviders(<WorkspaceHeader workspace={ws} />)
    expect(screen.getByTestId('sync-problem-banner')).toHaveTextContent('The connection settings no longer work')
    await user.click(screen.getByTestId('sync-problem-edit'))
    expect(await screen.findByRole('dialog', { name: 'Edit “Acme”' })).toBeInTheDocument()
  })

  it('says a server failure without an action that would not help', () => {
    renderWithProviders(<WorkspaceHeader workspace={remote({ syncProblem: 'failed', lastError: 'The server failed: 500 Internal Server Error' })} />)
    const banner = screen.getByTestId('sync-problem-banner')
    expect(banner).toHaveTextContent('Last sync failed')
    expect(banner).toHaveTextContent('500 Internal Server Error')
    expect(screen.queryByRole('button', { name: /unlock|access key/i })).not.toBeInTheDocument()
  })

  it('is not shown when offline (the offline banner says it) or after a good sync', () => {
    const { unmount } = renderWithProviders(
      <WorkspaceHeader workspace={remote({ online: false, offlineSince: new Date().toISOString(), syncProblem: 'offline', lastError: 'x' })} />,
    )
    expect(screen.getByTestId('offline-banner')).toBeInTheDocument()
    expect(screen.queryByTestId('sync-problem-banner')).not.toBeInTheDocument()
    unmount()
    renderWithProviders(<WorkspaceHeader workspace={remote()} />)
    expect(screen.queryByTestId('sync-problem-banner')).not.toBeInTheDocument()
  })
})

describe('workspace dot', () => {
  it('tells online, offline and failing to sync apart', () => {
    expect(workspaceHealth({ online: true, syncProblem: '' }).label).toBe('Online')
    expect(workspaceHealth({ online: false, syncProblem: 'offline' }).label).toBe('Offline')
    const failing = workspaceHealth({ online: true, syncProblem: 'accessKeyMissing' })
    expect(failing.label).toBe('Last sync failed')
    expect(failing.color).toContain('orange')
  })
})
