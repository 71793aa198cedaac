// A reminder in words, at display time: every time in it is worded by
// formatRelative from the key's own times, so "expires in 3 days" agrees with
// the key table and the reminder's "Due" line however long ago it was listed.
import type { Reminder } from '../../api'
import { en } from '../../i18n/en'
import { formatRelative } from '../../lib/time'

export interface ReminderWords {
  title: string
  message: string
}

/** What a reminder calls its key: its name, else its ID. */
export const reminderKeyName = (reminder: Reminder) => reminder.keyName || reminder.keyId

/** The reminder's title and message; the backend's wording for a kind (or data) it does not know. */
export function describeReminder(reminder: Reminder, now: number): ReminderWords {
  const key = reminderKeyName(reminder)
  const when = (iso: string) => formatRelative(iso, now)
  const { kinds } = en.reminders
  switch (reminder.kind) {
    case 'expiring':
      return { title: kinds.expiring.title, message: kinds.expiring.message(key, when(reminder.dueAt)) }
    case 'expired':
      return { title: kinds.expired.title, message: kinds.expired.message(key, when(reminder.dueAt)) }
    case 'overlap_ending':
      return { title: kinds.overlapEnding.title, message: kinds.overlapEnding.message(key, when(reminder.dueAt)) }
    case 'rotation_due':
      if (reminder.secretSince) {
        return { title: kinds.rotationDue.title, message: kinds.rotationDue.message(key, when(reminder.secretSince), reminder.threshold) }
      }
      break
    case 'unused':
      if (reminder.neverUsed && reminder.keyCreatedAt) {
        return { title: kinds.neverUsed.title, message: kinds.neverUsed.message(key, when(reminder.keyCreatedAt)) }
      }
      if (reminder.keyLastUsedAt) {
        return { title: kinds.unused.title, message: kinds.unused.message(key, when(reminder.keyLastUsedAt)) }
      }
      break
  }
  return { title: reminder.title, message: reminder.message }
}
