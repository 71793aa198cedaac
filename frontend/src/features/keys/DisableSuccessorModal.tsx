import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import type { Key } from '../../api'
import { AppModal } from '../../components/AppModal'
import { en } from '../../i18n/en'
import { useLastNonNull } from '../../lib/useLatest'
import { oldKeyStops } from './rotation'

interface DisableSuccessorModalProps {
  /** The new key of a rotation under way, and its old key; null closes the dialog. */
  target: { key: Key; oldKey: Key } | null
  onConfirm: (key: Key) => void
  onClose: () => void
}

/**
 * Disabling is one click, except for the new key of a rotation under way:
 * once its old key stops, by itself, nothing of the rotation works. Asked
 * first, as Delete does.
 */
export function DisableSuccessorModal({ target, onConfirm, onClose }: DisableSuccessorModalProps) {
  // Keep naming the key while the dialog fades out after target became null.
  const shown = useLastNonNull(target)
  return (
    <AppModal opened={target !== null} onClose={onClose} title={en.disableKey.title}>
      {shown && (
        <Stack gap="md">
          <Paper withBorder radius="md" p="sm" data-testid="disable-key-target">
            <Text size="sm" fw={600}>
              {shown.key.name}
            </Text>
            <Text size="sm" c="dimmed" ff="monospace">
              {shown.key.maskedKey}
            </Text>
          </Paper>
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="disable-successor-warning">
            {en.disableKey.successorOf(shown.oldKey.name, shown.oldKey.maskedKey, oldKeyStops(shown.oldKey))}
          </Alert>
          <Text size="sm" c="dimmed">
            {en.disableKey.endEarly}
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} data-autofocus>
              {en.disableKey.cancel}
            </Button>
            <Button
              color="red"
              onClick={() => {
                onConfirm(shown.key)
                onClose()
              }}
              data-testid="confirm-disable"
            >
              {en.disableKey.submit}
            </Button>
          </Group>
        </Stack>
      )}
    </AppModal>
  )
}
