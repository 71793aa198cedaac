import { EventsOn } from '../../wailsjs/runtime/runtime'
import type { EventName, EventPayloads } from './types'

type Listener<E extends EventName> = (payload: EventPayloads[E]) => void

// The Wails runtime can only remove every listener of an event at once
// (EventsOff), so each event gets one runtime listener, registered on first
// use, that fans out to the subscribers below.
const listeners = new Map<EventName, Set<(payload: unknown) => void>>()

function hasRuntime(): boolean {
  // Absent when the page runs outside Wails (plain `vite`, unit tests).
  return typeof window !== 'undefined' && 'runtime' in window && window.runtime != null
}

/** Subscribes to a backend event; returns the function that unsubscribes. */
export function onEvent<E extends EventName>(name: E, callback: Listener<E>): () => void {
  let set = listeners.get(name)
  if (!set) {
    set = new Set()
    listeners.set(name, set)
    if (hasRuntime()) {
      const subscribers = set
      EventsOn(name, (payload: unknown) => {
        for (const fn of [...subscribers]) fn(payload)
      })
    }
  }
  const fn = callback as (payload: unknown) => void
  set.add(fn)
  return () => {
    set.delete(fn)
  }
}
