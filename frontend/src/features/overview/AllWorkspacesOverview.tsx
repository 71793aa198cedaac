import { Stack, Text, Title } from '@mantine/core'
import { en } from '../../i18n/en'
import { OverviewPanel } from './OverviewPanel'

interface AllWorkspacesOverviewProps {
  onOpenKey: (workspaceId: string, keyId: string) => void
  onOpenWorkspace: (workspaceId: string) => void
}

/** The dashboard of every workspace, from the sidebar's Overview entry. */
export function AllWorkspacesOverview({ onOpenKey, onOpenWorkspace }: AllWorkspacesOverviewProps) {
  return (
    <Stack gap="md" maw={1600} w="100%" style={{ flex: 1, minHeight: 0 }}>
      <Stack gap={2}>
        <Title order={2} size="h3" data-testid="overview-title">
          {en.overview.allWorkspaces}
        </Title>
        <Text size="sm" c="dimmed">
          {en.overview.allSubtitle}
        </Text>
      </Stack>
      <OverviewPanel workspaceId="" onOpenKey={onOpenKey} onOpenWorkspace={onOpenWorkspace} />
    </Stack>
  )
}
