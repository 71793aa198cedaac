import { describe, expect, it } from 'vitest'
import { formatDate, formatEventTime, formatRelative, formatRelativeOrNever, toMillis } from './time'

const now = Date.parse('2026-11-23T12:00:00Z')
const DAY = 86_400_000

describe('time formatting', () => {
  it('formats a date like "Nov 23, 2026" in local time', () => {
    expect(formatDate(new Date(2026, 10, 23, 12).toISOString())).toBe('Nov 23, 2026')
  })

  it('gives an event of today to the second, and one of another day its date', () => {
    const today = new Date(2026, 10, 23, 10, 4, 37)
    expect(formatEventTime(today.toISOString(), new Date(2026, 10, 23, 18).getTime())).toBe('10:04:37 AM')
    expect(formatEventTime(today.toISOString(), new Date(2026, 10, 24, 9).getTime())).toBe('Nov 23, 2026, 10:04 AM')
  })

  it('shows an unparsable date as it came', () => {
    expect(formatDate('soon')).toBe('soon')
  })

  it.each([
    [now + 30 * DAY, 'in 30 days'],
    [now + 365 * DAY, 'in 365 days'],
    [now - 3 * DAY, '3 days ago'],
    [now + DAY, 'tomorrow'],
    [now - 2 * 3_600_000, '2 hours ago'],
    [now - 5 * 60_000, '5 minutes ago'],
    [now - 10_000, 'just now'],
    [now + 3 * 365 * DAY, 'in 3 years'],
  ])('formats %s relative to now', (t, expected) => {
    expect(formatRelative(new Date(t).toISOString(), now)).toBe(expected)
  })

  it('says "never" for an absent time', () => {
    expect(formatRelativeOrNever(undefined, now)).toBe('never')
  })
})

describe('toMillis', () => {
  it('reads a timestamp, or gives the stand-in when there is none or it does not parse', () => {
    expect(toMillis('2026-11-23T12:00:00Z', 0)).toBe(now)
    expect(toMillis('1970-01-01T00:00:00Z', -1)).toBe(0)
    expect(toMillis(undefined, Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY)
    expect(toMillis('', 7)).toBe(7)
    expect(toMillis('soon', Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY)
  })
})
