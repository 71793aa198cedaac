import { useSyncExternalStore } from 'react'
import { HIDDEN_COLUMNS_KEY, KEY_COLUMNS, pageStorage, parseHiddenColumns, type KeyColumn } from './columns'

// The hidden key-table columns, kept in localStorage (columns.ts) and shared
// by every table on the page.

const listeners = new Set<() => void>()
/** What was chosen when the storage refused it (full, switched off): kept until the page reloads. */
let unstored: string | undefined
let lastRaw: string | null | undefined
let lastParsed: KeyColumn[] = []

function storedText(): string | null | undefined {
  if (unstored !== undefined) return unstored
  try {
    return pageStorage(window)?.getItem(HIDDEN_COLUMNS_KEY)
  } catch {
    return undefined
  }
}

function snapshot(): KeyColumn[] {
  const raw = storedText()
  // The same array while the text is the same: React compares snapshots by identity.
  if (raw !== lastRaw) {
    lastRaw = raw
    lastParsed = parseHiddenColumns(raw)
  }
  return lastParsed
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Stores the hidden columns (in table order) and redraws the tables. */
export function setHiddenColumns(hidden: readonly KeyColumn[]): void {
  const raw = JSON.stringify(KEY_COLUMNS.filter((id) => hidden.includes(id)))
  unstored = undefined
  try {
    const storage = pageStorage(window)
    if (!storage) throw new Error('no storage')
    storage.setItem(HIDDEN_COLUMNS_KEY, raw)
  } catch {
    unstored = raw
  }
  listeners.forEach((listener) => listener())
}

/** The columns the user hid, in table order, and the way to change them. */
export function useHiddenColumns(): [KeyColumn[], (hidden: readonly KeyColumn[]) => void] {
  return [useSyncExternalStore(subscribe, snapshot), setHiddenColumns]
}
