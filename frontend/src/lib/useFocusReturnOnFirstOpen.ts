import { useEffect, useRef, useState } from 'react'

/**
 * Gives the focus back to what had it when a dialog first opened. Mantine
 * does this for every opening it sees — but a dialog mounted already open
 * (MountOnOpen mounts each on its first opening) was never seen to open,
 * and its first close left the focus on <body>: the keyboard user starts
 * again at the top of the page. Later openings are Mantine's.
 */
export function useFocusReturnOnFirstOpen(opened: boolean): void {
  // What has the focus as the dialog mounts open: its opener, still.
  const [opener] = useState(() => (opened && document.activeElement instanceof HTMLElement ? document.activeElement : null))
  const pending = useRef(opener)
  useEffect(() => {
    const target = pending.current
    if (opened || !target) return
    pending.current = null
    // After Mantine's own attempt (10 ms), and only if the focus is nowhere.
    const timer = window.setTimeout(() => {
      const active = document.activeElement
      if ((active === null || active === document.body) && target.isConnected) target.focus({ preventScroll: true })
    }, 20)
    return () => window.clearTimeout(timer)
  }, [opened])
}
