import { QueryClient } from '@tanstack/react-query'
import type { ApiError } from '../api'

declare module '@tanstack/react-query' {
  interface Register {
    // Every query and mutation goes through src/api, which rejects with ApiError.
    defaultError: ApiError
  }
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Data comes from the local cache over IPC: cheap, and kept fresh by
        // backend events rather than by refetching on focus.
        refetchOnWindowFocus: false,
        retry: 1,
        staleTime: 30_000,
      },
      mutations: {
        retry: false,
      },
    },
  })
}
