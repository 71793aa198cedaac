import { screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../../api'
import type { Reminder } from '../../api'
import { DAYS, iso } from '../../test/fixtures'
import { renderWithProviders } from '../../test/render'
import { ReminderCenter } from './ReminderCenter'

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
  vi.mocked(api.snoozeReminder).mockClear()
  vi.mocked(api.dismissReminder).mockClear()
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
    expect(items[0]).toHaveTextContent('Key: billing')
    expect(items[0]).toHaveTextContent('Due in 7 days')

    await user.click(within(items[0]).getByTestId('reminder-snooze-day'))
    await waitFor(() => expect(api.snoozeReminder).toHaveBeenCalledWith(1, 24))
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
})
