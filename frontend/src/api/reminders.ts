import * as RemindersAPI from '../../wailsjs/go/app/RemindersAPI'
import { app } from '../../wailsjs/go/models'
import { call } from './errors'
import type { NotificationStatus, Reminder, ReminderSettings } from './types'

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

/** Hides the given reminders for good; resolves to how many were still shown and are now hidden. */
export function dismissReminders(ids: number[]): Promise<number> {
  return call(() => RemindersAPI.DismissMany(ids))
}

// Go marshals a nil slice or map as null.
const complete = (s: ReminderSettings): ReminderSettings => ({ ...s, leadDays: s.leadDays ?? [], kinds: s.kinds ?? {} })

export function getReminderSettings(): Promise<ReminderSettings> {
  return call(async () => complete(await RemindersAPI.Settings()))
}

/** Saves the settings and resolves to them as stored. */
export function setReminderSettings(settings: ReminderSettings): Promise<ReminderSettings> {
  return call(async () => complete(await RemindersAPI.SetSettings(app.ReminderSettings.createFrom(settings))))
}

/** Whether the last desktop notification could be shown (on Linux, none can without a notification daemon). */
export function getNotificationStatus(): Promise<NotificationStatus> {
  return call(() => RemindersAPI.NotificationStatus())
}
