import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import type { Key } from '../../api'
import { AppModal } from '../../components/AppModal'
import { FormError } from '../../components/FormError'
import { revealToggle } from '../../components/revealToggle'
import { en } from '../../i18n/en'
import { errorMessage, formError, notifySuccess } from '../../lib/errors'
import { useLastNonNull } from '../../lib/useLatest'
import { useSettings } from '../settings/useSettings'
import { KeySummary } from './KeySummary'
import { matchesMasked } from './masked'
import { useForgetSecret, useRememberSecret } from './useKeys'

interface SecretModalProps {
  workspaceId: string
  /** The key; null closes the dialog. */
  target: Key | null
  onClose: () => void
}

/** "Remember secret…": paste a key's secret to keep it in the keychain. */
export function RememberSecretModal({ workspaceId, target, onClose }: SecretModalProps) {
  const shown = useLastNonNull(target)
  return (
    <AppModal opened={target !== null} onClose={onClose} title={en.remember.title} size="lg">
      {shown && <RememberForm key={shown.id} workspaceId={workspaceId} target={shown} onClose={onClose} />}
    </AppModal>
  )
}

function RememberForm({ workspaceId, target, onClose }: { workspaceId: string; target: Key; onClose: () => void }) {
  const remember = useRememberSecret(workspaceId)
  const { data: settings } = useSettings()
  const [secret, setSecret] = useState('')
  const [error, setError] = useState<string>()
  const [formErr, setFormErr] = useState<string | null>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const value = secret.trim()
    if (!value) {
      setError(en.remember.secretRequired)
      return
    }
    if (!matchesMasked(value, target.maskedKey)) {
      setError(en.remember.mismatch(target.maskedKey))
      return
    }
    setFormErr(null)
    remember.mutate(
      { keyId: target.id, secret: value },
      {
        onSuccess: () => {
          notifySuccess(en.remember.done(target.name))
          onClose()
        },
        onError: (err) => {
          const { field, message } = formError(err, ['secret'] as const)
          if (field) setError(message)
          else setFormErr(message)
        },
      },
    )
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">{en.remember.intro(settings?.keychainLabel ?? '', settings?.keychainPersistent ?? true)}</Text>
        <KeySummary keyInfo={target} />
        <PasswordInput
          label={en.remember.secretLabel}
          placeholder={target.maskedKey}
          required
          data-autofocus
          autoComplete="off"
          spellCheck={false}
          styles={{ innerInput: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          visibilityToggleButtonProps={revealToggle(en.remember.reveal)}
          data-testid="remember-secret-input"
          value={secret}
          onChange={(e) => {
            setSecret(e.currentTarget.value)
            setError(undefined)
          }}
          error={error}
          aria-invalid={error ? true : undefined}
        />
        <FormError title={en.remember.failed} message={formErr} />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose} disabled={remember.isPending}>
            {en.remember.cancel}
          </Button>
          <Button type="submit" loading={remember.isPending} data-testid="remember-submit">
            {en.remember.submit}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** "Forget secret…": deletes a remembered secret from the keychain after a confirmation. */
export function ForgetSecretModal({ workspaceId, target, onClose }: SecretModalProps) {
  const shown = useLastNonNull(target)
  const forget = useForgetSecret(workspaceId)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!target) return
    forget.mutate(target.id, {
      onSuccess: () => {
        notifySuccess(en.remember.forgotten(target.name))
        onClose()
      },
    })
  }

  return (
    <AppModal opened={target !== null} onClose={onClose} title={en.remember.forgetTitle}>
      {shown && (
        <form onSubmit={submit}>
          <Stack gap="md">
            <Text size="sm">{en.remember.forgetConfirm}</Text>
            <KeySummary keyInfo={shown} />
            <FormError title={en.remember.forgetFailed} message={forget.isError ? errorMessage(forget.error) : null} />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onClose} disabled={forget.isPending}>
                {en.remember.cancel}
              </Button>
              <Button type="submit" color="red" loading={forget.isPending} data-autofocus data-testid="forget-submit">
                {en.remember.forgetSubmit}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </AppModal>
  )
}
