import type { Workspace } from '../../api'
import { en } from '../../i18n/en'

/**
 * A workspace's dot in the sidebar and the overview: online and synced
 * (green), offline (grey), or answering but failing to sync, say for an
 * access key that is locked, missing or refused (orange). Shared with the
 * first screen, which draws the same dot before React does.
 */
export function workspaceHealth(ws: Pick<Workspace, 'online' | 'syncProblem'>): { label: string; color: string } {
  if (!ws.online) return { label: en.workspaces.offline, color: 'var(--mantine-color-gray-5)' }
  if (ws.syncProblem && ws.syncProblem !== 'offline') return { label: en.workspaces.syncProblem, color: 'var(--mantine-color-orange-6)' }
  return { label: en.workspaces.online, color: 'var(--mantine-color-green-6)' }
}

/** Sync problems that refuse every change too, until the user fixes them (the notice above the tabs says how). */
const BLOCKING: readonly string[] = ['keychainLocked', 'accessKeyMissing', 'accessKeyRejected', 'forbidden', 'connection']

/**
 * Why a change cannot reach the workspace's server now, or undefined: it is
 * offline, or its access key is locked, missing or refused. Buttons say so
 * on hover instead of failing after a filled-in form. A sync that failed
 * otherwise ('failed') may be passing: changes are still tried.
 */
export function changeBlockedReason(ws: Pick<Workspace, 'online' | 'syncProblem'>): string | undefined {
  if (!ws.online) return en.readOnly.offline
  if (BLOCKING.includes(ws.syncProblem)) return en.readOnly.syncProblem
  return undefined
}
