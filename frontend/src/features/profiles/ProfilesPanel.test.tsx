import { screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../../api'
import { ApiError, type ProfileRequest } from '../../api'
import { queryKeys } from '../../app/queryKeys'
import { makeKey, makeProfile, makeWorkspace } from '../../test/fixtures'
import { renderWithProviders } from '../../test/render'
import { ProfilesPanel } from './ProfilesPanel'

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  ...(await import('../../test/apiMocks')).apiMocks(),
}))

const admin = makeWorkspace()
const member = makeWorkspace({ role: 'member', canManage: false })

const billing = makeProfile({
  id: 'prof_billing',
  name: 'Billing',
  description: 'Keys of the billing service',
  defaultExpiryDays: 45,
  keyPrefix: 'bill',
  rotationDays: 90,
  reminderDays: [30, 7, 1],
  testEndpoint: { method: 'POST', url: '{server}/v1/keys/verify', auth: 'header', name: 'X-API-Key' },
  metadata: '{"team":"payments"}',
  keyCount: 3,
})
const ops = makeProfile({ id: 'prof_ops', name: 'Ops', keyPrefix: '', reminderDays: [], keyCount: 0 })
const prettyMetadata = JSON.stringify({ team: 'payments' }, null, 2)

type User = ReturnType<typeof renderWithProviders>['user']

const rowOf = (name: string) => screen.getAllByTestId('profile-row').find((row) => row.textContent?.includes(name))!
/** The label, description and error of the field an input belongs to. */
const fieldOf = (input: HTMLElement) => input.closest<HTMLElement>('.mantine-InputWrapper-root')!

async function openRowAction(user: User, name: string, testId: 'profile-edit' | 'profile-delete') {
  await screen.findAllByTestId('profile-row')
  await user.click(within(rowOf(name)).getByTestId(testId))
}

beforeEach(() => {
  vi.mocked(api.listProfiles).mockResolvedValue([billing, ops])
})

describe('profiles table', () => {
  it('shows every setting of each profile', async () => {
    renderWithProviders(<ProfilesPanel workspace={admin} />)

    const bill = within(await waitFor(() => rowOf('Billing')))
    for (const text of ['Keys of the billing service', '45 days', 'bill_', 'Every 90 days', '30, 7, 1 days']) {
      expect(bill.getByText(text)).toBeInTheDocument()
    }
    expect(bill.getByText('POST')).toBeInTheDocument()
    expect(bill.getByText('{server}/v1/keys/verify')).toBeInTheDocument()
    expect(bill.getByText('header X-API-Key')).toBeInTheDocument()
    expect(bill.getByTestId('profile-key-count')).toHaveTextContent('3')
    expect(bill.getByLabelText('Has metadata')).toBeInTheDocument()

    const plain = within(rowOf('Ops'))
    for (const text of ['Never', 'No policy', 'As in Settings']) {
      expect(plain.getByText(text)).toBeInTheDocument()
    }
    // The workspace's prefix and the default test target.
    expect(plain.getAllByText('Default')).toHaveLength(2)
  })

  it('offers to create the first profile when there is none', async () => {
    vi.mocked(api.listProfiles).mockResolvedValue([])
    renderWithProviders(<ProfilesPanel workspace={admin} />)
    expect(await screen.findByTestId('profiles-empty')).toHaveTextContent('No profiles yet')
    expect(screen.getByTestId('create-profile-button')).toBeEnabled()
  })
})

// A long form typed into key by key: slow in jsdom on a busy machine, not in a browser.
describe('profile form', { timeout: 20_000 }, () => {
  it('creates a profile from every field; its lead times start empty (those in Settings)', async () => {
    vi.mocked(api.createProfile).mockResolvedValue(makeProfile({ id: 'prof_new', name: 'Payments' }))
    const { user } = renderWithProviders(<ProfilesPanel workspace={admin} />)
    await screen.findAllByTestId('profile-row')
    await user.click(screen.getByTestId('create-profile-button'))
    const dialog = within(screen.getByRole('dialog', { name: 'Create profile' }))

    await user.type(dialog.getByTestId('profile-name-input'), 'Payments')
    await user.click(dialog.getByLabelText('Expires after'))
    const days = dialog.getByTestId('profile-expiry-days')
    await user.clear(days)
    await user.type(days, '45')
    expect(dialog.getByText(/^Starts new secrets, like pay_…/)).toBeInTheDocument()
    await user.type(dialog.getByTestId('profile-prefix-input'), 'pay')
    // The hint shows what was typed.
    expect(dialog.getByText(/^New secrets start pay_…: a lowercase letter/)).toBeInTheDocument()
    expect(fieldOf(dialog.getByTestId('profile-reminder-days')).querySelectorAll('.mantine-Pill-label')).toHaveLength(0)
    await user.type(dialog.getByTestId('profile-reminder-days'), '30{Enter}14{Enter}7{Enter}1{Enter}')
    await user.click(dialog.getByTestId('profile-metadata-input'))
    await user.paste('{"team": "payments"}')
    await user.click(dialog.getByTestId('profile-submit'))

    const expected: ProfileRequest = {
      name: 'Payments',
      description: '',
      defaultExpiryDays: 45,
      keyPrefix: 'pay',
      rotationDays: null,
      reminderDays: [30, 14, 7, 1],
      testEndpoint: null,
      metadata: prettyMetadata,
    }
    expect(api.createProfile).toHaveBeenCalledWith('ws_local', expected)
    expect(await screen.findByText('Created profile “Payments”')).toBeInTheDocument()
  })

  it('asks before Esc or ✕ drops what was entered, each time, and closes at once when nothing was', async () => {
    const { user } = renderWithProviders(<ProfilesPanel workspace={admin} />)
    await screen.findAllByTestId('profile-row')
    await user.click(screen.getByTestId('create-profile-button'))
    await user.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())

    await user.click(screen.getByTestId('create-profile-button'))
    await user.type(screen.getByTestId('profile-name-input'), 'Payments')
    await user.keyboard('{Escape}')
    expect(await screen.findByTestId('profile-unsaved')).toHaveTextContent('Closing now drops what you entered.')
    expect(screen.getByTestId('profile-keep-editing')).toHaveFocus()
    // Asked again (the ✕ this time), it asks again, with the focus on its answer.
    screen.getByTestId('profile-name-input').focus()
    await user.click(screen.getByRole('button', { name: 'Close dialog' }))
    expect(screen.getByTestId('profile-keep-editing')).toHaveFocus()
    await user.click(screen.getByTestId('profile-keep-editing'))
    expect(screen.queryByTestId('profile-unsaved')).toBeNull()
    expect(screen.getByTestId('profile-name-input')).toHaveValue('Payments')

    await user.keyboard('{Escape}')
    await user.click(await screen.findByTestId('profile-discard'))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(api.createProfile).not.toHaveBeenCalled()

    // An edit asks only once something changed.
    await openRowAction(user, 'Billing', 'profile-edit')
    await user.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    await openRowAction(user, 'Billing', 'profile-edit')
    await user.type(screen.getByTestId('profile-name-input'), ' EU')
    await user.keyboard('{Escape}')
    expect(await screen.findByTestId('profile-unsaved')).toHaveTextContent('Closing now drops your changes to this profile.')
  })

  it('sends the whole form on edit, with null for what was switched off', async () => {
    vi.mocked(api.updateProfile).mockResolvedValue({ ...billing, name: 'Billing v2' })
    const { user } = renderWithProviders(<ProfilesPanel workspace={admin} />)
    await openRowAction(user, 'Billing', 'profile-edit')
    const dialog = within(screen.getByRole('dialog', { name: 'Edit profile “Billing”' }))

    // Every field shows what the profile has.
    expect(dialog.getByTestId('profile-expiry-days')).toHaveValue('45')
    expect(dialog.getByTestId('profile-expiry-unit')).toHaveTextContent('days')
    expect(dialog.getByTestId('profile-rotation-days')).toHaveValue('90')
    expect(dialog.getByTestId('profile-prefix-input')).toHaveValue('bill')
    expect(dialog.getByTestId('profile-test-method')).toHaveValue('POST')
    expect(dialog.getByTestId('profile-test-url')).toHaveValue('{server}/v1/keys/verify')
    expect(dialog.getByTestId('profile-test-name')).toHaveValue('X-API-Key')
    expect(dialog.getByTestId('profile-metadata-input')).toHaveValue(prettyMetadata)

    const name = dialog.getByTestId('profile-name-input')
    await user.type(name, ' v2')
    await user.click(dialog.getByLabelText('No policy'))
    await user.click(dialog.getByLabelText('Default target'))
    await user.click(dialog.getByTestId('profile-submit'))

    expect(api.updateProfile).toHaveBeenCalledWith('ws_local', 'prof_billing', {
      name: 'Billing v2',
      description: 'Keys of the billing service',
      defaultExpiryDays: 45,
      keyPrefix: 'bill',
      rotationDays: null,
      reminderDays: [30, 7, 1],
      testEndpoint: null,
      metadata: prettyMetadata,
    })
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
  })

  it('sends a custom test endpoint with its auth', async () => {
    vi.mocked(api.updateProfile).mockResolvedValue(ops)
    const { user } = renderWithProviders(<ProfilesPanel workspace={admin} />)
    await openRowAction(user, 'Ops', 'profile-edit')
    const dialog = within(screen.getByRole('dialog'))

    await user.click(dialog.getByLabelText('Custom endpoint'))
    await user.click(dialog.getByTestId('profile-test-url'))
    await user.paste('https://api.example.com/ping?key=')
    await user.click(dialog.getByLabelText('Query parameter'))
    await user.type(dialog.getByTestId('profile-test-name'), 'api_key')
    await user.click(dialog.getByTestId('profile-submit'))

    expect(vi.mocked(api.updateProfile).mock.calls[0][2].testEndpoint).toEqual({
      method: 'GET',
      url: 'https://api.example.com/ping?key=',
      auth: 'query',
      name: 'api_key',
    })
  })

  it('checks the form before asking the server and keeps what was typed', async () => {
    const { user } = renderWithProviders(<ProfilesPanel workspace={admin} />)
    await screen.findAllByTestId('profile-row')
    await user.click(screen.getByTestId('create-profile-button'))
    const dialog = within(screen.getByRole('dialog'))

    await user.type(dialog.getByTestId('profile-prefix-input'), 'Pay')
    await user.type(dialog.getByTestId('profile-reminder-days'), 'soon{Enter}')
    const metadata = dialog.getByTestId('profile-metadata-input')
    await user.click(metadata)
    await user.paste('["not", "an object"]')
    await user.click(dialog.getByTestId('profile-submit'))

    expect(api.createProfile).not.toHaveBeenCalled()
    expect(within(fieldOf(dialog.getByTestId('profile-name-input'))).getByText('Enter a name for the profile.')).toBeInTheDocument()
    expect(
      within(fieldOf(dialog.getByTestId('profile-prefix-input'))).getByText(
        'Use a lowercase letter followed by 1–11 lowercase letters or digits.',
      ),
    ).toBeInTheDocument()
    expect(
      within(fieldOf(dialog.getByTestId('profile-reminder-days'))).getByText('Lead times are whole days from 1 to 366.'),
    ).toBeInTheDocument()
    expect(within(fieldOf(metadata)).getByText('Enter a JSON object, like {"team": "payments"}.')).toBeInTheDocument()
    expect(dialog.getByTestId('profile-prefix-input')).toHaveValue('Pay')
  })

  it('says a pasted name or description is too long instead of cutting it', async () => {
    const { user } = renderWithProviders(<ProfilesPanel workspace={admin} />)
    await screen.findAllByTestId('profile-row')
    await user.click(screen.getByTestId('create-profile-button'))
    const dialog = within(screen.getByRole('dialog'))

    const name = dialog.getByTestId('profile-name-input')
    await user.click(name)
    await user.paste('p'.repeat(101))
    const description = dialog.getByTestId('profile-description-input')
    await user.click(description)
    await user.paste('d'.repeat(1200))
    await user.click(dialog.getByTestId('profile-submit'))

    expect(api.createProfile).not.toHaveBeenCalled()
    expect(name).toHaveValue('p'.repeat(101))
    expect(within(fieldOf(name)).getByText('The name can be at most 100 characters; this one has 101.')).toBeInTheDocument()
    expect(
      within(fieldOf(description)).getByText('The description can be at most 1,000 characters; this one has 1,200.'),
    ).toBeInTheDocument()
  })

  it('shows the server’s error next to the field it names and keeps every value', async () => {
    const message = 'Test URL must be an http:// or https:// URL, or start with {server}, got “ftp://files.example”'
    vi.mocked(api.createProfile).mockRejectedValue(new ApiError('invalid_input', message, 'testEndpoint.url'))
    const { user } = renderWithProviders(<ProfilesPanel workspace={admin} />)
    await screen.findAllByTestId('profile-row')
    await user.click(screen.getByTestId('create-profile-button'))
    const dialog = within(screen.getByRole('dialog'))

    await user.type(dialog.getByTestId('profile-name-input'), 'Files')
    await user.click(dialog.getByLabelText('Custom endpoint'))
    const url = dialog.getByTestId('profile-test-url')
    await user.click(url)
    await user.paste('ftp://files.example')
    await user.click(dialog.getByTestId('profile-submit'))

    expect(await within(fieldOf(url)).findByText(message)).toBeInTheDocument()
    expect(url).toHaveAttribute('aria-invalid', 'true')
    expect(url).toHaveValue('ftp://files.example')
    // The field may be far above the button: the focus goes to it.
    await waitFor(() => expect(url).toHaveFocus())
    expect(dialog.getByTestId('profile-name-input')).toHaveValue('Files')
    expect(screen.queryByTestId('profile-form-error')).not.toBeInTheDocument()

    // Changing the endpoint clears its error.
    await user.type(url, '/x')
    expect(within(fieldOf(url)).queryByText(message)).not.toBeInTheDocument()
  })
})

// A long form typed into key by key: slow in jsdom on a busy machine, not in a browser.
describe('profile form input that can’t be saved', { timeout: 30_000 }, () => {
  async function openCreate(user: User) {
    await screen.findAllByTestId('profile-row')
    await user.click(screen.getByTestId('create-profile-button'))
    const dialog = within(screen.getByRole('dialog', { name: 'Create profile' }))
    await user.type(dialog.getByTestId('profile-name-input'), 'Payments')
    return dialog
  }

  it('keeps days as typed, says what is wrong and saves nothing', async () => {
    vi.mocked(api.createProfile).mockResolvedValue(makeProfile({ id: 'prof_new', name: 'Payments' }))
    const { user } = renderWithProviders(<ProfilesPanel workspace={admin} />)
    const dialog = await openCreate(user)
    await user.click(dialog.getByLabelText('Expires after'))
    const days = dialog.getByTestId('profile-expiry-days')
    // The days' own wrapper holds the input; the error is the field's, around it.
    const field = () => within(fieldOf(dialog.getByTestId('profile-expiry-mode')))
    const rule = 'Default expiry must be a whole number from 1 to 366 days.'

    for (const typed of ['0', '367', '400', '1e3', '-5', '1.5']) {
      await user.clear(days)
      await user.type(days, typed)
      expect(days).toHaveValue(typed)
      expect(field().getByText(rule)).toBeInTheDocument()
      expect(days).toHaveAttribute('aria-invalid', 'true')
      await user.click(dialog.getByTestId('profile-submit'))
      expect(days).toHaveValue(typed)
      expect(field().getByText(rule)).toBeInTheDocument()
    }
    expect(api.createProfile).not.toHaveBeenCalled()

    // Empty: said on save, not while typing.
    await user.clear(days)
    expect(field().queryByText(rule)).not.toBeInTheDocument()
    await user.click(dialog.getByTestId('profile-submit'))
    expect(field().getByText(rule)).toBeInTheDocument()
    expect(api.createProfile).not.toHaveBeenCalled()

    await user.type(days, '1')
    expect(field().queryByText(rule)).not.toBeInTheDocument()
    expect(dialog.getByTestId('profile-expiry-unit')).toHaveTextContent(/^day$/)
    await user.click(dialog.getByTestId('profile-submit'))
    expect(vi.mocked(api.createProfile).mock.calls[0][1].defaultExpiryDays).toBe(1)
  })

  it('says when keys would expire before the rotation policy’s age, and saves it all the same', async () => {
    vi.mocked(api.createProfile).mockResolvedValue(makeProfile({ id: 'prof_new', name: 'Short' }))
    const { user } = renderWithProviders(<ProfilesPanel workspace={admin} />)
    const dialog = await openCreate(user)
    await user.type(dialog.getByTestId('profile-name-input'), 'Short')
    await user.click(dialog.getByLabelText('Expires after'))
    await user.clear(dialog.getByTestId('profile-expiry-days'))
    await user.type(dialog.getByTestId('profile-expiry-days'), '20')
    await user.click(dialog.getByLabelText('Rotate every'))
    const rotation = dialog.getByTestId('profile-rotation-days')
    await user.clear(rotation)
    await user.type(rotation, '90')
    expect(dialog.getByTestId('profile-rotation-hint')).toHaveTextContent('Keys that keep the default expiry (20 days) expire before they are this old')
    await user.clear(rotation)
    await user.type(rotation, '14')
    expect(dialog.queryByTestId('profile-rotation-hint')).not.toBeInTheDocument()
    await user.clear(rotation)
    await user.type(rotation, '30')
    await user.click(dialog.getByTestId('profile-submit'))
    await waitFor(() => expect(api.createProfile).toHaveBeenCalledWith('ws_local', expect.objectContaining({ defaultExpiryDays: 20, rotationDays: 30 })))
  })

  it('says the rotation policy’s range too', async () => {
    const { user } = renderWithProviders(<ProfilesPanel workspace={admin} />)
    const dialog = await openCreate(user)
    await user.click(dialog.getByLabelText('Rotate every'))
    const days = dialog.getByTestId('profile-rotation-days')
    await user.clear(days)
    await user.type(days, '3651')
    expect(days).toHaveValue('3651')
    expect(
      within(fieldOf(dialog.getByTestId('profile-rotation-mode'))).getByText('Rotation policy must be a whole number from 1 to 3650 days.'),
    ).toBeInTheDocument()
    await user.click(dialog.getByTestId('profile-submit'))
    expect(api.createProfile).not.toHaveBeenCalled()
  })

  it('keeps a lead time it can’t add, says why, and clears the error once the input changes', async () => {
    const { user } = renderWithProviders(<ProfilesPanel workspace={admin} />)
    const dialog = await openCreate(user)
    const lead = dialog.getByTestId('profile-reminder-days')
    const tags = () => Array.from(fieldOf(lead).querySelectorAll('.mantine-Pill-label')).map((pill) => pill.textContent)
    const invalid = 'Lead times are whole days from 1 to 366.'

    await user.type(lead, '30{Enter}7{Enter}1{Enter}')
    expect(tags()).toEqual(['30', '7', '1'])
    await user.type(lead, '400{Enter}')
    expect(lead).toHaveValue('400')
    expect(within(fieldOf(lead)).getByText(invalid)).toBeInTheDocument()
    expect(tags()).toEqual(['30', '7', '1'])
    // Fixing the input clears the old error at once.
    await user.type(lead, '{Backspace}{Backspace}')
    expect(lead).toHaveValue('4')
    expect(within(fieldOf(lead)).queryByText(invalid)).not.toBeInTheDocument()
    await user.type(lead, '{Enter}')
    expect(lead).toHaveValue('')
    expect(tags()).toEqual(['30', '7', '4', '1'])

    // A duplicate goes from the box with a word, and does not hold up saving.
    await user.type(lead, '7{Enter}')
    expect(lead).toHaveValue('')
    expect(within(fieldOf(lead)).getByText('7 is already in the list.')).toBeInTheDocument()
    expect(tags()).toEqual(['30', '7', '4', '1'])
    // Typed again and saved at once: taken as it is.
    await user.type(dialog.getByTestId('profile-name-input'), 'Payments')
    await user.type(lead, '7')
    vi.mocked(api.createProfile).mockReturnValue(new Promise(() => {}))
    await user.click(dialog.getByTestId('profile-submit'))
    await waitFor(() => expect(api.createProfile).toHaveBeenCalled())
    expect(vi.mocked(api.createProfile).mock.calls[0][1]).toMatchObject({ reminderDays: [30, 7, 4, 1] })
  })
})

describe('delete profile', () => {
  it('asks what to do with the keys that use it and can delete them too', async () => {
    const { user } = renderWithProviders(<ProfilesPanel workspace={admin} />)
    await openRowAction(user, 'Billing', 'profile-delete')
    const dialog = within(screen.getByRole('dialog', { name: 'Delete profile' }))

    expect(dialog.getByText('“Billing” is used by 3 keys. What should happen to them?')).toBeInTheDocument()
    expect(dialog.getByLabelText('Keep the 3 keys, without a profile')).toBeChecked()
    expect(dialog.getByTestId('confirm-delete-profile')).toHaveTextContent(/^Delete profile$/)
    expect(dialog.queryByTestId('delete-profile-warning')).not.toBeInTheDocument()

    await user.click(dialog.getByLabelText('Delete the 3 keys too'))
    expect(dialog.getByTestId('delete-profile-warning')).toHaveTextContent('cannot be undone')
    expect(dialog.getByTestId('confirm-delete-profile')).toHaveTextContent('Delete profile and 3 keys')
    await user.click(dialog.getByTestId('confirm-delete-profile'))

    expect(api.deleteProfile).toHaveBeenCalledWith('ws_local', 'prof_billing', 'delete', 3)
    expect(await screen.findByText('Deleted profile “Billing” and 3 keys')).toBeInTheDocument()
  })

  it('names the keys that use it, from the key list the table already has', async () => {
    const { user, queryClient } = renderWithProviders(<ProfilesPanel workspace={admin} />)
    queryClient.setQueryData(queryKeys.keys('ws_local'), [
      makeKey({ id: 'key_3', name: 'invoices', profileId: 'prof_billing' }),
      makeKey({ id: 'key_1', name: 'checkout', profileId: 'prof_billing' }),
      makeKey({ id: 'key_x', name: 'ops cron', profileId: 'prof_ops' }),
      makeKey({ id: 'key_2', name: 'Refunds', profileId: 'prof_billing' }),
    ])
    await openRowAction(user, 'Billing', 'profile-delete')

    expect(await screen.findByTestId('delete-profile-key-names')).toHaveTextContent('The keys: “checkout”, “invoices”, “Refunds”')
    expect(api.listKeys).not.toHaveBeenCalled()
  })

  it('tells apart keys of one name (a rotation’s two) by their masked key', async () => {
    const { user, queryClient } = renderWithProviders(<ProfilesPanel workspace={admin} />)
    queryClient.setQueryData(queryKeys.keys('ws_local'), [
      makeKey({ id: 'key_1', name: 'checkout', maskedKey: 'kd_Ab12…9xYz', profileId: 'prof_billing' }),
      makeKey({ id: 'key_2', name: 'checkout', maskedKey: 'kd_Ef56…7tSr', profileId: 'prof_billing' }),
      makeKey({ id: 'key_3', name: 'invoices', profileId: 'prof_billing' }),
    ])
    await openRowAction(user, 'Billing', 'profile-delete')

    expect(await screen.findByTestId('delete-profile-key-names')).toHaveTextContent(
      'The keys: “checkout” (kd_Ab12…9xYz), “checkout” (kd_Ef56…7tSr), “invoices”',
    )
  })

  it('names the first keys of many and how many more, reading the cached keys once if the table has not', async () => {
    vi.mocked(api.listProfiles).mockResolvedValue([{ ...billing, keyCount: 12 }, ops])
    vi.mocked(api.listKeys).mockResolvedValue(
      Array.from({ length: 12 }, (_, i) => makeKey({ id: `key_${i}`, name: `service ${i + 1}`, profileId: 'prof_billing' })),
    )
    const { user } = renderWithProviders(<ProfilesPanel workspace={admin} />)
    await openRowAction(user, 'Billing', 'profile-delete')

    expect(await screen.findByTestId('delete-profile-key-names')).toHaveTextContent(
      'The keys: “service 1”, “service 2”, “service 3”, “service 4” and 8 more',
    )
    // The desktop's cache of the workspace, not its server.
    expect(api.listKeys).toHaveBeenCalledTimes(1)
    expect(api.listKeys).toHaveBeenCalledWith('ws_local')
  })

  it('keeps the keys without a profile by default', async () => {
    const { user } = renderWithProviders(<ProfilesPanel workspace={admin} />)
    await openRowAction(user, 'Billing', 'profile-delete')
    await user.click(screen.getByTestId('confirm-delete-profile'))

    expect(api.deleteProfile).toHaveBeenCalledWith('ws_local', 'prof_billing', 'detach', 3)
    expect(await screen.findByText('Deleted profile “Billing”')).toBeInTheDocument()
  })

  it('simply confirms a profile no key uses', async () => {
    const { user } = renderWithProviders(<ProfilesPanel workspace={admin} />)
    await openRowAction(user, 'Ops', 'profile-delete')
    const dialog = within(screen.getByRole('dialog', { name: 'Delete profile' }))

    expect(dialog.getByText('Delete the profile “Ops”?')).toBeInTheDocument()
    expect(dialog.getByText('No key uses it: deleting it changes no key.')).toBeInTheDocument()
    expect(dialog.queryByRole('radio')).not.toBeInTheDocument()
    await user.click(dialog.getByTestId('confirm-delete-profile'))
    expect(api.deleteProfile).toHaveBeenCalledWith('ws_local', 'prof_ops', '', 0)
  })

  it('asks about the keys after all when the server says some took the profile meanwhile', async () => {
    vi.mocked(api.deleteProfile).mockImplementationOnce(async () => {
      vi.mocked(api.listProfiles).mockResolvedValue([billing, { ...ops, keyCount: 1 }])
      throw new ApiError('conflict', '1 keys use this profile: delete it with keys=detach to keep them without a profile')
    })
    const { user } = renderWithProviders(<ProfilesPanel workspace={admin} />)
    await openRowAction(user, 'Ops', 'profile-delete')
    await user.click(screen.getByTestId('confirm-delete-profile'))

    expect(await screen.findByTestId('delete-profile-error')).toHaveTextContent('1 keys use this profile')
    expect(await screen.findByLabelText('Keep the key, without a profile')).toBeChecked()
    await user.click(screen.getByTestId('confirm-delete-profile'))
    // Now with the count it was shown: 1.
    expect(api.deleteProfile).toHaveBeenLastCalledWith('ws_local', 'prof_ops', 'detach', 1)
  })
})

describe('member access', () => {
  it('shows everything read-only, with every action disabled and why', async () => {
    const { user } = renderWithProviders(<ProfilesPanel workspace={member} />)
    await screen.findAllByTestId('profile-row')

    expect(screen.getByTestId('read-only-notice')).toHaveTextContent('member key')
    expect(screen.getByTestId('create-profile-button')).toHaveAttribute('aria-disabled', 'true')
    const row = within(rowOf('Billing'))
    expect(row.getByTestId('profile-edit')).toHaveAttribute('aria-disabled', 'true')
    expect(row.getByTestId('profile-delete')).toHaveAttribute('aria-disabled', 'true')

    await user.hover(row.getByTestId('profile-delete'))
    expect(await screen.findByRole('tooltip')).toHaveTextContent('it can only read')
    await user.click(row.getByTestId('profile-delete'))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()

    // The name opens the profile to read.
    await user.click(row.getByTestId('profile-open'))
    const dialog = within(screen.getByRole('dialog', { name: 'Profile “Billing”' }))
    expect(dialog.getByTestId('profile-name-input')).toBeDisabled()
    expect(dialog.getByTestId('profile-metadata-input')).toBeDisabled()
    expect(dialog.getByTestId('profile-test-url')).toHaveValue('{server}/v1/keys/verify')
    expect(dialog.queryByTestId('profile-submit')).not.toBeInTheDocument()
    await user.click(dialog.getByRole('button', { name: 'Close' }))
    expect(api.updateProfile).not.toHaveBeenCalled()
  })
})
