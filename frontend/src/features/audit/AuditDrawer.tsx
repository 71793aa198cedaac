import { Alert, Badge, Center, Drawer, Group, Pagination, Select, Stack, Table, Text, Tooltip } from '@mantine/core'
import { useMemo, useState } from 'react'
import type { Workspace } from '../../api'
import { LoadFailed } from '../../components/LoadFailed'
import { ServerLoading, StillWaiting } from '../../components/ServerRead'
import { en } from '../../i18n/en'
import { useFocusReturn } from '../../lib/useFocusReturn'
import { formatDateTime, formatRelative } from '../../lib/time'
import { useNow } from '../../lib/useNow'
import { useProfileNames } from '../profiles/useProfiles'
import { actionLabel, actorLabel, describeChanges, eventLabel, targetLabel } from './describe'
import { useAudit } from './useAudit'

const PAGE_SIZE = 25

/** The Action filter: every action, then each one the log records (en.audit.actions, in its order). */
const ACTION_FILTER = [{ value: '', label: en.audit.allActions }, ...Object.entries(en.audit.actions).map(([value, label]) => ({ value, label }))]

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
  // One action only: after a clean-up of 1,000 keys, the rest of the log is 40 pages down.
  const [action, setAction] = useState('')
  const { data, isError, error, isFetching, isPlaceholderData, refetch } = useAudit(workspaceId, {
    keyId: '',
    action,
    pageIndex: page - 1,
    pageSize: PAGE_SIZE,
  })
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
  if (data.total === 0 && action === '') {
    return (
      <Center h={160}>
        <Text c="dimmed">{en.audit.empty}</Text>
      </Center>
    )
  }

  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE))
  // A server older than the filter reads past it and sends every event.
  const filterIgnored = action !== '' && !isPlaceholderData && data.items.some((e) => e.action !== action)
  return (
    <Stack gap="md" data-testid="audit-log">
      <Select
        label={en.audit.actionFilter}
        data={ACTION_FILTER}
        value={action}
        onChange={(value) => {
          setAction(value ?? '')
          setPage(1)
        }}
        allowDeselect={false}
        w={260}
        data-testid="audit-action-filter"
      />
      {filterIgnored && (
        <Alert color="yellow" variant="light" data-testid="audit-filter-ignored">
          {en.audit.filterIgnored}
        </Alert>
      )}
      {data.total === 0 && (
        <Center h={120}>
          <Text c="dimmed" data-testid="audit-none-of-action">
            {en.audit.noneOfAction(actionLabel(action))}
          </Text>
        </Center>
      )}
      {data.total > 0 && (
        <>
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
                          {eventLabel(event)}
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
        </>
      )}
    </Stack>
  )
}
