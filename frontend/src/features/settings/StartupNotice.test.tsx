import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import * as api from '../../api'
import { ApiError } from '../../api'
import { makeSettings } from '../../test/fixtures'
import { renderWithProviders } from '../../test/render'
import { StartupNotice } from './StartupNotice'

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  ...(await import('../../test/apiMocks')).apiMocks(),
}))

describe('startup notice', () => {
  it('says the cache was rebuilt until closed', async () => {
    vi.mocked(api.getSettings).mockResolvedValue(
      makeSettings({ cacheRebuilt: 'desk.db was damaged: it was kept as desk.db.corrupt-1 and the cache was rebuilt from the servers.' }),
    )
    renderWithProviders(<StartupNotice />)
    expect(await screen.findByTestId('startup-notice')).toHaveTextContent('the cache was rebuilt from the servers')
    await userEvent.click(screen.getByRole('button', { name: 'Close' }))
    expect(screen.queryByTestId('startup-notice')).not.toBeInTheDocument()
  })

  it('stays closed after a reload of the page, unless it says something new', async () => {
    vi.mocked(api.getSettings).mockResolvedValue(makeSettings({ keychainProblem: 'KEYDESK_KEYRING is set to memory' }))
    const first = renderWithProviders(<StartupNotice />)
    await userEvent.click(await screen.findByRole('button', { name: 'Close' }))
    first.unmount()

    // The same page reloaded: the same message stays closed.
    const again = renderWithProviders(<StartupNotice />)
    await new Promise((r) => setTimeout(r, 50))
    expect(screen.queryByTestId('startup-notice')).not.toBeInTheDocument()
    again.unmount()

    // Something else went wrong since: that is said.
    vi.mocked(api.getSettings).mockResolvedValue(
      makeSettings({ keychainProblem: 'KEYDESK_KEYRING is set to memory', cacheRebuilt: 'desk.db was damaged and rebuilt.' }),
    )
    renderWithProviders(<StartupNotice />)
    expect(await screen.findByTestId('startup-notice')).toHaveTextContent('desk.db was damaged and rebuilt.')
  })

  it('says in words what a keychain that is not in use means', async () => {
    vi.mocked(api.getSettings).mockResolvedValue(makeSettings({ keychainProblem: 'KEYDESK_KEYRING is set to memory' }))
    renderWithProviders(<StartupNotice />)
    expect(await screen.findByTestId('startup-notice')).toHaveTextContent(
      'The keychain is not in use (KEYDESK_KEYRING is set to memory): secrets you remember are kept only until Keydesk quits.',
    )
  })

  it('stays away when nothing went wrong', async () => {
    vi.mocked(api.getSettings).mockResolvedValue(makeSettings({}))
    renderWithProviders(<StartupNotice />)
    await new Promise((r) => setTimeout(r, 50))
    expect(screen.queryByTestId('startup-notice')).not.toBeInTheDocument()
  })

  it('asks for the passphrase of locked secrets until they are unlocked', async () => {
    const locked = makeSettings({
      keychainBackend: 'memory',
      keychainLabel: 'Encrypted file (locked)',
      keychainPersistent: false,
      keychainLocked: true,
      keychainProblem: 'the encrypted file that holds Keydesk’s secrets is locked until you enter its passphrase',
    })
    vi.mocked(api.getSettings).mockResolvedValue(locked)
    vi.mocked(api.enableEncryptedFile)
      .mockRejectedValueOnce(
        new ApiError('invalid_input', 'Passphrase does not open the encrypted file (/home/ada/.config/Keydesk/keyring): check it and try again', 'passphrase'),
      )
      .mockResolvedValueOnce(makeSettings({ keychainBackend: 'file', keychainLabel: 'Encrypted file', keychainPersistent: true }))
    const { user } = renderWithProviders(<StartupNotice />)

    const notice = await screen.findByTestId('keychain-locked-notice')
    expect(notice).toHaveTextContent('locked until you enter its passphrase')
    // Not the generic "not in use" notice, and not closable.
    expect(screen.queryByTestId('startup-notice')).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Close' })).not.toBeInTheDocument()

    await user.click(screen.getByTestId('keychain-unlock'))
    const dialog = await screen.findByRole('dialog', { name: 'Unlock secrets' })
    expect(dialog).toHaveTextContent('/home/ada/.config/Keydesk')
    await user.click(screen.getByTestId('unlock-submit'))
    expect(screen.getByText('Enter a passphrase.')).toBeInTheDocument()
    expect(api.enableEncryptedFile).not.toHaveBeenCalled()

    await user.type(screen.getByTestId('unlock-passphrase'), 'wrong horse{Enter}')
    expect(await screen.findByText(/does not open the encrypted file/)).toBeInTheDocument()
    expect(screen.getByTestId('unlock-passphrase')).toHaveValue('wrong horse')

    await user.clear(screen.getByTestId('unlock-passphrase'))
    await user.type(screen.getByTestId('unlock-passphrase'), 'correct horse{Enter}')
    expect(api.enableEncryptedFile).toHaveBeenLastCalledWith('correct horse')
    expect(await screen.findByText('Secrets unlocked.')).toBeInTheDocument()
    await waitFor(() => expect(screen.queryByTestId('keychain-locked-notice')).not.toBeInTheDocument())
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Unlock secrets' })).not.toBeInTheDocument())
  })
})
