/**
 * Marks the page (`data-keyboard` on <html>) while it is worked from the
 * keyboard: from a key press until the next press of a pointer. The focus
 * styles (focus.css, the key table's rows) apply there besides
 * :focus-visible. In WebKit, the desktop's engine, :focus-visible matched
 * nothing in the new key's dialog opened with a click and then worked with
 * Tab (Chromium matches there): a mouse user turning to the keyboard could
 * not see where the focus was. Key presses with Ctrl, Alt or Meta are
 * shortcuts, not a change of hand.
 */
export function trackKeyboardModality(doc: Document = document): () => void {
  const root = doc.documentElement
  const onKey = (event: KeyboardEvent) => {
    if (!event.ctrlKey && !event.altKey && !event.metaKey) root.setAttribute('data-keyboard', '')
  }
  const onPointer = () => root.removeAttribute('data-keyboard')
  doc.addEventListener('keydown', onKey, true)
  doc.addEventListener('pointerdown', onPointer, true)
  return () => {
    doc.removeEventListener('keydown', onKey, true)
    doc.removeEventListener('pointerdown', onPointer, true)
    onPointer()
  }
}
