import type { CleanupCounts, CleanupRequest } from '../../api'

/** How many keys a choice deletes: expired and revoked overlap in the keys that are both. */
export function cleanupTotal(choice: CleanupRequest, counts: CleanupCounts): number {
  if (choice.both) return counts.both
  if (choice.expired && choice.revoked) return counts.expired + counts.revoked - counts.both
  if (choice.expired) return counts.expired
  if (choice.revoked) return counts.revoked
  return 0
}
