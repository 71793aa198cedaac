// The expiry choices offered for a key (DESIGN: 7–365 days, never, or a custom
// date; the server takes 1–366 days or null).
import { daysUntilDate } from '../../lib/time'

export const EXPIRY_DAYS = [7, 30, 60, 90, 180, 365] as const
export const NEVER = 'never'
export const CUSTOM = 'custom'
/** The profile's default expiry, applied by the server (expiryFromProfile). */
export const FROM_PROFILE = 'profile'
export const DEFAULT_EXPIRY = '30'
export const MIN_DAYS = 1
export const MAX_DAYS = 366

/** What the expiry field holds: a choice and, for "custom", a local date (YYYY-MM-DD). */
export interface ExpiryValue {
  choice: string
  date: string
}

export const defaultExpiry: ExpiryValue = { choice: DEFAULT_EXPIRY, date: '' }

/**
 * The request field: days, null for never; undefined when a custom date is
 * missing or out of range. For FROM_PROFILE: the profile's days (null: its
 * keys never expire), which the server applies itself.
 */
export function expiresInDays(value: ExpiryValue, now: number, profileDays?: number | null): number | null | undefined {
  if (value.choice === FROM_PROFILE) return profileDays
  if (value.choice === NEVER) return null
  if (value.choice === CUSTOM) {
    const days = daysUntilDate(value.date, now)
    return days !== undefined && days >= MIN_DAYS && days <= MAX_DAYS ? days : undefined
  }
  return Number(value.choice)
}

const WEEK = 7 * 86_400_000

/** Whether the key table shows an expiry in red: it has passed, or comes within a week. */
export function expiresSoon(expiresAt: string, now: number): boolean {
  return Date.parse(expiresAt) - now <= WEEK
}
