import { fireEvent } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { showTruncatedTitles } from './truncatedTitles'

let stop: () => void = () => {}
afterEach(() => {
  stop()
  document.body.innerHTML = ''
})

/** A text element whose content is `scrollWidth` wide in a box `clientWidth` wide (jsdom lays out nothing). */
function text(full: string, scrollWidth: number, clientWidth: number) {
  const element = document.createElement('p')
  element.dataset.fullText = full
  element.innerHTML = `<span>${full}</span>`
  Object.defineProperty(element, 'scrollWidth', { value: scrollWidth })
  Object.defineProperty(element, 'clientWidth', { value: clientWidth })
  document.body.append(element)
  return element
}

describe('showTruncatedTitles', () => {
  it('gives the whole text as the title only to text cut off', () => {
    stop = showTruncatedTitles()
    const cut = text('a very long workspace name', 300, 120)
    const fits = text('Local', 40, 120)
    fits.title = 'Local' // left from when it did not fit
    fireEvent.pointerOver(cut.firstElementChild!)
    fireEvent.pointerOver(fits)
    expect(cut.title).toBe('a very long workspace name')
    expect(fits.hasAttribute('title')).toBe(false)
  })
})
