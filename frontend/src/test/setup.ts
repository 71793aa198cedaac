import '@testing-library/jest-dom/vitest'
import { cleanNotifications } from '@mantine/notifications'
import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'

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
window.ResizeObserver = ResizeObserver
window.HTMLElement.prototype.scrollIntoView = () => {}

// Mantine reads computed styles with a pseudo-element argument jsdom doesn't implement.
const { getComputedStyle } = window
window.getComputedStyle = (elt: Element) => getComputedStyle(elt)

afterEach(() => {
  cleanup()
  cleanNotifications()
})
