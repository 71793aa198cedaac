import { Anchor, Group, Table } from '@mantine/core'
import type { StatusCounts, WorkspaceCounts } from '../../api'
import { en } from '../../i18n/en'
import { StatusDot } from '../workspaces/StatusDot'
import { CardTable, OverviewCard } from './OverviewCard'

const COLUMNS: (keyof StatusCounts)[] = ['total', 'active', 'rotating', 'inactive', 'expired']
const o = en.overview

interface WorkspaceCountsTableProps {
  workspaces: WorkspaceCounts[]
  onOpenWorkspace: (workspaceId: string) => void
}

/** Each workspace's counts by status, for the all-workspaces overview. */
export function WorkspaceCountsTable({ workspaces, onOpenWorkspace }: WorkspaceCountsTableProps) {
  return (
    <OverviewCard title={o.byWorkspace} data-testid="overview-workspaces">
      <CardTable>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{o.columns.workspace}</Table.Th>
            {COLUMNS.map((c) => (
              <Table.Th key={c} ta="right">
                {o.counts[c]}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {workspaces.map((w) => (
            <Table.Tr key={w.workspaceId} data-testid="overview-workspace-row">
              <Table.Td>
                <Group gap={8} wrap="nowrap">
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    fw={500}
                    onClick={() => onOpenWorkspace(w.workspaceId)}
                    aria-label={o.openWorkspace(w.workspaceName)}
                  >
                    {w.workspaceName}
                  </Anchor>
                  <StatusDot workspace={w} />
                </Group>
              </Table.Td>
              {COLUMNS.map((c) => (
                <Table.Td key={c} ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {w.counts[c].toLocaleString('en-US')}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </CardTable>
    </OverviewCard>
  )
}
