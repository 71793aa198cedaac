import { Anchor, Code, Table, Text } from '@mantine/core'
import type { StaleKey } from '../../api'
import { en } from '../../i18n/en'
import { formatDate } from '../../lib/time'
import { CardTable, OverviewCard } from './OverviewCard'

interface StalestKeysProps {
  keys: StaleKey[]
  /** All workspaces: each key says where it lives. */
  showWorkspace: boolean
  onOpenKey: (workspaceId: string, keyId: string) => void
}

const o = en.overview

/** The active keys unused a week or more, the longest first, each a link to it in its workspace. */
export function StalestKeys({ keys, showWorkspace, onOpenKey }: StalestKeysProps) {
  return (
    <OverviewCard title={o.stalestTitle} subtitle={o.stalestSubtitle} data-testid="overview-stalest">
      {keys.length === 0 ? (
        <Text size="sm" c="dimmed" px="md" pb="md">
          {o.stalestEmpty}
        </Text>
      ) : (
        <CardTable>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{o.columns.name}</Table.Th>
              {showWorkspace && <Table.Th>{o.columns.workspace}</Table.Th>}
              <Table.Th>{o.columns.key}</Table.Th>
              <Table.Th>{o.columns.idle}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.map(({ workspaceId, workspaceName, key, idleSince, idleDays }) => (
              <Table.Tr key={`${workspaceId}/${key.id}`} data-testid="stale-key" data-key-id={key.id}>
                <Table.Td>
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    fw={500}
                    ta="left"
                    onClick={() => onOpenKey(workspaceId, key.id)}
                    aria-label={o.openKey(key.name, workspaceName)}
                    data-testid="stale-key-open"
                  >
                    {key.name}
                  </Anchor>
                </Table.Td>
                {showWorkspace && (
                  <Table.Td>
                    <Text size="sm">{workspaceName}</Text>
                  </Table.Td>
                )}
                <Table.Td>
                  <Code>{key.maskedKey}</Code>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500} span data-testid="stale-key-idle">
                    {o.idleDays(idleDays)}
                  </Text>
                  <Text size="xs" c="dimmed" span ml={6}>
                    {key.lastUsedAt ? o.lastUsed(formatDate(idleSince)) : o.neverUsed}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </CardTable>
      )}
    </OverviewCard>
  )
}
