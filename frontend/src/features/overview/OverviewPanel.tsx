import { Skeleton, Stack } from '@mantine/core'
import { LoadFailed } from '../../components/LoadFailed'
import { en } from '../../i18n/en'
import { ExpiringChart } from './ExpiringChart'
import { StalestKeys } from './StalestKeys'
import { StatCards } from './StatCards'
import { useOverview } from './useOverview'
import { WorkspaceCountsTable } from './WorkspaceCountsTable'

interface OverviewPanelProps {
  /** "" for every workspace. */
  workspaceId: string
  onOpenKey: (workspaceId: string, keyId: string) => void
  /** All workspaces only: a workspace's row opens its own overview. */
  onOpenWorkspace?: (workspaceId: string) => void
}

/** Counts by status, the keys expiring in the next 13 weeks and the stalest keys. */
export function OverviewPanel({ workspaceId, onOpenKey, onOpenWorkspace }: OverviewPanelProps) {
  const { data, isPending, isError, error, refetch } = useOverview(workspaceId)
  const all = workspaceId === ''

  if (isPending) {
    return (
      <Stack gap="md" aria-label={en.overview.loading}>
        <Skeleton h={96} />
        <Skeleton h={280} />
      </Stack>
    )
  }
  if (isError) return <LoadFailed title={en.overview.loadFailed} error={error} onRetry={() => void refetch()} />
  return (
    // The page scrolls here, under the fixed header and tabs.
    // Room on the right for the scrollbar: WebKitGTK draws it over the content, on the cards' edge.
    <Stack gap="md" pb="md" pr={10} style={{ flex: 1, minHeight: 0, overflowY: 'auto' }} data-testid="overview">
      <StatCards counts={data.counts} />
      <ExpiringChart weeks={data.expiring} />
      <StalestKeys keys={data.stalest} showWorkspace={all} onOpenKey={onOpenKey} />
      {all && onOpenWorkspace && data.workspaces.length > 0 && (
        <WorkspaceCountsTable workspaces={data.workspaces} onOpenWorkspace={onOpenWorkspace} />
      )}
    </Stack>
  )
}
