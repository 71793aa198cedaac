import { Alert, Button, Checkbox, CopyButton, Group, PasswordInput, Stack } from '@mantine/core'
import { IconAlertCircle, IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { Key } from '../../api'
import { revealToggle } from '../../components/revealToggle'
import { en } from '../../i18n/en'
import { KeySummary } from './KeySummary'
import { errorMessage } from '../../lib/errors'
import { useSettings } from '../settings/useSettings'
import { useRememberSecret } from './useKeys'

interface SecretStepProps {
  workspaceId: string
  /** The key the secret belongs to. */
  keyInfo: Key
  /** The plaintext secret, shown this once. */
  secret: string
  /** Shown under the key, e.g. what happens to the old key of a rotation. */
  children?: ReactNode
  /** "Remember in keychain" starts ticked: Keydesk kept the secret this one replaces. */
  rememberAtFirst?: boolean
  onDone: () => void
}

/**
 * The one time a secret is shown, after create, regenerate and rotate:
 * masked until revealed, a copy button, and "Remember in keychain".
 */
export function SecretStep({ workspaceId, keyInfo, secret, children, rememberAtFirst = false, onDone }: SecretStepProps) {
  const [remember, setRemember] = useState(rememberAtFirst)
  const store = useRememberSecret(workspaceId)
  const { data: settings } = useSettings()
  const copyButton = useRef<HTMLButtonElement>(null)

  // The dialog was open before (its form): focus moves here, to Copy.
  useEffect(() => copyButton.current?.focus(), [])
  // Leaving the page (a reload) would lose the secret: the browser asks first.
  useEffect(() => {
    const ask = (event: BeforeUnloadEvent) => event.preventDefault()
    window.addEventListener('beforeunload', ask)
    return () => window.removeEventListener('beforeunload', ask)
  }, [])

  const done = () => {
    if (!remember) {
      onDone()
      return
    }
    store.mutate({ keyId: keyInfo.id, secret }, { onSuccess: onDone })
  }

  return (
    <Stack gap="md">
      <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title={en.secret.warningTitle}>
        {en.secret.warning}
      </Alert>
      {/* The field takes the dialog's width, so a revealed secret shows whole; Copy comes under it. */}
      <Stack gap="xs" align="flex-start">
        <PasswordInput
          label={en.secret.secretLabel}
          value={secret}
          readOnly
          w="100%"
          styles={{ innerInput: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          data-testid="secret-input"
          visibilityToggleButtonProps={revealToggle(en.secret.reveal, 'reveal-secret')}
          // Not selected on focus: on Linux a selection is the X PRIMARY
          // selection, which would keep the secret after the dialog closes.
          // Copy is the way to take it.
          onFocus={(e) => e.currentTarget.setSelectionRange(0, 0)}
        />
        <CopyButton value={secret} timeout={2000}>
          {({ copied, copy }) => (
            <Button
              ref={copyButton}
              // Enter copies; nothing closes the dialog by accident before that.
              data-autofocus
              data-testid="copy-secret"
              variant={copied ? 'light' : 'filled'}
              color={copied ? 'teal' : undefined}
              leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              onClick={copy}
              // As wide as "Copied" in the desktop's fonts too: it does not
              // change size when it turns.
              miw={124}
            >
              {copied ? en.secret.copied : en.secret.copy}
            </Button>
          )}
        </CopyButton>
      </Stack>
      <KeySummary keyInfo={keyInfo} withExpiry />
      {children}
      <Checkbox
        label={en.secret.remember}
        description={
          settings && !settings.keychainPersistent
            ? `${en.secret.rememberDescription('')} ${en.secret.rememberNotPersistent}`
            : en.secret.rememberDescription(settings?.keychainLabel ?? '')
        }
        checked={remember}
        onChange={(e) => {
          setRemember(e.currentTarget.checked)
          store.reset()
        }}
        data-testid="remember-checkbox"
      />
      {store.isError && (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={en.secret.rememberFailed}>
          {errorMessage(store.error)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button onClick={done} loading={store.isPending} data-testid="secret-done">
          {en.secret.done}
        </Button>
      </Group>
    </Stack>
  )
}
