import { Group, Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { ReadOnlyNotice } from './ReadOnlyNotice'

interface PanelHeaderProps {
  title: string
  /** What the panel is for; a member reads why it is read-only instead. */
  subtitle: string
  canManage: boolean
  /** The panel's buttons, at the right. */
  children?: ReactNode
}

/** The top row of a workspace panel (keys, profiles). */
export function PanelHeader({ title, subtitle, canManage, children }: PanelHeaderProps) {
  return (
    // In a narrow window the buttons go under the title rather than squeeze it.
    <Group justify="space-between" align="center" px="md" py="sm" wrap="wrap" style={{ rowGap: 'var(--mantine-spacing-xs)' }}>
      <Stack gap={0} miw={0} style={{ flex: '1 1 16rem' }}>
        <Title order={3} size="h5">
          {title}
        </Title>
        {canManage ? (
          // One line, so the header keeps its height when a button appears
          // beside it (Clean up, once the counts are in).
          <Text size="sm" c="dimmed" truncate="end" data-full-text={subtitle}>
            {subtitle}
          </Text>
        ) : (
          <ReadOnlyNotice />
        )}
      </Stack>
      <Group gap="sm" wrap="nowrap">
        {children}
      </Group>
    </Group>
  )
}
