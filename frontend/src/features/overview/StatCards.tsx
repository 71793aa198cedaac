import { Group, Paper, SimpleGrid, Text, ThemeIcon } from '@mantine/core'
import { IconCircleCheck, IconClockX, IconKey, IconPlayerPause, IconRotateClockwise2 } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import type { StatusCounts } from '../../api'
import { en } from '../../i18n/en'

const CARDS: { status: keyof StatusCounts; color: string; icon: ReactNode }[] = [
  { status: 'total', color: 'blue', icon: <IconKey size={18} /> },
  { status: 'active', color: 'teal', icon: <IconCircleCheck size={18} /> },
  { status: 'rotating', color: 'indigo', icon: <IconRotateClockwise2 size={18} /> },
  { status: 'inactive', color: 'gray', icon: <IconPlayerPause size={18} /> },
  { status: 'expired', color: 'red', icon: <IconClockX size={18} /> },
]

/** One card per status with its number of keys. */
export function StatCards({ counts }: { counts: StatusCounts }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} spacing="md">
      {CARDS.map(({ status, color, icon }) => (
        <Paper key={status} withBorder radius="md" p="md" data-testid={`overview-count-${status}`}>
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Text size="sm" c="dimmed" fw={500}>
              {en.overview.counts[status]}
            </Text>
            <ThemeIcon variant="light" color={color} radius="md" size="md">
              {icon}
            </ThemeIcon>
          </Group>
          <Text fz={28} fw={700} lh={1.2} data-testid="overview-count-value">
            {counts[status].toLocaleString('en-US')}
          </Text>
          <Text size="xs" c="dimmed">
            {en.overview.countHints[status]}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  )
}
