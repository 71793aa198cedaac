import { Alert, Button, Divider, EmptyState, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconKey, IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import type { Key, Workspace } from '../../api'
import { en } from '../../i18n/en'
import { errorMessage } from '../../lib/errors'
import { CreateKeyModal } from './CreateKeyModal'
import { DeleteKeyModal } from './DeleteKeyModal'
import { KeysTable } from './KeysTable'
import { useKeys } from './useKeys'

function CreateButton({ onClick }: { onClick: () => void }) {
  return (
    <Button leftSection={<IconPlus size={16} />} onClick={onClick} data-testid="create-key-button">
      {en.keys.createButton}
    </Button>
  )
}

export function KeysPanel({ workspace }: { workspace: Workspace }) {
  const { data: keys, isPending, isError, error, refetch } = useKeys(workspace.id)
  const [createOpened, createDialog] = useDisclosure(false)
  const [deleteTarget, setDeleteTarget] = useState<Key | null>(null)
  const hasKeys = (keys?.length ?? 0) > 0

  let body
  if (isPending) {
    body = (
      <Stack gap="sm" p="md" aria-label={en.keys.loading}>
        <Skeleton h={28} />
        <Skeleton h={28} />
        <Skeleton h={28} />
      </Stack>
    )
  } else if (isError) {
    body = (
      <Alert color="red" variant="light" m="md" title={en.keys.loadFailed}>
        <Text size="sm">{errorMessage(error)}</Text>
        <Button size="xs" variant="light" color="red" mt="xs" onClick={() => void refetch()}>
          {en.workspaces.retry}
        </Button>
      </Alert>
    )
  } else if (!hasKeys) {
    body = (
      <EmptyState
        py={56}
        px="md"
        variant="light"
        icon={<IconKey size={26} stroke={1.6} />}
        title={en.keys.empty.title}
        description={en.keys.empty.description}
        data-testid="keys-empty"
      >
        <EmptyState.Actions>
          <CreateButton onClick={createDialog.open} />
        </EmptyState.Actions>
      </EmptyState>
    )
  } else {
    body = <KeysTable keys={keys} onDelete={setDeleteTarget} />
  }

  return (
    <Paper withBorder radius="md">
      <Group justify="space-between" align="center" px="md" py="sm" wrap="nowrap">
        <Stack gap={0}>
          <Title order={3} size="h5">
            {en.keys.title}
          </Title>
          <Text size="sm" c="dimmed">
            {en.keys.subtitle}
          </Text>
        </Stack>
        {hasKeys && <CreateButton onClick={createDialog.open} />}
      </Group>
      <Divider />
      {body}
      <CreateKeyModal workspaceId={workspace.id} opened={createOpened} onClose={createDialog.close} />
      <DeleteKeyModal workspaceId={workspace.id} target={deleteTarget} onClose={() => setDeleteTarget(null)} />
    </Paper>
  )
}
