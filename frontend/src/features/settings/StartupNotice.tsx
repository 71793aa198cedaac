import { Alert } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useState } from 'react'
import { en } from '../../i18n/en'
import { useSettings } from './useSettings'

/**
 * What went wrong while Keydesk started and was mended or worked around: a
 * corrupt cache rebuilt from the servers, a keychain that cannot be used.
 * Shown once at the top until closed; Settings keeps saying it.
 */
export function StartupNotice() {
  const { data } = useSettings()
  const [closed, setClosed] = useState(false)
  const messages = [data?.cacheRebuilt, data?.keychainProblem && en.settings.keychainProblem(data.keychainProblem)].filter(
    (m): m is string => !!m,
  )
  if (closed || messages.length === 0) return null
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      withCloseButton
      closeButtonLabel="Close"
      onClose={() => setClosed(true)}
      m="md"
      mb={0}
      data-testid="startup-notice"
    >
      {messages.map((m) => (
        <div key={m}>{m}</div>
      ))}
    </Alert>
  )
}
