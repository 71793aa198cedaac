import { QueryClient } from '@tanstack/react-query'
import type { ApiError } from '../api'

declare module '@tanstack/react-query' {
  interface Register {
    // Every query and mutation goes through src/api, which rejects with ApiError.
    defaultError: ApiError
  }
}

/**
 * Whether a failed query tries once more by itself. Not after the server did
 * not answer (timeout) or could not be reached (offline): each took up to the
 * backend's time limit, and a second wait as long only doubles the grey rows
 * before the panel can say so and offer Retry.
 */
function retryQuery(failureCount: number, error: ApiError): boolean {
  // The window may ask before the backend has opened its data (a slow
  // keychain): ask again until it has, for up to a minute.
  if (error.code === 'not_started') return failureCount < STARTING_RETRIES
  return failureCount < 1 && error.code !== 'timeout' && error.code !== 'offline' && error.code !== 'start_failed'
}

/** Every STARTING_RETRY_MS for a minute. */
const STARTING_RETRY_MS = 500
const STARTING_RETRIES = 120

/** TanStack's backoff (1 s, 2 s, … 30 s), but quick while the backend starts. */
function retryDelay(failureCount: number, error: ApiError): number {
  return error.code === 'not_started' ? STARTING_RETRY_MS : Math.min(1000 * 2 ** failureCount, 30_000)
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Data comes from the local cache over IPC: cheap, and kept fresh by
        // backend events rather than by refetching on focus.
        refetchOnWindowFocus: false,
        retry: retryQuery,
        retryDelay,
        staleTime: 30_000,
      },
      mutations: {
        retry: false,
      },
    },
  })
}
