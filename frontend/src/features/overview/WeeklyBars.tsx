// The chart library (recharts under @mantine/charts) is a third of the
// app's JavaScript: it loads with the first overview, not at start.
import '@mantine/charts/styles.css'
import { BarChart } from '@mantine/charts'
import { en } from '../../i18n/en'
import { formatDay } from '../../lib/time'

export interface WeekBar {
  week: string
  weekOf: string
  count: number
}

/** One bar per week; the tooltip names the week's first day. */
export default function WeeklyBars({ data }: { data: WeekBar[] }) {
  return (
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
  )
}
