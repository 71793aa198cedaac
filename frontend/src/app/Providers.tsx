import { getDefaultZIndex, MantineProvider, type CSSVariablesResolver } from '@mantine/core'
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

/**
 * Secondary text (Mantine's "dimmed": descriptions, "never", key IDs) reads
 * at 4.7:1 on the light page, not gray 6's 3.3:1 (WCAG AA wants 4.5). The
 * first screen carries the same variable (firstScreen/themeStyles.ts).
 */
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#6c757d' },
  dark: {},
})

export function Providers({ queryClient, children, env = 'default' }: ProvidersProps) {
  return (
    <QueryClientProvider client={queryClient}>
      <MantineProvider theme={theme} defaultColorScheme="auto" env={env} cssVariablesResolver={cssVariablesResolver}>
        {/* Above dialogs and drawers (200), below menus and popovers (300):
            a toast must not hide the Delete of a row's open menu. */}
        <Notifications position="bottom-right" zIndex={getDefaultZIndex('modal') + 50} />
        {children}
      </MantineProvider>
    </QueryClientProvider>
  )
}
