import { Badge, Stack, Text, Tooltip } from '@mantine/core'
import type { ReactNode } from 'react'
import type { Key } from '../../api'
import { en } from '../../i18n/en'
import { formatDateTime, formatRelative } from '../../lib/time'
import { rotatingLabel } from './rotation'
import { STATUS_COLORS } from './statusColors'

/** A status badge with a short line under it, on the rotation under way. */
function WithNote({ badge, note, testId, label }: { badge: ReactNode; note: string; testId: string; label?: string }) {
  return (
    <Stack gap={2} align="flex-start" aria-label={label}>
      {badge}
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid={testId}>
        {note}
      </Text>
    </Stack>
  )
}

/** `successor`: the new key of a rotation under way (newKeysOfRotations). */
export function KeyStatusBadge({ keyInfo, now, successor = false }: { keyInfo: Key; now: number; successor?: boolean }) {
  // A rotating key is active until its overlap ends; say when that is.
  if (keyInfo.rotating) {
    const revokes = keyInfo.autoRevoke && keyInfo.revokesAt
    const short = revokes ? en.keys.rotatingShort(formatRelative(keyInfo.revokesAt!, now)) : en.keys.rotatingKeptShort
    return (
      <Tooltip label={revokes ? formatDateTime(keyInfo.revokesAt!) : rotatingLabel(keyInfo, now)}>
        <WithNote
          badge={
            <Badge color={STATUS_COLORS.rotating} variant="light" radius="sm" miw="max-content" data-testid="key-status" data-status="rotating">
              {en.keys.status.rotating}
            </Badge>
          }
          note={short}
          testId="key-rotation"
          label={rotatingLabel(keyInfo, now)}
        />
      </Tooltip>
    )
  }
  const status = keyInfo.status
  const badge = (
    <Badge
      color={STATUS_COLORS[status] ?? 'gray'}
      variant="light"
      radius="sm"
      miw="max-content"
      data-testid="key-status"
      data-status={status}
    >
      {en.keys.status[status] ?? status}
    </Badge>
  )
  return successor ? <WithNote badge={badge} note={en.keys.newOfRotation} testId="key-successor" /> : badge
}
