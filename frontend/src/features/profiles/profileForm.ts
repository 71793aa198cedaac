// The profile form as the user edits it, and the request it becomes. The
// backend checks everything again; these checks only spare a round trip.
import type { Profile, ProfileRequest, TestAuth } from '../../api'
import { en } from '../../i18n/en'
import { characters } from '../../lib/forms'
import { parseLeadDays, toLeadDayTags } from '../../lib/leadDays'

/** The request fields the backend may name in an invalid_input error. */
export const PROFILE_FIELDS = [
  'name',
  'description',
  'defaultExpiryDays',
  'keyPrefix',
  'rotationDays',
  'reminderDays',
  'testEndpoint.method',
  'testEndpoint.url',
  'testEndpoint.auth',
  'testEndpoint.name',
  'metadata',
] as const
export type ProfileField = (typeof PROFILE_FIELDS)[number]
export type ProfileErrors = Partial<Record<ProfileField, string>>

export const EXPIRY_MAX_DAYS = 366
export const ROTATION_MAX_DAYS = 3650
const PREFIX = /^[a-z][a-z0-9]{1,11}$/
/** The server's limits, in characters. */
const NAME_MAX = 100
const DESCRIPTION_MAX = 1000

/** A number of days that may be switched off (never expires, no rotation policy). */
export interface OptionalDays {
  on: boolean
  /** As typed: checked, never corrected (0 must not become 1, nor 1e3 become 13). */
  days: string
}

export interface EndpointValues {
  /** Off: keys are tested against the default target. */
  on: boolean
  method: string
  url: string
  auth: TestAuth
  name: string
}

export interface ProfileFormValues {
  name: string
  description: string
  expiry: OptionalDays
  keyPrefix: string
  rotation: OptionalDays
  reminderDays: string[]
  /** A lead time typed but not added yet (see LeadDaysInput). */
  reminderDraft: string
  endpoint: EndpointValues
  metadata: string
}

/** The error fields each part of the form clears when the user changes it. */
export const FIELDS_OF: Record<keyof ProfileFormValues, readonly ProfileField[]> = {
  name: ['name'],
  description: ['description'],
  expiry: ['defaultExpiryDays'],
  keyPrefix: ['keyPrefix'],
  rotation: ['rotationDays'],
  reminderDays: ['reminderDays'],
  reminderDraft: ['reminderDays'],
  endpoint: ['testEndpoint.method', 'testEndpoint.url', 'testEndpoint.auth', 'testEndpoint.name'],
  metadata: ['metadata'],
}

const optionalDays = (days: number | undefined, fallback: number): OptionalDays =>
  days === undefined ? { on: false, days: String(fallback) } : { on: true, days: String(days) }

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    return text
  }
}

/** The form for a profile, or for a new one. */
export function formValues(profile?: Profile): ProfileFormValues {
  const te = profile?.testEndpoint
  return {
    name: profile?.name ?? '',
    description: profile?.description ?? '',
    expiry: optionalDays(profile?.defaultExpiryDays, 90),
    keyPrefix: profile?.keyPrefix ?? '',
    rotation: optionalDays(profile?.rotationDays, 90),
    // A new profile follows Settings' lead times (empty) until given its own.
    reminderDays: toLeadDayTags(profile ? profile.reminderDays : []),
    reminderDraft: '',
    endpoint: {
      on: te !== undefined,
      method: te?.method || 'GET',
      url: te?.url ?? '',
      auth: te?.auth === 'header' || te?.auth === 'query' ? te.auth : 'bearer',
      name: te?.name ?? '',
    },
    metadata: profile?.metadata ? prettyJson(profile.metadata) : '',
  }
}

/** The fields that take a number of days, their largest and what is said when it is out of range. */
const DAYS_RULES = {
  expiry: { max: EXPIRY_MAX_DAYS, message: en.profileForm.expiryRange },
  rotation: { max: ROTATION_MAX_DAYS, message: en.profileForm.rotationRange },
} as const
export type DaysField = keyof typeof DAYS_RULES

/** The typed days as a number: NaN unless they are a whole number written in digits. */
/** A user name or password in a URL: scheme://user[:password]@host. */
const USERINFO = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i

export const typedDays = (text: string): number => (/^\d+$/.test(text.trim()) ? Number(text) : NaN)

function checkDays(field: DaysField, value: OptionalDays): { days: number | null; error?: string } {
  if (!value.on) return { days: null }
  const { max, message } = DAYS_RULES[field]
  const days = typedDays(value.days)
  return days >= 1 && days <= max ? { days } : { days: null, error: message }
}

/**
 * What is wrong with days while they are being typed: said at once, as in the
 * rotate dialog, but not for an empty field, which is said on save.
 */
export function daysErrorWhileTyping(field: DaysField, value: OptionalDays): string | undefined {
  return value.days.trim() === '' ? undefined : checkDays(field, value).error
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
  } catch {
    return false
  }
}

/** The whole request the form stands for, or what is wrong with it, by field. */
export function toRequest(v: ProfileFormValues): { req: ProfileRequest; errors?: undefined } | { req?: undefined; errors: ProfileErrors } {
  const errors: ProfileErrors = {}
  const name = v.name.trim()
  if (!name) errors.name = en.profileForm.nameRequired
  else if (characters(name) > NAME_MAX) errors.name = en.profileForm.nameTooLong(characters(name))
  const description = v.description.trim()
  if (characters(description) > DESCRIPTION_MAX) errors.description = en.profileForm.descriptionTooLong(characters(description))
  const expiry = checkDays('expiry', v.expiry)
  if (expiry.error) errors.defaultExpiryDays = expiry.error
  const keyPrefix = v.keyPrefix.trim()
  if (keyPrefix && !PREFIX.test(keyPrefix)) errors.keyPrefix = en.profileForm.prefixInvalid
  const rotation = checkDays('rotation', v.rotation)
  if (rotation.error) errors.rotationDays = rotation.error
  const lead = parseLeadDays(v.reminderDays, { required: false, draft: v.reminderDraft })
  if (lead.error) errors.reminderDays = lead.error
  const url = v.endpoint.url.trim()
  const authName = v.endpoint.auth === 'bearer' ? '' : v.endpoint.name.trim()
  if (v.endpoint.on && !url) errors['testEndpoint.url'] = en.profileForm.urlRequired
  // As the server refuses it: the profile, with its URL, is shown to every member.
  else if (v.endpoint.on && USERINFO.test(url)) errors['testEndpoint.url'] = en.profileForm.urlUserinfo
  if (v.endpoint.on && v.endpoint.auth !== 'bearer' && !authName) errors['testEndpoint.name'] = en.profileForm.authNameRequired
  const metadata = v.metadata.trim()
  if (metadata && !isJsonObject(metadata)) errors.metadata = en.profileForm.metadataInvalid
  if (Object.keys(errors).length > 0) return { errors }

  return {
    req: {
      name,
      description,
      defaultExpiryDays: expiry.days,
      keyPrefix,
      rotationDays: rotation.days,
      reminderDays: lead.days ?? [],
      testEndpoint: v.endpoint.on ? { method: v.endpoint.method, url, auth: v.endpoint.auth, name: authName } : null,
      metadata,
    },
  }
}
