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
 * Mantine's colours where its text fell under 4.5:1 (WCAG AA), which an
 * end-to-end test now checks for every text of the key page: on the light
 * page secondary text ("dimmed": descriptions, "never", key IDs) at 4.7:1,
 * not gray 6's 3.3:1; the text of light yellow, orange and green banners
 * and badges ("Offline since…", "Copy it now", ACTIVE, "200 OK") at
 * 5.4–5.9:1, not 2.7–4.0:1; red text (an expiry within a week) at 5.5:1, not
 * 3.3:1. The first screen carries the same variables
 * (firstScreen/themeStyles.ts), in Mantine's order.
 */
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#6c757d',
    '--mantine-color-yellow-light-color': '#8f5000',
    '--mantine-color-orange-light-color': '#b03d0b',
    '--mantine-color-green-light-color': '#237032',
    '--mantine-color-red-text': '#c92a2a',
    // White on the primary buttons: indigo 7 reads at 5.0:1, indigo 6 at 4.3.
    '--mantine-color-indigo-filled': 'var(--mantine-color-indigo-7)',
    '--mantine-color-indigo-filled-hover': 'var(--mantine-color-indigo-8)',
    '--mantine-color-indigo-outline': 'var(--mantine-color-indigo-7)', // THIS APP
    // …and on red ones (Delete, the reminder count): red 8, 4.5:1, not red 6's 3.3.
    '--mantine-color-red-filled': 'var(--mantine-color-red-8)',
    '--mantine-color-red-filled-hover': 'var(--mantine-color-red-9)',
  },
  // Dimmed on the dark page: 5.3:1 on the body, 4.6:1 on cards, not 4.0 and 3.5.
  dark: { '--mantine-color-dimmed': '#969696' },
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
