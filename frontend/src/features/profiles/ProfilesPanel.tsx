import { Paper } from '@mantine/core'
import { IconPlus, IconTemplate } from '@tabler/icons-react'
import { useCallback, useState } from 'react'
import type { Profile, Workspace } from '../../api'
import { LoadFailed } from '../../components/LoadFailed'
import { ManageButton } from '../../components/ManageButton'
import { PanelHeader } from '../../components/PanelHeader'
import { PanelEmpty, PanelLoading } from '../../components/PanelStates'
import { en } from '../../i18n/en'
import { DeleteProfileModal } from './DeleteProfileModal'
import { ProfileFormModal, type ProfileTarget } from './ProfileFormModal'
import { ProfilesTable, type ProfileAction } from './ProfilesTable'
import { useProfiles } from './useProfiles'
import { changeBlockedReason } from '../workspaces/health'

function CreateButton({ canManage, blockedReason, onClick }: { canManage: boolean; blockedReason?: string; onClick: () => void }) {
  return (
    <ManageButton
      canManage={canManage}
      blockedReason={blockedReason}
      leftSection={<IconPlus size={16} />}
      onClick={onClick}
      data-testid="create-profile-button"
    >
      {en.profiles.createButton}
    </ManageButton>
  )
}

/** A workspace's profiles: the table, and the dialogs to create, edit and delete them. */
export function ProfilesPanel({ workspace }: { workspace: Workspace }) {
  const canManage = workspace.canManage
  const blockedReason = changeBlockedReason(workspace)
  const { data: profiles, isPending, isError, error, refetch } = useProfiles(workspace.id)
  const [formTarget, setFormTarget] = useState<ProfileTarget | null>(null)
  const [deleteTarget, setDeleteTarget] = useState<Profile | null>(null)
  const openCreate = () => setFormTarget('new')

  // A member opens a profile to read it; only an admin may delete one.
  const onAction = useCallback(
    (action: ProfileAction, profile: Profile) => {
      if (action === 'open') setFormTarget(profile)
      else if (canManage) setDeleteTarget(profile)
    },
    [canManage],
  )

  let body
  if (isPending) {
    body = <PanelLoading label={en.profiles.loading} rows={2} />
  } else if (isError) {
    body = <LoadFailed title={en.profiles.loadFailed} error={error} onRetry={() => void refetch()} />
  } else if (profiles.length === 0) {
    body = (
      <PanelEmpty
        icon={<IconTemplate size={26} stroke={1.6} />}
        title={en.profiles.empty.title}
        description={canManage ? en.profiles.empty.description : en.profiles.empty.readOnly}
        action={<CreateButton canManage={canManage} blockedReason={blockedReason} onClick={openCreate} />}
        data-testid="profiles-empty"
      />
    )
  } else {
    body = <ProfilesTable profiles={profiles} canManage={canManage} onAction={onAction} />
  }

  return (
    <Paper withBorder radius="md" style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0, overflow: 'hidden' }}>
      <PanelHeader title={en.profiles.title} subtitle={en.profiles.subtitle} canManage={canManage}>
        {(profiles?.length ?? 0) > 0 && <CreateButton canManage={canManage} blockedReason={blockedReason} onClick={openCreate} />}
      </PanelHeader>
      <div style={{ flex: 1, minHeight: 0, overflow: 'auto', borderTop: '1px solid var(--mantine-color-default-border)' }}>
        {body}
      </div>

      <ProfileFormModal
        workspaceId={workspace.id}
        target={formTarget}
        readOnly={!canManage}
        onClose={() => setFormTarget(null)}
      />
      <DeleteProfileModal workspaceId={workspace.id} target={deleteTarget} onClose={() => setDeleteTarget(null)} />
    </Paper>
  )
}
