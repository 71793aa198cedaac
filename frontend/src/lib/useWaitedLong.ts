import { useEffect, useState } from 'react'

/** How long a read from a server may take before the screen says it is still waiting. */
export const SLOW_READ_MS = 5_000

/** True once `waiting` has stayed true for `ms`; false again as soon as it is not. */
export function useWaitedLong(waiting: boolean, ms = SLOW_READ_MS): boolean {
  const [long, setLong] = useState(false)
  useEffect(() => {
    if (!waiting) return
    const id = window.setTimeout(() => setLong(true), ms)
    return () => {
      window.clearTimeout(id)
      setLong(false)
    }
  }, [waiting, ms])
  return waiting && long
}
