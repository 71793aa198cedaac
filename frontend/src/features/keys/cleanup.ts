import type { CleanupCounts, CleanupRequest, Key } from '../../api'

/** How many keys a choice deletes: expired and revoked overlap in the keys that are both. */
export function cleanupTotal(choice: CleanupRequest, counts: CleanupCounts): number {
  if (choice.both) return counts.both
  if (choice.expired && choice.revoked) return counts.expired + counts.revoked - counts.both
  if (choice.expired) return counts.expired
  if (choice.revoked) return counts.revoked
  return 0
}

/** The IDs of the keys a choice deletes, each once: the request names exactly these. */
export function chosenKeyIds(choice: CleanupRequest, doomed: CleanupKeys): string[] {
  if (choice.both) return doomed.both.map((k) => k.id)
  const ids = new Set<string>()
  if (choice.expired) for (const k of doomed.expired) ids.add(k.id)
  if (choice.revoked) for (const k of doomed.revoked) ids.add(k.id)
  return [...ids]
}

/** The keys each clean-up choice deletes. */
export interface CleanupKeys {
  expired: Key[]
  revoked: Key[]
  both: Key[]
}

/**
 * The keys each choice would delete, by the server's rules (expired: past
 * its expiry; revoked: disabled, or past the end of an auto-revoking
 * rotation), read from the cached list: the dialog names them, the
 * server's counts stay what the buttons say.
 */
export function cleanupKeys(keys: Key[], now: number): CleanupKeys {
  const out: CleanupKeys = { expired: [], revoked: [], both: [] }
  const past = (iso: string | undefined) => iso !== undefined && Date.parse(iso) <= now
  for (const key of keys) {
    const expired = past(key.expiresAt)
    const revoked = !key.enabled || (key.autoRevoke && past(key.revokesAt))
    if (expired) out.expired.push(key)
    if (revoked) out.revoked.push(key)
    if (expired && revoked) out.both.push(key)
  }
  return out
}
