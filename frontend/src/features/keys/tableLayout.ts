// The key table's geometry, shared by the table (KeysTable) and the first
// screen painted before React runs (firstScreen/): both must lay out the same
// rows in the same columns, or the table would jump when React takes over.

/** How many keys are fetched first, to paint the table before the whole list is in. */
export const FIRST_KEYS = 100

/**
 * A one-line row as laid out (41 px); rotating keys take two lines and are
 * measured. An estimate that is right spares the first paint a second
 * layout of every row.
 */
export const ROW_HEIGHT = 41

/**
 * Column widths in px, for the longest value each shows in DejaVu Sans (the
 * Linux default font, wider than most) with the cell padding: "12 minutes
 * ago", a 16-character key ID in monospace, "Member", "Nov 30, 2026". The
 * name takes what is left (table-layout: fixed keeps them steady while rows
 * scroll in). The columns people scan most come first. All of them take
 * 1,424 px with room for a name, more than a 1280 px window leaves: until
 * the user chooses (the "Columns" menu), the table shows those that fit the
 * window (columns.ts).
 */
export const WIDTHS: Record<string, number> = {
  maskedKey: 150,
  status: 178,
  expiresAt: 124, // "in 365 days", "in 24 hours": room to spare, given to Last used
  lastUsedAt: 140, // "10 minutes ago" whole in WebKitGTK too (132 cut its end)
  enabled: 100, // "Enabled" and its sort icon in bold
  role: 84,
  profile: 116,
  id: 164,
  createdAt: 120,
  actions: 48,
}
const NAME_MIN = 180

/**
 * The table's least width with the `hidden` columns left out and the name
 * at least `nameWidth` wide: below it, it scrolls sideways.
 */
export function tableMinWidth(hidden: readonly string[], nameWidth = NAME_MIN): number {
  return Object.entries(WIDTHS).reduce((sum, [id, width]) => (hidden.includes(id) ? sum : sum + width), nameWidth)
}

/**
 * Rows rendered beyond the window, each side: enough for a wheel's step, few
 * enough that the first render, a sort or a filter stays quick.
 */
export const OVERSCAN = 5

/**
 * Less than the height the app takes above and below the scroller (header,
 * workspace title, tabs, panel title, filters, footer: 383 px at 1280×820).
 * The first render fills the window's height less this: a row or two more
 * than the scroller shows, not the ten more the whole height would give,
 * each of which the first screen waits ~4 ms for.
 */
const CHROME_MIN = 340

/** The scroller's height the first render assumes, before anything is laid out. */
export function initialScrollerHeight(windowHeight: number): number {
  return Math.max(windowHeight - CHROME_MIN, 4 * ROW_HEIGHT)
}

/**
 * How many rows the first render shows out of `count`: those that reach into
 * the assumed scroller height, and the overscan after them (the virtualizer's
 * rule for rows of ROW_HEIGHT at scroll offset 0).
 */
export function initialRowCount(count: number, windowHeight: number): number {
  const lastVisible = Math.max(Math.ceil(initialScrollerHeight(windowHeight) / ROW_HEIGHT) - 1, 0)
  return Math.min(count, lastVisible + 1 + OVERSCAN)
}
