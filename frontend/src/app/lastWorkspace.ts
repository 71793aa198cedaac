// The workspace the window showed last, kept in the page's localStorage
// (like the colour scheme and the hidden columns) so that the next start
// opens it again; the first screen (firstScreen/) reads it too, before React.
import { pageStorage } from '../features/keys/columns'

export const LAST_WORKSPACE_KEY = 'keydesk-workspace'

/** The id of the workspace shown last, or undefined. */
export function readLastWorkspace(storage: Storage | undefined): string | undefined {
  try {
    return storage?.getItem(LAST_WORKSPACE_KEY) || undefined
  } catch {
    return undefined
  }
}

/** Notes the workspace shown; storage that refuses (full, off) only costs the next start's choice. */
export function rememberWorkspace(win: Window, id: string): void {
  try {
    pageStorage(win)?.setItem(LAST_WORKSPACE_KEY, id)
  } catch {
    /* the next start opens the first workspace */
  }
}
