import { screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../../api'
import type { Overview } from '../../api'
import { DAYS, iso, makeKey, makeOverview } from '../../test/fixtures'
import { renderWithProviders } from '../../test/render'
import { en } from '../../i18n/en'
import { OverviewPanel } from './OverviewPanel'

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  ...(await import('../../test/apiMocks')).apiMocks(),
}))

// recharts draws nothing at jsdom's zero size: the test reads what the chart is given.
const chart = vi.hoisted(() => ({ data: [] as Record<string, unknown>[] }))
vi.mock('@mantine/charts', () => ({
  BarChart: ({ data }: { data: Record<string, unknown>[] }) => {
    chart.data = data
    return <div data-testid="bar-chart" />
  },
}))

const empty = makeOverview()
const weeks = empty.expiring.map((w, i) => ({ ...w, count: [0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0][i] }))
const now = Date.now()
const staleNever = {
  workspaceId: 'ws_local',
  workspaceName: 'Local',
  key: makeKey({ id: 'key_old', name: 'legacy importer', maskedKey: 'kd_Lega…0001', createdAt: iso(now - 120 * DAYS) }),
  idleSince: iso(now - 120 * DAYS),
  idleDays: 120,
}
const staleUsed = {
  workspaceId: 'ws_remote',
  workspaceName: 'Acme Production',
  key: makeKey({ id: 'key_used', name: 'nightly report', maskedKey: 'kd_Nigh…0002', lastUsedAt: iso(now - 40 * DAYS) }),
  idleSince: iso(now - 40 * DAYS),
  idleDays: 40,
}
const overview: Overview = {
  counts: { total: 12, active: 9, inactive: 2, expired: 1, rotating: 1 },
  expiring: weeks,
  stalest: [staleNever, staleUsed],
  workspaces: [
    { workspaceId: 'ws_local', workspaceName: 'Local', online: true, syncProblem: '', counts: { total: 5, active: 4, inactive: 1, expired: 0, rotating: 0 } },
    { workspaceId: 'ws_remote', workspaceName: 'Acme Production', online: false, syncProblem: '', counts: { total: 7, active: 5, inactive: 1, expired: 1, rotating: 1 } },
  ],
}

beforeEach(() => {
  chart.data = []
  vi.mocked(api.getOverview).mockResolvedValue(overview)
})

const countOf = (status: string) => within(screen.getByTestId(`overview-count-${status}`)).getByTestId('overview-count-value')

describe('overview', () => {
  it('shows the counts by status, 13 weeks of expiring keys and the stalest keys', async () => {
    renderWithProviders(<OverviewPanel workspaceId="ws_local" onOpenKey={vi.fn()} />)

    expect(await screen.findByTestId('overview')).toBeInTheDocument()
    expect(api.getOverview).toHaveBeenCalledWith('ws_local')
    expect(countOf('total')).toHaveTextContent('12')
    expect(countOf('active')).toHaveTextContent('9')
    expect(countOf('rotating')).toHaveTextContent('1')
    expect(countOf('inactive')).toHaveTextContent('2')
    expect(countOf('expired')).toHaveTextContent('1')

    // The chart library loads on first use.
    await waitFor(() => expect(chart.data).toHaveLength(13))
    expect(chart.data.map((d) => d.count)).toEqual([0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0])
    expect(chart.data[0]).toMatchObject({ week: 'Nov 23', weekOf: '2026-11-23' })
    expect(chart.data[12]).toMatchObject({ week: 'Feb 15' })
    expect(screen.getByTestId('overview-expiring-summary')).toHaveTextContent('4 active keys expire in the next 13 weeks.')

    const rows = screen.getAllByTestId('stale-key')
    expect(rows.map((r) => r.getAttribute('data-key-id'))).toEqual(['key_old', 'key_used'])
    expect(rows[0]).toHaveTextContent('legacy importer')
    expect(rows[0]).toHaveTextContent('kd_Lega…0001')
    expect(rows[0]).toHaveTextContent('120 days')
    expect(rows[0]).toHaveTextContent('never used')
    expect(rows[1]).toHaveTextContent('40 days')
    expect(rows[1]).toHaveTextContent(/last used \w{3} \d+, \d{4}/)
    // One workspace: no workspace column and no table of workspaces.
    expect(within(screen.getByTestId('overview-stalest')).queryByText('Workspace')).not.toBeInTheDocument()
    expect(screen.queryByTestId('overview-workspaces')).not.toBeInTheDocument()
  })

  it('opens a stale key in its workspace', async () => {
    const onOpenKey = vi.fn()
    const { user } = renderWithProviders(<OverviewPanel workspaceId="" onOpenKey={onOpenKey} onOpenWorkspace={vi.fn()} />)

    await user.click(await screen.findByRole('button', { name: 'Open nightly report in Acme Production' }))
    expect(onOpenKey).toHaveBeenCalledWith('ws_remote', 'key_used')
  })

  it('shows every workspace with its counts when it covers all of them', async () => {
    const onOpenWorkspace = vi.fn()
    const { user } = renderWithProviders(<OverviewPanel workspaceId="" onOpenKey={vi.fn()} onOpenWorkspace={onOpenWorkspace} />)

    const rows = await screen.findAllByTestId('overview-workspace-row')
    expect(api.getOverview).toHaveBeenCalledWith('')
    expect(rows[1]).toHaveTextContent('Acme Production')
    expect(within(rows[1]).getByLabelText('Offline')).toBeInTheDocument()
    expect(Array.from(rows[1].querySelectorAll('td')).slice(1).map((td) => td.textContent)).toEqual(['7', '5', '1', '1', '1'])
    expect(within(screen.getByTestId('overview-stalest')).getByText('Acme Production')).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Open the overview of Acme Production' }))
    expect(onOpenWorkspace).toHaveBeenCalledWith('ws_remote')
  })

  it('says so when there are no active keys', async () => {
    vi.mocked(api.getOverview).mockResolvedValue(empty)
    renderWithProviders(<OverviewPanel workspaceId="ws_local" onOpenKey={vi.fn()} />)

    expect(await screen.findByText('No active key has gone unused for a week.')).toBeInTheDocument()
    expect(screen.getByTestId('overview-expiring-summary')).toHaveTextContent('No active key expires in the next 13 weeks.')
    expect(countOf('total')).toHaveTextContent('0')
  })
})

describe('overview words', () => {
  it('says a key idle for less than a day is, not "0 days"', () => {
    expect(en.overview.idleDays(0)).toBe('under a day')
    expect(en.overview.idleDays(1)).toBe('1 day')
    expect(en.overview.idleDays(120)).toBe('120 days')
  })
})
