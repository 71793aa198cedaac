import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../../api'
import { ApiError, type Key } from '../../api'
import { DAYS, iso, makeAuditEvent, makeKey, makeProfile, makeWorkspace } from '../../test/fixtures'
import { renderWithProviders } from '../../test/render'
import { formatDate, formatDateTime } from '../../lib/time'
import { KeysPanel } from './KeysPanel'

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  ...(await import('../../test/apiMocks')).apiMocks(),
}))

const workspace = makeWorkspace()
const now = Date.now()
const billing = makeKey({
  id: 'key_bill',
  name: 'billing',
  maskedKey: 'kd_Bill…0001',
  expiresAt: iso(now + 60 * DAYS),
  profileId: 'prof_billing',
})
const secret = 'kd_NewSecretShownOnce000000000000000000000000000abcd'

const rowOf = (id: string) => screen.getAllByTestId('key-row').find((row) => row.getAttribute('data-key-id') === id)!

type User = ReturnType<typeof renderWithProviders>['user']

/** The server rotates billing into key_next, the old key revoked at revokesAt. */
function mockRotation(revokesAt = iso(now + 7 * DAYS)) {
  vi.mocked(api.rotateKey).mockResolvedValue({
    key: makeKey({ id: 'key_next', name: 'billing', maskedKey: 'kd_NewS…abcd' }),
    secret,
    previous: { ...billing, rotating: true, autoRevoke: true, revokesAt },
  })
}

async function open(user: User, testId: string, keyId = 'key_bill') {
  await screen.findAllByTestId('key-row')
  await user.click(within(rowOf(keyId)).getByTestId('key-menu'))
  await user.click(await screen.findByTestId(testId))
}

beforeEach(() => {
  vi.mocked(api.listKeys).mockResolvedValue([billing])
  vi.mocked(api.listProfiles).mockResolvedValue([makeProfile(), makeProfile({ id: 'prof_ops', name: 'Ops' })])
})

describe('rotate', () => {
  it('explains what happens to the old key for 7 days and for 0 days', async () => {
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await open(user, 'key-menu-rotate')

    const overlap = screen.getByTestId('rotate-overlap-input')
    expect(overlap).toHaveValue('7 days')
    expect(overlap).toHaveFocus()
    const in7 = formatDate(new Date(Date.now() + 7 * DAYS).toISOString())
    // The new key lives as long as this one was made to live: created 10 days ago, expiring in 30.
    const successor = formatDate(new Date(Date.now() + Date.parse(billing.expiresAt!) - Date.parse(billing.createdAt)).toISOString())
    expect(screen.getByTestId('rotate-explanation')).toHaveTextContent(
      `A new key is created now; it expires ${successor}. The old key keeps working until ${in7}, then it is revoked (disabled).`,
    )

    await user.clear(overlap)
    await user.type(overlap, '0')
    expect(screen.getByTestId('rotate-explanation')).toHaveTextContent(
      `A new key is created now; it expires ${successor}. The old key stops working at once.`,
    )

    await user.click(screen.getByTestId('rotate-auto-revoke'))
    expect(screen.getByTestId('rotate-explanation')).toHaveTextContent(
      `A new key is created now; it expires ${successor}. The old key keeps working until you disable or delete it.`,
    )
  })

  it('says when the new key expires: never like the old one, or within the workspace’s longest', async () => {
    vi.mocked(api.listKeys).mockResolvedValue([{ ...billing, expiresAt: undefined }])
    const { user, unmount } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await open(user, 'key-menu-rotate')
    expect(screen.getByTestId('rotate-explanation')).toHaveTextContent('A new key is created now; it never expires.')
    unmount()

    const strict = makeWorkspace({ maxExpiryDays: 20, allowNeverExpires: false })
    renderWithProviders(<KeysPanel workspace={strict} />)
    await open(user, 'key-menu-rotate')
    expect(screen.getByTestId('rotate-explanation')).toHaveTextContent(
      `A new key is created now; it expires ${formatDate(new Date(Date.now() + 20 * DAYS).toISOString())}.`,
    )
  })

  it('never promises more than the old key’s own expiry', async () => {
    vi.mocked(api.listKeys).mockResolvedValue([{ ...billing, expiresAt: iso(now + 2 * DAYS) }])
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await open(user, 'key-menu-rotate')

    expect(screen.getByTestId('rotate-explanation')).toHaveTextContent(
      `The old key keeps working until it expires on ${formatDate(iso(now + 2 * DAYS))}.`,
    )
  })

  it('rotates and shows the new key’s secret once, with what happens to the old one', async () => {
    const revokesAt = iso(now + 3 * DAYS)
    mockRotation(revokesAt)
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await open(user, 'key-menu-rotate')

    const overlap = screen.getByTestId('rotate-overlap-input')
    await user.clear(overlap)
    await user.type(overlap, '3')
    await user.click(screen.getByTestId('rotate-submit'))

    expect(api.rotateKey).toHaveBeenCalledWith('ws_local', 'key_bill', { overlapDays: 3, autoRevoke: true })
    expect(await screen.findByRole('dialog', { name: 'Save the new key' })).toBeInTheDocument()
    expect(screen.getByTestId('secret-input')).toHaveValue(secret)
    expect(screen.getByText('This key will not be shown again. Copy it now and store it safely.')).toBeInTheDocument()
    expect(screen.getByTestId('rotate-previous')).toHaveTextContent(`Keeps working until ${formatDate(revokesAt)}, then it is revoked (disabled).`)
    expect(screen.getByTestId('remember-checkbox')).toBeInTheDocument()
    // It says which keychain would get the secret.
    expect(
      await screen.findByText('So you can test this key later without pasting it. Only the keychain on this computer (GNOME Keyring) gets it.'),
    ).toBeInTheDocument()
  })

  it('rotates once on a double click, and shows that rotation’s secret', async () => {
    mockRotation()
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await open(user, 'key-menu-rotate')
    // Two clicks with nothing in between, as a fast double click lands in a browser.
    const submit = screen.getByTestId('rotate-submit')
    fireEvent.click(submit)
    fireEvent.click(submit)

    expect(await screen.findByRole('dialog', { name: 'Save the new key' })).toBeInTheDocument()
    expect(screen.getByTestId('secret-input')).toHaveValue(secret)
    expect(api.rotateKey).toHaveBeenCalledTimes(1)
  })

  it('puts the focus on Copy, lets Tab reach the eye, and asks before a reload loses the secret', async () => {
    mockRotation()
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await open(user, 'key-menu-rotate')
    await user.click(screen.getByTestId('rotate-submit'))
    await screen.findByRole('dialog', { name: 'Save the new key' })

    await waitFor(() => expect(screen.getByTestId('copy-secret')).toHaveFocus())
    expect(screen.getByTestId('reveal-secret')).toHaveAttribute('tabindex', '0')
    // Focus does not select it: a selection is the X PRIMARY selection on Linux.
    const input = screen.getByTestId('secret-input') as HTMLInputElement
    input.focus()
    expect(input.selectionEnd! - input.selectionStart!).toBe(0)
    const leaving = new Event('beforeunload', { cancelable: true })
    window.dispatchEvent(leaving)
    expect(leaving.defaultPrevented).toBe(true)

    await user.click(screen.getByTestId('secret-done'))
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Save the new key' })).not.toBeInTheDocument())
    const later = new Event('beforeunload', { cancelable: true })
    window.dispatchEvent(later)
    expect(later.defaultPrevented).toBe(false)
  })

  it('keeps the new secret on screen until Done, which stores it when asked to', async () => {
    mockRotation()
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await open(user, 'key-menu-rotate')
    await user.click(screen.getByTestId('rotate-submit'))
    const dialog = await screen.findByRole('dialog', { name: 'Save the new key' })

    await user.click(screen.getByTestId('remember-checkbox'))
    await user.keyboard('{Escape}')
    expect(dialog).toBeInTheDocument()
    expect(within(dialog).queryByRole('button', { name: /close/i })).not.toBeInTheDocument()
    expect(api.rememberSecret).not.toHaveBeenCalled()

    await user.click(screen.getByTestId('secret-done'))
    expect(api.rememberSecret).toHaveBeenCalledWith('ws_local', 'key_next', secret)
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Save the new key' })).not.toBeInTheDocument())
  })

  it('is not offered for a key the server would not rotate, and says why', async () => {
    vi.mocked(api.listKeys).mockResolvedValue([
      billing,
      makeKey({ id: 'key_rot', name: 'rotated', revokesAt: iso(now + 3 * DAYS), autoRevoke: true, rotating: true }),
      makeKey({ id: 'key_off', name: 'paused', enabled: false, status: 'inactive' }),
    ])
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    for (const [id, reason] of [
      ['key_rot', 'This key has already been rotated: rotate its successor instead.'],
      ['key_off', 'Only an active key can be rotated; this key is inactive.'],
    ]) {
      await screen.findAllByTestId('key-row')
      await user.click(within(rowOf(id)).getByTestId('key-menu'))
      expect(await screen.findByTestId('key-menu-rotate')).toBeDisabled()
      expect(screen.getByTestId('key-menu-rotate-reason')).toHaveTextContent(reason)
      await user.keyboard('{Escape}')
      await waitFor(() => expect(screen.queryByTestId('key-menu-dropdown')).not.toBeInTheDocument())
    }
    expect(api.rotateKey).not.toHaveBeenCalled()
  })

  it('refuses an overlap outside 0–30 days without asking the server', async () => {
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await open(user, 'key-menu-rotate')

    const overlap = screen.getByTestId('rotate-overlap-input')
    await user.clear(overlap)
    await user.click(screen.getByTestId('rotate-submit'))
    expect(screen.getByText('The overlap must be a whole number of days from 0 to 30.')).toBeInTheDocument()

    // Typed past the maximum: kept as typed and refused, not cut to 4 or 30.
    await user.type(overlap, '45')
    expect(overlap).toHaveValue('45 days')
    expect(screen.getByText('The overlap must be a whole number of days from 0 to 30.')).toBeInTheDocument()
    await user.click(screen.getByTestId('rotate-submit'))
    expect(api.rotateKey).not.toHaveBeenCalled()

    // A minus is kept and refused too: -5 must not become 5.
    await user.clear(overlap)
    await user.type(overlap, '-5')
    expect(overlap).toHaveValue('-5 days')
    expect(screen.getByText('The overlap must be a whole number of days from 0 to 30.')).toBeInTheDocument()
    await user.click(screen.getByTestId('rotate-submit'))
    expect(api.rotateKey).not.toHaveBeenCalled()

    await user.clear(overlap)
    await user.type(overlap, '30')
    expect(screen.queryByText('The overlap must be a whole number of days from 0 to 30.')).not.toBeInTheDocument()
  })
})

describe('create key choices', () => {
  it('marks the chosen role with a check, like the other lists', async () => {
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')
    await user.click(screen.getByTestId('create-key-button'))
    await user.click(await screen.findByTestId('key-role-select'))
    const option = (name: string) => screen.getAllByRole('option').find((o) => o.textContent?.startsWith(name))!
    expect(option('API').querySelector('.tabler-icon-check')).not.toBeNull()
    expect(option('Admin').querySelector('.tabler-icon-check')).toBeNull()
  })
})

describe('key names', () => {
  const tooLong = 'n'.repeat(120)

  it('says at once that a pasted name is too long, keeps it whole and creates nothing', async () => {
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')
    await user.click(screen.getByTestId('create-key-button'))
    const name = await screen.findByTestId('key-name-input')
    await user.click(name)
    await user.paste(tooLong)

    expect(name).toHaveValue(tooLong)
    expect(screen.getByText('The name can be at most 100 characters; this one has 120.')).toBeInTheDocument()
    await user.click(screen.getByTestId('create-key-submit'))
    expect(api.createKey).not.toHaveBeenCalled()

    await user.clear(name)
    await user.paste('n'.repeat(100))
    expect(screen.queryByText(/at most 100 characters/)).not.toBeInTheDocument()
  })

  it('counts characters as the server does, not UTF-16 units', async () => {
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await open(user, 'key-menu-edit')
    const name = screen.getByTestId('edit-name-input')
    await user.clear(name)
    await user.paste('🔑'.repeat(100)) // 200 UTF-16 units, 100 characters
    expect(screen.queryByText(/at most 100 characters/)).not.toBeInTheDocument()
    await user.paste('🔑')
    expect(screen.getByText('The name can be at most 100 characters; this one has 101.')).toBeInTheDocument()
    await user.click(screen.getByTestId('edit-submit'))
    expect(api.updateKey).not.toHaveBeenCalled()
  })
})

describe('regenerate', () => {
  beforeEach(() => {
    vi.mocked(api.regenerateKey).mockResolvedValue({ key: { ...billing, maskedKey: 'kd_NewS…abcd' }, secret })
  })

  it('warns and keeps the expiry unless asked to change it', async () => {
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await open(user, 'key-menu-regenerate')

    expect(screen.getByText('The current secret stops working at once')).toBeInTheDocument()
    expect(screen.queryByTestId('regenerate-expiry-select')).not.toBeInTheDocument()
    await user.click(screen.getByTestId('regenerate-submit'))

    expect(api.regenerateKey).toHaveBeenCalledWith('ws_local', 'key_bill', { changeExpiry: false, expiresInDays: null })
    expect(await screen.findByRole('dialog', { name: 'Save the new secret' })).toBeInTheDocument()
    expect(screen.getByTestId('secret-input')).toHaveValue(secret)
  })

  it('keeps remembering a key whose secret Keydesk kept: "Remember in keychain" starts ticked', async () => {
    vi.mocked(api.listKeys).mockResolvedValue([{ ...billing, remembered: true }])
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await open(user, 'key-menu-regenerate')
    await user.click(screen.getByTestId('regenerate-submit'))
    expect(await screen.findByTestId('remember-checkbox')).toBeChecked()
    await user.click(screen.getByTestId('secret-done'))
    await waitFor(() => expect(api.rememberSecret).toHaveBeenCalledWith('ws_local', 'key_bill', secret))
  })

  it('leaves "Remember in keychain" unticked for a key whose secret Keydesk did not keep', async () => {
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await open(user, 'key-menu-regenerate')
    await user.click(screen.getByTestId('regenerate-submit'))
    expect(await screen.findByTestId('remember-checkbox')).not.toBeChecked()
  })

  it('sends the new expiry when "Change expiry date" is ticked', async () => {
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await open(user, 'key-menu-regenerate')

    await user.click(screen.getByTestId('regenerate-change-expiry'))
    await user.click(screen.getByTestId('regenerate-expiry-select'))
    await user.click(screen.getByRole('option', { name: 'Never' }))
    await user.click(screen.getByTestId('regenerate-submit'))

    expect(api.regenerateKey).toHaveBeenCalledWith('ws_local', 'key_bill', { changeExpiry: true, expiresInDays: null })
  })

  it('asks an expired key for a new expiry: its secret would be born expired', async () => {
    vi.mocked(api.listKeys).mockResolvedValue([{ ...billing, status: 'expired', expiresAt: iso(Date.now() - 6 * DAYS) }])
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await open(user, 'key-menu-regenerate')

    const change = screen.getByTestId('regenerate-change-expiry')
    expect(change).toBeChecked()
    expect(change).toBeDisabled()
    expect(screen.getByText(/^Expired on .*: the new secret needs a new expiry\.$/)).toBeInTheDocument()
    expect(screen.getByTestId('regenerate-warning')).toHaveTextContent('The current secret stopped working when the key expired.')
    await user.click(screen.getByTestId('regenerate-expiry-select'))
    await user.click(screen.getByRole('option', { name: 'In 30 days' }))
    await user.click(screen.getByTestId('regenerate-submit'))
    expect(api.regenerateKey).toHaveBeenCalledWith('ws_local', 'key_bill', { changeExpiry: true, expiresInDays: 30 })
  })

  it('sends a preset expiry, submitting with Enter from the checkbox', async () => {
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await open(user, 'key-menu-regenerate')

    await user.click(screen.getByTestId('regenerate-change-expiry'))
    await user.click(screen.getByTestId('regenerate-expiry-select'))
    await user.click(screen.getByRole('option', { name: 'In 90 days' }))
    screen.getByTestId('regenerate-change-expiry').focus()
    await user.keyboard('{Enter}')

    expect(api.regenerateKey).toHaveBeenCalledWith('ws_local', 'key_bill', { changeExpiry: true, expiresInDays: 90 })
  })
})

describe('clean up', () => {
  beforeEach(() => {
    vi.mocked(api.cleanupCounts).mockResolvedValue({ expired: 4, revoked: 3, both: 2 })
    vi.mocked(api.cleanupKeys).mockResolvedValue(5)
  })

  it('appears only when there is something to clean up', async () => {
    vi.mocked(api.cleanupCounts).mockResolvedValue({ expired: 0, revoked: 0, both: 0 })
    renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')
    await waitFor(() => expect(api.cleanupCounts).toHaveBeenCalledWith('ws_local'))
    expect(screen.queryByTestId('cleanup-button')).not.toBeInTheDocument()
  })

  it('shows each count; "Both" excludes the other two and vice versa', async () => {
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    const button = await screen.findByTestId('cleanup-button')
    // Expired or revoked: 4 + 3 − 2 that are both.
    expect(button).toHaveTextContent('Clean up (5)')
    await user.click(button)

    expect(screen.getByTestId('cleanup-expired-count')).toHaveTextContent('4 keys')
    expect(screen.getByTestId('cleanup-revoked-count')).toHaveTextContent('3 keys')
    expect(screen.getByTestId('cleanup-both-count')).toHaveTextContent('2 keys')
    expect(screen.getByTestId('cleanup-warning')).toHaveTextContent('Deletion is permanent.')
    expect(screen.getByTestId('cleanup-submit')).toBeDisabled()

    await user.click(screen.getByTestId('cleanup-expired'))
    await user.click(screen.getByTestId('cleanup-revoked'))
    expect(screen.getByTestId('cleanup-submit')).toHaveTextContent('Delete 5 keys')

    await user.click(screen.getByTestId('cleanup-both'))
    expect(screen.getByTestId('cleanup-both')).toBeChecked()
    expect(screen.getByTestId('cleanup-expired')).not.toBeChecked()
    expect(screen.getByTestId('cleanup-revoked')).not.toBeChecked()
    expect(screen.getByTestId('cleanup-expired')).toBeDisabled()
    expect(screen.getByTestId('cleanup-revoked')).toBeDisabled()
    expect(screen.getByTestId('cleanup-submit')).toHaveTextContent('Delete 2 keys')

    await user.click(screen.getByTestId('cleanup-both'))
    await user.click(screen.getByTestId('cleanup-expired'))
    expect(screen.getByTestId('cleanup-both')).not.toBeChecked()
    expect(screen.getByTestId('cleanup-submit')).toHaveTextContent('Delete 4 keys')
  })

  it('names the keys each choice deletes, by the server’s rules', async () => {
    const past = iso(now - 2 * DAYS)
    const keys = [
      billing,
      makeKey({ id: 'k_e1', name: 'old-ci', expiresAt: past }),
      makeKey({ id: 'k_e2', name: 'old-deploy', expiresAt: past }),
      makeKey({ id: 'k_e3', name: 'old-batch', expiresAt: past }),
      makeKey({ id: 'k_e4', name: 'old-cron', expiresAt: past, enabled: false }),
      makeKey({ id: 'k_off', name: 'paused', enabled: false }),
      // Past the end of an auto-revoking rotation, not yet disabled by the server's sweep.
      makeKey({ id: 'k_rot', name: 'rotated-out', revokesAt: past, autoRevoke: true }),
      // Its overlap ends later: still in use.
      makeKey({ id: 'k_rot2', name: 'rotating', revokesAt: iso(now + 2 * DAYS), autoRevoke: true }),
    ]
    vi.mocked(api.listKeys).mockResolvedValue(keys)
    vi.mocked(api.cleanupCounts).mockResolvedValue({ expired: 4, revoked: 3, both: 1 })
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await user.click(await screen.findByTestId('cleanup-button'))

    expect(screen.getByTestId('cleanup-expired-names')).toHaveTextContent('Deletes “old-ci”, “old-deploy”, “old-batch” and 1 more')
    expect(screen.getByTestId('cleanup-revoked-names')).toHaveTextContent('Deletes “old-cron”, “paused”, “rotated-out”')
    expect(screen.getByTestId('cleanup-both-names')).toHaveTextContent('Deletes “old-cron”')
  })

  it('deletes the keys it named, and says how many', async () => {
    const past = iso(now - 2 * DAYS)
    vi.mocked(api.listKeys).mockResolvedValue([
      billing,
      makeKey({ id: 'k_old', name: 'old', expiresAt: past, enabled: false }),
      makeKey({ id: 'k_older', name: 'older', expiresAt: past, enabled: false }),
      makeKey({ id: 'k_exp', name: 'expired only', expiresAt: past }),
      makeKey({ id: 'k_off', name: 'paused', enabled: false }),
    ])
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await user.click(await screen.findByTestId('cleanup-button'))
    await user.click(screen.getByTestId('cleanup-both'))
    await user.click(screen.getByTestId('cleanup-submit'))

    expect(api.cleanupKeys).toHaveBeenCalledWith('ws_local', { expired: false, revoked: false, both: true, keyIds: ['k_old', 'k_older'] })
    expect(await screen.findByText('Deleted 5 keys')).toBeInTheDocument()
  })

  it('names each key once when expired and revoked are both chosen', async () => {
    const past = iso(now - 2 * DAYS)
    vi.mocked(api.listKeys).mockResolvedValue([
      billing,
      makeKey({ id: 'k_old', name: 'old', expiresAt: past, enabled: false }),
      makeKey({ id: 'k_exp', name: 'expired only', expiresAt: past }),
      makeKey({ id: 'k_off', name: 'paused', enabled: false }),
    ])
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await user.click(await screen.findByTestId('cleanup-button'))
    await user.click(screen.getByTestId('cleanup-expired'))
    await user.click(screen.getByTestId('cleanup-revoked'))
    await user.click(screen.getByTestId('cleanup-submit'))

    const req = vi.mocked(api.cleanupKeys).mock.calls[0][1]
    expect(req).toMatchObject({ expired: true, revoked: true, both: false })
    expect([...(req.keyIds ?? [])].sort()).toEqual(['k_exp', 'k_off', 'k_old'])
  })

  it('keeps the dialog and the choice when the server says no', async () => {
    vi.mocked(api.cleanupKeys).mockRejectedValue(new ApiError('forbidden', 'Only an admin key may delete keys.'))
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await user.click(await screen.findByTestId('cleanup-button'))
    await user.click(screen.getByTestId('cleanup-revoked'))
    await user.click(screen.getByTestId('cleanup-submit'))

    expect(await screen.findByText('Only an admin key may delete keys.')).toBeInTheDocument()
    expect(screen.getByTestId('cleanup-revoked')).toBeChecked()
  })
})

describe('edit', () => {
  it('sends only what changed', async () => {
    vi.mocked(api.updateKey).mockResolvedValue({ ...billing, name: 'billing v2' })
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await open(user, 'key-menu-edit')

    const name = screen.getByTestId('edit-name-input')
    expect(name).toHaveValue('billing')
    expect(name).toHaveFocus()
    await user.clear(name)
    await user.type(name, 'billing v2')
    await user.click(screen.getByTestId('edit-profile-select'))
    await user.click(screen.getByRole('option', { name: 'No profile' }))
    await user.click(screen.getByTestId('edit-submit'))

    expect(api.updateKey).toHaveBeenCalledWith('ws_local', 'key_bill', { name: 'billing v2', profileId: '' })
    expect(await screen.findByText('Saved “billing v2”')).toBeInTheDocument()
  })

  it('shows a server error next to the name and keeps the input', async () => {
    vi.mocked(api.updateKey).mockRejectedValue(new ApiError('invalid_input', 'A key with this name exists.', 'name'))
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await open(user, 'key-menu-edit')

    await user.type(screen.getByTestId('edit-name-input'), ' copy{Enter}')

    expect(await screen.findByText('A key with this name exists.')).toBeInTheDocument()
    expect(screen.getByTestId('edit-name-input')).toHaveValue('billing copy')
  })
})

describe('remember and forget', () => {
  it('checks a pasted secret against the masked key before storing it', async () => {
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await open(user, 'key-menu-remember')

    const input = screen.getByTestId('remember-secret-input')
    await user.type(input, 'kd_Other000000000000000000000000{Enter}')
    expect(screen.getByText(/isn’t the secret of this key/)).toBeInTheDocument()
    expect(api.rememberSecret).not.toHaveBeenCalled()

    await user.clear(input)
    await user.type(input, 'kd_Bill0000000000000000000000000000000000000000001{Enter}')
    expect(api.rememberSecret).toHaveBeenCalledWith('ws_local', 'key_bill', 'kd_Bill0000000000000000000000000000000000000000001')
  })

  it('forgets a remembered secret after confirming', async () => {
    vi.mocked(api.listKeys).mockResolvedValue([{ ...billing, remembered: true }])
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await open(user, 'key-menu-forget')

    await user.click(screen.getByTestId('forget-submit'))
    expect(api.forgetSecret).toHaveBeenCalledWith('ws_local', 'key_bill')
  })
})

describe('details drawer', () => {
  it('opens on a row click with the key’s fields, usage and history', async () => {
    vi.mocked(api.keyUsage).mockResolvedValue({
      days: Array.from({ length: 30 }, (_, i) => ({ date: `2026-11-${String(i + 1).padStart(2, '0')}`, count: i === 20 ? 40 : 2 })),
      total: 98,
    })
    vi.mocked(api.auditLog).mockResolvedValue({
      items: [
        makeAuditEvent({ id: 2, action: 'key.updated', changes: '{"enabled":{"from":true,"to":false},"name":{"from":"bill","to":"billing"}}' }),
        makeAuditEvent({ id: 1, action: 'key.created', changes: '{"role":"api","profileId":"prof_billing","expiresAt":null}' }),
      ],
      total: 2,
    })
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')

    await user.click(within(rowOf('key_bill')).getByText('billing'))

    const drawer = await screen.findByTestId('key-drawer')
    expect(within(drawer).getByText('kd_Bill…0001')).toBeInTheDocument()
    expect(within(drawer).getByText('Billing')).toBeInTheDocument()
    expect(await within(drawer).findByTestId('usage-sparkline')).toHaveAttribute('data-points', '30')
    expect(within(drawer).getByTestId('usage-total')).toHaveTextContent('98 requests')
    expect(api.keyUsage).toHaveBeenCalledWith('ws_local', 'key_bill')
    expect(api.auditLog).toHaveBeenCalledWith('ws_local', 'key_bill', '', 0, 50)

    const history = await within(drawer).findAllByTestId('history-item')
    expect(history[0]).toHaveTextContent('Changed')
    expect(history[0]).toHaveTextContent('Disabled · name “bill” → “billing”')
    expect(history[1]).toHaveTextContent('Created')
    expect(history[1]).toHaveTextContent('role: API · profile: Billing · expiry: never')
  })

  it('says the server did not answer for the history and reads it again on Retry, as the audit log does', async () => {
    vi.mocked(api.auditLog)
      .mockRejectedValueOnce(new ApiError('timeout', 'The server did not answer in time. It may still have done what you asked.'))
      .mockResolvedValueOnce({ items: [makeAuditEvent({ id: 1, action: 'key.created', changes: '{"role":"api"}' })], total: 1 })
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await open(user, 'key-menu-details')

    const drawer = await screen.findByTestId('key-drawer')
    const failed = await within(drawer).findByTestId('load-failed')
    expect(failed).toHaveTextContent('Couldn’t load the history')
    expect(failed).toHaveTextContent('The server did not answer in time. Reading changes nothing')
    await user.click(within(failed).getByTestId('load-failed-retry'))
    expect(await within(drawer).findByTestId('history-item')).toHaveTextContent('Created')
  })
})

describe('details', () => {
  it('offers what the row’s menu does: testing, disabling, regenerating and deleting start from the drawer too', async () => {
    vi.mocked(api.runKeyTest).mockReturnValue(new Promise(() => {}))
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await open(user, 'key-menu-details')
    const drawer = await screen.findByTestId('key-drawer')
    const buttons = within(drawer)
      .getAllByRole('button')
      .filter((b) => b.dataset.testid?.startsWith('key-drawer-'))
      .map((b) => b.textContent)
    expect(buttons).toEqual(['Test', 'Edit', 'Disable', 'Rotate…', 'Regenerate secret…', 'Remember secret…', 'Delete'])

    vi.mocked(api.updateKey).mockResolvedValue({ ...billing, enabled: false, status: 'inactive' })
    await user.click(within(drawer).getByTestId('key-drawer-toggle'))
    expect(api.updateKey).toHaveBeenCalledWith('ws_local', 'key_bill', { enabled: false })

    await user.click(within(drawer).getByTestId('key-drawer-delete'))
    expect(await screen.findByTestId('delete-key-target')).toHaveTextContent('billing')
    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    await user.click(within(drawer).getByTestId('key-drawer-test'))
    expect(await screen.findByTestId('keytest-dialog')).toBeInTheDocument()
    expect(api.runKeyTest).toHaveBeenCalledWith('ws_local', 'key_bill', '')
    // Esc closes the dialog, not the details under it too.
    await user.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByTestId('keytest-dialog')).not.toBeInTheDocument())
    expect(screen.getByTestId('key-drawer')).toBeInTheDocument()
    await user.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByTestId('key-drawer')).not.toBeInTheDocument())
  })

  it('names the key that created this one and the one it was rotated from, or gives the ID of one that is gone', async () => {
    const admin = makeKey({ id: 'key_admin', name: 'ops admin', role: 'admin' })
    const successor = makeKey({ id: 'key_next', name: 'billing v2', createdBy: 'key_admin', rotatedFrom: 'key_gone' })
    vi.mocked(api.listKeys).mockResolvedValue([billing, admin, successor])
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await open(user, 'key-menu-details', 'key_next')

    const refs = await screen.findAllByTestId('key-ref')
    expect(refs.map((r) => r.textContent)).toEqual(['ops admin key_admin', 'key_gone'])
  })

  it('does not ask a member key for the audit log, and says why there is no history', async () => {
    const member = makeWorkspace({ role: 'member', canManage: false })
    const { user } = renderWithProviders(<KeysPanel workspace={member} />)
    await open(user, 'key-menu-details')

    expect(await screen.findByTestId('history-admin-only')).toHaveTextContent('Only an admin key can read the audit log')
    expect(api.auditLog).not.toHaveBeenCalled()
  })
})

describe('delete', () => {
  const revokesAt = iso(now + 7 * DAYS)
  const rotating = { ...billing, rotating: true, autoRevoke: true, revokesAt }
  const successor = makeKey({ id: 'key_next', name: 'billing', maskedKey: 'kd_NewS…abcd', rotatedFrom: 'key_bill' })

  it('warns that the key is the new one of a rotation under way, and when the old one stops', async () => {
    vi.mocked(api.listKeys).mockResolvedValue([successor, rotating])
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await open(user, 'delete-key', 'key_next')
    expect(await screen.findByTestId('delete-successor-warning')).toHaveTextContent(
      `This is the new key of a rotation still under way: the old key “billing” (kd_Bill…0001) stops working on ${formatDateTime(revokesAt)}.`,
    )
    expect(screen.getByTestId('delete-successor-warning')).toHaveTextContent(
      'If you delete this one, apps already moved to it stop working now, and apps still on the old key stop on that date. To end the rotation early, delete the old key instead: this one keeps working.',
    )
  })

  it('says nothing of a rotation for a key that is none’s successor, or whose old key is gone', async () => {
    vi.mocked(api.listKeys).mockResolvedValue([successor])
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await open(user, 'delete-key', 'key_next')
    expect(await screen.findByTestId('delete-key-target')).toBeInTheDocument()
    expect(screen.queryByTestId('delete-successor-warning')).not.toBeInTheDocument()
  })
})

describe('disable', () => {
  const revokesAt = iso(now + 7 * DAYS)
  const rotating = { ...billing, rotating: true, autoRevoke: true, revokesAt }
  const successor = makeKey({ id: 'key_next', name: 'billing', maskedKey: 'kd_NewS…abcd', rotatedFrom: 'key_bill' })

  beforeEach(() => {
    vi.mocked(api.updateKey).mockImplementation(async (_ws, keyId, req) => ({ ...(keyId === 'key_next' ? successor : rotating), ...req }))
  })

  it('asks first for the new key of a rotation under way, saying that no key of it works after the overlap', async () => {
    vi.mocked(api.listKeys).mockResolvedValue([successor, rotating])
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await open(user, 'key-menu-toggle', 'key_next')
    expect(await screen.findByTestId('disable-successor-warning')).toHaveTextContent(
      `the old key “billing” (kd_Bill…0001) stops working on ${formatDateTime(revokesAt)}. If you disable this one, apps already moved to it stop working now, and from that date no key of this rotation works until this one is enabled again.`,
    )
    expect(within(screen.getByTestId('disable-key-target')).getByText('kd_NewS…abcd')).toBeInTheDocument()
    expect(api.updateKey).not.toHaveBeenCalled()

    // Cancel changes nothing; asked again, Disable disables it.
    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(api.updateKey).not.toHaveBeenCalled()
    await open(user, 'key-menu-toggle', 'key_next')
    await user.click(await screen.findByTestId('confirm-disable'))
    expect(api.updateKey).toHaveBeenCalledExactlyOnceWith('ws_local', 'key_next', { enabled: false })
    expect(await screen.findByText('Disabled “billing”')).toBeInTheDocument()
  })

  it('asks even while the table shows only its first rows, which hold the new key but not the old one', async () => {
    let resolveAll: (all: Key[]) => void = () => {}
    vi.mocked(api.listKeys).mockImplementation(() => new Promise((resolve) => (resolveAll = resolve)))
    vi.mocked(api.listFirstKeys).mockResolvedValueOnce({ keys: [successor], total: 2 })
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await open(user, 'key-menu-toggle', 'key_next')
    expect(api.updateKey).not.toHaveBeenCalled()
    resolveAll([successor, rotating])
    expect(await screen.findByTestId('disable-successor-warning')).toHaveTextContent('the old key “billing” (kd_Bill…0001)')
    expect(api.updateKey).not.toHaveBeenCalled()
  })

  it('says the same in the Edit dialog once its Enabled switch is turned off for the new key', async () => {
    vi.mocked(api.listKeys).mockResolvedValue([successor, rotating])
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await open(user, 'key-menu-edit', 'key_next')
    expect(screen.queryByTestId('edit-disable-successor-warning')).not.toBeInTheDocument()
    await user.click(screen.getByTestId('edit-enabled-switch'))
    expect(await screen.findByTestId('edit-disable-successor-warning')).toHaveTextContent(
      `the old key “billing” (kd_Bill…0001) stops working on ${formatDateTime(revokesAt)}. If you disable this one`,
    )
    await user.click(screen.getByTestId('edit-enabled-switch'))
    expect(screen.queryByTestId('edit-disable-successor-warning')).not.toBeInTheDocument()
  })

  it('disables the old key of a rotation, or a key whose old key is gone, in one click', async () => {
    vi.mocked(api.listKeys).mockResolvedValue([successor, rotating])
    const { user, unmount } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await open(user, 'key-menu-toggle', 'key_bill')
    expect(api.updateKey).toHaveBeenCalledExactlyOnceWith('ws_local', 'key_bill', { enabled: false })
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    unmount()

    vi.mocked(api.listKeys).mockResolvedValue([successor])
    const again = renderWithProviders(<KeysPanel workspace={workspace} />)
    await open(again.user, 'key-menu-toggle', 'key_next')
    expect(api.updateKey).toHaveBeenLastCalledWith('ws_local', 'key_next', { enabled: false })
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })
})
