// Audit events in words: the action's name and its changes as short phrases
// ("name “a” → “b”", "Disabled", "New key key_…"), never raw JSON.
import type { AuditEvent } from '../../api'
import { en } from '../../i18n/en'
import { formatDate } from '../../lib/time'

type Change = { from: unknown; to: unknown }

export interface DescribeContext {
  /** A profile's name by id, when known. */
  profileName?: (id: string) => string | undefined
}

export function actionLabel(action: string): string {
  return en.audit.actions[action] ?? action
}

/**
 * What one event did, in a word: "Disabled" or "Enabled" for a change of a
 * key that only switched it (and ended its rotation's overlap, as enabling
 * a revoked old key does), else its action's label ("Changed").
 */
export function eventLabel(event: Pick<AuditEvent, 'action' | 'changes'>): string {
  const switched = event.action === 'key.updated' ? switchedTo(parse(event.changes)) : undefined
  if (switched === undefined) return actionLabel(event.action)
  return switched ? en.audit.enabled : en.audit.disabled
}

/** The key's new enabled flag when switching it is all a change did (see eventLabel). */
function switchedTo(changes: Record<string, unknown>): boolean | undefined {
  const enabled = changes.enabled
  if (!isChange(enabled) || !Object.keys(changes).every((field) => field === 'enabled' || field === 'revokesAt')) return undefined
  return enabled.to === true
}

function isChange(value: unknown): value is Change {
  return typeof value === 'object' && value !== null && 'from' in value && 'to' in value
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T/

function formatValue(field: string, value: unknown, ctx: DescribeContext): string {
  if (value === null || value === undefined || value === '') {
    return field === 'expiresAt' ? en.audit.never : en.audit.none
  }
  if (typeof value === 'boolean') return value ? en.audit.yes : en.audit.no
  if (typeof value === 'string') {
    if (field === 'profileId') return ctx.profileName?.(value) ?? value
    if (field === 'role') return en.keys.roles[value] ?? value
    if (field === 'status') return (en.keys.status[value] ?? value).toLowerCase()
    if (ISO_TIME.test(value)) return formatDate(value)
    if (field === 'name') return `“${value}”`
    return value
  }
  return String(value)
}

function fieldLabel(field: string): string {
  return en.audit.fields[field] ?? field
}

function parse(changes: string): Record<string, unknown> {
  if (!changes) return {}
  try {
    const value: unknown = JSON.parse(changes)
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

type Fields = Record<string, unknown>

const asObject = (value: unknown): Fields | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : undefined
const asText = (value: unknown): string => (typeof value === 'string' ? value : '')
const asDays = (value: unknown): number | null => (typeof value === 'number' ? value : null)
const asDayList = (value: unknown): number[] => (Array.isArray(value) ? value.filter((d): d is number => typeof d === 'number') : [])

/** A long value (a description, metadata) cut to what fits in a row. */
function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** A profile's metadata as compact JSON; "" for none. */
function metadataText(value: unknown): string {
  if (value === null || value === undefined) return ''
  const json = typeof value === 'string' ? value : JSON.stringify(value)
  return json === '{}' || json === '' ? '' : json
}

function authText(endpoint: Fields): string {
  return en.profiles.auth(asText(endpoint.auth), asText(endpoint.name))
}

/** A test endpoint in a few words: "POST {server}/v1/ping (header X-API-Key)"; none is the default target. */
function endpointText(value: unknown): string {
  const endpoint = asObject(value)
  if (!endpoint) return en.audit.profile.defaultTarget
  const auth = asText(endpoint.auth)
  const base = `${asText(endpoint.method) || 'GET'} ${asText(endpoint.url)}`
  return auth && auth !== 'bearer' ? `${base} (${authText(endpoint)})` : base
}

/**
 * What a change to a profile changed, in the order of its form. The server
 * records the whole profile before and after (`{before, after}`); what did
 * not change, and its own bookkeeping (times, key count), is left out.
 */
function profileChanges(before: Fields, after: Fields): string[] {
  const p = en.audit.profile
  const out: string[] = []
  const differs = (field: string) => JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null)

  if (differs('name')) out.push(p.name(asText(before.name), asText(after.name)))
  if (differs('description')) out.push(p.description(clip(asText(before.description)), clip(asText(after.description))))
  if (differs('defaultExpiryDays')) out.push(p.defaultExpiry(asDays(before.defaultExpiryDays), asDays(after.defaultExpiryDays)))
  if (differs('keyPrefix')) out.push(p.keyPrefix(asText(before.keyPrefix), asText(after.keyPrefix)))
  if (differs('rotationDays')) out.push(p.rotation(asDays(before.rotationDays), asDays(after.rotationDays)))
  if (differs('reminderDays')) out.push(p.reminders(asDayList(before.reminderDays), asDayList(after.reminderDays)))
  if (differs('testEndpoint')) {
    const from = asObject(before.testEndpoint)
    const to = asObject(after.testEndpoint)
    if (from && to) {
      // Both custom: only the parts that changed.
      if (from.method !== to.method) out.push(p.testMethod(asText(from.method), asText(to.method)))
      if (from.url !== to.url) out.push(p.testUrl(asText(from.url), asText(to.url)))
      if (authText(from) !== authText(to)) out.push(p.testAuth(authText(from), authText(to)))
    } else {
      out.push(p.testEndpoint(endpointText(from), endpointText(to)))
    }
  }
  const [metaFrom, metaTo] = [metadataText(before.metadata), metadataText(after.metadata)]
  if (metaFrom !== metaTo) {
    out.push(metaFrom.length > 40 || metaTo.length > 40 ? p.metadataChanged : p.metadata(metaFrom, metaTo))
  }
  return out
}

/** What a new profile was created with, besides its name: the settings it has. */
function profileSettings(profile: Fields): string[] {
  const c = en.audit.profile.created
  const out: string[] = []
  if ('defaultExpiryDays' in profile) out.push(c.defaultExpiry(asDays(profile.defaultExpiryDays)))
  if (asText(profile.keyPrefix)) out.push(c.keyPrefix(asText(profile.keyPrefix)))
  const rotation = asDays(profile.rotationDays)
  if (rotation !== null) out.push(c.rotation(rotation))
  const reminders = asDayList(profile.reminderDays)
  if (reminders.length > 0) out.push(c.reminders(reminders))
  if (asObject(profile.testEndpoint)) out.push(c.testEndpoint(endpointText(profile.testEndpoint)))
  const metadata = metadataText(profile.metadata)
  if (metadata) out.push(c.metadata(clip(metadata, 40)))
  return out
}

/** What became of the keys that used a deleted profile. */
function deletedProfile(changes: Fields): string[] {
  const p = en.audit.profile
  const n = typeof changes.affectedKeys === 'number' ? changes.affectedKeys : 0
  if (n === 0) return [p.unused]
  if (changes.keys === 'delete') return [p.deletedKeys(n)]
  if (changes.keys === 'detach') return [p.keptKeys(n)]
  return []
}

/**
 * ctx, with the profile names the event recorded beside its profileId
 * ("profileName": a name, or {from, to}): a profile deleted since is still
 * named. Today's name comes first.
 */
function withRecordedProfiles(ctx: DescribeContext, ids: unknown, names: unknown): DescribeContext {
  const recorded = new Map<string, string>()
  const add = (id: unknown, name: unknown) => {
    if (typeof id === 'string' && id && typeof name === 'string' && name) recorded.set(id, name)
  }
  if (isChange(ids) && isChange(names)) {
    add(ids.from, names.from)
    add(ids.to, names.to)
  } else {
    add(ids, names)
  }
  if (recorded.size === 0) return ctx
  return { ...ctx, profileName: (id) => ctx.profileName?.(id) ?? recorded.get(id) }
}

/** The event's changes as short phrases, most telling first. */
export function describeChanges(event: AuditEvent, ctx: DescribeContext = {}): string[] {
  const { profileName: recordedProfile, ...changes } = parse(event.changes)
  const out: string[] = []
  const fmt = (field: string, value: unknown) => formatValue(field, value, withRecordedProfiles(ctx, changes.profileId, recordedProfile))

  switch (event.action) {
    case 'key.rotated': {
      if (typeof changes.successor === 'string') out.push(en.audit.successor(changes.successor))
      if (changes.autoRevoke === false) out.push(en.audit.keptUntilDisabled)
      else if (typeof changes.revokesAt === 'string') out.push(en.audit.revokesOn(formatDate(changes.revokesAt)))
      return out
    }
    case 'key.auto_revoked':
      return [en.audit.disabledNow]
    case 'key.deleted':
    case 'key.cleaned_up': {
      if (typeof changes.maskedKey === 'string') out.push(changes.maskedKey)
      if (typeof changes.status === 'string') {
        // An expired key's status does not say it was switched off too.
        const alsoDisabled = changes.enabled === false && changes.status !== 'inactive'
        out.push(en.audit.status(alsoDisabled ? en.audit.andDisabled(fmt('status', changes.status)) : fmt('status', changes.status)))
      }
      if (typeof changes.reason === 'string') out.push(en.audit.reason(changes.reason))
      return out
    }
    case 'profile.created':
    case 'profile.updated': {
      const before = asObject(changes.before)
      const after = asObject(changes.after)
      if (!after) return out
      if (event.action === 'profile.created' || !before) return profileSettings(after)
      const changed = profileChanges(before, after)
      return changed.length > 0 ? changed : [en.audit.profile.unchanged]
    }
    case 'profile.deleted':
      return deletedProfile(changes)
    case 'key.created': {
      for (const field of ['role', 'profileId', 'expiresAt']) {
        if (field in changes && !(field === 'profileId' && !changes[field])) {
          out.push(en.audit.set(fieldLabel(field), fmt(field, changes[field])))
        }
      }
      return out
    }
  }

  for (const [field, value] of Object.entries(changes)) {
    if (field === 'maskedKey' && isChange(value)) {
      out.push(en.audit.newSecret(String(value.to)))
    } else if (field === 'enabled' && isChange(value)) {
      // Said by the event's label (eventLabel) when that is all it did.
      if (event.action !== 'key.updated' || switchedTo(changes) === undefined) out.push(value.to ? en.audit.enabledNow : en.audit.disabledNow)
    } else if (isChange(value)) {
      out.push(en.audit.changed(fieldLabel(field), fmt(field, value.from), fmt(field, value.to)))
    } else if (typeof value !== 'object' || value === null) {
      out.push(en.audit.set(fieldLabel(field), fmt(field, value)))
    }
  }
  return out
}

/** Who did it: the actor key's name, else its id, else the server itself. */
export function actorLabel(event: AuditEvent): string {
  return event.actorName || event.actorKeyId || en.audit.server
}

/**
 * The name the event itself recorded, if any: a deleted key's or profile's,
 * or a changed profile's name after (else before) the change.
 */
function recordedName(event: AuditEvent): string | undefined {
  const changes = parse(event.changes)
  for (const name of [changes.name, asObject(changes.after)?.name, asObject(changes.before)?.name]) {
    if (typeof name === 'string' && name !== '') return name
  }
  return undefined
}

/** What it was done to: its name now, else the name the event recorded (it may be gone), else its ID. */
export function targetLabel(event: AuditEvent): string {
  return event.targetName || recordedName(event) || event.targetKeyId || event.targetId
}
