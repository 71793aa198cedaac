import * as RemindersAPI from '../../wailsjs/go/app/RemindersAPI'
import { app } from '../../wailsjs/go/models'
import { call } from './errors'
import type { Reminder, ReminderSettings } from './types'

/** The reminders that are due now, across every workspace. */
export function listReminders(): Promise<Reminder[]> {
  return call(async () => (await RemindersAPI.List()) ?? [])
}

/** Hides a reminder for the given number of hours. */
export function snoozeReminder(id: number, hours: number): Promise<void> {
  return call(() => RemindersAPI.Snooze(id, hours))
}

export function dismissReminder(id: number): Promise<void> {
  return call(() => RemindersAPI.Dismiss(id))
}

export function getReminderSettings(): Promise<ReminderSettings> {
  return call(() => RemindersAPI.Settings())
}

export function setReminderSettings(settings: ReminderSettings): Promise<ReminderSettings> {
  return call(() => RemindersAPI.SetSettings(app.ReminderSettings.createFrom(settings)))
}
