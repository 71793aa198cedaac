import { Badge, Group, Paper, Stack, Text } from '@mantine/core'
import type { Key } from '../../api'
import { en } from '../../i18n/en'
import { formatDate } from '../../lib/time'

interface KeySummaryProps {
  keyInfo: Key
  /** Say when it expires too (a key whose secret was just made). */
  withExpiry?: boolean
  'data-testid'?: string
}

/** The key a dialog is about: name, id and masked key. */
export function KeySummary({ keyInfo, withExpiry, 'data-testid': testId }: KeySummaryProps) {
  return (
    <Paper withBorder radius="md" p="sm" data-testid={testId}>
      <Group justify="space-between" wrap="nowrap">
        <Stack gap={2} miw={0}>
          <Text size="sm" fw={600} truncate>
            {keyInfo.name}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {keyInfo.id} · {keyInfo.maskedKey}
          </Text>
          {withExpiry && (
            <Text size="xs" c="dimmed" data-testid="key-summary-expiry">
              {keyInfo.expiresAt ? en.keys.expiresOn(formatDate(keyInfo.expiresAt)) : en.keys.neverExpires}
            </Text>
          )}
        </Stack>
        <Badge variant="default" radius="sm" style={{ flexShrink: 0 }}>
          {en.keys.roles[keyInfo.role] ?? keyInfo.role}
        </Badge>
      </Group>
    </Paper>
  )
}
