import { Badge, Stack, Text, Tooltip } from '@mantine/core'
import type { Key } from '../../api'
import { en } from '../../i18n/en'
import { formatDateTime, formatRelative } from '../../lib/time'
import { rotatingLabel } from './rotation'
import { STATUS_COLORS } from './statusColors'

/** `successor`: the new key of a rotation under way (newKeysOfRotations). */
export function KeyStatusBadge({ keyInfo, now, successor = false }: { keyInfo: Key; now: number; successor?: boolean }) {
  // A rotating key is active until its overlap ends; say when that is.
  if (keyInfo.rotating) {
    const revokes = keyInfo.autoRevoke && keyInfo.revokesAt
    const short = revokes ? en.keys.rotatingShort(formatRelative(keyInfo.revokesAt!, now)) : en.keys.rotatingKeptShort
    return (
      <Tooltip label={revokes ? formatDateTime(keyInfo.revokesAt!) : rotatingLabel(keyInfo, now)}>
        <Stack gap={2} align="flex-start" aria-label={rotatingLabel(keyInfo, now)}>
          <Badge color={STATUS_COLORS.rotating} variant="light" radius="sm" miw="max-content" data-testid="key-status" data-status="rotating">
            {en.keys.status.rotating}
          </Badge>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid="key-rotation">
            {short}
          </Text>
        </Stack>
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
  if (!successor) return badge
  return (
    <Stack gap={2} align="flex-start">
      {badge}
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid="key-successor">
        {en.keys.newOfRotation}
      </Text>
    </Stack>
  )
}
