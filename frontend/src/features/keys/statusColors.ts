/** The colour of each key status's badge (KeyStatusBadge, the first screen). */
export const STATUS_COLORS: Record<string, string> = {
  active: 'green',
  inactive: 'gray',
  expired: 'red',
  rotating: 'violet',
}
