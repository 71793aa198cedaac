import { fireEvent } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { trackKeyboardModality } from './keyboardModality'

let stop: () => void = () => {}
afterEach(() => stop())

describe('trackKeyboardModality', () => {
  it('marks the page from a key press until the next pointer press', () => {
    stop = trackKeyboardModality()
    const root = document.documentElement
    expect(root.hasAttribute('data-keyboard')).toBe(false)
    fireEvent.keyDown(document.body, { key: 'Tab' })
    expect(root.hasAttribute('data-keyboard')).toBe(true)
    fireEvent.pointerDown(document.body)
    expect(root.hasAttribute('data-keyboard')).toBe(false)
    // A shortcut is not a change of hand.
    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true })
    expect(root.hasAttribute('data-keyboard')).toBe(false)
  })
})
