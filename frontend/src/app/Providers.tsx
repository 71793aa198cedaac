import { getDefaultZIndex, MantineProvider } from '@mantine/core'
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
        {/* Above dialogs and drawers (200), below menus and popovers (300):
            a toast must not hide the Delete of a row's open menu. */}
        <Notifications position="bottom-right" zIndex={getDefaultZIndex('modal') + 50} />
        {children}
      </MantineProvider>
    </QueryClientProvider>
  )
}
