// The app's font stacks: what theme.ts gives Mantine, and what the first
// screen (firstScreen/) sets before Mantine runs.

export interface FontStacks {
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
