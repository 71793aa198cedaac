import { createSortedRowModel, rowSortingFeature, tableFeatures, type SortFn } from '@tanstack/react-table'
import type { Key } from '../../api'
import type { KeyAction } from './actions'
import { toMillis } from '../../lib/time'
import { endOf } from './rotation'
import type { KeyFilterState } from './filters'
import { NO_PROFILE } from './options'

// The key table's rows and what it sorts and filters them on, apart from how
// it draws them (KeysTable.tsx).

// The table only sorts; KeysTable filters the sorted rows itself (see
// matchesFilters): a pass over precomputed text is far cheaper than
// TanStack's filtered row model.
export const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  tableMeta: {} as KeyTableMeta,
})

/**
 * What the cells need besides their row, passed as the table's meta (not
 * built into the columns): a cell renderer is a component type, so columns
 * made anew each minute, for the time, remounted every cell — closing an
 * open menu and losing the keyboard focus in it.
 */
export interface KeyTableMeta {
  now: number
  /** The new keys of rotations under way (newKeysOfRotations). */
  successors: ReadonlySet<string>
  canManage: boolean
  /** Why no change can reach the workspace's server now (changeBlockedReason). */
  blockedReason?: string
  onAction: (action: KeyAction, key: Key) => void
  onToggle: (key: Key, enabled: boolean) => void
}
export type Features = typeof features

/**
 * What the table sorts on, computed once per key (not once per comparison):
 * plain `<` on these gives the table's order. The dates are numbers, set when
 * the row is made; the text keys are made the first time the table sorts on
 * their column (see byText): with 10,000 keys, these six strings and the
 * three of the search text, made for every key up front, were 13 MB of the
 * desktop's web process.
 */
interface SortKeys {
  name?: string
  maskedKey?: string
  status?: string
  role?: string
  profile?: string
  id?: string
  expiresAt: number
  lastUsedAt: number
  enabled: number
  createdAt: number
}

type TextSortField = 'name' | 'maskedKey' | 'status' | 'role' | 'profile' | 'id'

/** What the text search looks at: name, key ID and masked key, folded (foldText). */
interface SearchText {
  name: string
  id: string
  maskedKey: string
}

/** A key as the table shows it: with the name of its profile, for sorting and display. */
export type KeyRow = Key & {
  profileName: string
  sortKeys: SortKeys
  /** Made by the first text search (see searchTextOf). */
  searchText: SearchText | undefined
}

/** Which of the columns the search also looks in are on screen. */
export interface SearchedColumns {
  id: boolean
  maskedKey: boolean
}

const ALL_SHOWN: SearchedColumns = { id: true, maskedKey: true }

/**
 * Whether a key passes the filters; `text` is the search text, trimmed and
 * folded with foldText ("" searches nothing). The search matches the name,
 * ignoring case and accents, and the masked key and the key ID while their
 * column is on screen (`shown`) or when the text starts like one (a pasted
 * "kd_…" or "key_…"): a match in a cell no one can see would leave its row
 * unexplained.
 */
export function matchesFilters(key: KeyRow, f: KeyFilterState, text: string, shown: SearchedColumns = ALL_SHOWN): boolean {
  // Inactive is every key that is switched off, an expired one too (whose
  // status says expired): what a user looking for disabled keys wants.
  if (f.status === 'inactive' ? key.status !== 'inactive' && key.enabled : f.status !== 'all' && key.status !== f.status) return false
  // Asking for the expired keys overrides hiding them.
  if (f.hideExpired && f.status !== 'expired' && key.status === 'expired') return false
  if (f.role && key.role !== f.role) return false
  if (f.profile && (f.profile === NO_PROFILE ? !!key.profileId : key.profileId !== f.profile)) return false
  if (!text) return true
  const s = searchTextOf(key)
  if (s.name.includes(text)) return true
  if ((shown.maskedKey || KEY_LIKE.test(text)) && s.maskedKey.includes(text)) return true
  return (shown.id || text.startsWith(KEY_ID_PREFIX)) && s.id.includes(text)
}

/** How a key's secret starts (a prefix and "_", backend/keys), as folded search text. */
const KEY_LIKE = /^[a-z][a-z0-9]{0,11}_/

/** How every key ID starts (backend/keys), as folded search text. */
const KEY_ID_PREFIX = 'key_'

const NON_ASCII = /[\u0080-\uffff]/
/** The accents NFD splits off letters (é → e + U+0301). */
const ACCENTS = /[\u0300-\u036f]/g

/**
 * Text as the table compares it: lowercased and without accents, so that
 * "Écho" sorts among the e's and "echo" finds it. Plain ASCII, most names
 * and every key ID, skips the normalisation.
 */
export function foldText(value: string): string {
  const lower = value.toLowerCase()
  return NON_ASCII.test(lower) ? lower.normalize('NFD').replace(ACCENTS, '') : lower
}

const isDigit = (code: number) => code >= 48 && code <= 57

/**
 * A string whose plain `<` order is the natural order of the values, ignoring
 * case and accents (what TanStack's alphanumeric sort gives: "key2" before
 * "key10", "a01" equal to "a1", a run of digits after a run of other
 * characters; and "Écho" equal to "echo").
 * Each run becomes a tag and its contents: other characters end with \u0000,
 * so a shorter run sorts first; digits drop leading zeros and are preceded by
 * their count, so a longer number sorts after a shorter one.
 */
export function naturalSortKey(value: string | undefined): string {
  const s = foldText(value ?? '')
  let out = ''
  let i = 0
  while (i < s.length) {
    const digits = isDigit(s.charCodeAt(i))
    let end = i + 1
    while (end < s.length && isDigit(s.charCodeAt(end)) === digits) end++
    if (digits) {
      let start = i
      while (start < end && s.charCodeAt(start) === 48) start++
      out += '\u0002' + String.fromCharCode(end - start) + s.slice(start, end)
    } else {
      out += '\u0001' + s.slice(i, end) + '\u0000'
    }
    i = end
  }
  return out
}

export function toKeyRow(key: Key, profileName: string): KeyRow {
  return {
    ...key,
    profileName,
    // Every field present from the start, so that filling in a text key
    // later does not change the object's shape under the comparators.
    sortKeys: {
      name: undefined,
      maskedKey: undefined,
      status: undefined,
      role: undefined,
      profile: undefined,
      id: undefined,
      // "Never" sorts after every date.
      expiresAt: toMillis(endOf(key).at, Number.POSITIVE_INFINITY),
      // "Never used" sorts before every date.
      lastUsedAt: toMillis(key.lastUsedAt, Number.NEGATIVE_INFINITY),
      enabled: key.enabled ? 1 : 0,
      createdAt: toMillis(key.createdAt, 0),
    },
    searchText: undefined,
  }
}

/** The row's search text, made on the first search and kept with the row. */
function searchTextOf(key: KeyRow): SearchText {
  return (key.searchText ??= {
    name: foldText(String(key.name ?? '')),
    id: foldText(String(key.id ?? '')),
    maskedKey: foldText(String(key.maskedKey ?? '')),
  })
}

/** The text each text column sorts on. */
const SORT_TEXT: Record<TextSortField, (key: KeyRow) => string | undefined> = {
  name: (key) => key.name,
  maskedKey: (key) => key.maskedKey,
  // Rotating keys sort next to the active ones.
  status: (key) => (key.rotating ? 'active rotating' : key.status),
  role: (key) => key.role,
  profile: (key) => key.profileName,
  id: (key) => key.id,
}

/**
 * Sorts on a precomputed key: no getValue, no allocation per comparison.
 * Ascending; the table reverses it for descending and breaks ties by the
 * keys' order in the list.
 */
function by(field: 'expiresAt' | 'lastUsedAt' | 'enabled' | 'createdAt'): SortFn<Features, KeyRow> {
  return (rowA, rowB) => {
    const a = rowA.original.sortKeys[field]
    const b = rowB.original.sortKeys[field]
    return a < b ? -1 : a > b ? 1 : 0
  }
}

/** Like by, on a text key made the first time it is compared (naturalSortKey). */
function byText(field: TextSortField): SortFn<Features, KeyRow> {
  const text = SORT_TEXT[field]
  const keyOf = (row: KeyRow) => (row.sortKeys[field] ??= naturalSortKey(text(row)))
  return (rowA, rowB) => {
    const a = keyOf(rowA.original)
    const b = keyOf(rowB.original)
    return a < b ? -1 : a > b ? 1 : 0
  }
}

// Built once: a new function per render would not change the order, but the
// columns are rebuilt whenever the time ticks.
export const SORT = {
  name: byText('name'),
  maskedKey: byText('maskedKey'),
  status: byText('status'),
  expiresAt: by('expiresAt'),
  lastUsedAt: by('lastUsedAt'),
  enabled: by('enabled'),
  role: byText('role'),
  profile: byText('profile'),
  id: byText('id'),
  createdAt: by('createdAt'),
}
