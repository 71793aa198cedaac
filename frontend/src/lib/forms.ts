import type { KeyboardEvent } from 'react'

/**
 * A form's onKeyDown that lets Enter submit from a checkbox, radio or switch
 * too; browsers only submit on Enter from text fields.
 */
export function submitOnEnter(event: KeyboardEvent<HTMLFormElement>): void {
  const target = event.target
  if (
    event.key === 'Enter' &&
    target instanceof HTMLInputElement &&
    (target.type === 'checkbox' || target.type === 'radio')
  ) {
    event.preventDefault()
    event.currentTarget.requestSubmit()
  }
}

/**
 * The length of a text as the server counts it (Go's runes: code points),
 * not in JavaScript's UTF-16 units: an emoji is one character, not two.
 */
export function characters(text: string): number {
  return [...text].length
}

/**
 * Brings a form's first field with an error (else its error alert) into
 * view, and focuses the field, once the render that shows it is done: in a
 * long dialog it may be far from the button that was pressed.
 */
export function revealFirstError(form: HTMLElement | null): void {
  requestAnimationFrame(() => {
    const target = form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>('[role="alert"]')
    if (!target) return
    target.scrollIntoView({ block: 'center' })
    if (target.matches('input, textarea')) target.focus()
  })
}
