import { screen, waitFor } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../../api'
import { ApiError } from '../../api'
import { makeReminderSettings, makeSettings } from '../../test/fixtures'
import { renderWithProviders } from '../../test/render'
import { SettingsModal } from './SettingsModal'

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  ...(await import('../../test/apiMocks')).apiMocks(),
}))

const memoryOnly = makeSettings({
  keychainBackend: 'memory',
  keychainLabel: 'Not remembered (no keychain available)',
  keychainPersistent: false,
  keychainProblem: 'No Secret Service is running on this computer (org.freedesktop.secrets not found).',
})

describe('settings', () => {
  beforeEach(() => {
    vi.mocked(api.getSettings).mockResolvedValue(memoryOnly)
  })

  it('shows the data folder and the keychain with its problem', async () => {
    renderWithProviders(<SettingsModal opened onClose={vi.fn()} />)

    expect(await screen.findByTestId('settings-data-dir')).toHaveTextContent('/home/ada/.config/Keydesk')
    expect(screen.getByTestId('settings-keychain')).toHaveTextContent(/^Memory only$/)
    expect(screen.getByTestId('settings-keychain-persistent')).toHaveTextContent('Forgotten when Keydesk quits')
    expect(screen.getByTestId('settings-keychain-problem')).toHaveTextContent('No Secret Service is running')
  })

  it('offers no encrypted file when the keychain keeps secrets', async () => {
    vi.mocked(api.getSettings).mockResolvedValue(makeSettings())
    renderWithProviders(<SettingsModal opened onClose={vi.fn()} />)

    expect(await screen.findByTestId('settings-keychain-persistent')).toHaveTextContent('Kept across restarts')
    expect(screen.queryByTestId('settings-encrypt-form')).not.toBeInTheDocument()
  })

  it('checks the passphrase and its repetition before switching to an encrypted file', async () => {
    vi.mocked(api.enableEncryptedFile).mockResolvedValue(
      makeSettings({ keychainBackend: 'file', keychainLabel: 'Encrypted file', keychainPersistent: true }),
    )
    const { user } = renderWithProviders(<SettingsModal opened onClose={vi.fn()} />)
    const passphrase = await screen.findByTestId('settings-passphrase')
    const confirm = screen.getByTestId('settings-passphrase-confirm')

    await user.click(screen.getByTestId('settings-encrypt-submit'))
    expect(screen.getByText('Enter a passphrase.')).toBeInTheDocument()

    await user.type(passphrase, 'short')
    await user.click(screen.getByTestId('settings-encrypt-submit'))
    expect(screen.getByText('Use at least 8 characters.')).toBeInTheDocument()

    await user.type(passphrase, ' but long now')
    await user.type(confirm, 'short but long')
    await user.click(screen.getByTestId('settings-encrypt-submit'))
    expect(screen.getByText('The passphrases don’t match.')).toBeInTheDocument()
    expect(confirm).toHaveAttribute('aria-invalid', 'true')
    expect(api.enableEncryptedFile).not.toHaveBeenCalled()
    // Nothing typed is lost.
    expect(passphrase).toHaveValue('short but long now')

    await user.type(confirm, ' now{Enter}')
    expect(api.enableEncryptedFile).toHaveBeenCalledWith('short but long now')
    expect(await screen.findByText('Secrets are now kept in an encrypted file.')).toBeInTheDocument()
    await waitFor(() => expect(screen.getByTestId('settings-keychain')).toHaveTextContent('Encrypted file'))
    expect(screen.queryByTestId('settings-encrypt-form')).not.toBeInTheDocument()
  })

  it('shows the backend’s reason next to the passphrase', async () => {
    vi.mocked(api.enableEncryptedFile).mockRejectedValue(
      new ApiError('invalid_input', 'The passphrase doesn’t open the existing file.', 'passphrase'),
    )
    const { user } = renderWithProviders(<SettingsModal opened onClose={vi.fn()} />)
    await user.type(await screen.findByTestId('settings-passphrase'), 'correct horse')
    await user.type(screen.getByTestId('settings-passphrase-confirm'), 'correct horse{Enter}')

    expect(await screen.findByText('The passphrase doesn’t open the existing file.')).toBeInTheDocument()
    expect(screen.getByTestId('settings-passphrase')).toHaveValue('correct horse')
  })

  it('offers to unlock, not to create, an encrypted file that is locked', async () => {
    vi.mocked(api.getSettings).mockResolvedValue(
      makeSettings({ keychainBackend: 'memory', keychainLabel: 'Encrypted file (locked)', keychainPersistent: false, keychainLocked: true, keychainProblem: 'locked' }),
    )
    renderWithProviders(<SettingsModal opened onClose={vi.fn()} />)

    expect(await screen.findByTestId('settings-keychain-persistent')).toHaveTextContent('Locked')
    expect(screen.getByTestId('settings-keychain-problem')).toHaveTextContent('locked until you enter its passphrase')
    expect(screen.getByTestId('unlock-form')).toBeInTheDocument()
    expect(screen.queryByTestId('settings-encrypt-form')).not.toBeInTheDocument()
    expect(screen.queryByTestId('settings-passphrase-confirm')).not.toBeInTheDocument()
  })

  it('changes the sync interval', async () => {
    vi.mocked(api.setSyncInterval).mockResolvedValue({ ...memoryOnly, syncIntervalMinutes: 15 })
    const { user } = renderWithProviders(<SettingsModal opened onClose={vi.fn()} />)
    const select = await screen.findByTestId('settings-sync-interval')
    expect(select).toHaveValue('Every 5 minutes')

    await user.click(select)
    await user.click(screen.getByRole('option', { name: 'Every 15 minutes' }))

    expect(api.setSyncInterval).toHaveBeenCalledWith(15)
    await waitFor(() => expect(screen.getByTestId('settings-sync-interval')).toHaveValue('Every 15 minutes'))
  })

  it('asks before closing drops reminder settings not saved, and closes at once when there are none', async () => {
    vi.mocked(api.getReminderSettings).mockResolvedValue(makeReminderSettings())
    vi.mocked(api.setReminderSettings).mockImplementation(async (s) => s)
    const onClose = vi.fn()
    const { user } = renderWithProviders(<SettingsModal opened onClose={onClose} />)
    const unused = await screen.findByTestId('reminder-kind-unused')

    await user.click(unused)
    await user.keyboard('{Escape}')
    expect(await screen.findByTestId('settings-unsaved')).toHaveTextContent('Closing now drops the changes to the reminder settings.')
    expect(screen.getByTestId('settings-keep-editing')).toHaveFocus()
    expect(onClose).not.toHaveBeenCalled()
    await user.click(screen.getByTestId('settings-keep-editing'))
    expect(screen.queryByTestId('settings-unsaved')).toBeNull()
    expect(screen.getByTestId('reminder-kind-unused')).not.toBeChecked()

    // Put back as it was: nothing to ask about.
    await user.click(screen.getByTestId('reminder-kind-unused'))
    await user.keyboard('{Escape}')
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1))

    // Saved: nothing to ask about either.
    await user.click(screen.getByTestId('reminder-kind-unused'))
    await user.click(screen.getByTestId('reminder-settings-save'))
    await waitFor(() => expect(api.setReminderSettings).toHaveBeenCalled())
    await screen.findByText('Reminder settings saved.')
    await user.keyboard('{Escape}')
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(2))
    expect(screen.queryByTestId('settings-unsaved')).toBeNull()

    // Discard closes.
    await user.click(screen.getByTestId('reminder-kind-expired'))
    await user.keyboard('{Escape}')
    await user.click(await screen.findByTestId('settings-discard'))
    expect(onClose).toHaveBeenCalledTimes(3)
  })
})
