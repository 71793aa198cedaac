import '@testing-library/jest-dom/vitest'
import { cleanNotifications } from '@mantine/notifications'
import { cleanup, configure } from '@testing-library/react'
import { afterEach } from 'vitest'
import { forgetViews } from '../features/keys/tableView'

// findBy… waits longer than the 1 s default: on a busy 2-core machine a
// query, its refetch and a render can take that long without anything wrong.
configure({ asyncUtilTimeout: 3000 })

// jsdom lacks the browser APIs Mantine uses for layout and media queries.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }),
})

class ResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
// Also what recharts (@mantine/charts) sizes its charts with.
window.ResizeObserver = ResizeObserver
// Autosizing textareas re-measure when web fonts load.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener: () => {}, removeEventListener: () => {}, ready: Promise.resolve() },
  })
}
window.HTMLElement.prototype.scrollIntoView = () => {}

// A window wide enough for every key-table column: until a test chooses
// columns, the table shows those that fit (jsdom's default, 1024 px, fits
// five). Tests of that fitting set their own width.
Object.defineProperty(window, 'innerWidth', { writable: true, configurable: true, value: 1920 })

// Mantine reads computed styles with a pseudo-element argument jsdom doesn't implement.
const { getComputedStyle } = window
window.getComputedStyle = (elt: Element) => getComputedStyle(elt)

afterEach(() => {
  cleanup()
  cleanNotifications()
  // What a test chose (hidden columns, the colour scheme, a closed notice) does not reach the next.
  localStorage.clear()
  sessionStorage.clear()
  forgetViews()
})
