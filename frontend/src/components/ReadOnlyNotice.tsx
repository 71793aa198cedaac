import { Group, Text } from '@mantine/core'
import { IconLock } from '@tabler/icons-react'
import { en } from '../i18n/en'

/** Says why nothing here can be changed: the workspace's access key is a member key. */
export function ReadOnlyNotice() {
  return (
    <Group gap={6} wrap="nowrap" data-testid="read-only-notice">
      <IconLock size={14} color="var(--mantine-color-dimmed)" style={{ flexShrink: 0 }} />
      <Text size="sm" c="dimmed">
        {en.readOnly.reason}
      </Text>
    </Group>
  )
}
