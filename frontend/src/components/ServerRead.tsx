import { Alert, Skeleton, Stack, Text } from '@mantine/core'
import { IconClockHour4 } from '@tabler/icons-react'
import { en } from '../i18n/en'
import { useWaitedLong } from '../lib/useWaitedLong'

/**
 * What a panel that reads from a workspace's server shows while it waits:
 * grey rows, then, after a few seconds, that it is still waiting for that
 * server (a hung one takes until the backend gives up).
 */
export function ServerLoading({ server, rows, h = 28 }: { server: string; rows: number; h?: number }) {
  return (
    <Stack gap="xs" aria-busy>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} h={h} />
      ))}
      <StillWaiting server={server} waiting />
    </Stack>
  )
}

/** After a few seconds of `waiting`: that it is still waiting for the server. */
export function StillWaiting({ server, waiting }: { server: string; waiting: boolean }) {
  const long = useWaitedLong(waiting)
  if (!long) return null
  return (
    <Alert color="gray" variant="light" icon={<IconClockHour4 size={18} />} role="status" data-testid="still-waiting">
      <Text size="sm">{en.serverRead.stillWaiting(server)}</Text>
      <Text size="xs" c="dimmed">
        {en.serverRead.stillWaitingHint}
      </Text>
    </Alert>
  )
}
