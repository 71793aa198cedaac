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
  return failureCount < 1 && error.code !== 'timeout' && error.code !== 'offline'
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Data comes from the local cache over IPC: cheap, and kept fresh by
        // backend events rather than by refetching on focus.
        refetchOnWindowFocus: false,
        retry: retryQuery,
        staleTime: 30_000,
      },
      mutations: {
        retry: false,
      },
    },
  })
}
