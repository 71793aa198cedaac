import { Box } from '@mantine/core'
import type { UsageDay } from '../../api'

interface SparklineProps {
  /** Oldest first. */
  days: UsageDay[]
  label: string
  height?: number
}

const WIDTH = 300

/**
 * A 30-day usage line drawn as inline SVG: a few dozen points need no chart
 * library. It stretches to its container's width.
 */
export function Sparkline({ days, label, height = 56 }: SparklineProps) {
  const pad = 3
  const max = Math.max(1, ...days.map((d) => d.count))
  const step = days.length > 1 ? WIDTH / (days.length - 1) : WIDTH
  const points = days.map((d, i) => {
    const x = days.length > 1 ? i * step : WIDTH / 2
    const y = height - pad - (d.count / max) * (height - 2 * pad)
    return [Math.round(x * 10) / 10, Math.round(y * 10) / 10] as const
  })
  const line = points.map(([x, y]) => `${x},${y}`).join(' ')
  const area = points.length > 0 ? `0,${height} ${line} ${WIDTH},${height}` : ''

  return (
    <Box
      component="svg"
      viewBox={`0 0 ${WIDTH} ${height}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
      data-testid="usage-sparkline"
      data-points={days.length}
      w="100%"
      h={height}
      style={{ display: 'block', overflow: 'visible' }}
    >
      <title>{label}</title>
      <line x1={0} x2={WIDTH} y1={height - pad} y2={height - pad} stroke="var(--mantine-color-default-border)" strokeWidth={1} />
      {points.length > 0 && (
        <>
          <polygon points={area} fill="var(--mantine-primary-color-light)" stroke="none" />
          <polyline
            points={line}
            fill="none"
            stroke="var(--mantine-primary-color-filled)"
            strokeWidth={1.75}
            strokeLinejoin="round"
            strokeLinecap="round"
            vectorEffect="non-scaling-stroke"
          />
        </>
      )}
    </Box>
  )
}
