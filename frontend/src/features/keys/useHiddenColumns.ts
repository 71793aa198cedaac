import { useSyncExternalStore } from 'react'
import { HIDDEN_COLUMNS_KEY, KEY_COLUMNS, hiddenColumns, pageStorage, parseHiddenColumns, type KeyColumn } from './columns'

// The hidden key-table columns, shared by every table on the page: the
// user's choice, kept in localStorage (columns.ts), or until there is one
// the columns that do not fit the window, which change as it is resized.

const listeners = new Set<() => void>()
/**
 * What was chosen when the storage refused it (full, switched off), kept
 * until the page reloads: the choice as it would be stored, null for none.
 */
let unstored: { raw: string | null } | undefined
let last: { raw: string | null | undefined } & HiddenColumns = { raw: undefined, hidden: [], fitted: true }

function storedText(): string | null | undefined {
  if (unstored !== undefined) return unstored.raw
  try {
    return pageStorage(window)?.getItem(HIDDEN_COLUMNS_KEY)
  } catch {
    return undefined
  }
}

function snapshot(): typeof last {
  const raw = storedText()
  const hidden = hiddenColumns(raw, window.innerWidth)
  // The same object while nothing changed: React compares snapshots by identity.
  if (raw !== last.raw || hidden.join() !== last.hidden.join()) last = { raw, hidden, fitted: parseHiddenColumns(raw) === undefined }
  return last
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  window.addEventListener('resize', listener)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('resize', listener)
  }
}

/** Stores the choice (null: none, fit the window) and redraws the tables. */
function store(raw: string | null): void {
  unstored = undefined
  try {
    const storage = pageStorage(window)
    if (!storage) throw new Error('no storage')
    if (raw === null) storage.removeItem(HIDDEN_COLUMNS_KEY)
    else storage.setItem(HIDDEN_COLUMNS_KEY, raw)
  } catch {
    unstored = { raw }
  }
  listeners.forEach((listener) => listener())
}

/** Stores the hidden columns (in table order) as the user's choice and redraws the tables. */
export function setHiddenColumns(hidden: readonly KeyColumn[]): void {
  store(JSON.stringify(KEY_COLUMNS.filter((id) => hidden.includes(id))))
}

/** Drops the user's choice: the tables show the columns that fit the window again. */
export function fitColumnsToWindow(): void {
  store(null)
}

export interface HiddenColumns {
  /** The hidden columns, in table order. */
  hidden: KeyColumn[]
  /** Whether they are the ones that do not fit the window (no choice made). */
  fitted: boolean
}

/** The hidden columns, and whether the user chose them. */
export function useHiddenColumns(): HiddenColumns {
  return useSyncExternalStore(subscribe, snapshot)
}
