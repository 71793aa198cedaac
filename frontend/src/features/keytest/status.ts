/** The Badge colour of an HTTP status by its class; 0 (no answer) is red. */
export function statusColor(status: number): string {
  if (status >= 200 && status < 300) return 'green'
  if (status >= 300 && status < 400) return 'blue'
  if (status >= 400 && status < 500) return 'orange'
  return 'red'
}

/**
 * A failure as the backend words it ("keys.example.com refused the
 * connection: …", lower case, to follow a colon elsewhere), as a sentence
 * of its own under a heading.
 */
export function asSentence(words: string): string {
  const s = words.trim()
  if (s === '') return s
  // "the request to …" becomes "The request to …"; a host name stays as it is.
  const head = /^[a-z]+(\s|$)/.test(s) ? s[0].toUpperCase() + s.slice(1) : s
  return head + (/[.!?]$/.test(s) ? '' : '.')
}
