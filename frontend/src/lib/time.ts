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
const timeWithSecondsFormat = new Intl.DateTimeFormat(LOCALE, { hour: 'numeric', minute: '2-digit', second: '2-digit' })
const dayFormat = new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric' })
const relativeFormat = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' })

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

function parse(iso: string): number | undefined {
  const t = Date.parse(iso)
  return Number.isNaN(t) ? undefined : t
}

/** A timestamp in milliseconds; `absent` when there is none or it does not parse. */
export function toMillis(iso: string | undefined, absent: number): number {
  if (!iso) return absent
  return parse(iso) ?? absent
}

/** "Nov 23, 2026" */
export function formatDate(iso: string): string {
  const t = parse(iso)
  return t === undefined ? iso : dateFormat.format(t)
}

/**
 * For events seconds apart, like the runs of a test: "10:04:37 AM" today,
 * "Nov 23, 2026, 10:04 AM" another day.
 */
export function formatEventTime(iso: string, now: number): string {
  const t = parse(iso)
  if (t === undefined) return iso
  return new Date(t).toDateString() === new Date(now).toDateString() ? timeWithSecondsFormat.format(t) : dateTimeFormat.format(t)
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

/** The local calendar day `days` from now, as the user would say it. */
export function dateInDays(days: number, now: number): string {
  return dateFormat.format(now + days * DAY)
}

/** "2026-11-23": a local date as <input type="date"> reads and writes it. */
export function toDateInputValue(t: number): string {
  const d = new Date(t)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** Midnight of the local date "YYYY-MM-DD"; undefined when unparsable. */
function parseLocalDay(value: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : undefined
}

/** Whole days from today (local) to the local date "YYYY-MM-DD"; undefined when unparsable. */
export function daysUntilDate(value: string, now: number): number | undefined {
  const target = parseLocalDay(value)
  if (!target) return undefined
  const today = new Date(now)
  const start = new Date(today.getFullYear(), today.getMonth(), today.getDate())
  // Round: a day across a daylight-saving change is 23 or 25 hours long.
  return Math.round((target.getTime() - start.getTime()) / DAY)
}

/** A local date "YYYY-MM-DD" as "Nov 23", or "Nov 23, 2026" withYear; as it came when unparsable. */
export function formatDay(value: string, withYear = false): string {
  const day = parseLocalDay(value)
  return day ? (withYear ? dateFormat : dayFormat).format(day) : value
}
