import { Alert, Button, Group, Select, Stack, Switch, TextInput } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import type { Key, UpdateKeyRequest } from '../../api'
import { AppModal } from '../../components/AppModal'
import { FormError } from '../../components/FormError'
import { en } from '../../i18n/en'
import { formError, notifySuccess } from '../../lib/errors'
import { submitOnEnter } from '../../lib/forms'
import { useLastNonNull } from '../../lib/useLatest'
import { fromProfileValue, keyNameError, keyNameTypingError, profileOptions, toProfileValue } from './options'
import { useProfiles } from '../profiles/useProfiles'
import { oldKeyOfRotation, oldKeyStops } from './rotation'
import { useCachedKeys, useUpdateKey } from './useKeys'

const FIELDS = ['name', 'profileId', 'enabled'] as const
type Field = (typeof FIELDS)[number]

interface EditKeyModalProps {
  workspaceId: string
  /** The key to edit; null closes the dialog. */
  target: Key | null
  onClose: () => void
}

export function EditKeyModal({ workspaceId, target, onClose }: EditKeyModalProps) {
  const shown = useLastNonNull(target)
  return (
    <AppModal opened={target !== null} onClose={onClose} title={en.editKey.title} size="md">
      {shown && <EditKeyForm key={shown.id} workspaceId={workspaceId} target={shown} onClose={onClose} />}
    </AppModal>
  )
}

function EditKeyForm({ workspaceId, target, onClose }: { workspaceId: string; target: Key; onClose: () => void }) {
  const update = useUpdateKey(workspaceId)
  const { data: profiles } = useProfiles(workspaceId)
  const [name, setName] = useState(target.name)
  const [profileId, setProfileId] = useState(target.profileId)
  const [enabled, setEnabled] = useState(target.enabled)
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [formErr, setFormErr] = useState<string | null>(null)
  // Switched off, the new key of a rotation under way says what that does, as Disable asks.
  const { data: keys } = useCachedKeys(workspaceId, !!target.rotatedFrom)
  const oldKey = target.enabled && !enabled ? oldKeyOfRotation(target, keys ?? []) : undefined

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = name.trim()
    const nameError = keyNameError(name)
    if (nameError) {
      setErrors({ name: nameError })
      return
    }
    // Only what changed, so a concurrent change of another field survives.
    const req: UpdateKeyRequest = {}
    if (trimmed !== target.name) req.name = trimmed
    if (profileId !== target.profileId) req.profileId = profileId
    if (enabled !== target.enabled) req.enabled = enabled
    if (Object.keys(req).length === 0) {
      onClose()
      return
    }
    setErrors({})
    setFormErr(null)
    update.mutate(
      { keyId: target.id, req },
      {
        onSuccess: (key) => {
          notifySuccess(en.keys.updated(key.name || trimmed))
          onClose()
        },
        onError: (err) => {
          const { field, message } = formError(err, FIELDS)
          if (field) setErrors({ [field]: message })
          else setFormErr(message)
        },
      },
    )
  }

  return (
    <form onSubmit={submit} onKeyDown={submitOnEnter} noValidate>
      <Stack gap="md">
        <TextInput
          label={en.editKey.nameLabel}
          required
          data-autofocus
          autoComplete="off"
          data-testid="edit-name-input"
          value={name}
          onChange={(e) => {
            const value = e.currentTarget.value
            setName(value)
            setErrors((prev) => ({ ...prev, name: keyNameTypingError(value) }))
          }}
          error={errors.name}
        />
        <Select
          label={en.editKey.profileLabel}
          data={profileOptions(profiles)}
          value={toProfileValue(profileId)}
          onChange={(value) => {
            setProfileId(fromProfileValue(value))
            setErrors((prev) => ({ ...prev, profileId: undefined }))
          }}
          allowDeselect={false}
          data-testid="edit-profile-select"
          error={errors.profileId}
        />
        <Switch
          label={en.editKey.enabledLabel}
          description={target.own ? en.keys.thisAppHint : en.editKey.enabledDescription}
          checked={enabled}
          disabled={target.own}
          onChange={(e) => setEnabled(e.currentTarget.checked)}
          data-testid="edit-enabled-switch"
          error={errors.enabled}
        />
        {oldKey && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="edit-disable-successor-warning">
            {en.disableKey.successorOf(oldKey.name, oldKey.maskedKey, oldKeyStops(oldKey))}
          </Alert>
        )}
        <FormError title={en.editKey.failed} message={formErr} data-testid="edit-key-error" />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose} disabled={update.isPending}>
            {en.editKey.cancel}
          </Button>
          <Button type="submit" loading={update.isPending} data-testid="edit-submit">
            {en.editKey.submit}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
