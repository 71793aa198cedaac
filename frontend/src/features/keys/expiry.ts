// The expiry choices offered for a key (DESIGN: 7–365 days, never, or a custom
// date; the server takes 1–366 days or null).
import type { Workspace } from '../../api'
import { en } from '../../i18n/en'
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

/** What expiries a workspace allows (its server's policy). */
export interface ExpiryPolicy {
  /** The longest expiry in days, at most MAX_DAYS. */
  maxDays: number
  allowNever: boolean
}

export const ANY_EXPIRY: ExpiryPolicy = { maxDays: MAX_DAYS, allowNever: true }

/** The workspace's policy; anything, until its server has said (maxExpiryDays 0). */
export function policyOf(ws: Pick<Workspace, 'maxExpiryDays' | 'allowNeverExpires'>): ExpiryPolicy {
  if (!(ws.maxExpiryDays > 0)) return ANY_EXPIRY
  return { maxDays: Math.min(ws.maxExpiryDays, MAX_DAYS), allowNever: ws.allowNeverExpires }
}

/** The preset days the policy allows. */
export function presetDays(policy: ExpiryPolicy): number[] {
  return EXPIRY_DAYS.filter((days) => days <= policy.maxDays)
}

/** The choice a dialog starts with: 30 days, or the longest preset the policy allows (else a date). */
export function defaultExpiryFor(policy: ExpiryPolicy): ExpiryValue {
  if (Number(DEFAULT_EXPIRY) <= policy.maxDays) return defaultExpiry
  const presets = presetDays(policy)
  return presets.length > 0 ? { choice: String(presets[presets.length - 1]), date: '' } : { choice: CUSTOM, date: '' }
}

/**
 * The request field: days, null for never; undefined when a custom date is
 * missing or out of range. For FROM_PROFILE: the profile's days (null: its
 * keys never expire), which the server applies itself.
 */
export function expiresInDays(
  value: ExpiryValue,
  now: number,
  profileDays?: number | null,
  policy: ExpiryPolicy = ANY_EXPIRY,
): number | null | undefined {
  if (value.choice === FROM_PROFILE) return profileDays
  if (value.choice === NEVER) return null
  if (value.choice === CUSTOM) {
    const days = daysUntilDate(value.date, now)
    return days !== undefined && days >= MIN_DAYS && days <= policy.maxDays ? days : undefined
  }
  return Number(value.choice)
}

/** The range a custom date must fall in, in words. */
export function customRange(policy: ExpiryPolicy): string {
  return policy.maxDays < MAX_DAYS ? en.expiry.customRangeDays(policy.maxDays) : en.expiry.customRange
}

/** Why a custom date is refused: missing, or out of the policy's range. */
export function customDateError(value: ExpiryValue, policy: ExpiryPolicy): string {
  return value.date ? customRange(policy) : en.expiry.customRequired
}

const WEEK = 7 * 86_400_000

/** Whether the key table shows an expiry in red: it has passed, or comes within a week. */
export function expiresSoon(expiresAt: string, now: number): boolean {
  return Date.parse(expiresAt) - now <= WEEK
}
