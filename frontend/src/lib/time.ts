// Dates as the UI shows them: an absolute date for "Created", a relative one
// for "Expires" and "Last used". All in the user's locale time zone.
import { en } from '../i18n/en'

const LOCALE = 'en-US'
const dateFormat = new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric', year: 'numeric' })
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
})
const relativeFormat = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' })

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

function parse(iso: string): number | undefined {
  const t = Date.parse(iso)
  return Number.isNaN(t) ? undefined : t
}

/** "Nov 23, 2026" */
export function formatDate(iso: string): string {
  const t = parse(iso)
  return t === undefined ? iso : dateFormat.format(t)
}

/** "Nov 23, 2026, 10:04 AM" */
export function formatDateTime(iso: string): string {
  const t = parse(iso)
  return t === undefined ? iso : dateTimeFormat.format(t)
}

/**
 * "in 30 days", "3 hours ago", "just now". Days stay days up to two years, so
 * the expiry choices (7–365 days) read back the way they were picked.
 */
export function formatRelative(iso: string, now: number): string {
  const t = parse(iso)
  if (t === undefined) return iso
  const diff = t - now
  const abs = Math.abs(diff)
  if (abs < MINUTE) return en.time.justNow
  if (abs < HOUR) return relativeFormat.format(Math.round(diff / MINUTE), 'minute')
  if (abs < DAY) return relativeFormat.format(Math.round(diff / HOUR), 'hour')
  if (abs < 730 * DAY) return relativeFormat.format(Math.round(diff / DAY), 'day')
  return relativeFormat.format(Math.round(diff / (365 * DAY)), 'year')
}

/** Relative time of an optional timestamp, "never" when absent. */
export function formatRelativeOrNever(iso: string | undefined, now: number): string {
  return iso ? formatRelative(iso, now) : en.time.never
}
