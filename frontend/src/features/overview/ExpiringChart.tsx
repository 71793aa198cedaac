import { BarChart } from '@mantine/charts'
import { Box } from '@mantine/core'
import type { WeekCount } from '../../api'
import { en } from '../../i18n/en'
import { formatDay } from '../../lib/time'
import { OverviewCard } from './OverviewCard'

/** Active keys expiring per week for the next 13 weeks (about 90 days). */
export function ExpiringChart({ weeks }: { weeks: WeekCount[] }) {
  const total = weeks.reduce((sum, w) => sum + w.count, 0)
  const data = weeks.map((w) => ({ week: formatDay(w.weekStart), weekOf: w.weekStart, count: w.count }))
  return (
    <OverviewCard
      title={en.overview.expiringTitle}
      subtitle={<span data-testid="overview-expiring-summary">{en.overview.expiringSummary(total)}</span>}
      data-testid="overview-expiring"
    >
      <Box px="md" pb="md" pt="xs">
        <BarChart
          h={220}
          data={data}
          dataKey="week"
          series={[{ name: 'count', label: en.overview.series, color: 'orange.6' }]}
          gridAxis="x"
          tickLine="none"
          maxBarWidth={36}
          yAxisProps={{ allowDecimals: false, width: 32 }}
          tooltipProps={{
            labelFormatter: (_, payload) => {
              const weekOf = (payload?.[0]?.payload as { weekOf?: string } | undefined)?.weekOf
              return weekOf ? en.overview.weekOf(formatDay(weekOf, true)) : ''
            },
          }}
          aria-label={en.overview.expiringTitle}
        />
      </Box>
    </OverviewCard>
  )
}
