import { ActionIcon, Tooltip, type ActionIconProps } from '@mantine/core'
import { useState, type ReactNode } from 'react'

interface TooltipIconButtonProps extends Omit<ActionIconProps, 'children'> {
  /** The button's name: its tooltip and its accessible label. */
  label: string
  onClick: () => void
  children: ReactNode
  'data-testid'?: string
}

/**
 * An icon button named by a tooltip that a click hides. What the click
 * opens (Settings) or repaints (the theme) is what the user looks at next;
 * in WebKit the tooltip stayed over the open dialog, and after the theme
 * changed it stayed up even once the pointer had gone.
 */
export function TooltipIconButton({ label, onClick, children, ...props }: TooltipIconButtonProps) {
  const [shown, setShown] = useState(false)
  return (
    <Tooltip label={label} opened={shown}>
      <ActionIcon
        variant="default"
        size="lg"
        aria-label={label}
        onMouseEnter={() => setShown(true)}
        onMouseLeave={() => setShown(false)}
        onClick={() => {
          setShown(false)
          onClick()
        }}
        {...props}
      >
        {children}
      </ActionIcon>
    </Tooltip>
  )
}
