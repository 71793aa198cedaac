import { createTheme, getDefaultZIndex } from '@mantine/core'
import { fontStacks } from './fonts'

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
