import { screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import * as api from '../../api'
import { makeWorkspace } from '../../test/fixtures'
import { renderWithProviders } from '../../test/render'
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
    expect(api.auditLog).toHaveBeenCalledWith('ws_local', '', 0, 25)
  })
})
