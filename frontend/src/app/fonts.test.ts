import { describe, expect, it } from 'vitest'
import { fontStacks } from './fonts'

// User agents as the desktop's webviews and the browsers send them.
const WEBKITGTK =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) wails.io'
const CHROMIUM_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
const MACOS_WKWEBVIEW = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)'
const WINDOWS_WEBVIEW2 =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0'
const ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36'

describe('fontStacks', () => {
  it('gives Linux the generic families, found at the first ask', () => {
    for (const ua of [WEBKITGTK, CHROMIUM_LINUX]) {
      expect(fontStacks(ua)).toEqual({ sans: 'sans-serif', monospace: 'monospace' })
    }
  })

  it('gives the other platforms their system fonts by name, generic last', () => {
    for (const ua of [MACOS_WKWEBVIEW, WINDOWS_WEBVIEW2, ANDROID]) {
      const { sans, monospace } = fontStacks(ua)
      expect(sans).toMatch(/^Inter, .*-apple-system, "Segoe UI".*, sans-serif$/)
      expect(monospace).toMatch(/^ui-monospace, .*, monospace$/)
    }
  })
})
