import { createTheme, getDefaultZIndex } from '@mantine/core'

interface FontStacks {
  sans: string
  monospace: string
}

/** Where the system fonts go by these names: macOS, Windows, Chromium anywhere but Linux. */
const NAMED_STACKS: FontStacks = {
  sans: 'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  monospace: 'ui-monospace, SFMono-Regular, "JetBrains Mono", Menlo, Consolas, "Liberation Mono", monospace',
}

/**
 * Linux: the desktop's own fonts, by their generic names. WebKitGTK asks
 * fontconfig for each family of a stack, for each size and weight, until one
 * is installed; with the names above, which Linux rarely has, the desktop's
 * first style and layout took 220 ms instead of 60 (the key table with
 * 10,000 keys, scripts/bench-desktop.sh). A generic name is found at the
 * first ask.
 */
const GENERIC_STACKS: FontStacks = { sans: 'sans-serif', monospace: 'monospace' }

/** The font stacks for the platform a user agent string describes. */
export function fontStacks(userAgent: string): FontStacks {
  const linux = /Linux|X11/.test(userAgent) && !/Android/.test(userAgent)
  return linux ? GENERIC_STACKS : NAMED_STACKS
}

/**
 * Dialogs and drawers show what users typed (a key's 100-character name, a
 * URL): a word longer than the line breaks instead of running out of the box.
 */
const WRAP_ANYWHERE = { overflowWrap: 'anywhere' } as const

const fonts = fontStacks(typeof navigator === 'undefined' ? '' : navigator.userAgent)

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  fontFamily: fonts.sans,
  fontFamilyMonospace: fonts.monospace,
  // Mantine's headings have a stack of their own unless given one.
  headings: { fontFamily: fonts.sans, fontWeight: '600' },
  components: {
    Tooltip: { defaultProps: { openDelay: 300, withArrow: true } },
    // Just under the dialogs (Modal: 200): a dialog opened from a drawer (a
    // key's Edit or Rotate from its details) shows above it, whichever of
    // the two was mounted first.
    Drawer: { defaultProps: { zIndex: getDefaultZIndex('modal') - 1 }, styles: { body: WRAP_ANYWHERE } },
    Modal: { styles: { body: WRAP_ANYWHERE } },
  },
})
