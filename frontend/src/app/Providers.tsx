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
 * Text that reads at 4.5:1 or more on the light page (WCAG AA): secondary
 * text (Mantine's "dimmed": descriptions, "never", key IDs) at 4.7:1, not
 * gray 6's 3.3:1; and the text of light yellow, orange and green banners and
 * badges ("Offline since…", "Copy it now", ACTIVE, "200 OK") at 5.4–5.9:1,
 * not 2.7–4.0:1. The first screen carries the same variables
 * (firstScreen/themeStyles.ts).
 */
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#6c757d',
    '--mantine-color-yellow-light-color': '#8f5000',
    '--mantine-color-orange-light-color': '#b03d0b',
    '--mantine-color-green-light-color': '#237032',
  },
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
