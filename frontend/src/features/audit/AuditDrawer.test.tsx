import { act, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../../api'
import { ApiError, type AuditPage } from '../../api'
import { SLOW_READ_MS } from '../../lib/useWaitedLong'
import { makeAuditEvent, makeProfile, makeWorkspace } from '../../test/fixtures'
import { renderWithProviders } from '../../test/render'
import { AuditDrawer } from './AuditDrawer'

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  ...(await import('../../test/apiMocks')).apiMocks(),
}))

const workspace = makeWorkspace({ serverUrl: 'https://keys.example.com' })
const page: AuditPage = { items: [makeAuditEvent({ id: 1, action: 'key.created', changes: '{"role":"api"}' })], total: 1 }
/** The backend's words for a timeout: written for a change whose answer was lost. */
const timeout = new ApiError('timeout', 'The server did not answer in time. It may still have done what you asked: look at the list before you try again.')

function renderDrawer() {
  return renderWithProviders(<AuditDrawer workspace={workspace} opened onClose={() => {}} />)
}

/** Lets `ms` pass on the faked timers, with what they set off. */
const wait = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms))

describe('audit drawer on a slow or hung server', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('says it is still waiting for the server after a few seconds', async () => {
    vi.mocked(api.auditLog).mockImplementation(() => new Promise(() => {}))
    renderDrawer()

    await wait(SLOW_READ_MS - 1000)
    expect(screen.queryByTestId('still-waiting')).not.toBeInTheDocument()
    await wait(1000)
    expect(screen.getByTestId('still-waiting')).toHaveTextContent('Still waiting for the server at https://keys.example.com to answer…')
  })

  it('says the server did not answer and reads again on Retry', async () => {
    vi.mocked(api.auditLog).mockRejectedValueOnce(timeout).mockResolvedValueOnce(page)
    const { user } = renderDrawer()

    const failed = await screen.findByTestId('load-failed')
    expect(failed).toHaveTextContent('Couldn’t load the audit log')
    // A read changed nothing: not the words for a change whose answer was lost.
    expect(failed).toHaveTextContent('The server did not answer in time. Reading changes nothing')
    expect(failed).not.toHaveTextContent('may still have done what you asked')

    await user.click(within(failed).getByTestId('load-failed-retry'))
    expect(await screen.findByTestId('audit-row')).toHaveTextContent('Created')
    expect(api.auditLog).toHaveBeenCalledTimes(2)
  })

  it('waits again, and says so, while a Retry is under way', async () => {
    vi.mocked(api.auditLog).mockRejectedValueOnce(new ApiError('offline', 'Reading the audit log needs the server, which cannot be reached right now.'))
    const { user } = renderDrawer()
    const failed = await screen.findByTestId('load-failed')
    expect(failed).toHaveTextContent('cannot be reached right now')

    vi.mocked(api.auditLog).mockImplementation(() => new Promise(() => {}))
    await user.click(within(failed).getByTestId('load-failed-retry'))
    expect(screen.queryByTestId('load-failed')).not.toBeInTheDocument()
    await wait(SLOW_READ_MS)
    expect(screen.getByTestId('still-waiting')).toBeInTheDocument()
  })
})

describe('audit drawer', () => {
  it('names a key as it was called then, and today’s name beside it once renamed', async () => {
    vi.mocked(api.auditLog).mockResolvedValue({
      items: [
        makeAuditEvent({ id: 2, action: 'key.updated', targetName: 'reporting job (nightly)', changes: '{"name":{"from":"reporting job","to":"reporting job (nightly)"}}' }),
        makeAuditEvent({ id: 1, action: 'key.created', targetName: 'reporting job', targetNameNow: 'reporting job (nightly)' }),
      ],
      total: 2,
    })
    renderDrawer()
    const [renamed, created] = await screen.findAllByTestId('audit-row')
    expect(within(created).getByText(/^reporting job/)).toHaveTextContent('reporting job · now “reporting job (nightly)”')
    expect(within(renamed).queryByTestId('audit-name-now')).not.toBeInTheDocument()
  })

  it('lists the events with what changed', async () => {
    vi.mocked(api.listProfiles).mockResolvedValue([makeProfile({ id: 'prf_echo', name: 'Echo' })])
    vi.mocked(api.auditLog).mockResolvedValue({
      items: [
        makeAuditEvent({
          id: 2,
          action: 'profile.updated',
          targetKeyId: '',
          targetName: 'Echo',
          targetId: 'prf_echo',
          changes: JSON.stringify({
            before: { id: 'prf_echo', name: 'Echo', defaultExpiryDays: 30, reminderDays: [], testEndpoint: null, metadata: {} },
            after: { id: 'prf_echo', name: 'Echo', defaultExpiryDays: 90, reminderDays: [], testEndpoint: null, metadata: {} },
          }),
        }),
      ],
      total: 1,
    })
    renderDrawer()

    const row = await screen.findByTestId('audit-row')
    expect(row).toHaveTextContent('Changed profile')
    expect(row).toHaveTextContent('Echo')
    expect(row).toHaveTextContent('default expiry 30 → 90 days')
  })

  it('shows one action when asked, from its first page, and says when none is left', async () => {
    const cleanedUp = (id: number) => makeAuditEvent({ id, action: 'key.cleaned_up', targetName: `old ${id}` })
    vi.mocked(api.auditLog).mockImplementation(async (_ws, _key, action, pageIndex) => {
      if (action === 'key.created') return { items: [makeAuditEvent({ id: 1, action: 'key.created', targetName: 'kept' })], total: 1 }
      if (action === 'key.rotated') return { items: [], total: 0 }
      return { items: Array.from({ length: 25 }, (_, i) => cleanedUp(2000 - pageIndex * 25 - i)), total: 2010 }
    })
    const { user } = renderDrawer()
    expect(await screen.findAllByTestId('audit-row')).toHaveLength(25)
    expect(screen.getByText('2,010 events')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: '3' }))
    await waitFor(() => expect(api.auditLog).toHaveBeenLastCalledWith('ws_local', '', '', 2, 25))

    await user.click(screen.getByTestId('audit-action-filter'))
    await user.click(screen.getByRole('option', { name: 'Created' }))
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(1))
    expect(api.auditLog).toHaveBeenLastCalledWith('ws_local', '', 'key.created', 0, 25)
    expect(screen.getByTestId('audit-row')).toHaveTextContent('kept')
    expect(screen.getByText('1 event')).toBeInTheDocument()
    expect(screen.queryByTestId('audit-filter-ignored')).not.toBeInTheDocument()

    await user.click(screen.getByTestId('audit-action-filter'))
    await user.click(screen.getByRole('option', { name: 'Rotated' }))
    expect(await screen.findByTestId('audit-none-of-action')).toHaveTextContent('No “Rotated” events in this workspace.')
    expect(screen.queryByTestId('audit-row')).not.toBeInTheDocument()
  })

  it('says so when the server sends every event for a filter it does not know (older than the app)', async () => {
    vi.mocked(api.auditLog).mockResolvedValue({
      items: [makeAuditEvent({ id: 2, action: 'key.cleaned_up' }), makeAuditEvent({ id: 1, action: 'key.created' })],
      total: 2,
    })
    const { user } = renderDrawer()
    await screen.findAllByTestId('audit-row')
    expect(screen.queryByTestId('audit-filter-ignored')).not.toBeInTheDocument()
    await user.click(screen.getByTestId('audit-action-filter'))
    await user.click(screen.getByRole('option', { name: 'Created' }))
    expect(await screen.findByTestId('audit-filter-ignored')).toHaveTextContent('can’t filter its audit log')
  })

  it('names a deleted profile by the name its events recorded', async () => {
    vi.mocked(api.listProfiles).mockResolvedValue([])
    vi.mocked(api.auditLog).mockResolvedValue({
      items: [
        makeAuditEvent({ id: 3, action: 'profile.deleted', targetKeyId: '', targetId: 'prf_gone', targetName: 'Echo', changes: '{"name":"Echo","keys":"detach","affectedKeys":1}' }),
        makeAuditEvent({ id: 2, action: 'key.updated', targetName: 'kept', changes: '{"profileId":{"from":"prf_gone","to":""},"reason":"profile deleted"}' }),
      ],
      total: 2,
    })
    renderDrawer()

    const rows = await screen.findAllByTestId('audit-row')
    expect(rows[1]).toHaveTextContent('Echo')
    expect(rows[1]).not.toHaveTextContent('prf_gone')
  })
})
