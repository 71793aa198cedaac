// How the sidebar lists workspaces: shared with the first screen (firstScreen/),
// which may not import the query hooks.
import type { Workspace } from '../../api'
import { en } from '../../i18n/en'

/** Where a workspace lives, as the sidebar says it: "This computer" or the server's host. */
export function hostOf(ws: Workspace): string {
  if (ws.kind === 'local') return en.workspaces.localDescription
  try {
    return new URL(ws.serverUrl).host
  } catch {
    return ws.serverUrl
  }
}

/** Local first, then the remote ones in the order the user gave them (the backend's). */
export function sortWorkspaces(list: Workspace[]): Workspace[] {
  return [...list].sort((a, b) => (a.kind === 'local' ? 0 : 1) - (b.kind === 'local' ? 0 : 1))
}
