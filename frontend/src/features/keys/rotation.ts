// The rotation rules the Rotate dialog explains (DESIGN: overlap 0–30 days,
// never past the old key's own expiry).
import type { Key } from '../../api'
import { en } from '../../i18n/en'
import { formatDate, formatRelative } from '../../lib/time'

export const DEFAULT_OVERLAP_DAYS = 7
export const MAX_OVERLAP_DAYS = 30
const DAY = 86_400_000

/** What will happen to the old key, in one or two sentences. */
export function rotationExplanation(overlapDays: number, autoRevoke: boolean, expiresAt: string | undefined, now: number): string {
  const end = now + overlapDays * DAY
  const expiry = expiresAt ? Date.parse(expiresAt) : Number.NaN
  let after: string
  if (!autoRevoke) {
    after = overlapDays > 0 ? en.rotate.explainKeptUntil(formatDate(new Date(end).toISOString())) : en.rotate.explainKept
  } else if (overlapDays === 0) {
    after = en.rotate.explainAtOnce
  } else if (!Number.isNaN(expiry) && expiry < end) {
    // The overlap never runs past the old key's own expiry.
    after = en.rotate.explainUntilExpiry(formatDate(expiresAt!))
  } else {
    after = en.rotate.explainUntil(formatDate(new Date(end).toISOString()))
  }
  return `${en.rotate.explainNow} ${after}`
}

export function validOverlap(value: string | number): number | undefined {
  const n = typeof value === 'number' ? value : Number(value)
  return value !== '' && Number.isInteger(n) && n >= 0 && n <= MAX_OVERLAP_DAYS ? n : undefined
}

/** "Rotating — old key revoked in 3 days", or kept until disabled without auto-revoke. */
export function rotatingLabel(key: Key, now: number): string {
  if (!key.autoRevoke || !key.revokesAt) return en.keys.rotatingKept
  return en.keys.rotatingLabel(formatRelative(key.revokesAt, now))
}
