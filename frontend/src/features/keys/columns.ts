// The key table's columns: their order, headings, and the ones the user hid
// ("Columns" menu). No React here: the first screen (firstScreen/) lays out
// the same columns before React runs.
import { en } from '../../i18n/en'
import { tableMinWidth } from './tableLayout'

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
 * One choice for every workspace. Nothing stored: the user has not chosen,
 * and the table shows the columns that fit the window (fittedHiddenColumns).
 */
export const HIDDEN_COLUMNS_KEY = 'keydesk-hidden-columns'

/**
 * The width around the key table at a window's width: the sidebar (260 px),
 * the page's padding (2 × 20), the card's border and a vertical scrollbar
 * where the system draws one (15).
 */
export const TABLE_CHROME = 320

/**
 * The columns the table leaves out first when they do not fit, until the
 * user chooses: those its details and menus also give. The masked key goes
 * before the expiry (in a narrow window, when a key stops matters more than
 * what its secret starts with); the status always stays.
 */
export const FIT_DROP_ORDER: readonly KeyColumn[] = ['id', 'role', 'enabled', 'createdAt', 'profile', 'lastUsedAt', 'maskedKey', 'expiresAt']

/** Room for a name, not just its first letters, when the columns are fitted. */
const FITTED_NAME_WIDTH = 190

/**
 * The columns to hide, in table order, so that the rest fit a window
 * `windowWidth` px wide without scrolling sideways.
 */
export function fittedHiddenColumns(windowWidth: number): KeyColumn[] {
  const room = windowWidth - TABLE_CHROME
  const hidden: KeyColumn[] = []
  for (const id of FIT_DROP_ORDER) {
    if (tableMinWidth(hidden, FITTED_NAME_WIDTH) <= room) break
    hidden.push(id)
  }
  return KEY_COLUMNS.filter((id) => hidden.includes(id))
}

/** The hidden columns the user chose, in table order; undefined if none were chosen (or the choice cannot be read). */
export function parseHiddenColumns(raw: string | null | undefined): KeyColumn[] | undefined {
  if (raw === null || raw === undefined) return undefined
  try {
    const parsed: unknown = JSON.parse(raw)
    return Array.isArray(parsed) ? KEY_COLUMNS.filter((id) => parsed.includes(id)) : undefined
  } catch {
    return undefined
  }
}

/** The hidden columns: the user's choice (`raw`, as stored), else those that do not fit the window. */
export function hiddenColumns(raw: string | null | undefined, windowWidth: number): KeyColumn[] {
  return parseHiddenColumns(raw) ?? fittedHiddenColumns(windowWidth)
}

/** The page's localStorage (or sessionStorage), or undefined where it cannot be used (a sandbox, storage off). */
export function pageStorage(win: Window, which: 'localStorage' | 'sessionStorage' = 'localStorage'): Storage | undefined {
  try {
    return win[which] ?? undefined
  } catch {
    return undefined
  }
}

/** The user's choice of hidden columns as stored, or undefined. */
export function storedHiddenColumns(storage: Storage | undefined): string | undefined {
  try {
    return storage?.getItem(HIDDEN_COLUMNS_KEY) ?? undefined
  } catch {
    return undefined
  }
}
