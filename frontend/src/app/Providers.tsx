import { MantineProvider } from '@mantine/core'
import { Notifications } from '@mantine/notifications'
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { theme } from './theme'

interface ProvidersProps {
  queryClient: QueryClient
  children: ReactNode
  /** 'test' turns off Mantine's transitions and portals in unit tests. */
  env?: 'default' | 'test'
}

export function Providers({ queryClient, children, env = 'default' }: ProvidersProps) {
  return (
    <QueryClientProvider client={queryClient}>
      <MantineProvider theme={theme} defaultColorScheme="auto" env={env}>
        <Notifications position="bottom-right" zIndex={1000} />
        {children}
      </MantineProvider>
    </QueryClientProvider>
  )
}
