import { useState, type ReactNode } from 'react'

/**
 * Renders its dialog from the first time it opens on, and keeps it mounted
 * after (so it can animate out): a dialog never opened costs the first
 * screen nothing.
 */
export function MountOnOpen({ opened, children }: { opened: boolean; children: ReactNode }) {
  const [seen, setSeen] = useState(opened)
  if (opened && !seen) setSeen(true)
  return seen || opened ? children : null
}
