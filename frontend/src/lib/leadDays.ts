// Reminder lead times as a TagsInput holds them (strings) and as the backend
// takes them (whole days, at most 10).
import { en } from '../i18n/en'

/** A reminder on the expiry day itself would come with the key's "expired" one: lead times start at 1. */
export const LEAD_DAYS_MIN = 1
export const LEAD_DAYS_MAX = 366
export const LEAD_DAYS_COUNT = 10
/** What ends a lead time being typed, besides Enter. */
export const LEAD_DAYS_SPLIT = [',', ' ']

/** Largest first, the way the backend stores them; anything not a number goes last. */
export function sortLeadDays(values: string[]): string[] {
  const key = (v: string) => (/^\d+$/.test(v.trim()) ? Number(v) : -1)
  return [...values].sort((a, b) => key(b) - key(a))
}

/** Whether a tag is a whole number of days from LEAD_DAYS_MIN to LEAD_DAYS_MAX. */
export function isLeadDay(tag: string): boolean {
  if (!/^\d+$/.test(tag.trim())) return false
  const days = Number(tag)
  return days >= LEAD_DAYS_MIN && days <= LEAD_DAYS_MAX
}

/** Why a typed lead time can't join the tags, or undefined when it can (or is there already). */
export function leadDayError(tag: string, tags: string[]): string | undefined {
  if (!isLeadDay(tag)) return en.leadDays.invalid
  if (isDuplicate(tag, tags)) return undefined
  if (tags.length >= LEAD_DAYS_COUNT) return en.leadDays.tooMany
  return undefined
}

const isDuplicate = (tag: string, tags: string[]) => isLeadDay(tag) && tags.some((t) => Number(t) === Number(tag))

/**
 * Adds typed text (one lead time, or several split by commas or spaces) to
 * the tags. What can't join stays typed, in `rest`, and `error` says why:
 * nothing the user typed is dropped or changed without a word. A lead time
 * already in the list is what the user wanted: it goes, and `note` says so.
 */
export function addLeadDays(tags: string[], text: string): { tags: string[]; rest: string; error?: string; note?: string } {
  const next = [...tags]
  const refused: string[] = []
  let error: string | undefined
  let note: string | undefined
  for (const part of text.split(/[,\s]+/).filter(Boolean)) {
    if (isDuplicate(part, next)) {
      note ??= en.leadDays.duplicate(Number(part))
      continue
    }
    const why = leadDayError(part, next)
    if (why) {
      refused.push(part)
      error ??= why
    } else {
      next.push(String(Number(part)))
    }
  }
  return { tags: sortLeadDays(next), rest: refused.join(', '), error, note }
}

/** The days the tags, and what is still typed beside them, stand for, or why they can't be sent. */
export function parseLeadDays(
  values: string[],
  { required, draft = '' }: { required: boolean; draft?: string },
): { days: number[]; error?: undefined } | { days?: undefined; error: string } {
  if (draft.trim()) {
    const added = addLeadDays(values, draft)
    if (added.error !== undefined) return { error: added.error }
    values = added.tags
  }
  if (required && values.length === 0) return { error: en.leadDays.required }
  if (values.length > LEAD_DAYS_COUNT) return { error: en.leadDays.tooMany }
  if (values.some((v) => !isLeadDay(v))) return { error: en.leadDays.invalid }
  return { days: values.map(Number) }
}

export const toLeadDayTags = (days: number[]): string[] => days.map(String)
