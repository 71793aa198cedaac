// The expiry choices offered when creating a key (DESIGN: 7–365 days or never).
export const EXPIRY_DAYS = [7, 30, 60, 90, 180, 365] as const
export const NEVER = 'never'
export const DEFAULT_EXPIRY = '30'

/** The select's value as the request field: days, or null for never. */
export function expiresInDays(value: string): number | null {
  return value === NEVER ? null : Number(value)
}
