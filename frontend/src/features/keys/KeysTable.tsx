import { ActionIcon, Center, Group, Table, Text, Tooltip, UnstyledButton, VisuallyHidden } from '@mantine/core'
import { IconChevronDown, IconChevronUp, IconSelector, IconTrash } from '@tabler/icons-react'
import {
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
  type Header,
} from '@tanstack/react-table'
import { useMemo } from 'react'
import type { Key } from '../../api'
import { en } from '../../i18n/en'
import { formatDate, formatDateTime, formatRelative, formatRelativeOrNever } from '../../lib/time'
import { useNow } from '../../lib/useNow'
import { KeyStatusBadge } from './KeyStatusBadge'

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
})
type Features = typeof features

const helper = createColumnHelper<Features, Key>()

const DAY = 24 * 60 * 60 * 1000

function time(iso: string | undefined, absent: number): number {
  if (!iso) return absent
  const t = Date.parse(iso)
  return Number.isNaN(t) ? absent : t
}

function Mono({ children }: { children: string }) {
  return (
    <Text span ff="monospace" size="sm" style={{ whiteSpace: 'nowrap' }}>
      {children}
    </Text>
  )
}

function buildColumns(now: number, onDelete: (key: Key) => void) {
  return helper.columns([
    helper.accessor('name', {
      header: en.keys.columns.name,
      sortFn: 'alphanumeric',
      sortDescFirst: false,
      cell: (info) => (
        <Text size="sm" fw={500} lineClamp={2} miw={140} title={info.getValue()} style={{ wordBreak: 'break-word' }}>
          {info.getValue()}
        </Text>
      ),
    }),
    helper.accessor('id', {
      header: en.keys.columns.id,
      sortFn: 'alphanumeric',
      sortDescFirst: false,
      cell: (info) => <Mono>{info.getValue()}</Mono>,
    }),
    helper.accessor('maskedKey', {
      header: en.keys.columns.key,
      enableSorting: false,
      cell: (info) => <Mono>{info.getValue()}</Mono>,
    }),
    helper.accessor('status', {
      header: en.keys.columns.status,
      sortFn: 'alphanumeric',
      sortDescFirst: false,
      cell: (info) => <KeyStatusBadge status={info.getValue()} />,
    }),
    helper.accessor('role', {
      header: en.keys.columns.role,
      sortFn: 'alphanumeric',
      sortDescFirst: false,
      cell: (info) => (
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {en.keys.roles[info.getValue()] ?? info.getValue()}
        </Text>
      ),
    }),
    helper.accessor((key) => time(key.createdAt, 0), {
      id: 'createdAt',
      header: en.keys.columns.created,
      sortFn: 'basic',
      cell: ({ row }) => (
        <Tooltip label={row.original.createdAt}>
          <Text span size="sm" style={{ whiteSpace: 'nowrap' }}>
            {formatDate(row.original.createdAt)}
          </Text>
        </Tooltip>
      ),
    }),
    // "Never" sorts after every date.
    helper.accessor((key) => time(key.expiresAt, Number.POSITIVE_INFINITY), {
      id: 'expiresAt',
      header: en.keys.columns.expires,
      sortFn: 'basic',
      sortDescFirst: false,
      cell: ({ row, getValue }) => {
        const expiresAt = row.original.expiresAt
        if (!expiresAt) {
          return (
            <Text span size="sm" c="dimmed">
              {en.keys.never}
            </Text>
          )
        }
        const left = getValue() - now
        const color = left <= 0 ? 'red' : left <= 7 * DAY ? 'orange' : undefined
        return (
          <Tooltip label={formatDateTime(expiresAt)}>
            <Text span size="sm" c={color} style={{ whiteSpace: 'nowrap' }}>
              {formatRelative(expiresAt, now)}
            </Text>
          </Tooltip>
        )
      },
    }),
    // "Never used" sorts before every date.
    helper.accessor((key) => time(key.lastUsedAt, Number.NEGATIVE_INFINITY), {
      id: 'lastUsedAt',
      header: en.keys.columns.lastUsed,
      sortFn: 'basic',
      cell: ({ row }) => {
        const lastUsedAt = row.original.lastUsedAt
        const text = (
          <Text span size="sm" c={lastUsedAt ? undefined : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
            {formatRelativeOrNever(lastUsedAt, now)}
          </Text>
        )
        return lastUsedAt ? <Tooltip label={formatDateTime(lastUsedAt)}>{text}</Tooltip> : text
      },
    }),
    helper.display({
      id: 'actions',
      header: () => <VisuallyHidden>{en.keys.columns.actions}</VisuallyHidden>,
      cell: ({ row }) => (
        <Group justify="flex-end" wrap="nowrap">
          <Tooltip label={en.keys.deleteAction}>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={en.keys.deleteLabel(row.original.name)}
              data-testid="delete-key"
              onClick={() => onDelete(row.original)}
            >
              <IconTrash size={16} stroke={1.6} />
            </ActionIcon>
          </Tooltip>
        </Group>
      ),
    }),
  ])
}

function SortableHeader({ header }: { header: Header<Features, Key, unknown> }) {
  const sorted = header.column.getIsSorted()
  const Icon = sorted === 'asc' ? IconChevronUp : sorted === 'desc' ? IconChevronDown : IconSelector
  return (
    <UnstyledButton onClick={header.column.getToggleSortingHandler()} style={{ whiteSpace: 'nowrap' }}>
      <Group gap={4} wrap="nowrap">
        <Text span size="sm" fw={600}>
          {header.column.columnDef.header as string}
        </Text>
        <Center c={sorted ? undefined : 'dimmed'}>
          <Icon size={14} stroke={1.8} />
        </Center>
      </Group>
    </UnstyledButton>
  )
}

interface KeysTableProps {
  keys: Key[]
  /** Must be stable (a state setter or useCallback). */
  onDelete: (key: Key) => void
}

export function KeysTable({ keys, onDelete }: KeysTableProps) {
  const now = useNow()
  const columns = useMemo(() => buildColumns(now, onDelete), [now, onDelete])

  const table = useTable({
    features,
    columns,
    data: keys,
    getRowId: (key) => key.id,
    initialState: { sorting: [{ id: 'createdAt', desc: true }] },
  })

  return (
    <Table.ScrollContainer minWidth={940}>
      <Table verticalSpacing="sm" horizontalSpacing="sm" highlightOnHover data-testid="keys-table">
        <Table.Thead>
          {table.getHeaderGroups().map((group) => (
            <Table.Tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted()
                return (
                  <Table.Th
                    key={header.id}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                  >
                    {header.isPlaceholder ? null : header.column.getCanSort() ? (
                      <SortableHeader header={header} />
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </Table.Th>
                )
              })}
            </Table.Tr>
          ))}
        </Table.Thead>
        <Table.Tbody>
          {table.getRowModel().rows.map((row) => (
            <Table.Tr key={row.id} data-testid="key-row" data-key-id={row.original.id}>
              {row.getAllCells().map((cell) => (
                <Table.Td key={cell.id}>
                  <table.FlexRender cell={cell} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
