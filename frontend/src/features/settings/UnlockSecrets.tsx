import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core'
import { IconLockOpen } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import { AppModal } from '../../components/AppModal'
import { FormError } from '../../components/FormError'
import { revealToggle } from '../../components/revealToggle'
import { en } from '../../i18n/en'
import { formError, notifySuccess } from '../../lib/errors'
import { useEnableEncryptedFile, useSettings } from './useSettings'

/**
 * Unlocks the encrypted file an earlier run kept the secrets in (Settings'
 * keychainLocked): one passphrase, no confirmation, since the file exists.
 * The backend then syncs the workspaces that waited for their access key.
 */
export function UnlockSecretsForm({ onDone }: { onDone?: () => void }) {
  const { data: settings } = useSettings()
  const unlock = useEnableEncryptedFile()
  const [passphrase, setPassphrase] = useState('')
  const [error, setError] = useState<string>()
  const [formErr, setFormErr] = useState<string | null>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!passphrase) {
      setError(en.settings.passphraseRequired)
      return
    }
    setFormErr(null)
    unlock.mutate(passphrase, {
      onSuccess: () => {
        setPassphrase('')
        notifySuccess(en.settings.unlockDone)
        onDone?.()
      },
      onError: (err) => {
        const { field, message } = formError(err, ['passphrase'] as const)
        if (field) setError(message)
        else setFormErr(message)
      },
    })
  }

  return (
    <form onSubmit={submit} noValidate data-testid="unlock-form">
      <Stack gap="sm">
        <Text size="sm">{en.settings.unlockIntro(settings?.dataDir ?? '')}</Text>
        <PasswordInput
          label={en.settings.passphrase}
          autoComplete="current-password"
          visibilityToggleButtonProps={revealToggle(en.settings.reveal)}
          value={passphrase}
          onChange={(e) => {
            setPassphrase(e.currentTarget.value)
            setError(undefined)
          }}
          error={error}
          aria-invalid={error ? true : undefined}
          data-autofocus
          data-testid="unlock-passphrase"
        />
        <FormError title={en.settings.unlockFailed} message={formErr} />
        <Group justify="flex-end">
          <Button type="submit" leftSection={<IconLockOpen size={16} />} loading={unlock.isPending} data-testid="unlock-submit">
            {en.settings.unlockSubmit}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

export function UnlockSecretsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <AppModal opened={opened} onClose={onClose} title={en.settings.unlockTitle}>
      <UnlockSecretsForm onDone={onClose} />
    </AppModal>
  )
}
