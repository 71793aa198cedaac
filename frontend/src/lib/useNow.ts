import { useEffect, useRef, useState } from 'react'

/**
 * The current time, refreshed every `intervalMs` so relative dates stay
 * true, and whenever `refreshOn` changes: a list fetched just now may hold a
 * key created after the last tick, which the older time would count from
 * (a new 7-day key would read as more than a week away until the next tick).
 */
export function useNow(intervalMs = 60_000, refreshOn?: unknown): number {
  const [now, setNow] = useState(() => Date.now())
  const seen = useRef(refreshOn)
  useEffect(() => {
    const refresh = () => setNow(Date.now())
    // A new refreshOn: now (by a timer of 0, not a render inside this effect).
    let first: number | undefined
    if (refreshOn !== seen.current) {
      seen.current = refreshOn
      first = window.setTimeout(refresh, 0)
    }
    const id = window.setInterval(refresh, intervalMs)
    return () => {
      window.clearTimeout(first)
      window.clearInterval(id)
    }
  }, [intervalMs, refreshOn])
  return now
}
