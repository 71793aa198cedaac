import { screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../../api'
import type { Reminder } from '../../api'
import { DAYS, iso, makeWorkspace } from '../../test/fixtures'
import { renderWithProviders } from '../../test/render'
import { REMINDER_PAGE, ReminderCenter } from './ReminderCenter'

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  ...(await import('../../test/apiMocks')).apiMocks(),
}))

function makeReminder(overrides: Partial<Reminder> = {}): Reminder {
  return {
    id: 1,
    workspaceId: 'local',
    keyId: 'key_bill',
    keyName: 'billing',
    kind: 'expiry',
    threshold: 7,
    dueAt: iso(Date.now() + 7 * DAYS),
    title: 'billing expires in 7 days',
    message: 'Rotate it so nothing stops working.',
    action: 'rotate',
    ...overrides,
  }
}

beforeEach(() => {
  vi.mocked(api.listReminders).mockReset().mockResolvedValue([])
  vi.mocked(api.listWorkspaces).mockReset().mockResolvedValue([])
  vi.mocked(api.snoozeReminder).mockClear()
  vi.mocked(api.dismissReminder).mockClear()
  vi.mocked(api.dismissReminders).mockClear()
  vi.mocked(api.getNotificationStatus).mockReset().mockResolvedValue({ unavailable: false, failedAt: '' })
})

describe('reminder center', () => {
  it('shows no count and an empty drawer without reminders', async () => {
    const { user } = renderWithProviders(<ReminderCenter onAction={vi.fn()} />)
    await waitFor(() => expect(api.listReminders).toHaveBeenCalled())
    expect(screen.queryByTestId('reminders-count')).not.toBeInTheDocument()

    await user.click(screen.getByTestId('reminders-button'))
    expect(await screen.findByTestId('reminders-drawer')).toHaveTextContent(
      'No reminders. Keydesk will tell you before a key expires or is due for rotation.',
    )
  })

  it('shows the count, snoozes, dismisses and starts the action', async () => {
    const reminders = [
      makeReminder(),
      makeReminder({ id: 2, keyId: 'key_old', keyName: 'old', title: 'old is due for rotation', action: 'regenerate' }),
    ]
    vi.mocked(api.listReminders).mockResolvedValue(reminders)
    const onAction = vi.fn()
    const { user } = renderWithProviders(<ReminderCenter onAction={onAction} />)
    expect(await screen.findByTestId('reminders-count')).toHaveTextContent('2')

    await user.click(screen.getByTestId('reminders-button'))
    const items = await screen.findAllByTestId('reminder-item')
    expect(items).toHaveLength(2)
    expect(items[0]).toHaveTextContent('billing expires in 7 days')
    expect(items[0]).toHaveTextContent('Rotate it so nothing stops working.')
    // Named with its ID: two old keys of one name can both be ending their overlap.
    expect(within(items[0]).getByTestId('reminder-key')).toHaveTextContent(`Key: billing (${reminders[0].keyId})`)
    expect(items[0]).toHaveTextContent('Due in 7 days')
    // Each card's buttons say whose reminder they act on; the drawer's close button has a name.
    expect(screen.getByRole('button', { name: 'Dismiss: old is due for rotation, old' })).toBe(within(items[1]).getByTestId('reminder-dismiss'))
    expect(screen.getByRole('button', { name: 'Snooze 1 day: billing expires in 7 days, billing' })).toBe(
      within(items[0]).getByTestId('reminder-snooze-day'),
    )
    expect(screen.getByRole('button', { name: 'Close reminders' })).toBeInTheDocument()

    await user.click(within(items[0]).getByTestId('reminder-snooze-day'))
    await waitFor(() => expect(api.snoozeReminder).toHaveBeenCalledWith(1, 24))
    // Gone from the list, and said so: until when.
    expect(await screen.findByText(/^Snoozed until .+: billing expires in 7 days, billing$/)).toBeInTheDocument()
    await user.click(within(items[0]).getByTestId('reminder-snooze-week'))
    await waitFor(() => expect(api.snoozeReminder).toHaveBeenCalledWith(1, 168))

    vi.mocked(api.listReminders).mockResolvedValue([reminders[0]])
    await user.click(within(items[1]).getByTestId('reminder-dismiss'))
    await waitFor(() => expect(api.dismissReminder).toHaveBeenCalledWith(2))
    await waitFor(() => expect(screen.getByTestId('reminders-count')).toHaveTextContent('1'))

    const [first] = screen.getAllByTestId('reminder-item')
    await user.click(within(first).getByTestId('reminder-action'))
    expect(onAction).toHaveBeenCalledWith(reminders[0])
  })

  it('words each reminder from the key’s times, as the key table does, and names its workspace', async () => {
    vi.mocked(api.listWorkspaces).mockResolvedValue([
      makeWorkspace(),
      makeWorkspace({ id: 'ws_acme', name: 'Acme Production', kind: 'remote' }),
    ])
    vi.mocked(api.listReminders).mockResolvedValue([
      // The backend's wording of when it listed them: stale, and rounded down.
      makeReminder({
        id: 1,
        workspaceId: 'ws_local',
        keyName: 'team-aged-3d',
        kind: 'expiring',
        dueAt: iso(Date.now() + 2.9 * DAYS),
        title: 'API key expires soon',
        message: 'team-aged-3d expires in 2 days. Rotate it, or regenerate it with a new expiry, before it breaks.',
      }),
      makeReminder({
        id: 2,
        workspaceId: 'ws_local',
        keyName: 'team-unused',
        kind: 'unused',
        threshold: 30,
        dueAt: iso(Date.now() - 70 * DAYS),
        keyCreatedAt: iso(Date.now() - 100 * DAYS),
        neverUsed: true,
        title: 'API key never used',
        message: 'team-unused has not been used since it was created 30 days ago. Disable it if nobody needs it.',
        action: 'disable',
      }),
      makeReminder({
        id: 3,
        workspaceId: 'ws_acme',
        keyName: 'team-unused',
        kind: 'unused',
        threshold: 30,
        dueAt: iso(Date.now() - 37 * DAYS),
        keyCreatedAt: iso(Date.now() - 67 * DAYS),
        neverUsed: true,
        title: 'API key never used',
        message: 'team-unused has not been used since it was created 30 days ago. Disable it if nobody needs it.',
        action: 'disable',
      }),
    ])
    const { user } = renderWithProviders(<ReminderCenter onAction={vi.fn()} />)
    await user.click(await screen.findByTestId('reminders-button'))
    const items = await screen.findAllByTestId('reminder-item')
    await waitFor(() => expect(items[2]).toHaveTextContent('Workspace: Acme Production'))

    expect(items[0]).toHaveTextContent('team-aged-3d expires in 3 days.')
    // The message says when; no "Due in 3 days" besides.
    expect(items[0]).not.toHaveTextContent('Due')
    expect(items[0]).toHaveTextContent('Workspace: Local')
    expect(items[1]).toHaveTextContent('team-unused has not been used since it was created 100 days ago.')
    expect(items[1]).not.toHaveTextContent('Due')
    expect(items[1]).toHaveTextContent('Workspace: Local')
    expect(items[2]).toHaveTextContent('team-unused has not been used since it was created 67 days ago.')
    for (const item of items) expect(item).not.toHaveTextContent('30 days ago')
  })

  // A thousand expired keys make a thousand reminders: the most urgent first, a page at a time.
  const many = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      makeReminder({ id: i + 1, keyId: `key_${i + 1}`, keyName: `service-${i + 1}`, title: `service-${i + 1} expires soon` }),
    )

  it('shows the most urgent reminders a page at a time', async () => {
    const total = 2 * REMINDER_PAGE + 5
    vi.mocked(api.listReminders).mockResolvedValue(many(total))
    const { user } = renderWithProviders(<ReminderCenter onAction={vi.fn()} />)
    // The bell's tooltip names the count, and leaves once the drawer it opened is over it.
    await user.hover(await screen.findByTestId('reminders-button'))
    expect(await screen.findByRole('tooltip')).toHaveTextContent(`Reminders: ${total} reminders`)
    await user.click(screen.getByTestId('reminders-button'))
    expect(await screen.findAllByTestId('reminder-item')).toHaveLength(REMINDER_PAGE)
    await waitFor(() => expect(screen.queryByRole('tooltip')).not.toBeInTheDocument())
    expect(screen.getByTestId('reminders-summary')).toHaveTextContent(`Showing ${REMINDER_PAGE} of ${total}, most urgent first`)
    expect(screen.getAllByTestId('reminder-item')[0]).toHaveTextContent('service-1 expires soon')

    await user.click(screen.getByTestId('reminders-show-more'))
    expect(screen.getAllByTestId('reminder-item')).toHaveLength(2 * REMINDER_PAGE)
    expect(screen.getByTestId('reminders-show-more')).toHaveTextContent('Show 5 more (5 not shown)')
    await user.click(screen.getByTestId('reminders-show-more'))
    expect(screen.getAllByTestId('reminder-item')).toHaveLength(total)
    expect(screen.queryByTestId('reminders-show-more')).not.toBeInTheDocument()
    expect(screen.getByTestId('reminders-summary')).toHaveTextContent(`${total} reminders, most urgent first`)

    // Opened again, it starts at the top page.
    await user.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByTestId('reminders-drawer')).not.toBeInTheDocument())
    await user.click(screen.getByTestId('reminders-button'))
    expect(await screen.findAllByTestId('reminder-item')).toHaveLength(REMINDER_PAGE)
  })

  it('dismisses every reminder it listed, after asking; Cancel changes nothing', async () => {
    const total = REMINDER_PAGE + 30
    const listed = many(total)
    vi.mocked(api.listReminders).mockResolvedValue(listed)
    const { user } = renderWithProviders(<ReminderCenter onAction={vi.fn()} />)
    await user.click(await screen.findByTestId('reminders-button'))
    const dismissAll = await screen.findByTestId('reminders-dismiss-all')

    await user.click(dismissAll)
    const confirm = screen.getByTestId('reminders-dismiss-all-confirm')
    expect(confirm).toHaveTextContent(`Dismiss all ${total} reminders?`)
    expect(confirm).toHaveTextContent('no key is changed')
    // The safe answer has the focus; Cancel gives it back to Dismiss all.
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus()
    await user.keyboard('{Enter}')
    expect(screen.queryByTestId('reminders-dismiss-all-confirm')).not.toBeInTheDocument()
    await waitFor(() => expect(screen.getByTestId('reminders-dismiss-all')).toHaveFocus())
    expect(api.dismissReminders).not.toHaveBeenCalled()

    await user.click(screen.getByTestId('reminders-dismiss-all'))
    // One that comes while it asks is not among those dismissed.
    vi.mocked(api.listReminders).mockResolvedValue([makeReminder({ id: 999, title: 'late expires soon' })])
    await user.click(screen.getByTestId('reminders-dismiss-all-submit'))
    await waitFor(() => expect(api.dismissReminders).toHaveBeenCalledWith(listed.map((r) => r.id)))
    expect(await screen.findByText(`Dismissed ${total} reminders`)).toBeInTheDocument()
    await waitFor(() => expect(screen.getAllByTestId('reminder-item')).toHaveLength(1))
    expect(screen.queryByTestId('reminders-dismiss-all-confirm')).not.toBeInTheDocument()
    // One reminder left: Dismiss on its card is enough.
    expect(screen.queryByTestId('reminders-dismiss-all')).not.toBeInTheDocument()
  })

  it('says when this system shows no desktop notifications, and only then', async () => {
    vi.mocked(api.listReminders).mockResolvedValue([makeReminder()])
    const { user } = renderWithProviders(<ReminderCenter onAction={vi.fn()} />)
    await user.click(await screen.findByTestId('reminders-button'))
    await screen.findAllByTestId('reminder-item')
    await waitFor(() => expect(api.getNotificationStatus).toHaveBeenCalled())
    expect(screen.queryByTestId('notifications-unavailable')).not.toBeInTheDocument()
    await user.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByTestId('reminders-drawer')).not.toBeInTheDocument())

    // Asked again when the drawer opens: a scan since may have failed to notify.
    vi.mocked(api.getNotificationStatus).mockResolvedValue({ unavailable: true, failedAt: iso(Date.now()) })
    await user.click(screen.getByTestId('reminders-button'))
    expect(await screen.findByTestId('notifications-unavailable')).toHaveTextContent(
      'Desktop notifications could not be shown on this system, so reminders appear in the reminder center only.',
    )
  })
})
