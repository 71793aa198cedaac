// Paint first, then do the heavy work: waiting for a frame lets rows a
// render just committed reach the screen before a big task (a 10,000-key
// list landing) holds the main thread.

/** Calls fn once the frame after now has been painted. */
export function afterPaint(fn: () => void) {
  // requestAnimationFrame runs before the frame is painted; a task queued
  // from it runs after. Without frames (tests), the next task will do.
  if (typeof requestAnimationFrame === 'undefined') setTimeout(fn, 0)
  else requestAnimationFrame(() => setTimeout(fn, 0))
}

let waiting: (() => void)[] = []

/** Resolves once the next rows the key table commits are painted, or after timeoutMs. */
export function nextRowsPaint(timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve)
    setTimeout(resolve, timeoutMs)
  })
}

/** The key table committed rows. */
export function rowsCommitted() {
  if (waiting.length === 0) return
  const done = waiting
  waiting = []
  afterPaint(() => done.forEach((resolve) => resolve()))
}
