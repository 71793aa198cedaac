import { Alert, Badge, Button, Group, NavLink, Skeleton, Stack, Text } from '@mantine/core'
import { IconDeviceDesktop, IconServer } from '@tabler/icons-react'
import type { Workspace } from '../../api'
import { en } from '../../i18n/en'
import { errorMessage } from '../../lib/errors'
import { StatusDot } from './StatusDot'
import { useWorkspaces } from './useWorkspaces'

interface WorkspaceNavProps {
  selectedId: string | undefined
  onSelect: (id: string) => void
}

function hostOf(ws: Workspace): string {
  if (ws.kind === 'local') return en.workspaces.localDescription
  try {
    return new URL(ws.serverUrl).host
  } catch {
    return ws.serverUrl
  }
}

export function WorkspaceNav({ selectedId, onSelect }: WorkspaceNavProps) {
  const { data, isPending, isError, error, refetch } = useWorkspaces()

  return (
    <Stack gap={4} component="nav" aria-label={en.workspaces.navTitle}>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pb={4}>
        {en.workspaces.navTitle}
      </Text>
      {isPending && (
        <Stack gap="xs" px="sm" aria-label={en.workspaces.loading}>
          <Skeleton h={36} />
          <Skeleton h={36} />
        </Stack>
      )}
      {isError && (
        <Alert color="red" title={en.workspaces.loadFailed} variant="light">
          <Text size="sm">{errorMessage(error)}</Text>
          <Button size="xs" variant="light" color="red" mt="xs" onClick={() => void refetch()}>
            {en.workspaces.retry}
          </Button>
        </Alert>
      )}
      {data?.length === 0 && (
        <Text size="sm" c="dimmed" px="sm">
          {en.workspaces.none}
        </Text>
      )}
      {data?.map((ws) => (
        <NavLink
          key={ws.id}
          data-testid="workspace-item"
          data-workspace-id={ws.id}
          active={ws.id === selectedId}
          onClick={() => onSelect(ws.id)}
          variant="light"
          style={{ borderRadius: 'var(--mantine-radius-md)' }}
          leftSection={ws.kind === 'local' ? <IconDeviceDesktop size={18} stroke={1.6} /> : <IconServer size={18} stroke={1.6} />}
          label={
            <Group gap={8} wrap="nowrap">
              <Text size="sm" fw={500} truncate>
                {ws.name}
              </Text>
              <StatusDot online={ws.online} />
            </Group>
          }
          description={hostOf(ws)}
          rightSection={
            <Badge size="sm" variant="default" radius="sm" aria-label={en.workspaces.keyCount(ws.keyCount)}>
              {ws.keyCount}
            </Badge>
          }
        />
      ))}
    </Stack>
  )
}
