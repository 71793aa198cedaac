import { Badge, Center, Drawer, Group, Pagination, Stack, Table, Text, Tooltip } from '@mantine/core'
import { useMemo, useState } from 'react'
import type { Workspace } from '../../api'
import { LoadFailed } from '../../components/LoadFailed'
import { ServerLoading, StillWaiting } from '../../components/ServerRead'
import { en } from '../../i18n/en'
import { useFocusReturn } from '../../lib/useFocusReturn'
import { formatDateTime, formatRelative } from '../../lib/time'
import { useNow } from '../../lib/useNow'
import { useProfileNames } from '../profiles/useProfiles'
import { actionLabel, actorLabel, describeChanges, targetLabel } from './describe'
import { useAudit } from './useAudit'

const PAGE_SIZE = 25

interface AuditDrawerProps {
  workspace: Workspace
  opened: boolean
  onClose: () => void
}

/** The whole workspace's audit log, newest first, a page at a time. */
export function AuditDrawer({ workspace, opened, onClose }: AuditDrawerProps) {
  useFocusReturn(opened)
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="min(960px, 90vw)"
      title={
        <Text component="span" fw={600} fz="lg">
          {en.audit.title(workspace.name)}
        </Text>
      }
      overlayProps={{ backgroundOpacity: 0.4, blur: 1 }}
    >
      <AuditLog workspaceId={workspace.id} server={workspace.serverUrl} />
    </Drawer>
  )
}

/** The log is read from the workspace's server (not the cache): it may be slow, down or hung. */
function AuditLog({ workspaceId, server }: { workspaceId: string; server: string }) {
  const now = useNow()
  const [page, setPage] = useState(1)
  const { data, isError, error, isFetching, isPlaceholderData, refetch } = useAudit(workspaceId, '', page - 1, PAGE_SIZE)
  const currentProfileName = useProfileNames(workspaceId)
  // A deleted profile is named by the events of the page that recorded its name.
  const recordedNames = useMemo(
    () => new Map((data?.items ?? []).filter((e) => e.targetId && e.targetName).map((e) => [e.targetId, e.targetName])),
    [data],
  )
  const profileName = (id: string) => currentProfileName(id) ?? recordedNames.get(id)

  // After Retry the failed read is under way again: wait for it as the first time.
  if (isError && !isFetching) {
    return <LoadFailed title={en.audit.failed} error={error} onRetry={() => void refetch()} m={0} />
  }
  if (data === undefined) return <ServerLoading server={server} rows={6} />
  if (data.total === 0) {
    return (
      <Center h={160}>
        <Text c="dimmed">{en.audit.empty}</Text>
      </Center>
    )
  }

  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE))
  return (
    <Stack gap="md" data-testid="audit-log">
      {/* The next page keeps the last one on screen, dimmed, while it loads. */}
      <StillWaiting server={server} waiting={isPlaceholderData && isFetching} />
      <Table.ScrollContainer minWidth={720}>
        <Table
          verticalSpacing="xs"
          highlightOnHover
          data-testid="audit-table"
          style={{ opacity: isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms' }}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={170}>{en.audit.time}</Table.Th>
              <Table.Th w={160}>{en.audit.actor}</Table.Th>
              <Table.Th w={190}>{en.audit.action}</Table.Th>
              <Table.Th>{en.audit.target}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((event) => {
              const details = describeChanges(event, { profileName })
              return (
                <Table.Tr key={event.id} data-testid="audit-row">
                  <Table.Td>
                    <Tooltip label={formatRelative(event.at, now)}>
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {formatDateTime(event.at)}
                      </Text>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" truncate title={event.actorKeyId}>
                      {actorLabel(event)}
                    </Text>
                    {event.clientIp && (
                      <Text size="xs" c="dimmed" ff="monospace">
                        {event.clientIp}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" radius="sm" tt="none" maw="100%" color={event.action.endsWith('deleted') || event.action.endsWith('cleaned_up') ? 'red' : 'gray'}>
                      {actionLabel(event.action)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {targetLabel(event)}
                      {event.targetNameNow && (
                        <Text span size="sm" fw={400} c="dimmed" data-testid="audit-name-now">
                          {' · '}
                          {en.audit.nowCalled(event.targetNameNow)}
                        </Text>
                      )}
                    </Text>
                    {details.length > 0 && (
                      <Text size="xs" c="dimmed">
                        {details.join(' · ')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {en.audit.total(data.total)}
        </Text>
        {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} size="sm" data-testid="audit-pagination" />}
      </Group>
    </Stack>
  )
}
