import { describe, expect, it } from 'vitest'
import type { Reminder } from '../../api'
import { DAYS, iso } from '../../test/fixtures'
import { formatRelative } from '../../lib/time'
import { describeReminder } from './describe'

const now = Date.parse('2026-06-15T12:00:00Z')

function makeReminder(overrides: Partial<Reminder> = {}): Reminder {
  return {
    id: 1,
    workspaceId: 'ws_team',
    keyId: 'key_team',
    keyName: 'team-unused',
    kind: 'unused',
    threshold: 30,
    dueAt: iso(now - 37 * DAYS),
    keyCreatedAt: iso(now - 67 * DAYS),
    neverUsed: true,
    // What the backend worded when it listed the reminder, possibly long ago.
    title: 'API key never used',
    message: 'team-unused has not been used since it was created 30 days ago. Disable it if nobody needs it.',
    action: 'disable',
    ...overrides,
  }
}

describe('reminders in words', () => {
  it.each([
    ['created 67 days ago', 67],
    ['created 100 days ago', 100],
  ])('says the real age of a key never used: %s', (_, days) => {
    const words = describeReminder(makeReminder({ keyCreatedAt: iso(now - days * DAYS), dueAt: iso(now - (days - 30) * DAYS) }), now)
    expect(words.title).toBe('API key never used')
    expect(words.message).toBe(`team-unused has not been used since it was created ${days} days ago. Disable it if nobody needs it.`)
  })

  it('words the time left as the key table does, from the expiry, at display time', () => {
    const expiresAt = iso(now + 2.9 * DAYS)
    const reminder = makeReminder({
      keyName: 'team-aged-3d',
      kind: 'expiring',
      threshold: 7,
      dueAt: expiresAt,
      keyCreatedAt: '',
      neverUsed: false,
      message: 'team-aged-3d expires in 2 days. Rotate it, or regenerate it with a new expiry, before it breaks.',
    })
    const words = describeReminder(reminder, now)
    expect(formatRelative(expiresAt, now)).toBe('in 3 days') // the key table's "Expires"
    expect(words.message).toBe('team-aged-3d expires in 3 days. Rotate it, or regenerate it with a new expiry, before it breaks.')
    // A day later the same reminder says a day less.
    expect(describeReminder(reminder, now + DAYS).message).toBe('team-aged-3d expires in 2 days. Rotate it, or regenerate it with a new expiry, before it breaks.')
  })

  it.each<[string, Partial<Reminder>, string]>([
    ['an unused key', { threshold: 90, neverUsed: false, keyCreatedAt: '', keyLastUsedAt: iso(now - 95 * DAYS) }, 'team-unused was last used 95 days ago.'],
    ['a rotation due', { kind: 'rotation_due', threshold: 30, neverUsed: false, keyCreatedAt: '', secretSince: iso(now - 45 * DAYS) }, 'The secret of team-unused was made 45 days ago; its profile asks to rotate it every 30 days.'],
    ['a daily rotation due', { kind: 'rotation_due', threshold: 1, neverUsed: false, keyCreatedAt: '', secretSince: iso(now - 2 * DAYS) }, 'its profile asks to rotate it every day.'],
    ['an expired key', { kind: 'expired', threshold: 0, dueAt: iso(now - 2 * DAYS) }, 'team-unused expired 2 days ago.'],
    ['an overlap ending', { kind: 'overlap_ending', threshold: 1, dueAt: iso(now + 5 * 3_600_000) }, 'The rotation overlap of team-unused ends in 5 hours'],
  ])('words %s', (_, overrides, expected) => {
    expect(describeReminder(makeReminder(overrides), now).message).toContain(expected)
  })

  it('keeps the backend’s words for what it does not know', () => {
    const reminder = makeReminder({ kind: 'teleport', title: 'Beam it', message: 'Somewhere else.' })
    expect(describeReminder(reminder, now)).toEqual({ title: 'Beam it', message: 'Somewhere else.' })
    const old = makeReminder({ keyCreatedAt: undefined, neverUsed: undefined })
    expect(describeReminder(old, now)).toEqual({ title: old.title, message: old.message })
  })
})
