// The key table's columns: their order, headings, and the ones the user hid
// ("Columns" menu). No React here: the first screen (firstScreen/) lays out
// the same columns before React runs.
import { en } from '../../i18n/en'

/** The columns after the name, in order; the row menu comes last. Each may be hidden, the name not. */
export const KEY_COLUMNS = ['maskedKey', 'status', 'expiresAt', 'lastUsedAt', 'enabled', 'role', 'profile', 'id', 'createdAt'] as const
export type KeyColumn = (typeof KEY_COLUMNS)[number]

export const COLUMN_LABELS: Record<'name' | KeyColumn, string> = {
  name: en.keys.columns.name,
  maskedKey: en.keys.columns.key,
  status: en.keys.columns.status,
  expiresAt: en.keys.columns.expires,
  lastUsedAt: en.keys.columns.lastUsed,
  enabled: en.keys.columns.enabled,
  role: en.keys.columns.role,
  profile: en.keys.columns.profile,
  id: en.keys.columns.id,
  createdAt: en.keys.columns.created,
}

/**
 * Where the hidden columns are kept: the page's localStorage, like the
 * colour scheme, so that the first screen can read them before it paints.
 * One choice for every workspace.
 */
export const HIDDEN_COLUMNS_KEY = 'keydesk-hidden-columns'

/** The hidden columns in table order; anything unreadable or unknown counts as shown. */
export function parseHiddenColumns(raw: string | null | undefined): KeyColumn[] {
  if (!raw) return []
  try {
    const parsed: unknown = JSON.parse(raw)
    return Array.isArray(parsed) ? KEY_COLUMNS.filter((id) => parsed.includes(id)) : []
  } catch {
    return []
  }
}

/** The page's localStorage, or undefined where it cannot be used (a sandbox, storage off). */
export function pageStorage(win: Window): Storage | undefined {
  try {
    return win.localStorage ?? undefined
  } catch {
    return undefined
  }
}

/** The hidden columns the page keeps. */
export function readHiddenColumns(storage: Storage | undefined): KeyColumn[] {
  try {
    return parseHiddenColumns(storage?.getItem(HIDDEN_COLUMNS_KEY))
  } catch {
    return []
  }
}
