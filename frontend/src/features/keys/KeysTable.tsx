import { Center, Group, Stack, Switch, Table, Text, Tooltip, UnstyledButton, VisuallyHidden } from '@mantine/core'
import { IconChevronDown, IconChevronUp, IconKey, IconSelector } from '@tabler/icons-react'
import { createColumnHelper, FlexRender, useTable, type Header, type OnChangeFn, type Row, type SortingState } from '@tanstack/react-table'
import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual'
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, type KeyboardEvent } from 'react'
import type { Key, Profile } from '../../api'
import { WhyDisabled } from '../../components/WhyDisabled'
import { en } from '../../i18n/en'
import { formatDate, formatDateTime, formatRelative, formatRelativeOrNever, toMillis } from '../../lib/time'
import { useNow } from '../../lib/useNow'
import { availability, type KeyAction } from './actions'
import { expiresSoon } from './expiry'
import { isFiltered, type KeyFilterState } from './filters'
import { KeyFilters } from './KeyFilters'
import { KeyMenu } from './KeyMenu'
import { KeyStatusBadge } from './KeyStatusBadge'
import classes from './KeysTable.module.css'
import { features, foldText, matchesFilters, SORT, toKeyRow, type Features, type KeyRow, type KeyTableMeta } from './keyRows'
import { markFirstPaint, markRowsRendered, markTableInput } from './perfMarks'
import { initialScrollerHeight, OVERSCAN, ROW_HEIGHT, tableMinWidth, WIDTHS } from './tableLayout'
import { rowsCommitted } from '../../lib/paint'
import { ThisAppBadge } from './ThisAppBadge'
import type { KeyColumn } from './columns'
import { ColumnsMenu } from './ColumnsMenu'
import { fitColumnsToWindow, setHiddenColumns, useHiddenColumns } from './useHiddenColumns'
import { revealFocused } from './revealFocused'
import { DEFAULT_SORTING } from './tableView'
import { endOf, endTitle, newKeysOfRotations } from './rotation'

const helper = createColumnHelper<Features, KeyRow>()

/**
 * The scroller's size, or the window's while it has none (not laid out yet,
 * or a test DOM without layout): better a screenful of rows than none.
 */
const observeScrollerRect: typeof observeElementRect = (instance, cb) =>
  observeElementRect(instance, (rect) =>
    cb(rect.height > 0 ? rect : { width: rect.width || window.innerWidth, height: window.innerHeight }),
  )

const estimateSize = () => ROW_HEIGHT

const initialScrollerRect = () =>
  typeof window === 'undefined' ? undefined : { width: window.innerWidth, height: initialScrollerHeight(window.innerHeight) }

// The cells are plain elements with the look of Mantine's Text and Group
// (classes.text, classes.group): a sort mounts a screenful of new rows, and
// in the desktop's JavaScriptCore the Mantine components took 35 of the 50 ms
// that rendering them cost.

/** Class names, the false ones left out. */
const cx = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(' ')

function Mono({ children, dimmed }: { children: string; dimmed?: boolean }) {
  return <span className={cx(classes.text, classes.mono, dimmed && classes.dimmed)}>{children}</span>
}

/** The name stays at the left edge and the menu at the right while the table scrolls sideways. */
function stickyClass(columnId: string): string | undefined {
  if (columnId === 'name') return classes.stickyStart
  if (columnId === 'actions') return classes.stickyEnd
  return undefined
}

/** Stops a click on a control inside a row from opening the row's details. */
const stop = (e: { stopPropagation: () => void }) => e.stopPropagation()
/**
 * Keys pressed on a cell's own control (the switch, the ⋯ button) are not
 * the row's (Enter opens its details); a shortcut with Ctrl, Alt or ⌘
 * (Ctrl K) still reaches the page.
 */
const stopKeys = (e: KeyboardEvent<HTMLElement>) => {
  if (!e.ctrlKey && !e.metaKey && !e.altKey) e.stopPropagation()
}

/** The table's meta: the time and what the user may do (KeyTableMeta). */
const metaOf = (table: { options: { meta?: KeyTableMeta } }): KeyTableMeta => table.options.meta!

/** The columns, made once: what changes (the time, the user's rights) comes as the table's meta. */
const COLUMNS = buildColumns()

function buildColumns() {
  return helper.columns([
    helper.accessor('name', {
      header: en.keys.columns.name,
      sortFn: SORT.name,
      sortUndefined: false,
      sortDescFirst: false,
      cell: ({ row, getValue }) => (
        <div className={classes.group}>
          <p className={cx(classes.text, classes.name, classes.truncate)} data-full-text={getValue()}>
            {getValue()}
          </p>
          {row.original.own && <ThisAppBadge />}
        </div>
      ),
    }),
    helper.accessor('maskedKey', {
      header: en.keys.columns.key,
      sortFn: SORT.maskedKey,
      sortUndefined: false,
      sortDescFirst: false,
      cell: ({ row, getValue }) => (
        <div className={classes.group}>
          <Mono>{getValue()}</Mono>
          {row.original.remembered && (
            <Tooltip label={en.keys.remembered}>
              <Center c="teal" aria-label={en.keys.remembered} role="img" data-testid="key-remembered">
                <IconKey size={14} stroke={1.8} />
              </Center>
            </Tooltip>
          )}
        </div>
      ),
    }),
    // Rotating keys sort next to the active ones.
    helper.accessor((key) => (key.rotating ? 'active rotating' : key.status), {
      id: 'status',
      header: en.keys.columns.status,
      sortFn: SORT.status,
      sortUndefined: false,
      sortDescFirst: false,
      cell: ({ row, table }) => (
        <KeyStatusBadge keyInfo={row.original} now={metaOf(table).now} successor={metaOf(table).successors.has(row.original.id)} />
      ),
    }),
    // "Never" sorts after every date.
    helper.accessor((key) => toMillis(endOf(key).at, Number.POSITIVE_INFINITY), {
      id: 'expiresAt',
      header: en.keys.columns.expires,
      sortFn: SORT.expiresAt,
      sortUndefined: false,
      sortDescFirst: false,
      cell: ({ row, table }) => {
        const { now } = metaOf(table)
        // The old key of a rotation stops with its overlap, as planned: not marked as expiring soon.
        const end = endOf(row.original)
        if (!end.at) return <span className={cx(classes.text, classes.dimmed)}>{en.keys.never}</span>
        const soon = !end.byRotation && expiresSoon(end.at, now)
        return (
          <span className={cx(classes.text, soon && classes.soon)} title={endTitle(row.original)} data-soon={soon || undefined}>
            {formatRelative(end.at, now)}
          </span>
        )
      },
    }),
    // "Never used" sorts before every date.
    helper.accessor((key) => toMillis(key.lastUsedAt, Number.NEGATIVE_INFINITY), {
      id: 'lastUsedAt',
      header: en.keys.columns.lastUsed,
      sortFn: SORT.lastUsedAt,
      sortUndefined: false,
      cell: ({ row, table }) => {
        const { now } = metaOf(table)
        const lastUsedAt = row.original.lastUsedAt
        return (
          <span
            className={cx(classes.text, !lastUsedAt && classes.dimmed)}
            title={lastUsedAt ? formatDateTime(lastUsedAt) : undefined}
          >
            {formatRelativeOrNever(lastUsedAt, now)}
          </span>
        )
      },
    }),
    helper.accessor('enabled', {
      header: en.keys.columns.enabled,
      sortFn: SORT.enabled,
      sortUndefined: false,
      cell: ({ row, table }) => {
        const { canManage, blockedReason, onToggle } = metaOf(table)
        const key = row.original
        const { disabledReason } = availability('toggle', key, canManage, blockedReason)
        return (
          <WhyDisabled reason={disabledReason} position="left">
            <div onClick={stop} onKeyDown={stopKeys} style={{ display: 'flex' }}>
              <Switch
                size="sm"
                checked={key.enabled}
                disabled={disabledReason !== undefined}
                onChange={(e) => onToggle(key, e.currentTarget.checked)}
                aria-label={en.keys.enable(key.name)}
                data-testid="key-enabled-switch"
              />
            </div>
          </WhyDisabled>
        )
      },
    }),
    helper.accessor('role', {
      header: en.keys.columns.role,
      sortFn: SORT.role,
      sortUndefined: false,
      sortDescFirst: false,
      cell: (info) => <p className={classes.text}>{en.keys.roles[info.getValue()] ?? info.getValue()}</p>,
    }),
    helper.accessor('profileName', {
      id: 'profile',
      header: en.keys.columns.profile,
      sortFn: SORT.profile,
      sortUndefined: false,
      sortDescFirst: false,
      cell: (info) =>
        info.getValue() ? (
          <p className={cx(classes.text, classes.truncate)} data-full-text={info.getValue()}>
            {info.getValue()}
          </p>
        ) : (
          <span className={cx(classes.text, classes.dimmed)}>{en.keys.noProfile}</span>
        ),
    }),
    helper.accessor('id', {
      header: en.keys.columns.id,
      sortFn: SORT.id,
      sortUndefined: false,
      sortDescFirst: false,
      cell: (info) => <Mono dimmed>{info.getValue()}</Mono>,
    }),
    helper.accessor((key) => toMillis(key.createdAt, 0), {
      id: 'createdAt',
      header: en.keys.columns.created,
      sortFn: SORT.createdAt,
      sortUndefined: false,
      // A native title for the exact time: cheap enough for every row.
      cell: ({ row }) => (
        <span className={classes.text} title={formatDateTime(row.original.createdAt)}>
          {formatDate(row.original.createdAt)}
        </span>
      ),
    }),
    helper.display({
      id: 'actions',
      header: () => <ActionsHeader />,
      cell: ({ row, table }) => (
        <div onClick={stop} onKeyDown={stopKeys} style={{ display: 'flex', justifyContent: 'center' }}>
          <KeyMenu
            keyInfo={row.original}
            canManage={metaOf(table).canManage}
            blockedReason={metaOf(table).blockedReason}
            onAction={metaOf(table).onAction}
          />
        </div>
      ),
    }),
  ])
}

/** Whether a column is on screen: the name and the row menu always are. */
function shownColumn(id: string, hidden: readonly KeyColumn[]): boolean {
  return !(hidden as readonly string[]).includes(id)
}

/** The row menus' column heading: "Actions" for screen readers, and the Columns menu. */
function ActionsHeader() {
  const { hidden, fitted } = useHiddenColumns()
  return (
    <div style={{ display: 'flex', justifyContent: 'center' }}>
      <VisuallyHidden>{en.keys.columns.actions}</VisuallyHidden>
      <ColumnsMenu hidden={hidden} fitted={fitted} onChange={setHiddenColumns} onFit={fitColumnsToWindow} />
    </div>
  )
}

/** What a screen reader says of a column's order: none for a sortable column not sorted by, nothing for the rest. */
function ariaSort(header: Header<Features, KeyRow, unknown>): 'ascending' | 'descending' | 'none' | undefined {
  if (header.isPlaceholder || !header.column.getCanSort()) return undefined
  const sorted = header.column.getIsSorted()
  return sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'
}

function SortableHeader({ header, disabled }: { header: Header<Features, KeyRow, unknown>; disabled: boolean }) {
  const sorted = header.column.getIsSorted()
  const Icon = sorted === 'asc' ? IconChevronUp : sorted === 'desc' ? IconChevronDown : IconSelector
  const toggle = header.column.getToggleSortingHandler()
  const onClick = (event: unknown) => {
    markTableInput('sort')
    toggle?.(event)
  }
  return (
    // The whole cell's width: a click anywhere in the header sorts, not only on its words.
    <UnstyledButton onClick={onClick} disabled={disabled} style={{ whiteSpace: 'nowrap', width: '100%' }}>
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

interface KeyTableRowProps {
  row: Row<Features, KeyRow>
  index: number
  highlighted: boolean
  /** Changes when the cells must render again (the time, the user's rights). */
  meta: KeyTableMeta
  hidden: readonly KeyColumn[]
  measure: (element: HTMLTableRowElement | null) => void
  onOpen: (key: Key) => void
}

/**
 * One row. Memoised: a scroll frame renders only the rows that come into
 * view, not every visible one again — that keeps 10,000 keys smooth.
 */
const KeyTableRow = memo(function KeyTableRow({ row, index, highlighted, hidden, measure, onOpen }: KeyTableRowProps) {
  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>) => {
    if (event.target === event.currentTarget && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault()
      onOpen(row.original)
    }
  }
  return (
    <Table.Tr
      ref={measure}
      data-index={index}
      data-testid="key-row"
      data-key-id={row.original.id}
      data-highlighted={highlighted || undefined}
      className={classes.row}
      tabIndex={0}
      onClick={() => onOpen(row.original)}
      onKeyDown={onKeyDown}
    >
      {row.getAllCells().map((cell) =>
        shownColumn(cell.column.id, hidden) ? (
          <Table.Td key={cell.id} className={stickyClass(cell.column.id)}>
            <FlexRender cell={cell} />
          </Table.Td>
        ) : null,
      )}
    </Table.Tr>
  )
})

interface KeysTableProps {
  keys: Key[]
  /**
   * Set while `keys` is only the top of the table: how many keys the
   * workspace has. Sorting and filtering wait for the rest.
   */
  loadingTotal?: number
  profiles: Profile[] | undefined
  canManage: boolean
  /** Why no change can reach the workspace's server now (changeBlockedReason). */
  blockedReason?: string
  filters: KeyFilterState
  onFiltersChange: (filters: KeyFilterState) => void
  sorting: SortingState
  /** Must be stable (a state setter). */
  onSortingChange: OnChangeFn<SortingState>
  /** The key to scroll to and mark (a search result). */
  highlightId?: string
  /** Must be stable (a state setter or useCallback). */
  onAction: (action: KeyAction, key: Key) => void
  /** Must be stable. */
  onToggle: (key: Key, enabled: boolean) => void
}

export function KeysTable({
  keys,
  profiles,
  canManage,
  blockedReason,
  filters,
  onFiltersChange,
  sorting,
  onSortingChange,
  highlightId,
  onAction,
  onToggle,
  loadingTotal,
}: KeysTableProps) {
  // Anew with each list: it may hold keys made after the last tick.
  const now = useNow(60_000, keys)
  const partial = loadingTotal !== undefined
  // Derived here rather than in an accessor: the table caches accessor values
  // per row, so a name that arrives after the keys would never show.
  const data = useMemo<KeyRow[]>(() => {
    const names = new Map((profiles ?? []).map((p) => [p.id, p.name]))
    return keys.map((key) => toKeyRow(key, key.profileId ? (names.get(key.profileId) ?? key.profileId) : ''))
  }, [keys, profiles])
  const successors = useMemo(() => newKeysOfRotations(keys), [keys])
  const meta = useMemo<KeyTableMeta>(
    () => ({ now, successors, canManage, blockedReason, onAction, onToggle }),
    [now, successors, canManage, blockedReason, onAction, onToggle],
  )

  const table = useTable({
    features,
    columns: COLUMNS,
    data,
    meta,
    getRowId: (key) => key.id,
    state: { sorting },
    onSortingChange,
    // What resetSorting goes back to.
    initialState: { sorting: DEFAULT_SORTING },
  })

  // The table sorts every key; the filters then pick from the sorted rows in
  // one cheap pass over precomputed text. A filter change does not sort again,
  // and a sort keeps the rows (so the memoised rows on screen stay as they are).
  const sorted = table.getRowModel().rows
  const { hidden } = useHiddenColumns()
  const idShown = shownColumn('id', hidden)
  const keyShown = shownColumn('maskedKey', hidden)
  const rows = useMemo(() => {
    const text = foldText(filters.text.trim())
    if (!isFiltered(filters)) return sorted
    const shown = { id: idShown, maskedKey: keyShown }
    return sorted.filter((row) => matchesFilters(row.original, filters, text, shown))
  }, [sorted, filters, idShown, keyShown])
  // Sorting and filtering are measured from the input to the paint (perfMarks).
  useEffect(() => {
    markRowsRendered()
    rowsCommitted()
  }, [rows])
  const changeFilters = useCallback(
    (next: KeyFilterState) => {
      markTableInput('filter')
      onFiltersChange(next)
    },
    [onFiltersChange],
  )
  const scrollRef = useRef<HTMLDivElement>(null)
  // Stable between renders: a new getItemKey makes the virtualizer measure all
  // 10,000 rows again on every scroll frame.
  const getItemKey = useCallback((index: number) => rows[index].id, [rows])
  // There is no React Compiler in this build to be confused by the
  // virtualizer's unstable functions; it is read during this render only.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    observeElementRect: observeScrollerRect,
    // The first render has rows already (the window's height, until the
    // scroller is measured): one render and layout less before they paint.
    initialRect: initialScrollerRect(),
    overscan: OVERSCAN,
  })
  const items = virtualizer.getVirtualItems()
  const paddingTop = items.length > 0 ? items[0].start : 0
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1].end : 0
  const hasRows = items.length > 0
  useLayoutEffect(() => {
    if (hasRows) markFirstPaint()
  }, [hasRows])

  // Arrows, Page Up/Down, Home and End move the focus from row to row. The
  // rows are virtual: the browser's own scrolling would unmount the focused
  // row and drop the focus on <body>, and arrows would only scroll.
  const focusRow = useCallback(
    (index: number, align: 'auto' | 'center' = 'auto') => {
      virtualizer.scrollToIndex(index, { align })
      let frames = 0
      const attempt = () => {
        const row = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${index}"]`)
        if (row) {
          row.focus({ preventScroll: true })
          // Clear of the sticky header row (the scroller's scroll-padding-top).
          row.scrollIntoView({ block: 'nearest' })
        } else if (++frames < 10) requestAnimationFrame(attempt)
      }
      requestAnimationFrame(attempt)
    },
    [virtualizer],
  )
  const onRowsKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const from = event.target as HTMLElement
    if (from.dataset.testid !== 'key-row' || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return
    const index = Number(from.dataset.index)
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / ROW_HEIGHT) - 2)
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + page, PageUp: index - page, Home: 0, End: rows.length - 1 }
    const to = moves[event.key]
    if (to === undefined) return
    event.preventDefault()
    focusRow(Math.min(rows.length - 1, Math.max(0, to)))
  }

  // Scroll a search result into view once per request, and give it the
  // focus: the search box's list is gone, and Enter then opens its details.
  const scrolledTo = useRef<string | undefined>(undefined)
  useEffect(() => {
    if (!highlightId) {
      scrolledTo.current = undefined
      return
    }
    if (scrolledTo.current === highlightId) return
    const index = rows.findIndex((row) => row.id === highlightId)
    if (index >= 0) {
      scrolledTo.current = highlightId
      focusRow(index, 'center')
    }
  }, [highlightId, rows, focusRow])

  const openDetails = useCallback((key: Key) => onAction('details', key), [onAction])

  const shownColumns = table.getAllLeafColumns().filter((column) => shownColumn(column.id, hidden))
  // Sorted by a column the user just hid: no header would show the order,
  // so the table goes back to its own (newest first).
  const sortedBy = table.getAllLeafColumns().find((column) => column.getIsSorted())?.id
  useEffect(() => {
    if (sortedBy && !shownColumn(sortedBy, hidden)) table.resetSorting()
  }, [sortedBy, hidden, table])
  const colCount = shownColumns.length

  return (
    <Stack gap={0} className={classes.root}>
      <fieldset disabled={partial} className={classes.filters}>
        <KeyFilters value={filters} onChange={changeFilters} profiles={profiles} />
      </fieldset>
      <div ref={scrollRef} className={classes.scroller} data-testid="keys-scroller" onFocus={revealFocused}>
        <Table
          verticalSpacing={6}
          horizontalSpacing="sm"
          highlightOnHover
          data-testid="keys-table"
          aria-label={en.keys.title}
          className={classes.table}
          style={{ minWidth: tableMinWidth(hidden) }}
        >
          <colgroup>
            {shownColumns.map((column) => (
              <col key={column.id} style={{ width: WIDTHS[column.id] }} />
            ))}
          </colgroup>
          <Table.Thead className={classes.thead}>
            {table.getHeaderGroups().map((group) => (
              <Table.Tr key={group.id}>
                {group.headers.filter((header) => shownColumn(header.column.id, hidden)).map((header) => (
                  <Table.Th
                    key={header.id}
                    className={stickyClass(header.column.id)}
                    aria-sort={ariaSort(header)}
                    // The cell's padding sorts too, as its button does (which a click on it reaches first).
                    onClick={(event) => {
                      if (event.target !== event.currentTarget || partial || header.isPlaceholder || !header.column.getCanSort()) return
                      markTableInput('sort')
                      header.column.getToggleSortingHandler()?.(event)
                    }}
                  >
                    {header.isPlaceholder ? null : header.column.getCanSort() ? (
                      <SortableHeader header={header} disabled={partial} />
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </Table.Th>
                ))}
              </Table.Tr>
            ))}
          </Table.Thead>
          <Table.Tbody onKeyDown={onRowsKeyDown}>
            {paddingTop > 0 && (
              <tr aria-hidden>
                <td colSpan={colCount} style={{ height: paddingTop, padding: 0, border: 0 }} />
              </tr>
            )}
            {items.map((item) => {
              const row = rows[item.index]
              return (
                <KeyTableRow
                  key={row.id}
                  row={row}
                  index={item.index}
                  highlighted={row.id === highlightId}
                  meta={meta}
                  hidden={hidden}
                  measure={virtualizer.measureElement}
                  onOpen={openDetails}
                />
              )
            })}
            {paddingBottom > 0 && (
              <tr aria-hidden>
                <td colSpan={colCount} style={{ height: paddingBottom, padding: 0, border: 0 }} />
              </tr>
            )}
          </Table.Tbody>
        </Table>
        {rows.length === 0 && (
          // As wide as the scroller and held at its left: in view however far the table is scrolled sideways.
          <Center py="xl" style={{ position: 'sticky', left: 0 }} data-testid="keys-no-match">
            <Text size="sm" c="dimmed">
              {en.filters.noMatch}
            </Text>
          </Center>
        )}
      </div>
      <Text size="xs" c="dimmed" px="md" py={6} className={classes.footer} data-testid="key-count">
        {partial ? en.filters.loadingRest(keys.length, loadingTotal) : en.filters.showing(rows.length, keys.length)}
        {/* The table's own order, by a column not shown (Created): no header says it. */}
        {!partial && sortedBy === 'createdAt' && !shownColumn('createdAt', hidden) && ` · ${en.filters.newestFirst}`}
      </Text>
    </Stack>
  )
}
