import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import * as api from '../../api'
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
})
