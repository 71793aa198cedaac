/** The Badge colour of an HTTP status by its class; 0 (no answer) is red. */
export function statusColor(status: number): string {
  if (status >= 200 && status < 300) return 'green'
  if (status >= 300 && status < 400) return 'blue'
  if (status >= 400 && status < 500) return 'orange'
  return 'red'
}
