import { Box, Skeleton } from '@mantine/core'
import { lazy, Suspense } from 'react'
import type { WeekCount } from '../../api'
import { en } from '../../i18n/en'
import { formatDay } from '../../lib/time'
import { OverviewCard } from './OverviewCard'

const WeeklyBars = lazy(() => import('./WeeklyBars'))

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
        <Suspense fallback={<Skeleton h={220} />}>
          <WeeklyBars data={data} />
        </Suspense>
      </Box>
    </OverviewCard>
  )
}
