import type { FocusEvent } from 'react'
import classes from './KeysTable.module.css'
import { WIDTHS } from './tableLayout'

/**
 * Scrolls what the keyboard just focused in the table (a header, a row, a
 * control in a row) out from under the sticky header row, name column and
 * menu column, where the browser's own scrolling leaves it.
 */
export function revealFocused(event: FocusEvent<HTMLDivElement>) {
  const scroller = event.currentTarget
  const target = event.target as HTMLElement
  // React passes on focus from a row menu's dropdown too, which is not in
  // the table but in a portal: measured against the table, it scrolled a
  // table wider than the window sideways to its end on every opening.
  if (!scroller.contains(target)) return
  const view = scroller.getBoundingClientRect()
  const box = target.getBoundingClientRect()
  const head = scroller.querySelector('thead')
  const top = view.top + (head && !head.contains(target) ? head.getBoundingClientRect().height : 0)
  if (box.top < top) scroller.scrollTop -= Math.ceil(top - box.top)
  // Sideways only for what is narrower than the columns between the sticky ones.
  if (target.closest(`.${classes.stickyStart}, .${classes.stickyEnd}`) || target.tagName === 'TR') return
  const nameColumn = scroller.querySelector(`th.${classes.stickyStart}`)
  const start = view.left + (nameColumn ? nameColumn.getBoundingClientRect().width : 0)
  const end = view.right - WIDTHS.actions
  if (box.right > end) scroller.scrollLeft += Math.ceil(box.right - end)
  else if (box.left < start) scroller.scrollLeft -= Math.ceil(start - box.left)
}
