import { Modal, Text, type ModalProps } from '@mantine/core'
import type { ReactNode } from 'react'
import { en } from '../i18n/en'
import { useFocusReturnOnFirstOpen } from '../lib/useFocusReturnOnFirstOpen'

interface AppModalProps extends Omit<ModalProps, 'title' | 'children'> {
  title: ReactNode
  children: ReactNode
}

/**
 * The dialog every Keydesk modal uses: centred, dimmed backdrop, Esc closes.
 * Its children mount only while it is open, so each opening starts clean.
 * Put `data-autofocus` on the first field.
 */
export function AppModal({ title, children, ...props }: AppModalProps) {
  useFocusReturnOnFirstOpen(props.opened)
  return (
    <Modal
      centered
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
