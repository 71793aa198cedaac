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
