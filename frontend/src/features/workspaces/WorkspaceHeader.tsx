import { Alert, Badge, Button, Group, Stack, Text, Title, Tooltip } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconAlertTriangle, IconCloudOff, IconHistory, IconKey, IconLock, IconLockOpen, IconPencil, IconRefresh } from '@tabler/icons-react'
import { useState } from 'react'
import type { Workspace } from '../../api'
import { disabledProps } from '../../components/disabledProps'
import { MountOnOpen } from '../../components/MountOnOpen'
import { WhyDisabled } from '../../components/WhyDisabled'
import { en } from '../../i18n/en'
import { notifyError } from '../../lib/errors'
import { formatDateTime, formatRelative } from '../../lib/time'
import { useNow } from '../../lib/useNow'
import { AuditDrawer } from '../audit/AuditDrawer'
import { UnlockSecretsModal } from '../settings/UnlockSecrets'
import { SyncProgressBar } from './SyncProgress'
import { useSyncWorkspace } from './useWorkspaces'
import { WorkspaceFormModal } from './WorkspaceFormModal'

export function WorkspaceHeader({ workspace }: { workspace: Workspace }) {
  const now = useNow()
  const sync = useSyncWorkspace()
  const [auditOpened, audit] = useDisclosure(false)

  const onSync = () =>
    sync.mutate(workspace.id, {
      onError: (err) => notifyError(en.workspaces.syncFailed, err),
    })

  const subtitle = [
    workspace.kind === 'local' ? en.workspaces.localDescription : workspace.serverUrl,
    en.workspaces.role[workspace.role] ?? workspace.role,
  ]
    .filter(Boolean)
    .join(' · ')

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2} miw={0}>
          <Group gap="xs" wrap="nowrap">
            <Title order={2} size="h3" data-testid="workspace-title" data-full-text={workspace.name} style={{ minWidth: 0 }} lineClamp={1}>
              {workspace.name}
            </Title>
            {!workspace.canManage && (
              <Tooltip label={en.readOnly.reason} multiline maw={300}>
                <Badge
                  variant="light"
                  color="gray"
                  radius="sm"
                  leftSection={<IconLock size={12} />}
                  data-testid="read-only-badge"
                  style={{ flexShrink: 0 }}
                >
                  {en.readOnly.badge}
                </Badge>
              </Tooltip>
            )}
          </Group>
          <Text size="sm" c="dimmed" truncate data-full-text={subtitle}>
            {subtitle}
          </Text>
        </Stack>
        <Group gap="sm" wrap="nowrap">
          {workspace.lastSyncedAt ? (
            <Tooltip label={formatDateTime(workspace.lastSyncedAt)}>
              <Text size="sm" c="dimmed" data-testid="last-synced" style={{ whiteSpace: 'nowrap' }}>
                {en.workspaces.lastSynced(formatRelative(workspace.lastSyncedAt, now))}
              </Text>
            </Tooltip>
          ) : (
            <Text size="sm" c="dimmed" data-testid="last-synced" style={{ whiteSpace: 'nowrap' }}>
              {en.workspaces.neverSynced}
            </Text>
          )}
          {/* The server lets only admin keys read the audit log (DESIGN.md: roles). */}
          <WhyDisabled reason={workspace.canManage ? undefined : en.workspaces.auditAdminOnly}>
            <Button
              variant="default"
              size="sm"
              leftSection={<IconHistory size={16} />}
              onClick={audit.open}
              data-testid="audit-button"
              {...disabledProps(!workspace.canManage)}
            >
              {en.workspaces.auditButton}
            </Button>
          </WhyDisabled>
          <Button
            variant="default"
            size="sm"
            leftSection={<IconRefresh size={16} />}
            loading={sync.isPending}
            onClick={onSync}
            data-testid="sync-now"
          >
            {en.workspaces.syncNow}
          </Button>
        </Group>
      </Group>

      <SyncProgressBar workspaceId={workspace.id} />

      {!workspace.online && (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconCloudOff size={18} />}
          data-testid="offline-banner"
          title={
            workspace.offlineSince
              ? en.workspaces.offlineSince(
                  `${formatDateTime(workspace.offlineSince)} (${formatRelative(workspace.offlineSince, now)})`,
                )
              : en.workspaces.offline
          }
        >
          <Stack gap={4}>
            {workspace.lastError && <Text size="sm">{workspace.lastError}</Text>}
            {/* Not grey: grey on the banner's tint read at 4.2:1. */}
            <Text size="sm">{en.workspaces.offlineHint}</Text>
          </Stack>
        </Alert>
      )}

      {workspace.online && workspace.syncProblem && workspace.syncProblem !== 'offline' && (
        <SyncProblemBanner workspace={workspace} />
      )}

      <MountOnOpen opened={auditOpened}>
        <AuditDrawer workspace={workspace} opened={auditOpened} onClose={audit.close} />
      </MountOnOpen>
    </Stack>
  )
}

/**
 * The server answers but the workspace does not sync: say why, and offer
 * what fixes it (unlock the encrypted file, enter the access key again).
 */
function SyncProblemBanner({ workspace }: { workspace: Workspace }) {
  const [dialog, setDialog] = useState<'unlock' | 'edit' | null>(null)
  const problem = workspace.syncProblem
  const asksForKey = workspace.kind === 'remote' && (problem === 'accessKeyMissing' || problem === 'accessKeyRejected')
  const asksForEdit = workspace.kind === 'remote' && problem === 'connection'
  const hint = en.workspaces.problemHint[problem]
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={en.workspaces.problemTitle[problem] ?? en.workspaces.problemTitle.failed}
      data-testid="sync-problem-banner"
      data-problem={problem}
    >
      <Stack gap={6} align="flex-start">
        {/* Locked says all its error would: the title does, and the notice at the top of the page. */}
        {workspace.lastError && problem !== 'keychainLocked' && <Text size="sm">{workspace.lastError}</Text>}
        {hint && (
          <Text size="sm">{hint}</Text>
        )}
        {problem === 'keychainLocked' && (
          <Button size="xs" leftSection={<IconLockOpen size={14} />} onClick={() => setDialog('unlock')} data-testid="sync-problem-unlock">
            {en.workspaces.unlock}
          </Button>
        )}
        {asksForKey && (
          <Button size="xs" leftSection={<IconKey size={14} />} onClick={() => setDialog('edit')} data-testid="sync-problem-access-key">
            {en.workspaces.enterAccessKey}
          </Button>
        )}
        {asksForEdit && (
          <Button size="xs" leftSection={<IconPencil size={14} />} onClick={() => setDialog('edit')} data-testid="sync-problem-edit">
            {en.workspaces.edit}
          </Button>
        )}
      </Stack>
      <MountOnOpen opened={dialog === 'unlock'}>
        <UnlockSecretsModal opened={dialog === 'unlock'} onClose={() => setDialog(null)} />
      </MountOnOpen>
      <MountOnOpen opened={dialog === 'edit'}>
        <WorkspaceFormModal opened={dialog === 'edit'} workspace={workspace} onClose={() => setDialog(null)} newAccessKey={asksForKey} />
      </MountOnOpen>
    </Alert>
  )
}
