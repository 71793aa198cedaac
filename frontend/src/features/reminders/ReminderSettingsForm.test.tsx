import { screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../../api'
import { ApiError } from '../../api'
import { makeReminderSettings } from '../../test/fixtures'
import { renderWithProviders } from '../../test/render'
import { SettingsModal } from '../settings/SettingsModal'
import { ReminderSettingsForm } from './ReminderSettingsForm'

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  ...(await import('../../test/apiMocks')).apiMocks(),
}))

const saved = makeReminderSettings({
  quietStart: 22,
  quietEnd: 7,
  leadDays: [30, 7, 1],
  kinds: { expiring: true, expired: true, overlap_ending: true, rotation_due: false, unused: true },
})

const fieldOf = (input: HTMLElement) => input.closest<HTMLElement>('.mantine-InputWrapper-root')!
const tagsOf = (input: HTMLElement) =>
  Array.from(fieldOf(input).querySelectorAll('.mantine-Pill-label')).map((pill) => pill.textContent)

type User = ReturnType<typeof renderWithProviders>['user']

async function pickHour(user: User, testId: string, hour: string) {
  await user.click(screen.getByTestId(testId))
  await user.click(await screen.findByRole('option', { name: hour }))
}

beforeEach(() => {
  vi.mocked(api.getReminderSettings).mockResolvedValue(saved)
  vi.mocked(api.getNotificationStatus).mockResolvedValue({ unavailable: false, failedAt: '' })
})

describe('reminder settings', () => {
  it('shows quiet hours, lead times and each kind in words', async () => {
    renderWithProviders(<ReminderSettingsForm />)

    expect(await screen.findByTestId('reminder-quiet-start')).toHaveValue('22:00')
    expect(screen.getByTestId('reminder-quiet-end')).toHaveValue('07:00')
    expect(screen.getByTestId('reminder-quiet-hours')).toHaveTextContent('Desktop notifications wait from 22:00 until 07:00')
    expect(tagsOf(screen.getByTestId('reminder-lead-days'))).toEqual(['30', '7', '1'])
    expect(screen.getByText('A key is about to expire')).toBeInTheDocument()
    expect(screen.getByTestId('reminder-kind-expiring')).toBeChecked()
    expect(screen.getByTestId('reminder-kind-rotation_due')).not.toBeChecked()
    expect(screen.getByText('90 days without a request, or 30 days after creation when never used.')).toBeInTheDocument()
  })

  it('says when this system shows no desktop notifications', async () => {
    vi.mocked(api.getNotificationStatus).mockResolvedValue({ unavailable: true, failedAt: '2026-06-15T12:00:00Z' })
    renderWithProviders(<ReminderSettingsForm />)
    const notice = await screen.findByTestId('notifications-unavailable')
    expect(notice).toHaveTextContent('No desktop notifications')
    expect(notice).toHaveTextContent('Desktop notifications could not be shown on this system, so reminders appear in the reminder center only.')
  })

  it('says nothing of notifications while they work', async () => {
    renderWithProviders(<ReminderSettingsForm />)
    await screen.findByTestId('reminder-settings-form')
    await waitFor(() => expect(api.getNotificationStatus).toHaveBeenCalled())
    expect(screen.queryByTestId('notifications-unavailable')).not.toBeInTheDocument()
  })

  it('saves every setting and shows what was stored', async () => {
    vi.mocked(api.setReminderSettings).mockImplementation(async (s) => ({ ...s, leadDays: [30, 14, 7, 1] }))
    const { user } = renderWithProviders(<ReminderSettingsForm />)
    const lead = await screen.findByTestId('reminder-lead-days')

    // The same hour twice: no quiet hours.
    await pickHour(user, 'reminder-quiet-start', '07:00')
    expect(screen.getByTestId('reminder-quiet-hours')).toHaveTextContent('No quiet hours')
    await user.type(lead, '14{Enter}')
    expect(tagsOf(lead)).toEqual(['30', '14', '7', '1'])
    await user.click(screen.getByTestId('reminder-kind-rotation_due'))
    await user.click(screen.getByTestId('reminder-kind-unused'))
    await user.click(screen.getByTestId('reminder-settings-save'))

    expect(api.setReminderSettings).toHaveBeenCalledWith({
      quietStart: 7,
      quietEnd: 7,
      leadDays: [30, 14, 7, 1],
      kinds: { expiring: true, expired: true, overlap_ending: true, rotation_due: true, unused: false },
    })
    expect(await screen.findByText('Reminder settings saved.')).toBeInTheDocument()
  })

  it('keeps at least one lead time without asking the server', async () => {
    const { user } = renderWithProviders(<ReminderSettingsForm />)
    const lead = await screen.findByTestId('reminder-lead-days')
    await user.type(lead, '{Backspace}{Backspace}{Backspace}')
    expect(tagsOf(lead)).toEqual([])
    await user.click(screen.getByTestId('reminder-settings-save'))

    expect(within(fieldOf(lead)).getByText('Keep at least one lead time.')).toBeInTheDocument()
    expect(api.setReminderSettings).not.toHaveBeenCalled()
    // The field may be far above Save: the error is brought to the user.
    expect(lead).toHaveFocus()
  })

  it('needs no lead time with expiry reminders off', async () => {
    vi.mocked(api.setReminderSettings).mockImplementation(async (s) => s)
    const { user } = renderWithProviders(<ReminderSettingsForm />)
    const lead = await screen.findByTestId('reminder-lead-days')
    await user.type(lead, '{Backspace}{Backspace}{Backspace}')
    await user.click(screen.getByTestId('reminder-settings-save'))
    expect(within(fieldOf(lead)).getByText('Keep at least one lead time.')).toBeInTheDocument()
    // Switching expiry reminders off takes their lead times' error with it.
    await user.click(screen.getByTestId('reminder-kind-expiring'))
    expect(within(fieldOf(lead)).queryByText('Keep at least one lead time.')).toBeNull()
    await user.click(screen.getByTestId('reminder-settings-save'))
    await waitFor(() => expect(api.setReminderSettings).toHaveBeenCalledWith(expect.objectContaining({ leadDays: [], kinds: expect.objectContaining({ expiring: false }) })))
    expect(within(fieldOf(lead)).queryByText('Keep at least one lead time.')).toBeNull()
  })

  it('refuses a tag that is not a lead time at once, keeping it and saying why next to the field', async () => {
    const { user } = renderWithProviders(<ReminderSettingsForm />)
    const lead = await screen.findByTestId('reminder-lead-days')
    for (const bad of ['abc', '0', '400', '1e3', '-5']) {
      await user.clear(lead)
      await user.type(lead, `${bad}{Enter}`)
      expect(tagsOf(lead)).toEqual(['30', '7', '1'])
      expect(lead).toHaveValue(bad)
      expect(within(fieldOf(lead)).getByText('Lead times are whole days from 1 to 366.')).toBeInTheDocument()
    }
    await user.clear(lead)
    expect(screen.queryByText('Lead times are whole days from 1 to 366.')).not.toBeInTheDocument()
    await user.type(lead, '14{Enter}')
    expect(tagsOf(lead)).toEqual(['30', '14', '7', '1'])
    expect(screen.queryByText('Lead times are whole days from 1 to 366.')).not.toBeInTheDocument()
    expect(api.setReminderSettings).not.toHaveBeenCalled()
  })

  it('clears a duplicate from the box with a word, and saves nothing while a refused lead time is typed', async () => {
    const { user } = renderWithProviders(<ReminderSettingsForm />)
    const lead = await screen.findByTestId('reminder-lead-days')
    await user.type(lead, '7{Enter}')
    expect(lead).toHaveValue('')
    expect(tagsOf(lead)).toEqual(['30', '7', '1'])
    expect(within(fieldOf(lead)).getByText('7 is already in the list.')).toBeInTheDocument()
    // Typing again clears the word.
    await user.type(lead, 'x')
    expect(within(fieldOf(lead)).queryByText('7 is already in the list.')).not.toBeInTheDocument()

    // Something refused stays typed, and saving waits for it.
    await user.type(lead, '{Enter}')
    expect(lead).toHaveValue('x')
    await user.click(screen.getByTestId('reminder-settings-save'))
    expect(api.setReminderSettings).not.toHaveBeenCalled()
    await user.clear(lead)
    await user.type(lead, '70')
    vi.mocked(api.setReminderSettings).mockImplementation(async (s) => s)
    await user.click(screen.getByTestId('reminder-settings-save'))
    expect(vi.mocked(api.setReminderSettings).mock.calls[0][0].leadDays).toEqual([70, 30, 7, 1])
  })

  it('adds the lead times of a paste and keeps those it can’t add', async () => {
    const { user } = renderWithProviders(<ReminderSettingsForm />)
    const lead = await screen.findByTestId('reminder-lead-days')
    await user.click(lead)
    await user.paste('14, 400')
    expect(tagsOf(lead)).toEqual(['30', '14', '7', '1'])
    expect(lead).toHaveValue('400')
    expect(within(fieldOf(lead)).getByText('Lead times are whole days from 1 to 366.')).toBeInTheDocument()
  })

  it('shows the backend’s error next to the field it names and keeps the input', async () => {
    vi.mocked(api.setReminderSettings).mockRejectedValue(
      new ApiError('invalid_input', 'quietHours must be hours from 0 to 23', 'quietHours'),
    )
    const { user } = renderWithProviders(<ReminderSettingsForm />)
    const lead = await screen.findByTestId('reminder-lead-days')
    await user.type(lead, '3{Enter}')
    await user.click(screen.getByTestId('reminder-settings-save'))

    expect(await within(screen.getByTestId('reminder-quiet-hours')).findByText('quietHours must be hours from 0 to 23')).toBeInTheDocument()
    expect(tagsOf(lead)).toEqual(['30', '7', '3', '1'])
    expect(screen.getByTestId('reminder-quiet-start')).toHaveValue('22:00')
  })

  it('is a section of the settings dialog', async () => {
    renderWithProviders(<SettingsModal opened onClose={vi.fn()} />)
    expect(await screen.findByTestId('reminder-settings-form')).toBeInTheDocument()
    expect(screen.getByRole('heading', { name: 'Reminders' })).toBeInTheDocument()
  })
})
