import { screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../../api'
import { ApiError } from '../../api'
import { DAYS, iso, makeKey, makeWorkspace } from '../../test/fixtures'
import { renderWithProviders } from '../../test/render'
import { KeysPanel } from './KeysPanel'

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  listKeys: vi.fn(),
  createKey: vi.fn(),
  deleteKey: vi.fn(),
  listWorkspaces: vi.fn(),
  syncWorkspace: vi.fn(),
  onEvent: vi.fn(() => () => {}),
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

  it('sorts keys that never expire after the others', async () => {
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')

    await user.click(screen.getByRole('button', { name: /^expires/i }))
    expect(rowIds()).toEqual(['key_a', 'key_c', 'key_b'])
  })

  it('shows an empty state with a create button when there are no keys', async () => {
    vi.mocked(api.listKeys).mockResolvedValue([])
    renderWithProviders(<KeysPanel workspace={workspace} />)

    expect(await screen.findByText('No API keys yet')).toBeInTheDocument()
    expect(screen.getByTestId('create-key-button')).toBeInTheDocument()
    expect(screen.queryByTestId('key-row')).not.toBeInTheDocument()
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

    expect(api.createKey).toHaveBeenCalledWith('ws_local', { name: 'payments', role: 'api', expiresInDays: null })
    expect(await screen.findByRole('dialog', { name: 'Save your API key' })).toBeInTheDocument()
    expect(screen.getByText('This key will not be shown again. Copy it now and store it safely.')).toBeInTheDocument()

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

    expect(api.createKey).toHaveBeenCalledWith('ws_local', { name: 'ci', role: 'api', expiresInDays: 30 })
    expect(await screen.findByTestId('secret-input')).toBeInTheDocument()
  })

  it('keeps the typed name and shows the server validation message under Name', async () => {
    vi.mocked(api.createKey).mockRejectedValue(new ApiError('invalid_input', 'name must not contain control characters'))
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')

    await user.click(screen.getByTestId('create-key-button'))
    await user.type(screen.getByTestId('key-name-input'), 'my key')
    await user.click(screen.getByTestId('create-key-submit'))

    expect(await screen.findByText('name must not contain control characters')).toBeInTheDocument()
    expect(screen.getByTestId('key-name-input')).toHaveValue('my key')
    expect(screen.getByTestId('key-name-input')).toHaveAttribute('aria-invalid', 'true')
    expect(screen.queryByTestId('secret-input')).not.toBeInTheDocument()
  })

  it('asks for a name before calling the server', async () => {
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')

    await user.click(screen.getByTestId('create-key-button'))
    await user.click(screen.getByTestId('create-key-submit'))

    expect(screen.getByText('Enter a name for the key.')).toBeInTheDocument()
    expect(api.createKey).not.toHaveBeenCalled()
  })

  it('says that creating needs the server when offline, and keeps the dialog', async () => {
    vi.mocked(api.createKey).mockRejectedValue(new ApiError('offline', 'dial tcp 10.0.0.1:443: connect: connection refused'))
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')

    await user.click(screen.getByTestId('create-key-button'))
    await user.type(screen.getByTestId('key-name-input'), 'later')
    await user.click(screen.getByTestId('create-key-submit'))

    expect(await screen.findByText(/needs the Keydesk server/)).toBeInTheDocument()
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

    await user.click(within(rowOf('key_b')).getByRole('button', { name: 'Delete bravo' }))
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

    await user.click(within(rowOf('key_a')).getByRole('button', { name: 'Delete Alpha' }))
    await user.click(screen.getByRole('button', { name: 'Cancel' }))

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(api.deleteKey).not.toHaveBeenCalled()
  })

  it('shows a notification when the delete fails', async () => {
    vi.mocked(api.deleteKey).mockRejectedValue(new ApiError('forbidden', 'role member cannot delete keys'))
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await screen.findAllByTestId('key-row')

    await user.click(within(rowOf('key_a')).getByRole('button', { name: 'Delete Alpha' }))
    await user.click(screen.getByTestId('confirm-delete'))

    expect(await screen.findByText('role member cannot delete keys')).toBeInTheDocument()
    expect(screen.getByText('Couldn’t delete the key')).toBeInTheDocument()
  })
})
