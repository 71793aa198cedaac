import {
  ActionIcon,
  Button,
  CopyButton,
  DataList,
  Divider,
  Drawer,
  Group,
  Stack,
  Text,
  Timeline,
  Title,
  Tooltip,
} from '@mantine/core'
import { IconCheck, IconCopy, IconKey, IconKeyOff, IconPencil, IconPlayerPlay, IconRefresh, IconRotateClockwise2, IconTrash } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import type { Key, Workspace } from '../../api'
import { disabledProps } from '../../components/disabledProps'
import { LoadFailed } from '../../components/LoadFailed'
import { ServerLoading } from '../../components/ServerRead'
import { WhyDisabled } from '../../components/WhyDisabled'
import { en } from '../../i18n/en'
import { formatDate, formatDateTime, formatRelative, formatRelativeOrNever } from '../../lib/time'
import { useFocusReturn } from '../../lib/useFocusReturn'
import { useLastNonNull } from '../../lib/useLatest'
import { useNow } from '../../lib/useNow'
import { actorLabel, describeChanges, eventLabel } from '../audit/describe'
import { useAudit, useUsage } from '../audit/useAudit'
import { useProfileNames } from '../profiles/useProfiles'
import { changeBlockedReason } from '../workspaces/health'
import { availability, type KeyAction } from './actions'
import { toggleItem } from './toggleItem'
import { newKeyOfRotation, oldKeyOfRotation } from './rotation'
import { useCachedKeys, useKeyNames } from './useKeys'
import { KeyStatusBadge } from './KeyStatusBadge'
import { Sparkline } from './Sparkline'
import { ThisAppBadge } from './ThisAppBadge'

const HISTORY_SIZE = 50

interface KeyDrawerProps {
  workspace: Workspace
  /** The key to show, as the table has it now; null closes the drawer. */
  keyInfo: Key | null
  onClose: () => void
  onAction: (action: KeyAction, key: Key) => void
  /** A dialog opened from it is over it: Esc is that dialog's alone. */
  dialogOpen?: boolean
}

/** Another key of the workspace: its name and ID, or the ID alone once it is gone. */
function KeyRef({ id, name }: { id: string; name: string | undefined }) {
  return (
    <Text span size="sm" data-testid="key-ref">
      {name && <>{name} </>}
      <Text span size={name ? 'xs' : 'sm'} ff="monospace" c={name ? 'dimmed' : undefined}>
        {id}
      </Text>
    </Text>
  )
}

/** Everything about one key: its fields, 30 days of use and its history. */
export function KeyDrawer({ workspace, keyInfo, onClose, onAction, dialogOpen = false }: KeyDrawerProps) {
  const shown = useLastNonNull(keyInfo)
  useFocusReturn(keyInfo !== null)
  return (
    <Drawer
      opened={keyInfo !== null}
      onClose={onClose}
      // Mantine's drawer and dialog each close on an Esc pressed anywhere.
      closeOnEscape={!dialogOpen}
      position="right"
      size={520}
      title={
        shown && (
          <Group gap="xs" wrap="nowrap">
            <Title order={3} size="h4" lineClamp={1}>
              {shown.name}
            </Title>
            {shown.own && <ThisAppBadge />}
          </Group>
        )
      }
      closeButtonProps={{ 'aria-label': en.details.close }}
    >
      {shown && <KeyDetails workspace={workspace} keyInfo={shown} onAction={onAction} />}
    </Drawer>
  )
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  )
}

function When({ iso, now, absent = en.keys.never }: { iso: string | undefined; now: number; absent?: string }) {
  if (!iso) return <Text span size="sm" c="dimmed">{absent}</Text>
  return (
    <Text span size="sm">
      {formatDateTime(iso)}{' '}
      <Text span size="sm" c="dimmed">
        ({formatRelative(iso, now)})
      </Text>
    </Text>
  )
}

function KeyDetails({ workspace, keyInfo, onAction }: Omit<KeyDrawerProps, 'keyInfo' | 'onClose'> & { keyInfo: Key }) {
  const now = useNow()
  const profileName = useProfileNames(workspace.id)
  const keyName = useKeyNames(workspace.id)
  // The new key of a rotation under way says so under its status, as in the table.
  const { data: keys } = useCachedKeys(workspace.id, false)
  const oldKey = oldKeyOfRotation(keyInfo, keys ?? [])
  // The old key of a rotation points to the key that replaced it, as that one points back.
  const newKey = newKeyOfRotation(keyInfo, keys ?? [])
  const actionButton = (action: KeyAction, icon: ReactNode, label: string, color?: string) => {
    const a = availability(action, keyInfo, workspace.canManage, changeBlockedReason(workspace))
    if (!a.shown) return null
    const disabled = a.disabledReason !== undefined
    // A disabled Delete is grey like the others, not red as if it could be clicked.
    const tone = disabled ? undefined : color
    return (
      // Below: above, at the top of the window, the tooltip was cut off.
      <WhyDisabled reason={a.disabledReason} position="bottom">
        <Button
          size="xs"
          variant="default"
          color={tone}
          c={tone}
          leftSection={icon}
          onClick={() => onAction(action, keyInfo)}
          data-testid={`key-drawer-${action}`}
          {...disabledProps(disabled)}
        >
          {label}
        </Button>
      </WhyDisabled>
    )
  }

  return (
    <Stack gap="lg" data-testid="key-drawer" data-key-id={keyInfo.id}>
      {/* What the row's ⋯ menu offers, but Details: this is it. */}
      <Group gap="xs">
        {actionButton('test', <IconPlayerPlay size={14} />, en.keys.actions.test)}
        {actionButton('edit', <IconPencil size={14} />, en.keys.actions.edit)}
        {actionButton('toggle', toggleItem(keyInfo, 14).icon, toggleItem(keyInfo, 14).label)}
        {actionButton('rotate', <IconRotateClockwise2 size={14} />, en.keys.actions.rotate)}
        {actionButton('regenerate', <IconRefresh size={14} />, en.keys.actions.regenerate)}
        {actionButton('remember', <IconKey size={14} />, en.keys.actions.remember)}
        {actionButton('forget', <IconKeyOff size={14} />, en.keys.actions.forget)}
        {actionButton('delete', <IconTrash size={14} />, en.keys.actions.delete, 'red')}
      </Group>

      <DataList size="sm" labelWidth={144} gap="xs">
        <Item label={en.details.id}>
          <Group gap={4} wrap="nowrap">
            <Text span size="sm" ff="monospace">
              {keyInfo.id}
            </Text>
            <CopyButton value={keyInfo.id} timeout={1500}>
              {({ copied, copy }) => (
                <ActionIcon size="sm" variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={en.details.copyId}>
                  {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                </ActionIcon>
              )}
            </CopyButton>
          </Group>
        </Item>
        <Item label={en.details.key}>
          <Text span size="sm" ff="monospace">
            {keyInfo.maskedKey}
          </Text>
        </Item>
        <Item label={en.details.status}>
          <KeyStatusBadge keyInfo={keyInfo} now={now} successor={oldKey !== undefined} />
        </Item>
        <Item label={en.details.enabled}>{keyInfo.enabled ? en.details.yes : en.details.no}</Item>
        <Item label={en.details.role}>{en.keys.roles[keyInfo.role] ?? keyInfo.role}</Item>
        <Item label={en.details.profile}>
          {keyInfo.profileId ? (profileName(keyInfo.profileId) ?? keyInfo.profileId) : en.createKey.profileNone}
        </Item>
        <Item label={en.details.created}>
          <When iso={keyInfo.createdAt} now={now} />
        </Item>
        {keyInfo.createdBy && (
          <Item label={en.details.createdBy}>
            <KeyRef id={keyInfo.createdBy} name={keyName(keyInfo.createdBy)} />
          </Item>
        )}
        {keyInfo.regeneratedAt && (
          <Item label={en.details.regenerated}>
            <When iso={keyInfo.regeneratedAt} now={now} />
          </Item>
        )}
        <Item label={en.details.expires}>
          <When iso={keyInfo.expiresAt} now={now} />
        </Item>
        <Item label={en.details.lastUsed}>
          <When iso={keyInfo.lastUsedAt} now={now} />
        </Item>
        {keyInfo.revokesAt && (
          <Item label={en.details.revokesAt}>
            <When iso={keyInfo.revokesAt} now={now} />
          </Item>
        )}
        {keyInfo.rotatedFrom && (
          <Item label={en.details.rotatedFrom}>
            <KeyRef id={keyInfo.rotatedFrom} name={keyName(keyInfo.rotatedFrom)} />
          </Item>
        )}
        {newKey && (
          <Item label={en.details.rotatedTo}>
            <KeyRef id={newKey.id} name={newKey.name} />
          </Item>
        )}
        <Item label={en.details.updated}>
          <When iso={keyInfo.updatedAt} now={now} />
        </Item>
        <Item label={en.details.keychain}>{keyInfo.own ? en.details.ownKey : keyInfo.remembered ? en.details.remembered : en.details.notRemembered}</Item>
      </DataList>

      <Divider />
      <UsageSection workspaceId={workspace.id} server={workspace.serverUrl} keyId={keyInfo.id} />
      <Divider />
      <HistorySection
        workspaceId={workspace.id}
        server={workspace.serverUrl}
        keyId={keyInfo.id}
        canRead={workspace.canManage}
        profileName={profileName}
        now={now}
      />
    </Stack>
  )
}

// Use and history are read from the workspace's server, as the audit log is:
// grey rows, then "still waiting", then why it failed with Retry.
function UsageSection({ workspaceId, server, keyId }: { workspaceId: string; server: string; keyId: string }) {
  const { data, isError, error, isFetching, refetch } = useUsage(workspaceId, keyId)
  let body: ReactNode
  if (isError && !isFetching) body = <LoadFailed title={en.details.usageFailed} error={error} onRetry={() => void refetch()} m={0} />
  else if (data === undefined) body = <ServerLoading server={server} rows={1} h={56} />
  else {
    const peak = data.days.reduce((best, d) => (d.count > best.count ? d : best), { date: '', count: 0 })
    const peakDay = peak.date ? formatDate(`${peak.date}T12:00:00`) : ''
    const label = en.details.usageLabel(data.total, peakDay, peak.count)
    body = (
      <Stack gap={4}>
        <Sparkline days={data.days} label={label} />
        <Group justify="space-between" wrap="nowrap">
          <Text size="xs" c="dimmed">
            {data.days[0] ? formatDate(`${data.days[0].date}T12:00:00`) : ''}
          </Text>
          {peak.count > 0 && (
            <Text size="xs" c="dimmed">
              {en.details.usagePeak(peakDay, peak.count)}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {en.details.usageToday}
          </Text>
        </Group>
      </Stack>
    )
  }
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text fw={600} size="sm">
          {en.details.usageTitle}
        </Text>
        {data && (
          <Text size="sm" c="dimmed" data-testid="usage-total">
            {en.details.usageTotal(data.total)}
          </Text>
        )}
      </Group>
      {body}
    </Stack>
  )
}

function HistorySection({
  workspaceId,
  server,
  keyId,
  canRead,
  profileName,
  now,
}: {
  workspaceId: string
  server: string
  keyId: string
  /** Only an admin key may read the audit log: a member's is not asked for. */
  canRead: boolean
  profileName: (id: string) => string | undefined
  now: number
}) {
  const { data, isError, error, isFetching, refetch } = useAudit(workspaceId, { keyId, pageIndex: 0, pageSize: HISTORY_SIZE }, canRead)
  let body: ReactNode
  if (!canRead)
    body = (
      <Text size="sm" c="dimmed" data-testid="history-admin-only">
        {en.workspaces.auditAdminOnly}
      </Text>
    )
  else if (isError && !isFetching) body = <LoadFailed title={en.details.historyFailed} error={error} onRetry={() => void refetch()} m={0} />
  else if (data === undefined) body = <ServerLoading server={server} rows={1} h={80} />
  else if (data.items.length === 0) body = <Text size="sm" c="dimmed">{en.details.historyEmpty}</Text>
  else {
    body = (
      <Timeline bulletSize={12} lineWidth={2} data-testid="key-history">
        {data.items.map((event) => {
          const details = describeChanges(event, { profileName })
          return (
            <Timeline.Item
              key={event.id}
              title={
                <Text size="sm" fw={500}>
                  {eventLabel(event)}
                </Text>
              }
              data-testid="history-item"
            >
              {details.length > 0 && (
                <Text size="sm" c="dimmed">
                  {details.join(' · ')}
                </Text>
              )}
              <Text size="xs" c="dimmed" mt={2}>
                <Tooltip label={formatDateTime(event.at)}>
                  <span>{formatRelativeOrNever(event.at, now)}</span>
                </Tooltip>
                {' · '}
                {actorLabel(event)}
              </Text>
            </Timeline.Item>
          )
        })}
      </Timeline>
    )
  }
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        {en.details.historyTitle}
      </Text>
      {body}
    </Stack>
  )
}
