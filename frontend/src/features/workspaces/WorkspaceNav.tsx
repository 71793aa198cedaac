import { ActionIcon, Alert, Badge, Box, Button, Group, Menu, NavLink, Skeleton, Stack, Text } from '@mantine/core'
import {
  IconArrowDown,
  IconArrowUp,
  IconChartBar,
  IconDeviceDesktop,
  IconDots,
  IconPencil,
  IconPlus,
  IconServer,
  IconTrash,
} from '@tabler/icons-react'
import { useState } from 'react'
import type { Workspace } from '../../api'
import { MountOnOpen } from '../../components/MountOnOpen'
import { en } from '../../i18n/en'
import { errorMessage, notifyError } from '../../lib/errors'
import { useLastNonNull } from '../../lib/useLatest'
import { RemoveWorkspaceModal } from './RemoveWorkspaceModal'
import { StatusDot } from './StatusDot'
import { WorkspaceFormModal } from './WorkspaceFormModal'
import { hostOf } from './sidebar'
import { moveWorkspace, useReorderWorkspaces, useWorkspaces } from './useWorkspaces'

interface WorkspaceNavProps {
  /** undefined while the all-workspaces overview is shown. */
  selectedId: string | undefined
  onSelect: (id: string) => void
  overviewActive: boolean
  onOverview: () => void
}

type Dialog = { kind: 'add' } | { kind: 'edit'; workspace: Workspace } | null

export function WorkspaceNav({ selectedId, onSelect, overviewActive, onOverview }: WorkspaceNavProps) {
  const { data, isPending, isError, error, refetch } = useWorkspaces()
  const reorder = useReorderWorkspaces()
  const [dialog, setDialog] = useState<Dialog>(null)
  const [removeTarget, setRemoveTarget] = useState<Workspace | null>(null)
  // Keeps the title while the dialog fades out.
  const shownDialog = useLastNonNull(dialog)

  const move = (id: string, delta: -1 | 1) => {
    const ids = data && moveWorkspace(data, id, delta)
    if (ids) reorder.mutate(ids, { onError: (err) => notifyError(en.workspaces.reorderFailed, err) })
  }

  return (
    <Stack gap={4} component="nav" aria-label={en.workspaces.navTitle} h="100%">
      {/* Buttons, not links without an href, which Tab skips. */}
      <NavLink
        component="button"
        active={overviewActive}
        onClick={onOverview}
        variant="light"
        style={{ borderRadius: 'var(--mantine-radius-md)' }}
        leftSection={<IconChartBar size={18} stroke={1.6} />}
        label={
          <Text size="sm" fw={500}>
            {en.overview.title}
          </Text>
        }
        description={en.overview.allWorkspaces}
        aria-label={en.overview.navLabel}
        data-testid="nav-overview"
        mb="sm"
      />
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
      {data?.map((ws, index) => (
        <Group key={ws.id} gap={2} wrap="nowrap" align="center">
          <NavLink
            component="button"
            data-testid="workspace-item"
            data-workspace-id={ws.id}
            active={ws.id === selectedId}
            onClick={() => onSelect(ws.id)}
            variant="light"
            style={{ borderRadius: 'var(--mantine-radius-md)', flex: 1, minWidth: 0 }}
            // Mantine fades the selected item's description (0.9): 4.4:1, under 4.5.
            styles={{ description: { opacity: 1 } }}
            leftSection={
              ws.kind === 'local' ? <IconDeviceDesktop size={18} stroke={1.6} /> : <IconServer size={18} stroke={1.6} />
            }
            label={
              <Group gap={8} wrap="nowrap">
                <Text size="sm" fw={500} truncate data-full-text={ws.name}>
                  {ws.name}
                </Text>
                <StatusDot workspace={ws} />
              </Group>
            }
            // On the selected item, in its colour: dimmed grey on its tint read at 3.2:1.
            description={
              <Text span size="xs" c={ws.id === selectedId ? 'inherit' : 'dimmed'} truncate display="block" data-full-text={hostOf(ws)}>
                {hostOf(ws)}
              </Text>
            }
            rightSection={
              <Badge size="sm" variant="default" radius="sm" aria-label={en.workspaces.keyCount(ws.keyCount)}>
                {en.workspaces.keyCountBadge(ws.keyCount)}
              </Badge>
            }
          />
          {ws.kind === 'local' ? (
            // Keeps the badges of every row in one column.
            <Box w={28} />
          ) : (
            <Menu position="bottom-end" withinPortal shadow="md" width={220}>
              <Menu.Target>
                <ActionIcon variant="subtle" color="gray" aria-label={en.workspaces.menu(ws.name)} data-testid="workspace-menu">
                  <IconDots size={16} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item
                  leftSection={<IconPencil size={16} />}
                  onClick={() => setDialog({ kind: 'edit', workspace: ws })}
                  data-testid="workspace-menu-edit"
                >
                  {en.workspaces.edit}
                </Menu.Item>
                <Menu.Item
                  leftSection={<IconArrowUp size={16} />}
                  disabled={data[index - 1]?.kind !== 'remote'}
                  onClick={() => move(ws.id, -1)}
                  data-testid="workspace-menu-up"
                >
                  {en.workspaces.moveUp}
                </Menu.Item>
                <Menu.Item
                  leftSection={<IconArrowDown size={16} />}
                  disabled={index === data.length - 1}
                  onClick={() => move(ws.id, 1)}
                  data-testid="workspace-menu-down"
                >
                  {en.workspaces.moveDown}
                </Menu.Item>
                <Menu.Divider />
                <Menu.Item
                  color="red"
                  leftSection={<IconTrash size={16} />}
                  onClick={() => setRemoveTarget(ws)}
                  data-testid="workspace-menu-remove"
                >
                  {en.workspaces.remove}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
      ))}
      <Button
        variant="subtle"
        color="gray"
        justify="flex-start"
        leftSection={<IconPlus size={16} />}
        mt="xs"
        onClick={() => setDialog({ kind: 'add' })}
        data-testid="add-workspace-button"
      >
        {en.workspaces.add}
      </Button>

      <MountOnOpen opened={dialog !== null}>
        <WorkspaceFormModal
          opened={dialog !== null}
          workspace={shownDialog?.kind === 'edit' ? shownDialog.workspace : undefined}
          onClose={() => setDialog(null)}
          onSaved={(ws) => {
            if (dialog?.kind === 'add') onSelect(ws.id)
          }}
        />
      </MountOnOpen>
      <MountOnOpen opened={removeTarget !== null}>
        <RemoveWorkspaceModal target={removeTarget} onClose={() => setRemoveTarget(null)} />
      </MountOnOpen>
    </Stack>
  )
}
