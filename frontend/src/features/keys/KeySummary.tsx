import { Badge, Group, Paper, Stack, Text } from '@mantine/core'
import type { Key } from '../../api'
import { en } from '../../i18n/en'

/** The key a dialog is about: name, id and masked key. */
export function KeySummary({ keyInfo, 'data-testid': testId }: { keyInfo: Key; 'data-testid'?: string }) {
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
        </Stack>
        <Badge variant="default" radius="sm" style={{ flexShrink: 0 }}>
          {en.keys.roles[keyInfo.role] ?? keyInfo.role}
        </Badge>
      </Group>
    </Paper>
  )
}
