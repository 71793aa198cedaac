// The rotation rules the Rotate dialog explains (DESIGN: overlap 0–30 days,
// never past the old key's own expiry).
import type { Key } from '../../api'
import { en } from '../../i18n/en'
import { formatDate, formatDateTime, formatRelative } from '../../lib/time'
import { MAX_DAYS, type ExpiryPolicy } from './expiry'

export const DEFAULT_OVERLAP_DAYS = 7
export const MAX_OVERLAP_DAYS = 30
const DAY = 86_400_000

/**
 * When a rotation's successor would expire (ms), null for never: the
 * lifetime the old key was made with (1–366 days), from now, within the
 * workspace's policy — as the server works it out (keys.SuccessorExpiry,
 * ExpiryPolicy.Clamp).
 */
export function successorExpiry(key: Pick<Key, 'createdAt' | 'expiresAt'>, now: number, policy: ExpiryPolicy): number | null {
  const latest = now + policy.maxDays * DAY
  if (!key.expiresAt) return policy.allowNever ? null : latest
  const lifetime = Math.min(Math.max(Date.parse(key.expiresAt) - Date.parse(key.createdAt), DAY), MAX_DAYS * DAY)
  return Math.min(now + lifetime, latest)
}

/** What a rotation does: the new key's expiry, and what will happen to the old key. */
export function rotationExplanation(
  overlapDays: number,
  autoRevoke: boolean,
  expiresAt: string | undefined,
  now: number,
  successor: number | null,
): string {
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
  return `${en.rotate.explainNew(successor === null ? null : formatDate(new Date(successor).toISOString()))} ${after}`
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

/**
 * The keys that are the new key of a rotation still under way: their old
 * key, among `keys`, is rotating. The two share a name; the table says
 * which is the new one.
 */
export function newKeysOfRotations(keys: readonly Key[]): ReadonlySet<string> {
  const rotating = new Set(keys.filter((key) => key.rotating).map((key) => key.id))
  return new Set(keys.filter((key) => key.rotatedFrom && rotating.has(key.rotatedFrom)).map((key) => key.id))
}

/** The old key of the rotation `key` is the new key of, while it is under way: among `keys`, rotating. */
export function oldKeyOfRotation(key: Pick<Key, 'rotatedFrom'>, keys: readonly Key[]): Key | undefined {
  if (!key.rotatedFrom) return undefined
  return keys.find((k) => k.id === key.rotatedFrom && k.rotating)
}

/** The new key of the rotation `key` is the old key of, while it is under way. */
export function newKeyOfRotation(key: Pick<Key, 'id' | 'rotating'>, keys: readonly Key[]): Key | undefined {
  return key.rotating ? keys.find((k) => k.rotatedFrom === key.id) : undefined
}

/** When the old key of a rotation stops working, formatted; null when it works until someone disables it. */
export function oldKeyStops(oldKey: Pick<Key, 'autoRevoke' | 'revokesAt'>): string | null {
  return oldKey.autoRevoke && oldKey.revokesAt ? formatDateTime(oldKey.revokesAt) : null
}

/**
 * When a key stops working by itself: the end of its rotation overlap when
 * that revokes it (never past its expiry, as the server rotates), else its
 * expiry; undefined for never. The Expires column shows and sorts by it.
 */
export function endOf(key: Pick<Key, 'expiresAt' | 'rotating' | 'autoRevoke' | 'revokesAt'>): { at: string | undefined; byRotation: boolean } {
  if (key.rotating && key.autoRevoke && key.revokesAt) return { at: key.revokesAt, byRotation: true }
  return { at: key.expiresAt, byRotation: false }
}

/** The Expires cell's title: the exact time, and for a rotation's old key, why it is that one. */
export function endTitle(key: Pick<Key, 'expiresAt' | 'rotating' | 'autoRevoke' | 'revokesAt'>): string | undefined {
  const end = endOf(key)
  if (!end.at) return undefined
  if (!end.byRotation) return formatDateTime(end.at)
  return en.keys.stopsWithRotation(formatDateTime(end.at), key.expiresAt ? formatDateTime(key.expiresAt) : null)
}
