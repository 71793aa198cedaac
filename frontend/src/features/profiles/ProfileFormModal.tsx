import { Button, Divider, Fieldset, Group, JsonInput, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { Profile } from '../../api'
import { AppModal } from '../../components/AppModal'
import { FormError } from '../../components/FormError'
import { LeadDaysInput } from '../../components/LeadDaysInput'
import { ReadOnlyNotice } from '../../components/ReadOnlyNotice'
import { useUnsavedGuard } from '../../components/UnsavedChanges'
import { en } from '../../i18n/en'
import { formError, notifySuccess } from '../../lib/errors'
import { revealFirstError } from '../../lib/forms'
import { useLastNonNull } from '../../lib/useLatest'
import { OptionalDaysField } from './OptionalDaysField'
import {
  daysErrorWhileTyping,
  FIELDS_OF,
  formValues,
  PROFILE_FIELDS,
  toRequest,
  typedDays,
  type DaysField,
  type OptionalDays,
  type ProfileErrors,
  type ProfileFormValues,
} from './profileForm'
import { TestEndpointFields } from './TestEndpointFields'
import { useSaveProfile } from './useProfiles'

/** What the dialog is open for: a profile, or 'new' to create one. */
export type ProfileTarget = Profile | 'new'

interface ProfileFormModalProps {
  workspaceId: string
  /** null closes the dialog. */
  target: ProfileTarget | null
  /** A member key: every field is shown, none can be changed. */
  readOnly: boolean
  onClose: () => void
}

function titleOf(target: ProfileTarget | null, readOnly: boolean): string {
  if (target === null || target === 'new') return en.profileForm.createTitle
  return readOnly ? en.profileForm.viewTitle(target.name) : en.profileForm.editTitle(target.name)
}

export function ProfileFormModal({ workspaceId, target, readOnly, onClose }: ProfileFormModalProps) {
  // Keeps the form while the dialog fades out.
  const shown = useLastNonNull(target)
  // Esc, the ✕ or a click outside ask before they drop what was entered; Cancel does not.
  const guard = useUnsavedGuard(onClose, en.profileForm.unsaved(shown !== null && shown !== 'new'), 'profile')
  return (
    <AppModal opened={target !== null} onClose={guard.requestClose} title={titleOf(shown, readOnly)} size="lg" closeOnClickOutside={readOnly}>
      {guard.alert}
      {shown && (
        <ProfileForm
          key={shown === 'new' ? 'new' : shown.id}
          workspaceId={workspaceId}
          profile={shown === 'new' ? undefined : shown}
          readOnly={readOnly}
          onClose={guard.close}
          onDirty={guard.setDirty}
        />
      )}
    </AppModal>
  )
}

/** Says so when keys would expire before they are due for rotation: the policy's reminder never comes. */
function rotationAfterExpiry(values: ProfileFormValues): string | undefined {
  if (!values.expiry.on || !values.rotation.on) return undefined
  const expiry = typedDays(values.expiry.days)
  const rotation = typedDays(values.rotation.days)
  return expiry >= 1 && rotation >= expiry ? en.profileForm.rotationAfterExpiry(expiry) : undefined
}

interface ProfileFormProps {
  workspaceId: string
  /** Absent: a new profile. */
  profile?: Profile
  readOnly: boolean
  onClose: () => void
  /** Told whether the form holds changes not saved. */
  onDirty: (dirty: boolean) => void
}

function ProfileForm({ workspaceId, profile, readOnly, onClose, onDirty }: ProfileFormProps) {
  const save = useSaveProfile(workspaceId, profile?.id)
  const [initial] = useState(() => formValues(profile))
  const [values, setValues] = useState(initial)
  const dirty = !readOnly && JSON.stringify(values) !== JSON.stringify(initial)
  useEffect(() => onDirty(dirty), [dirty, onDirty])
  const [errors, setErrors] = useState<ProfileErrors>({})
  const formRef = useRef<HTMLFormElement>(null)
  const [formErr, setFormErr] = useState<string | null>(null)
  const f = en.profileForm

  /** A setter for one part of the form that also clears that part's errors. */
  const setter =
    <K extends keyof ProfileFormValues>(key: K) =>
    (value: ProfileFormValues[K]) => {
      setValues((prev) => ({ ...prev, [key]: value }))
      setErrors((prev) => {
        const next = { ...prev }
        for (const field of FIELDS_OF[key]) delete next[field]
        return next
      })
    }

  /** Days are checked as they are typed, and never corrected. */
  const setDays = (key: DaysField) => (value: OptionalDays) => {
    setter(key)(value)
    const error = daysErrorWhileTyping(key, value)
    if (error) setErrors((prev) => ({ ...prev, [FIELDS_OF[key][0]]: error }))
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (readOnly) return
    const { req, errors: invalid } = toRequest(values)
    setErrors(invalid ?? {})
    if (!req) {
      revealFirstError(formRef.current)
      return
    }
    setFormErr(null)
    // Every field, so what the form shows is what the profile becomes.
    save.mutate(req, {
      onSuccess: (saved) => {
        const name = saved.name || req.name
        notifySuccess(profile ? en.profiles.updated(name) : en.profiles.created(name))
        onClose()
      },
      onError: (err) => {
        const { field, message } = formError(err, PROFILE_FIELDS)
        if (field) setErrors({ [field]: message })
        else setFormErr(message)
        revealFirstError(formRef.current)
      },
    })
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate data-testid="profile-form">
      <Fieldset variant="unstyled" disabled={readOnly}>
        <Stack gap="md">
          {readOnly && <ReadOnlyNotice />}
          <TextInput
            label={f.nameLabel}
            placeholder={f.namePlaceholder}
            required
            data-autofocus
            autoComplete="off"
            value={values.name}
            onChange={(e) => setter('name')(e.currentTarget.value)}
            error={errors.name}
            data-testid="profile-name-input"
          />
          <Textarea
            label={f.descriptionLabel}
            placeholder={f.descriptionPlaceholder}
            autosize
            minRows={2}
            maxRows={5}
            value={values.description}
            onChange={(e) => setter('description')(e.currentTarget.value)}
            error={errors.description}
            data-testid="profile-description-input"
          />

          <Divider label={f.keysSection} labelPosition="left" mt="xs" />
          <OptionalDaysField
            label={f.expiryLabel}
            description={f.expiryDescription}
            offLabel={f.expiryNever}
            onLabel={f.expiryAfter}
            value={values.expiry}
            onChange={setDays('expiry')}
            error={errors.defaultExpiryDays}
            testId="profile-expiry"
          />
          <OptionalDaysField
            label={f.rotationLabel}
            description={f.rotationDescription}
            offLabel={f.rotationNone}
            onLabel={f.rotationEvery}
            value={values.rotation}
            onChange={setDays('rotation')}
            error={errors.rotationDays}
            hint={rotationAfterExpiry(values)}
            testId="profile-rotation"
          />
          {/* Inputs side by side line up whatever their descriptions' lengths. */}
          <SimpleGrid cols={2} spacing="md" style={{ alignItems: 'end' }}>
            <TextInput
              label={f.prefixLabel}
              placeholder={f.prefixPlaceholder}
              description={f.prefixDescription(values.keyPrefix.trim())}
              autoComplete="off"
              spellCheck={false}
              value={values.keyPrefix}
              onChange={(e) => setter('keyPrefix')(e.currentTarget.value)}
              error={errors.keyPrefix}
              data-testid="profile-prefix-input"
            />
            <LeadDaysInput
              label={f.reminderLabel}
              description={f.reminderDescription}
              value={values.reminderDays}
              draft={values.reminderDraft}
              onChange={setter('reminderDays')}
              onDraftChange={setter('reminderDraft')}
              error={errors.reminderDays}
              data-testid="profile-reminder-days"
            />
          </SimpleGrid>

          <Divider label={f.testSection} labelPosition="left" mt="xs" />
          <TestEndpointFields value={values.endpoint} onChange={setter('endpoint')} errors={errors} />

          <Divider mt="xs" />
          <JsonInput
            label={f.metadataLabel}
            description={f.metadataDescription}
            placeholder={f.metadataPlaceholder}
            validationError={f.metadataInvalid}
            formatOnBlur
            autosize
            minRows={3}
            maxRows={10}
            value={values.metadata}
            onChange={setter('metadata')}
            error={errors.metadata}
            data-testid="profile-metadata-input"
          />
          <FormError title={f.failed} message={formErr} data-testid="profile-form-error" />
        </Stack>
      </Fieldset>
      <Group justify="flex-end" gap="sm" mt="lg">
        {readOnly ? (
          <Button variant="default" onClick={onClose}>
            {f.close}
          </Button>
        ) : (
          <>
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              {f.cancel}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="profile-submit">
              {profile ? f.save : f.create}
            </Button>
          </>
        )}
      </Group>
    </form>
  )
}
