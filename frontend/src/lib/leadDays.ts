// Reminder lead times as a TagsInput holds them (strings) and as the backend
// takes them (whole days, at most 10).
import { en } from '../i18n/en'

export const LEAD_DAYS_MAX = 366
export const LEAD_DAYS_COUNT = 10

/** Largest first, the way the backend stores them; anything not a number goes last. */
export function sortLeadDays(values: string[]): string[] {
  const key = (v: string) => (/^\d+$/.test(v.trim()) ? Number(v) : -1)
  return [...values].sort((a, b) => key(b) - key(a))
}

/** Whether a tag is a whole number of days from min to LEAD_DAYS_MAX. */
export function isLeadDay(tag: string, min: number): boolean {
  if (!/^\d+$/.test(tag.trim())) return false
  const days = Number(tag)
  return days >= min && days <= LEAD_DAYS_MAX
}

/** The days the tags stand for, or why they can't be sent. */
export function parseLeadDays(
  values: string[],
  { min, required }: { min: number; required: boolean },
): { days: number[]; error?: undefined } | { days?: undefined; error: string } {
  if (required && values.length === 0) return { error: en.leadDays.required }
  if (values.length > LEAD_DAYS_COUNT) return { error: en.leadDays.tooMany }
  if (values.some((v) => !isLeadDay(v, min))) return { error: en.leadDays.invalid(min) }
  return { days: values.map(Number) }
}

export const toLeadDayTags = (days: number[]): string[] => days.map(String)
