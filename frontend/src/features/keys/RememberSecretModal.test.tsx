import { screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import * as api from '../../api'
import { makeKey, makeSettings } from '../../test/fixtures'
import { renderWithProviders } from '../../test/render'
import { RememberSecretModal } from './RememberSecretModal'

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  ...(await import('../../test/apiMocks')).apiMocks(),
}))

const key = makeKey({ id: 'key_bill', name: 'billing', maskedKey: 'kd_Bill…0001' })
const inMemory = 'Paste the secret of this key. Keydesk keeps it in memory only, never in its database or on disk, so you can test the key until Keydesk quits.'

describe('remember secret: where the secret goes, in words', () => {
  it.each([
    ['GNOME Keyring', 'secret-service', true, 'Paste the secret of this key. Keydesk keeps it in your keychain (GNOME Keyring), never in its database, so you can test the key later.'],
    ['Encrypted file', 'file', true, 'Paste the secret of this key. Keydesk keeps it in your keychain (Encrypted file), never in its database, so you can test the key later.'],
    ['', 'secret-service', true, 'Paste the secret of this key. Keydesk keeps it in your keychain, never in its database, so you can test the key later.'],
    // The memory backend's label describes it ("Not remembered (…)"): it is not a keychain's name.
    ['Not remembered (memory only)', 'memory', false, inMemory],
    ['Not remembered (no keychain available)', 'memory', false, inMemory],
    ['Not remembered (unknown keychain)', 'memory', false, inMemory],
    // The keychain failed since Keydesk started: new secrets are kept in memory.
    ['macOS Keychain', 'keychain', false, inMemory],
  ])('%s (%s)', async (keychainLabel, keychainBackend, keychainPersistent, intro) => {
    vi.mocked(api.getSettings).mockResolvedValue(makeSettings({ keychainLabel, keychainBackend, keychainPersistent }))
    renderWithProviders(<RememberSecretModal workspaceId="ws_local" target={key} onClose={vi.fn()} />)
    expect(await screen.findByText(intro)).toBeInTheDocument()
    expect(screen.queryByText(/\(Not remembered/)).not.toBeInTheDocument()
  })
})
