import { Alert, Button, Group, Stack, Text } from '@mantine/core'
import { IconInfoCircle } from '@tabler/icons-react'
import type { Workspace } from '../../api'
import { AppModal } from '../../components/AppModal'
import { en } from '../../i18n/en'
import { notifyError, notifySuccess } from '../../lib/errors'
import { useLastNonNull } from '../../lib/useLatest'
import { useRemoveWorkspace } from './useWorkspaces'

interface RemoveWorkspaceModalProps {
  /** The workspace to confirm; null closes the dialog. */
  target: Workspace | null
  onClose: () => void
}

export function RemoveWorkspaceModal({ target, onClose }: RemoveWorkspaceModalProps) {
  const remove = useRemoveWorkspace()
  const shown = useLastNonNull(target)

  const confirm = () => {
    if (!target) return
    remove.mutate(target.id, {
      onSuccess: () => {
        notifySuccess(en.workspaces.removed(target.name))
        onClose()
      },
      onError: (err) => notifyError(en.removeWorkspace.failed, err),
    })
  }

  return (
    <AppModal opened={target !== null} onClose={onClose} title={en.removeWorkspace.title}>
      {shown && (
        <Stack gap="md">
          <Text size="sm" fw={500}>
            {en.removeWorkspace.confirm(shown.name)}
          </Text>
          <Text size="sm">{en.removeWorkspace.what}</Text>
          <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
            {en.removeWorkspace.server}
          </Alert>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={remove.isPending} data-autofocus>
              {en.removeWorkspace.cancel}
            </Button>
            <Button color="red" onClick={confirm} loading={remove.isPending} data-testid="workspace-remove-confirm">
              {en.removeWorkspace.submit}
            </Button>
          </Group>
        </Stack>
      )}
    </AppModal>
  )
}
