import { Modal, Text, type ModalProps } from '@mantine/core'
import { useEffect, type ReactNode } from 'react'
import { en } from '../i18n/en'
import { hideSuccessToasts } from '../lib/errors'
import { useFocusReturn } from '../lib/useFocusReturn'

interface AppModalProps extends Omit<ModalProps, 'title' | 'children'> {
  title: ReactNode
  children: ReactNode
}

/**
 * The dialog every Keydesk modal uses: near the top, dimmed backdrop, Esc closes.
 * Its children mount only while it is open, so each opening starts clean.
 * Put `data-autofocus` on the first field. Opening it hides the toasts of
 * what was done before, which could cover its buttons.
 */
export function AppModal({ title, children, ...props }: AppModalProps) {
  useFocusReturn(props.opened)
  useEffect(() => {
    if (props.opened) hideSuccessToasts()
  }, [props.opened])
  return (
    <Modal
      // Held at the top rather than centred: a dialog that grows (a result,
      // a warning, a date picker) then grows downwards, and its buttons do
      // not move under the pointer.
      yOffset="10dvh"
      overlayProps={{ backgroundOpacity: 0.55, blur: 2 }}
      closeButtonProps={{ 'aria-label': en.closeDialog }}
      title={
        <Text component="span" fw={600} fz="lg">
          {title}
        </Text>
      }
      {...props}
    >
      {children}
    </Modal>
  )
}
