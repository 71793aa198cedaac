import type { FocusEvent } from 'react'
import { describe, expect, it } from 'vitest'
import { revealFocused } from './revealFocused'

describe('revealFocused', () => {
  it('leaves the table alone for focus from outside it (a row menu in a portal)', () => {
    const scroller = document.createElement('div')
    scroller.innerHTML = '<table><tbody><tr><td>key</td></tr></tbody></table>'
    let left = 40 // jsdom's scrollLeft keeps nothing
    Object.defineProperty(scroller, 'scrollLeft', { get: () => left, set: (v: number) => (left = v) })
    const dropdown = document.createElement('div')
    dropdown.getBoundingClientRect = () => ({ top: 0, bottom: 300, left: 900, right: 1200, width: 300, height: 300 }) as DOMRect
    document.body.append(scroller, dropdown)
    revealFocused({ currentTarget: scroller, target: dropdown } as unknown as FocusEvent<HTMLDivElement>)
    expect(left).toBe(40)
  })
})
