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

/** The event's changes as short phrases, most telling first. */
export function describeChanges(event: AuditEvent, ctx: DescribeContext = {}): string[] {
  const changes = parse(event.changes)
  const out: string[] = []
  const fmt = (field: string, value: unknown) => formatValue(field, value, ctx)

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
      if (typeof changes.status === 'string') out.push(en.audit.status(fmt('status', changes.status)))
      if (typeof changes.reason === 'string') out.push(en.audit.reason(changes.reason))
      return out
    }
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
      out.push(value.to ? en.audit.enabledNow : en.audit.disabledNow)
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

/** The name the event itself recorded (a deleted key's or profile's), if any. */
function recordedName(event: AuditEvent): string | undefined {
  try {
    const changes: unknown = JSON.parse(event.changes || '{}')
    const name = changes && typeof changes === 'object' ? (changes as { name?: unknown }).name : undefined
    return typeof name === 'string' && name !== '' ? name : undefined
  } catch {
    return undefined
  }
}

/** What it was done to: its name now, else the name the event recorded (it may be gone), else its ID. */
export function targetLabel(event: AuditEvent): string {
  return event.targetName || recordedName(event) || event.targetKeyId || event.targetId
}
