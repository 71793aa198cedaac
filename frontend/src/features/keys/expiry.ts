// The expiry choices offered for a key (DESIGN: 7–365 days, never, or a custom
// date; the server takes 1–366 days or null).
import { daysUntilDate } from '../../lib/time'

export const EXPIRY_DAYS = [7, 30, 60, 90, 180, 365] as const
export const NEVER = 'never'
export const CUSTOM = 'custom'
export const DEFAULT_EXPIRY = '30'
export const MIN_DAYS = 1
export const MAX_DAYS = 366

/** What the expiry field holds: a choice and, for "custom", a local date (YYYY-MM-DD). */
export interface ExpiryValue {
  choice: string
  date: string
}

export const defaultExpiry: ExpiryValue = { choice: DEFAULT_EXPIRY, date: '' }

/** An expiry value that picks `days`, a preset when there is one. */
export function expiryOfDays(days: number | undefined, now: number, toDate: (t: number) => string): ExpiryValue {
  if (days === undefined) return defaultExpiry
  if ((EXPIRY_DAYS as readonly number[]).includes(days)) return { choice: String(days), date: '' }
  return { choice: CUSTOM, date: toDate(now + days * 86_400_000) }
}

/**
 * The request field: days, null for never; undefined when a custom date is
 * missing or out of range.
 */
export function expiresInDays(value: ExpiryValue, now: number): number | null | undefined {
  if (value.choice === NEVER) return null
  if (value.choice === CUSTOM) {
    const days = daysUntilDate(value.date, now)
    return days !== undefined && days >= MIN_DAYS && days <= MAX_DAYS ? days : undefined
  }
  return Number(value.choice)
}
