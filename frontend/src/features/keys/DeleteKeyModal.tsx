import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import type { Key } from '../../api'
import { AppModal } from '../../components/AppModal'
import { en } from '../../i18n/en'
import { notifyError, notifySuccess } from '../../lib/errors'
import { useLastNonNull } from '../../lib/useLatest'
import { oldKeyOfRotation, oldKeyStops } from './rotation'
import { useCachedKeys, useDeleteKey } from './useKeys'

interface DeleteKeyModalProps {
  workspaceId: string
  /** The key to confirm; null closes the dialog. */
  target: Key | null
  onClose: () => void
}

export function DeleteKeyModal({ workspaceId, target, onClose }: DeleteKeyModalProps) {
  const remove = useDeleteKey(workspaceId)
  // Keep naming the key while the dialog fades out after target became null.
  const shown = useLastNonNull(target)
  // The new key of a rotation under way: its old key is still in the list, rotating.
  const { data: keys } = useCachedKeys(workspaceId, !!shown?.rotatedFrom)
  const predecessor = shown ? oldKeyOfRotation(shown, keys ?? []) : undefined

  const confirm = () => {
    if (!target) return
    remove.mutate(target.id, {
      onSuccess: () => notifySuccess(en.keys.deleted(target.name)),
      onError: (err) => notifyError(en.deleteKey.failed, err),
      onSettled: onClose,
    })
  }

  return (
    <AppModal opened={target !== null} onClose={onClose} title={en.deleteKey.title}>
      {shown && (
        <Stack gap="md">
          <Text size="sm">{en.deleteKey.confirm}</Text>
          <Paper withBorder radius="md" p="sm" data-testid="delete-key-target">
            <Text size="sm" fw={600}>
              {shown.name}
            </Text>
            <Text size="sm" c="dimmed" ff="monospace">
              {shown.maskedKey}
            </Text>
          </Paper>
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />}>
            {en.deleteKey.warning}
          </Alert>
          {predecessor && (
            <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="delete-successor-warning">
              {en.deleteKey.successorOf(predecessor.name, predecessor.maskedKey, oldKeyStops(predecessor))}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={remove.isPending} data-autofocus>
              {en.deleteKey.cancel}
            </Button>
            <Button color="red" onClick={confirm} loading={remove.isPending} data-testid="confirm-delete">
              {en.deleteKey.submit}
            </Button>
          </Group>
        </Stack>
      )}
    </AppModal>
  )
}
