import { screen, waitFor } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../../api'
import { ApiError } from '../../api'
import { makeWorkspace } from '../../test/fixtures'
import { renderWithProviders } from '../../test/render'
import { WorkspaceNav } from './WorkspaceNav'

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  ...(await import('../../test/apiMocks')).apiMocks(),
}))

const local = makeWorkspace()
const acme = makeWorkspace({
  id: 'ws_acme',
  name: 'Acme Production',
  kind: 'remote',
  serverUrl: 'https://keys.acme.example',
  workspaceId: 'ws_9f2',
  caFile: '/etc/ssl/acme-ca.pem',
})
const staging = makeWorkspace({ id: 'ws_staging', name: 'Acme Staging', kind: 'remote', serverUrl: 'https://staging.acme.example' })

type User = ReturnType<typeof renderWithProviders>['user']

async function fill(user: User, url: string, key: string) {
  await user.type(screen.getByTestId('workspace-url-input'), url)
  await user.type(screen.getByTestId('workspace-key-input'), key)
}

const nav = (onSelect = vi.fn()) => (
  <WorkspaceNav selectedId="ws_local" onSelect={onSelect} overviewActive={false} onOverview={vi.fn()} />
)

beforeEach(() => {
  vi.mocked(api.listWorkspaces).mockResolvedValue([local, acme, staging])
})

describe('add workspace', () => {
  it('tests the connection and shows the workspace, the key and what it may do', async () => {
    vi.mocked(api.testConnection).mockResolvedValue({
      workspaceId: 'ws_9f2',
      workspaceName: 'Acme Production',
      role: 'member',
      keyName: 'desk-ada',
      canManage: false,
    })
    const onSelect = vi.fn()
    const { user } = renderWithProviders(nav(onSelect))
    await user.click(await screen.findByTestId('add-workspace-button'))

    expect(screen.getByRole('dialog', { name: 'Add workspace' })).toBeInTheDocument()
    expect(screen.getByTestId('workspace-url-input')).toHaveFocus()
    await fill(user, 'https://keys.acme.example', 'kd_member')
    await user.click(screen.getByTestId('workspace-test-button'))

    expect(api.testConnection).toHaveBeenCalledWith('', {
      serverUrl: 'https://keys.acme.example',
      workspaceId: '',
      accessKey: 'kd_member',
      allowInsecure: false,
      caFile: '',
    })
    const result = await screen.findByTestId('workspace-test-result')
    expect(result).toHaveTextContent('Connected to “Acme Production”')
    expect(result).toHaveTextContent('Access key “desk-ada” · Member')
    expect(result).toHaveTextContent('Read only')
  })

  it('adds the workspace on Enter and selects it', async () => {
    const added = makeWorkspace({ id: 'ws_new', name: 'Globex', kind: 'remote', serverUrl: 'https://keys.globex.example' })
    vi.mocked(api.addWorkspace).mockResolvedValue(added)
    const onSelect = vi.fn()
    const { user } = renderWithProviders(nav(onSelect))
    await user.click(await screen.findByTestId('add-workspace-button'))

    await fill(user, 'https://keys.globex.example', 'kd_admin{Enter}')

    expect(api.addWorkspace).toHaveBeenCalledWith(expect.objectContaining({ serverUrl: 'https://keys.globex.example', accessKey: 'kd_admin' }))
    await waitFor(() => expect(onSelect).toHaveBeenCalledWith('ws_new'))
    expect(await screen.findByText('Added “Globex”')).toBeInTheDocument()
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })

  it('shows a server error next to its field and keeps everything typed', async () => {
    vi.mocked(api.testConnection).mockRejectedValue(
      new ApiError('unauthorized', 'The server rejected this access key: it is unknown, disabled or expired.', 'accessKey'),
    )
    const { user } = renderWithProviders(nav())
    await user.click(await screen.findByTestId('add-workspace-button'))
    await fill(user, 'https://keys.acme.example', 'kd_wrong')
    await user.type(screen.getByTestId('workspace-id-input'), 'ws_9f2')
    await user.click(screen.getByTestId('workspace-test-button'))

    expect(await screen.findByText('The server rejected this access key: it is unknown, disabled or expired.')).toBeInTheDocument()
    expect(screen.getByTestId('workspace-key-input')).toHaveAttribute('aria-invalid', 'true')
    expect(screen.getByTestId('workspace-key-input')).toHaveValue('kd_wrong')
    expect(screen.getByTestId('workspace-url-input')).toHaveValue('https://keys.acme.example')
    expect(screen.getByTestId('workspace-id-input')).toHaveValue('ws_9f2')
  })

  it('shows an error no field caused in the dialog', async () => {
    vi.mocked(api.addWorkspace).mockRejectedValue(new ApiError('offline', 'Can’t reach keys.acme.example: connection refused.'))
    const { user } = renderWithProviders(nav())
    await user.click(await screen.findByTestId('add-workspace-button'))
    await fill(user, 'https://keys.acme.example', 'kd_admin')
    await user.click(screen.getByTestId('workspace-save-button'))

    expect(await screen.findByTestId('workspace-form-error')).toHaveTextContent('Can’t reach keys.acme.example: connection refused.')
    expect(screen.getByTestId('workspace-url-input')).toHaveValue('https://keys.acme.example')
  })

  it('asks for what is missing, and for "allow insecure" with plain http to another host', async () => {
    const { user } = renderWithProviders(nav())
    await user.click(await screen.findByTestId('add-workspace-button'))
    await user.click(screen.getByTestId('workspace-save-button'))
    expect(screen.getByText('Enter the server’s URL.')).toBeInTheDocument()
    expect(screen.getByText('Enter an access key for this workspace.')).toBeInTheDocument()

    await fill(user, 'http://10.0.0.5:8470', 'kd_admin')
    await user.click(screen.getByTestId('workspace-test-button'))
    expect(screen.getByText(/tick “Allow insecure” below/)).toBeInTheDocument()
    expect(api.testConnection).not.toHaveBeenCalled()

    vi.mocked(api.testConnection).mockResolvedValue({
      workspaceId: 'ws_1',
      workspaceName: 'Lab',
      role: 'admin',
      keyName: 'lab',
      canManage: true,
    })
    // Ticking it answers the problem at once.
    await user.click(screen.getByTestId('workspace-insecure-checkbox'))
    expect(screen.queryByText(/tick “Allow insecure” below/)).not.toBeInTheDocument()
    await user.click(screen.getByTestId('workspace-test-button'))
    expect(api.testConnection).toHaveBeenCalledWith('', expect.objectContaining({ allowInsecure: true }))
    expect(await screen.findByTestId('workspace-test-result')).toHaveTextContent('Can manage keys')
  })
})

describe('workspace menu', () => {
  it('edits a workspace, keeping the stored access key when left empty', async () => {
    vi.mocked(api.updateWorkspace).mockResolvedValue(acme)
    const { user } = renderWithProviders(<WorkspaceNav selectedId="ws_acme" onSelect={vi.fn()} overviewActive={false} onOverview={vi.fn()} />)
    const menus = await screen.findAllByTestId('workspace-menu')
    // Local has no menu: it can't be edited or removed.
    expect(menus).toHaveLength(2)

    await user.click(menus[0])
    await user.click(screen.getByTestId('workspace-menu-edit'))
    expect(screen.getByTestId('workspace-url-input')).toHaveValue('https://keys.acme.example')
    expect(screen.getByTestId('workspace-key-input')).toHaveValue('')
    // Test connection tests the stored key then.
    await user.click(screen.getByTestId('workspace-test-button'))
    expect(api.testConnection).toHaveBeenCalledWith('ws_acme', expect.objectContaining({ serverUrl: 'https://keys.acme.example', accessKey: '' }))
    await user.click(screen.getByTestId('workspace-save-button'))

    expect(api.updateWorkspace).toHaveBeenCalledWith('ws_acme', {
      serverUrl: 'https://keys.acme.example',
      workspaceId: 'ws_9f2',
      accessKey: '',
      allowInsecure: false,
      caFile: '/etc/ssl/acme-ca.pem',
    })
  })

  // The workspace being edited is not "already added": the test leaves it
  // out of the duplicate check, as saving does.
  it('tests an edited connection as the workspace it is', async () => {
    vi.mocked(api.testConnection).mockResolvedValue({
      workspaceId: 'ws_9f2',
      workspaceName: 'Acme Production',
      role: 'admin',
      keyName: 'desk-ada',
      canManage: true,
    })
    const { user } = renderWithProviders(<WorkspaceNav selectedId="ws_acme" onSelect={vi.fn()} overviewActive={false} onOverview={vi.fn()} />)
    await user.click((await screen.findAllByTestId('workspace-menu'))[0])
    await user.click(screen.getByTestId('workspace-menu-edit'))
    await user.type(screen.getByTestId('workspace-key-input'), 'kd_new')
    await user.click(screen.getByTestId('workspace-test-button'))

    expect(api.testConnection).toHaveBeenCalledWith('ws_acme', expect.objectContaining({ serverUrl: 'https://keys.acme.example', accessKey: 'kd_new' }))
    expect(await screen.findByTestId('workspace-test-result')).toHaveTextContent('Connected to “Acme Production”')
  })

  it('asks before a key that can only read replaces the admin key, and saves an admin key at once', async () => {
    const who = { workspaceId: 'ws_9f2', workspaceName: 'Acme Production', keyName: 'desk-ada' }
    vi.mocked(api.testConnection).mockResolvedValue({ ...who, role: 'member', canManage: false })
    vi.mocked(api.updateWorkspace).mockResolvedValue({ ...acme, role: 'member', canManage: false })
    const { user } = renderWithProviders(<WorkspaceNav selectedId="ws_acme" onSelect={vi.fn()} overviewActive={false} onOverview={vi.fn()} />)
    await user.click((await screen.findAllByTestId('workspace-menu'))[0])
    await user.click(screen.getByTestId('workspace-menu-edit'))
    await user.type(screen.getByTestId('workspace-key-input'), 'kd_member')
    await user.click(screen.getByTestId('workspace-save-button'))

    // Tested first: the key reads only, so nothing is saved yet.
    expect(await screen.findByTestId('workspace-downgrade-warning')).toHaveTextContent(
      'Saving replaces the admin key Keydesk keeps for “Acme Production” with this member key',
    )
    expect(api.testConnection).toHaveBeenCalledWith('ws_acme', expect.objectContaining({ accessKey: 'kd_member' }))
    expect(api.updateWorkspace).not.toHaveBeenCalled()
    expect(screen.getByTestId('workspace-save-button')).toHaveTextContent('Save as read-only')

    // Another key typed: the question goes, as the result it stood on.
    await user.type(screen.getByTestId('workspace-key-input'), '2')
    expect(screen.queryByTestId('workspace-downgrade-warning')).not.toBeInTheDocument()
    await user.click(screen.getByTestId('workspace-save-button'))
    await screen.findByTestId('workspace-downgrade-warning')
    await user.click(screen.getByTestId('workspace-save-button'))
    expect(api.updateWorkspace).toHaveBeenCalledExactlyOnceWith('ws_acme', expect.objectContaining({ accessKey: 'kd_member2' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())

    // An admin key is saved on the first Save.
    vi.mocked(api.testConnection).mockResolvedValue({ ...who, role: 'admin', canManage: true })
    vi.mocked(api.updateWorkspace).mockClear()
    await user.click((await screen.findAllByTestId('workspace-menu'))[0])
    await user.click(screen.getByTestId('workspace-menu-edit'))
    await user.type(screen.getByTestId('workspace-key-input'), 'kd_admin')
    await user.click(screen.getByTestId('workspace-save-button'))
    await waitFor(() => expect(api.updateWorkspace).toHaveBeenCalledExactlyOnceWith('ws_acme', expect.objectContaining({ accessKey: 'kd_admin' })))
    expect(screen.queryByTestId('workspace-downgrade-warning')).not.toBeInTheDocument()
  })

  it('moves a workspace down among the remote ones', async () => {
    vi.mocked(api.reorderWorkspaces).mockImplementation(async () => {
      vi.mocked(api.listWorkspaces).mockResolvedValue([local, staging, acme])
    })
    const { user } = renderWithProviders(nav())
    const menus = await screen.findAllByTestId('workspace-menu')

    await user.click(menus[0])
    expect(screen.getByTestId('workspace-menu-up')).toBeDisabled()
    await user.click(screen.getByTestId('workspace-menu-down'))

    expect(api.reorderWorkspaces).toHaveBeenCalledWith(['ws_local', 'ws_staging', 'ws_acme'])
    await waitFor(() =>
      expect(screen.getAllByTestId('workspace-item').map((i) => i.getAttribute('data-workspace-id'))).toEqual([
        'ws_local',
        'ws_staging',
        'ws_acme',
      ]),
    )
  })

  it('removes a workspace from this computer after saying what that means', async () => {
    const { user } = renderWithProviders(nav())
    const menus = await screen.findAllByTestId('workspace-menu')
    await user.click(menus[1])
    await user.click(screen.getByTestId('workspace-menu-remove'))

    const dialog = screen.getByRole('dialog', { name: 'Remove workspace' })
    expect(dialog).toHaveTextContent('Remove “Acme Staging” from this computer?')
    expect(dialog).toHaveTextContent('cached keys, the stored access key and the key secrets you remembered for it are deleted from this computer')
    expect(dialog).toHaveTextContent('Nothing changes on the server')

    await user.click(screen.getByTestId('workspace-remove-confirm'))
    expect(api.removeWorkspace).toHaveBeenCalledWith('ws_staging')
    expect(await screen.findByText('Removed “Acme Staging” from this computer')).toBeInTheDocument()
  })
})
