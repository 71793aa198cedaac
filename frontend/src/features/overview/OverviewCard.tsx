import { Paper, Stack, Table, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'

interface OverviewCardProps {
  title: string
  subtitle?: ReactNode
  children: ReactNode
  'data-testid'?: string
}

/** A framed part of the overview with its title; tables inside run to its edges. */
export function OverviewCard({ title, subtitle, children, ...props }: OverviewCardProps) {
  return (
    <Paper withBorder radius="md" {...props}>
      <Stack gap={0} px="md" pt="sm" pb="xs">
        <Title order={3} size="h5">
          {title}
        </Title>
        {subtitle && (
          <Text size="sm" c="dimmed" component="div">
            {subtitle}
          </Text>
        )}
      </Stack>
      {children}
    </Paper>
  )
}

/** A table of an overview card, scrolling sideways in a narrow window. */
export function CardTable({ children }: { children: ReactNode }) {
  return (
    <Table.ScrollContainer minWidth={560} type="native">
      <Table verticalSpacing={8} horizontalSpacing="md" highlightOnHover>
        {children}
      </Table>
    </Table.ScrollContainer>
  )
}
