import { Alert, Button, Group, Stack, Text } from '@mantine/core'
import { useState, type ReactNode } from 'react'
import { en } from '../i18n/en'

// Ref callbacks defined once, so that they run when the element mounts, not at every render.
// The alert is the body's first child: the dialog scrolls to its top, where
// the alert shows whole. Scrolled into view instead, it stopped with its
// first line under the dialog's sticky title.
const scrollDialogToTop = (element: HTMLElement | null) => {
  const dialog = element?.closest('.mantine-Modal-content')
  if (dialog) dialog.scrollTop = 0
}
const focusOnMount = (element: HTMLElement | null) => element?.focus()

interface UnsavedGuard {
  /** For the dialog's Esc, ✕ and outside click: asks first while there are changes. */
  requestClose: () => void
  /** Closes at once (Cancel, a save that went through). */
  close: () => void
  /** Whether the form holds changes not saved. */
  setDirty: (dirty: boolean) => void
  /** The question, to put first in the dialog's body; null when not asking. */
  alert: ReactNode
}

/**
 * Asks before a dialog drops changes not saved: Esc, the ✕ or a click
 * outside then show the question at the top of the dialog, scrolled to and
 * its first button focused, each time they are pressed again.
 */
export function useUnsavedGuard(onClose: () => void, text: { title: string; message: string }, testId: string): UnsavedGuard {
  const [dirty, setDirty] = useState(false)
  // How many times closing was asked for: each one shows the question anew.
  const [asked, setAsked] = useState(0)
  const close = () => {
    setAsked(0)
    setDirty(false)
    onClose()
  }
  const requestClose = () => (dirty ? setAsked((n) => n + 1) : close())
  const alert =
    asked > 0 ? (
      <Alert key={asked} ref={scrollDialogToTop} color="yellow" variant="light" title={text.title} mb="md" data-testid={`${testId}-unsaved`}>
        <Stack gap="xs">
          <Text size="sm">{text.message}</Text>
          <Group gap="xs">
            <Button ref={focusOnMount} size="xs" variant="default" onClick={() => setAsked(0)} data-testid={`${testId}-keep-editing`}>
              {en.unsaved.keepEditing}
            </Button>
            <Button size="xs" color="red" variant="light" onClick={close} data-testid={`${testId}-discard`}>
              {en.unsaved.discard}
            </Button>
          </Group>
        </Stack>
      </Alert>
    ) : null
  return { requestClose, close, setDirty, alert }
}
