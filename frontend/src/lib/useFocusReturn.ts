import { useEffect, useState } from 'react'

/**
 * Gives the focus back to a dialog's or drawer's opener when it closes, if
 * the focus is nowhere by then. Mantine does this for the openings it sees,
 * but misses two: a dialog mounted already open (MountOnOpen mounts each on
 * its first opening) was never seen to open; and an opener that is an item
 * of a menu (a row's ⋯) is gone once the menu closes. Either way the focus
 * fell to <body>, and a keyboard user started again at the top of the page.
 * Here the opener is taken as the dialog renders open (before anything
 * moves the focus), and a menu's item stands for the button that opened the
 * menu. An opener in a table row that is gone by the close (its key was
 * deleted) is stood in for by the row now in its place, or the last.
 */
export function useFocusReturn(opened: boolean): void {
  const [state, setState] = useState(() => ({ opened, opener: opened ? openerOf(document.activeElement) : null }))
  if (opened !== state.opened) {
    // Recorded in render, as React keeps state from the previous render.
    setState({ opened, opener: opened ? openerOf(document.activeElement) : state.opener })
  }
  const opener = state.opener
  useEffect(() => {
    if (opened || !opener) return
    // The focus stays in the closing dialog until its transition ends and it
    // unmounts (about 250 ms), then falls to <body>: wait for that, and act
    // only if it is nowhere then (after Mantine's own attempt).
    const started = Date.now()
    const timer = window.setInterval(() => {
      const active = document.activeElement
      const nowhere = active === null || active === document.body
      if (nowhere) (opener.element.isConnected ? opener.element : standIn(opener))?.focus({ preventScroll: true })
      if (nowhere || !active.closest('[role="dialog"]') || Date.now() - started > 1000) window.clearInterval(timer)
    }, 25)
    return () => window.clearInterval(timer)
  }, [opened, opener])
}

interface Opener {
  element: HTMLElement
  /** Where it was when the dialog opened, if in a table row. */
  rows?: HTMLElement
  index?: string
}

/** What to give the focus back to: el, or for an item of a menu the menu's button. */
function openerOf(el: Element | null): Opener | null {
  if (!(el instanceof HTMLElement) || el === document.body) return null
  let element = el
  const menu = el.closest('[role="menu"]')
  if (menu?.id) {
    for (const button of document.querySelectorAll<HTMLElement>('[aria-controls]')) {
      if (button.getAttribute('aria-controls') === menu.id) element = button
    }
  }
  const row = element.closest<HTMLElement>('tr[data-index]')
  return { element, rows: row?.closest('tbody') ?? undefined, index: row?.dataset.index }
}

/** The row now where the opener's was, or the table's last. */
function standIn({ rows, index }: Opener): HTMLElement | null {
  if (!rows?.isConnected || index === undefined) return null
  const all = rows.querySelectorAll<HTMLElement>('tr[data-index]')
  return rows.querySelector<HTMLElement>(`tr[data-index="${index}"]`) ?? all[all.length - 1] ?? null
}
