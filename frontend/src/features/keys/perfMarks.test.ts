import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

// The desktop cold-start benchmark reads this line: when the key table's
// first rows reached the screen, in ms since the epoch.
type Runtime = { LogPrint: (message: string) => void }

describe('markFirstPaint', () => {
  let logged: string[]
  let now: number
  let paints: { name: string; startTime: number }[]

  beforeEach(() => {
    vi.resetModules() // the mark is once per app start: a fresh module per test
    vi.useFakeTimers()
    logged = []
    now = 100
    paints = []
    ;(window as unknown as { runtime: Runtime }).runtime = { LogPrint: (m) => logged.push(m) }
    vi.spyOn(performance, 'now').mockImplementation(() => now)
    vi.spyOn(performance, 'timeOrigin', 'get').mockReturnValue(1_000_000)
    performance.getEntriesByType = ((type: string) => (type === 'paint' ? paints : [])) as typeof performance.getEntriesByType
  })

  afterEach(() => {
    vi.useRealTimers()
    delete (window as unknown as { runtime?: Runtime }).runtime
  })

  async function commitRowsThenPaint(paintedAt: number | undefined, taskAt: number) {
    const { markFirstPaint } = await import('./perfMarks')
    markFirstPaint() // committed at `now`
    if (paintedAt !== undefined) paints.push({ name: 'first-contentful-paint', startTime: paintedAt })
    now = taskAt
    await vi.runAllTimersAsync()
    return markFirstPaint
  }

  it('reports the first contentful paint after the rows were committed, not when its task ran', async () => {
    await commitRowsThenPaint(130, 210)
    expect(logged).toEqual(['keydesk: key table painted at 1000130'])
  })

  it('reports when its task ran if the first paint came before the rows', async () => {
    await commitRowsThenPaint(60, 210)
    expect(logged).toEqual(['keydesk: key table painted at 1000210'])
  })

  it('reports when its task ran without paint timing', async () => {
    await commitRowsThenPaint(undefined, 180)
    expect(logged).toEqual(['keydesk: key table painted at 1000180'])
  })

  it('reports once per app start', async () => {
    const markFirstPaint = await commitRowsThenPaint(130, 210)
    markFirstPaint()
    await vi.runAllTimersAsync()
    expect(logged).toHaveLength(1)
  })
})
