import { Alert, Button, Group, Radio, Stack, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import type { Profile, ProfileKeysAction } from '../../api'
import { AppModal } from '../../components/AppModal'
import { FormError } from '../../components/FormError'
import { en } from '../../i18n/en'
import { errorMessage, notifySuccess } from '../../lib/errors'
import { useLastNonNull } from '../../lib/useLatest'
import { keyLabels } from '../keys/keyLabels'
import { useCachedKeys } from '../keys/useKeys'
import { useDeleteProfile, useProfiles } from './useProfiles'

interface DeleteProfileModalProps {
  workspaceId: string
  /** The profile to confirm; null closes the dialog. */
  target: Profile | null
  onClose: () => void
}

/** A few keys are named all; of more, the first ones and how many more. */
const MAX_NAMES = 5

/** The names to show of `total` keys, and how many more there are. */
function namesToShow(names: string[], total: number): { shown: string[]; more: number } {
  // Never "and 1 more": that one fits in its place.
  const shown = names.slice(0, total <= MAX_NAMES ? total : MAX_NAMES - 1)
  return { shown, more: Math.max(0, total - shown.length) }
}

export function DeleteProfileModal({ workspaceId, target, onClose }: DeleteProfileModalProps) {
  const shown = useLastNonNull(target)
  return (
    <AppModal opened={target !== null} onClose={onClose} title={en.deleteProfile.title}>
      {shown && <DeleteProfileBody key={shown.id} workspaceId={workspaceId} target={shown} onClose={onClose} />}
    </AppModal>
  )
}

function DeleteProfileBody({ workspaceId, target, onClose }: { workspaceId: string; target: Profile; onClose: () => void }) {
  const remove = useDeleteProfile(workspaceId)
  // The live count: a refused delete (a key took the profile meanwhile) refreshes it.
  const { data: profiles } = useProfiles(workspaceId)
  const keyCount = profiles?.find((p) => p.id === target.id)?.keyCount ?? target.keyCount
  // Which keys: by name, from the cached key list (not the server).
  const { data: keys } = useCachedKeys(workspaceId, keyCount > 0)
  const keyNames = useMemo(
    () =>
      keyLabels(
        (keys ?? [])
          .filter((k) => k.profileId === target.id)
          .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true, sensitivity: 'base' })),
      ),
    [keys, target.id],
  )
  const named = namesToShow(keyNames, keyCount)
  const [choice, setChoice] = useState<Exclude<ProfileKeysAction, ''>>('detach')
  const [failure, setFailure] = useState<string | null>(null)
  const d = en.deleteProfile
  const deletesKeys = keyCount > 0 && choice === 'delete'

  const confirm = () => {
    setFailure(null)
    remove.mutate(
      // "" lets the server refuse if keys took the profile since the list was read.
      { profileId: target.id, keysAction: keyCount > 0 ? choice : '', expectKeys: keyCount },
      {
        onSuccess: () => {
          notifySuccess(deletesKeys ? d.deletedWithKeys(target.name, keyCount) : en.profiles.deleted(target.name))
          onClose()
        },
        onError: (err) => setFailure(errorMessage(err)),
      },
    )
  }

  return (
    <Stack gap="md">
      {keyCount === 0 ? (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {d.confirm(target.name)}
          </Text>
          <Text size="sm" c="dimmed">
            {d.unused}
          </Text>
        </Stack>
      ) : (
        <Radio.Group
          label={d.inUse(target.name, keyCount)}
          description={
            named.shown.length > 0 && (
              <Text span size="xs" c="var(--mantine-color-text)" data-testid="delete-profile-key-names">
                {d.keyNames(named.shown, named.more)}
              </Text>
            )
          }
          value={choice}
          onChange={(value) => setChoice(value === 'delete' ? 'delete' : 'detach')}
          data-testid="delete-profile-keys"
        >
          <Stack gap="sm" mt="sm">
            <Radio value="detach" label={d.detach(keyCount)} description={d.detachDescription(keyCount)} data-testid="delete-profile-detach" />
            <Radio
              value="delete"
              color="red"
              label={
                <Text span size="sm" c="red" fw={500}>
                  {d.deleteKeys(keyCount)}
                </Text>
              }
              description={d.deleteKeysDescription(keyCount)}
              data-testid="delete-profile-delete-keys"
            />
          </Stack>
        </Radio.Group>
      )}
      {deletesKeys && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="delete-profile-warning">
          {d.deleteKeysWarning(keyCount)}
        </Alert>
      )}
      <FormError title={d.failed} message={failure} data-testid="delete-profile-error" />
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose} disabled={remove.isPending} data-autofocus>
          {d.cancel}
        </Button>
        <Button color="red" onClick={confirm} loading={remove.isPending} data-testid="confirm-delete-profile">
          {deletesKeys ? d.submitWithKeys(keyCount) : d.submit}
        </Button>
      </Group>
    </Stack>
  )
}
