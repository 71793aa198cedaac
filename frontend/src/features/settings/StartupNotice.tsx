import { Alert, Button, Group, Text } from '@mantine/core'
import { IconAlertTriangle, IconLock, IconLockOpen } from '@tabler/icons-react'
import { useState } from 'react'
import { MountOnOpen } from '../../components/MountOnOpen'
import { pageStorage } from '../keys/columns'
import { en } from '../../i18n/en'
import { UnlockSecretsModal } from './UnlockSecrets'
import { useSettings } from './useSettings'

/**
 * Where a closed notice is remembered: the window's sessionStorage, so a
 * reload of the page does not bring back what the user closed, and the next
 * start of Keydesk says it again if it still holds.
 */
const CLOSED_KEY = 'keydesk.startupNoticeClosed'

function closedText(): string | null {
  try {
    return pageStorage(window, 'sessionStorage')?.getItem(CLOSED_KEY) ?? null
  } catch {
    return null // storage off: the notice comes back with a reload
  }
}

function rememberClosed(text: string) {
  try {
    pageStorage(window, 'sessionStorage')?.setItem(CLOSED_KEY, text)
  } catch {
    // as above
  }
}

/**
 * What went wrong while Keydesk started and was mended or worked around: a
 * corrupt cache rebuilt from the servers, a keychain that cannot be used.
 * Shown at the top until closed (a different message shows again); Settings
 * keeps saying it. Secrets locked in the encrypted file stay announced, with
 * Unlock, until unlocked.
 */
export function StartupNotice() {
  const { data } = useSettings()
  const [closed, setClosed] = useState<string | null>(closedText)
  const [unlocking, setUnlocking] = useState(false)
  const locked = !!data?.keychainLocked
  const messages = [
    data?.cacheRebuilt,
    !locked && data?.keychainProblem && en.settings.keychainProblem(data.keychainProblem),
  ].filter((m): m is string => !!m)
  // Locked secrets ask for the passphrase until it is given: not closable.
  const lockedNotice = locked && (
    <Alert color="orange" variant="light" icon={<IconLock size={18} />} mb="md" data-testid="keychain-locked-notice">
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Text size="sm">{en.settings.lockedNotice}</Text>
        <Button size="xs" leftSection={<IconLockOpen size={14} />} onClick={() => setUnlocking(true)} style={{ flexShrink: 0 }} data-testid="keychain-unlock">
          {en.workspaces.unlock}
        </Button>
      </Group>
      <MountOnOpen opened={unlocking}>
        <UnlockSecretsModal opened={unlocking} onClose={() => setUnlocking(false)} />
      </MountOnOpen>
    </Alert>
  )
  const text = messages.join('\n')
  if (closed === text || messages.length === 0) return lockedNotice || null
  return (
    <>
      {lockedNotice}
      <Alert
        color="orange"
        variant="light"
        icon={<IconAlertTriangle size={18} />}
        withCloseButton
        closeButtonLabel="Close"
        onClose={() => {
          rememberClosed(text)
          setClosed(text)
        }}
        // In line with the page below it, above it by the same gap as its parts.
        mb="md"
        data-testid="startup-notice"
      >
        {messages.map((m) => (
          <div key={m}>{m}</div>
        ))}
      </Alert>
    </>
  )
}
