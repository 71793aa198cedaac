import { Tooltip } from '@mantine/core'
import type { ReactElement } from 'react'

interface WhyDisabledProps {
  /** Why the wrapped control is disabled; no tooltip when absent. */
  reason: string | undefined
  children: ReactElement
  position?: 'top' | 'bottom' | 'left' | 'right'
}

/**
 * Explains a disabled control on hover. The control must stay hoverable:
 * give buttons `data-disabled` (see disabledProps.ts) instead of `disabled`,
 * which swallows the pointer events a tooltip needs.
 */
export function WhyDisabled({ reason, children, position = 'top' }: WhyDisabledProps) {
  // No tooltip machinery for the usual, enabled case: tables render many of these.
  if (!reason) return children
  return (
    <Tooltip label={reason} multiline maw={300} position={position} events={{ hover: true, focus: true, touch: true }}>
      {children}
    </Tooltip>
  )
}
