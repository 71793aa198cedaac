import { Box, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core'
import { IconCheck } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import type { CreatedKey, CreateKeyRequest, KeyRole } from '../../api'
import { AppModal } from '../../components/AppModal'
import { FormError } from '../../components/FormError'
import { en } from '../../i18n/en'
import { formError } from '../../lib/errors'
import { useNow } from '../../lib/useNow'
import { customDateError, defaultExpiryFor, expiresInDays, FROM_PROFILE, type ExpiryPolicy, type ExpiryValue } from './expiry'
import { ExpiryField } from './ExpiryField'
import { fromProfileValue, keyNameError, keyNameTypingError, profileOptions, roleOptions, toProfileValue } from './options'
import { SecretStep } from './SecretStep'
import { useProfiles } from '../profiles/useProfiles'
import { useCreateKey } from './useKeys'

const FIELDS = ['name', 'role', 'profileId', 'expiresInDays'] as const
type Field = (typeof FIELDS)[number]

interface CreateKeyModalProps {
  workspaceId: string
  /** What expiries the workspace allows: only those are offered. */
  policy: ExpiryPolicy
  opened: boolean
  onClose: () => void
}

export function CreateKeyModal({ workspaceId, policy, opened, onClose }: CreateKeyModalProps) {
  const [created, setCreated] = useState<CreatedKey | null>(null)
  const close = () => {
    setCreated(null)
    onClose()
  }
  return (
    <AppModal
      opened={opened}
      onClose={close}
      closeOnClickOutside={false}
      // While the secret shows, only Done closes the dialog (see NewSecretModal).
      closeOnEscape={!created}
      withCloseButton={!created}
      size="lg"
      title={created ? en.secret.createdTitle : en.createKey.title}
    >
      {/* Mounted only while the dialog is open, so each opening starts clean
          and the secret is gone with it. */}
      {created ? (
        <SecretStep workspaceId={workspaceId} keyInfo={created.key} secret={created.secret} onDone={close} />
      ) : (
        <CreateKeyForm workspaceId={workspaceId} policy={policy} onCancel={close} onCreated={setCreated} />
      )}
    </AppModal>
  )
}

interface CreateKeyFormProps {
  workspaceId: string
  policy: ExpiryPolicy
  onCancel: () => void
  onCreated: (created: CreatedKey) => void
}

function CreateKeyForm({ workspaceId, policy, onCancel, onCreated }: CreateKeyFormProps) {
  const create = useCreateKey(workspaceId)
  const { data: profiles } = useProfiles(workspaceId)
  const now = useNow()
  const [name, setName] = useState('')
  const [role, setRole] = useState<KeyRole>('api')
  const [profileId, setProfileId] = useState('')
  const [expiry, setExpiry] = useState<ExpiryValue>(() => defaultExpiryFor(policy))
  const [expiryTouched, setExpiryTouched] = useState(false)
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [formErr, setFormErr] = useState<string | null>(null)

  const clearError = (field: Field) => {
    if (errors[field]) setErrors((prev) => ({ ...prev, [field]: undefined }))
  }

  // A profile's default: days, or null when its keys never expire (no defaultExpiryDays).
  const defaultDaysOf = (id: string) => (id ? (profiles?.find((p) => p.id === id)?.defaultExpiryDays ?? null) : undefined)
  const profileDays = defaultDaysOf(profileId)
  const fromProfile = expiry.choice === FROM_PROFILE

  const pickProfile = (id: string) => {
    setProfileId(id)
    clearError('profileId')
    // A profile's default expiry (which may be "never") is the choice until
    // the user picks one themselves; without a profile there is none.
    const days = defaultDaysOf(id)
    if (days !== undefined && !expiryTouched) setExpiry({ choice: FROM_PROFILE, date: '' })
    else if (days === undefined && fromProfile) setExpiry(defaultExpiryFor(policy))
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = name.trim()
    const days = expiresInDays(expiry, now, profileDays, policy)
    const next: Partial<Record<Field, string>> = {}
    const nameError = keyNameError(name)
    if (nameError) next.name = nameError
    if (days === undefined) next.expiresInDays = customDateError(expiry, policy)
    setErrors(next)
    if (Object.keys(next).length > 0) return
    setFormErr(null)
    // From the profile, the server works out the expiry (capped by the workspace's policy).
    const req: CreateKeyRequest = {
      name: trimmed,
      role,
      profileId,
      expiresInDays: fromProfile ? null : (days ?? null),
      expiryFromProfile: fromProfile,
    }
    create.mutate(req, {
      onSuccess: onCreated,
      onError: (err) => {
        const { field, message } = formError(err, FIELDS)
        if (field) setErrors({ [field]: message })
        else setFormErr(message)
      },
    })
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={en.createKey.nameLabel}
          description={en.createKey.nameDescription}
          placeholder={en.createKey.namePlaceholder}
          required
          data-autofocus
          autoComplete="off"
          data-testid="key-name-input"
          value={name}
          onChange={(e) => {
            const value = e.currentTarget.value
            setName(value)
            const tooLong = keyNameTypingError(value)
            if (tooLong) setErrors((prev) => ({ ...prev, name: tooLong }))
            else clearError('name')
          }}
          error={errors.name}
        />
        <Select
          label={en.createKey.roleLabel}
          data={roleOptions}
          value={role}
          onChange={(value) => value && setRole(value as KeyRole)}
          allowDeselect={false}
          description={en.keys.roleDescriptions[role]}
          data-testid="key-role-select"
          error={errors.role}
          // With its description under each role, and the check mark the other selects show.
          renderOption={({ option, checked }) => (
            <Group gap={8} wrap="nowrap" align="flex-start">
              <Box w={14} mt={3} style={{ flexShrink: 0 }}>
                {checked && <IconCheck size={14} />}
              </Box>
              <Stack gap={0}>
                <Text size="sm">{option.label}</Text>
                <Text size="xs" c="dimmed">
                  {en.keys.roleDescriptions[option.value as KeyRole]}
                </Text>
              </Stack>
            </Group>
          )}
        />
        <Select
          label={en.createKey.profileLabel}
          description={en.createKey.profileDescription}
          data={profileOptions(profiles)}
          value={toProfileValue(profileId)}
          onChange={(value) => pickProfile(fromProfileValue(value))}
          allowDeselect={false}
          data-testid="key-profile-select"
          error={errors.profileId}
        />
        <ExpiryField
          value={expiry}
          profileDays={profileDays}
          policy={policy}
          onChange={(value) => {
            setExpiry(value)
            setExpiryTouched(true)
            clearError('expiresInDays')
          }}
          error={errors.expiresInDays}
        />
        <FormError title={en.createKey.failed} message={formErr} data-testid="create-key-error" />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onCancel} disabled={create.isPending}>
            {en.createKey.cancel}
          </Button>
          <Button type="submit" loading={create.isPending} data-testid="create-key-submit">
            {en.createKey.submit}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
