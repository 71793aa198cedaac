import { EmptyState, Skeleton, Stack } from '@mantine/core'
import type { ReactNode } from 'react'

/** Grey rows while a panel's list loads. */
export function PanelLoading({ label, rows }: { label: string; rows: number }) {
  return (
    <Stack gap="sm" p="md" aria-label={label}>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} h={28} />
      ))}
    </Stack>
  )
}

interface PanelEmptyProps {
  icon: ReactNode
  title: string
  description: string
  /** What to do about it: usually the create button. */
  action: ReactNode
  'data-testid'?: string
}

/** A panel's list with nothing in it yet. */
export function PanelEmpty({ icon, title, description, action, ...props }: PanelEmptyProps) {
  return (
    <EmptyState py={56} px="md" variant="light" icon={icon} title={title} description={description} {...props}>
      <EmptyState.Actions>{action}</EmptyState.Actions>
    </EmptyState>
  )
}
