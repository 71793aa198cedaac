// Performance marks of the key table, read by the UI benchmark
// (frontend/e2e/perf, `make bench`) and visible in any browser profiler:
//   keydesk:sort, keydesk:filter — from the user's click or keystroke to the
//   frame after the table showed the new rows (performance.measure);
//   "keydesk: key table painted at <ms since the epoch>" — logged once,
//   through the Wails runtime, when the table first shows rows, drawn by
//   the first screen or by React (the desktop cold-start benchmark,
//   scripts/bench-desktop.sh).
// Marks cost next to nothing, so they stay in production.

import { afterPaint } from '../../lib/paint'

export type TableInput = 'sort' | 'filter'

/** The input whose rows are not on screen yet. */
let pending: { kind: TableInput; mark: string; at: number } | undefined
let seq = 0

/** An input was made that changes the rows: sorting or filtering. */
export function markTableInput(kind: TableInput) {
  if (typeof performance === 'undefined') return
  const at = performance.now()
  // The first input not yet shown is where the wait starts; one that changed
  // nothing (a filter with the same result) is given up after a while.
  if (pending && at - pending.at < 2000) return
  const mark = `keydesk:${kind}:start:${++seq}`
  performance.mark(mark)
  pending = { kind, mark, at }
}

/** The table committed new rows: measure the pending input, if any, to the paint. */
export function markRowsRendered() {
  const p = pending
  if (!p) return
  pending = undefined
  afterPaint(() => {
    try {
      performance.measure(`keydesk:${p.kind}`, p.mark)
    } catch {
      // The mark was cleared meanwhile (a test's fake timers, a profiler): no measure.
    }
    performance.clearMarks(p.mark)
  })
}

let painted = false

/**
 * The table committed its first rows since the app started, or the first
 * screen (firstScreen/) put them on the page before React. Call it right
 * after: the paint that follows is theirs.
 */
export function markFirstPaint() {
  if (painted || typeof performance === 'undefined') return
  painted = true
  const committedAt = performance.now()
  afterPaint(() => {
    // This task can run well after the paint, behind work queued meanwhile
    // (the rest of the list, other queries landing): up to 100 ms on the
    // desktop. The browser's first contentful paint, if it came after the
    // rows were committed, is when they reached the screen.
    const fcp = performance.getEntriesByType?.('paint').find((e) => e.name === 'first-contentful-paint')
    const paintedAt = fcp && fcp.startTime >= committedAt ? fcp.startTime : performance.now()
    performance.mark('keydesk:table-painted')
    // LogPrint, not LogInfo: a production Wails build logs only errors, but
    // prints whatever LogPrint is given. Absent outside Wails.
    const runtime = (window as { runtime?: { LogPrint?: (message: string) => void } }).runtime
    runtime?.LogPrint?.(`keydesk: key table painted at ${Math.round(performance.timeOrigin + paintedAt)}`)
  })
}
