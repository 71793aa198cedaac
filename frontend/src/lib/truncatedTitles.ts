/**
 * Text cut off with an ellipsis shows whole in a tooltip, and only then: an
 * element marked `data-full-text` takes it as its title when the pointer
 * comes over it while its text does not fit. A title on text that fits
 * repeated it over what lies below (the sidebar's "Local" over "This
 * computer"). One listener for the page: the key table has a name per row.
 */
export function showTruncatedTitles(doc: Document = document): () => void {
  const onOver = (event: Event) => {
    const target = event.target
    const element = target instanceof Element ? target.closest<HTMLElement>('[data-full-text]') : null
    if (!element) return
    const cut = element.scrollWidth > element.clientWidth || element.scrollHeight > element.clientHeight
    if (cut) element.title = element.dataset.fullText ?? ''
    else element.removeAttribute('title')
  }
  doc.addEventListener('pointerover', onOver, true)
  return () => doc.removeEventListener('pointerover', onOver, true)
}
