import { Alert, Button, Group, Modal, Paper, Stack, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useState } from 'react'
import type { Key } from '../../api'
import { en } from '../../i18n/en'
import { notifyError, notifySuccess } from '../../lib/errors'
import { useDeleteKey } from './useKeys'

interface DeleteKeyModalProps {
  workspaceId: string
  /** The key to confirm; null closes the dialog. */
  target: Key | null
  onClose: () => void
}

export function DeleteKeyModal({ workspaceId, target, onClose }: DeleteKeyModalProps) {
  const remove = useDeleteKey(workspaceId)
  // Keep naming the key while the dialog fades out after target became null.
  const [shown, setShown] = useState(target)
  if (target && target !== shown) setShown(target)

  const confirm = () => {
    if (!target) return
    remove.mutate(target.id, {
      onSuccess: () => notifySuccess(en.keys.deleted(target.name)),
      onError: (err) => notifyError(en.deleteKey.failed, err),
      onSettled: onClose,
    })
  }

  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title={<Text fw={600} fz="lg">{en.deleteKey.title}</Text>}
      centered
      overlayProps={{ backgroundOpacity: 0.55, blur: 2 }}
    >
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
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={remove.isPending}>
              {en.deleteKey.cancel}
            </Button>
            <Button color="red" onClick={confirm} loading={remove.isPending} data-testid="confirm-delete">
              {en.deleteKey.submit}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  )
}
