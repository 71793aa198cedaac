import { QueryClient } from '@tanstack/react-query'
import { render, type RenderResult } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { ReactElement } from 'react'
import { Providers } from '../app/Providers'

/** Renders with the app's providers, a fresh query cache and no transitions. */
export function renderWithProviders(ui: ReactElement): RenderResult & {
  user: ReturnType<typeof userEvent.setup>
  queryClient: QueryClient
} {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } },
  })
  const user = userEvent.setup()
  const result = render(
    <Providers queryClient={queryClient} env="test">
      {ui}
    </Providers>,
  )
  return { ...result, user, queryClient }
}
