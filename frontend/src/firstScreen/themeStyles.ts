// The <style> elements MantineProvider and AppShell put first in the root,
// for Keydesk's theme (app/theme.ts): the first screen needs the same
// variables before Mantine runs. The parity test compares them.
import { fontStacks } from '../app/fonts'

const weights = [1, 2, 3, 4, 5, 6].map((n) => `--mantine-h${n}-font-weight: 600;`).join('')
const shades = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `--mantine-primary-color-${n}: var(--mantine-color-indigo-${n});`).join('')

const breakpoints: [string, string, string][] = [
  ['xs', '35.99375em', '36em'],
  ['sm', '47.99375em', '48em'],
  ['md', '61.99375em', '62em'],
  ['lg', '74.99375em', '75em'],
  ['xl', '87.99375em', '88em'],
]

/** The three style elements, as markup. */
export function themeStyles(userAgent: string): string {
  const fonts = fontStacks(userAgent)
  const variables =
    `:root, :host{--mantine-font-family: ${fonts.sans};--mantine-font-family-monospace: ${fonts.monospace};--mantine-font-family-headings: ${fonts.sans};--mantine-heading-font-weight: 600;` +
    '--mantine-primary-color-filled: var(--mantine-color-indigo-filled);--mantine-primary-color-filled-hover: var(--mantine-color-indigo-filled-hover);' +
    '--mantine-primary-color-light: var(--mantine-color-indigo-light);--mantine-primary-color-light-hover: var(--mantine-color-indigo-light-hover);--mantine-primary-color-light-color: var(--mantine-color-indigo-light-color);' +
    shades +
    weights +
    '}\n\n:root[data-mantine-color-scheme="dark"], :host([data-mantine-color-scheme="dark"]){--mantine-color-anchor: var(--mantine-color-indigo-4);--mantine-color-dimmed: #969696;}' +
    // Keydesk's own (app/Providers.tsx, cssVariablesResolver): text readable at 4.5:1 or more.
    '\n\n:root[data-mantine-color-scheme="light"], :host([data-mantine-color-scheme="light"]){--mantine-color-anchor: var(--mantine-color-indigo-6);--mantine-color-dimmed: #6c757d;--mantine-color-red-text: #c92a2a;--mantine-color-red-filled: var(--mantine-color-red-8);--mantine-color-red-filled-hover: var(--mantine-color-red-9);--mantine-color-indigo-filled: var(--mantine-color-indigo-7);--mantine-color-indigo-filled-hover: var(--mantine-color-indigo-8);--mantine-color-indigo-outline: var(--mantine-color-indigo-7);--mantine-color-green-light-color: #237032;--mantine-color-yellow-light-color: #8f5000;--mantine-color-orange-light-color: #b03d0b;}'
  const responsive = breakpoints
    .map(
      ([name, below, from]) =>
        `@media (max-width: ${below}) {.mantine-visible-from-${name} {display: none !important;}}@media (min-width: ${from}) {.mantine-hidden-from-${name} {display: none !important;}}`,
    )
    .join('')
  const appShell =
    ':root{--app-shell-navbar-width:calc(16.25rem * var(--mantine-scale));--app-shell-navbar-offset:calc(16.25rem * var(--mantine-scale));' +
    '--app-shell-header-height:calc(3.5rem * var(--mantine-scale));--app-shell-header-offset:calc(3.5rem * var(--mantine-scale));--app-shell-padding:var(--mantine-spacing-lg);}' +
    '@media(max-width: 36em){:root{--app-shell-navbar-offset:0px;--app-shell-navbar-width:100%;}}'
  return (
    `<style data-mantine-styles="true">${variables}</style>` +
    `<style data-mantine-styles="classes">${responsive}</style>` +
    `<style data-mantine-styles="inline">${appShell}</style>`
  )
}
