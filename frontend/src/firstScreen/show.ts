// Puts the first screen on the page before the bundle runs (see firstScreen.ts).
import { readLastWorkspace } from '../app/lastWorkspace'
import { hiddenColumns, pageStorage, storedHiddenColumns } from '../features/keys/columns'
import { isMacPlatform } from '../lib/platform'
import { renderFirstScreen } from './firstScreen'
import { themeStyles } from './themeStyles'

/** Where Mantine keeps the user's choice (its localStorageColorSchemeManager). */
const COLOR_SCHEME_KEY = 'mantine-color-scheme-value'

/** The colour scheme MantineProvider will apply: the user's choice, else the system's. */
export function colorScheme(win: Window): 'light' | 'dark' {
  let chosen: string | null = null
  try {
    chosen = win.localStorage.getItem(COLOR_SCHEME_KEY)
  } catch {
    // Storage may be off; Mantine then falls back to the system's too.
  }
  if (chosen === 'light' || chosen === 'dark') return chosen
  return win.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
}

/**
 * Renders the first screen into #root from the boot data, if there is one to
 * show; true when it did. The screen is inert: its controls do nothing until
 * React replaces it, so they take no focus, and a cover over it shows the
 * busy pointer rather than controls that look ready and ignore a click.
 * React's first render replaces both.
 */
export function showFirstScreen(win: Window): boolean {
  const doc = win.document
  const root = doc.getElementById('root')
  if (!root || root.firstChild) return false
  const scheme = colorScheme(win)
  const html = renderFirstScreen(
    win.__KEYDESK_BOOT__,
    {
      now: Date.now(),
      windowHeight: win.innerHeight,
      mac: isMacPlatform(win.navigator.platform),
      themeCss: themeStyles(win.navigator.userAgent),
      hiddenColumns: hiddenColumns(storedHiddenColumns(pageStorage(win)), win.innerWidth),
      lastWorkspaceId: readLastWorkspace(pageStorage(win)),
    },
    scheme === 'dark',
  )
  if (!html) return false
  doc.documentElement.setAttribute('data-mantine-color-scheme', scheme)
  root.innerHTML = html
  root.querySelector('.mantine-AppShell-root')?.setAttribute('inert', '')
  const cover = doc.createElement('div')
  cover.dataset.testid = 'first-screen-cover'
  cover.style.cssText = 'position: fixed; inset: 0; z-index: 10000; cursor: progress;'
  root.appendChild(cover)
  return true
}
