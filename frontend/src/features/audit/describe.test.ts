import { describe, expect, it } from 'vitest'
import { makeAuditEvent } from '../../test/fixtures'
import { actionLabel, actorLabel, describeChanges, eventLabel, targetLabel } from './describe'

describe('audit events in words', () => {
  it.each([
    ['a rotation', 'key.rotated', '{"successor":"key_next","revokesAt":"2026-12-01T12:00:00Z","autoRevoke":true}', ['New key key_next', 'old key works until Dec 1, 2026']],
    ['a rotation kept until disabled', 'key.rotated', '{"successor":"key_next","revokesAt":"2026-12-01T12:00:00Z","autoRevoke":false}', ['New key key_next', 'old key kept until disabled']],
    ['a new secret with a new expiry', 'key.regenerated', '{"maskedKey":{"from":"kd_Old0…0001","to":"kd_New0…0002"},"expiresAt":{"from":"2026-12-01T12:00:00Z","to":null}}', ['New secret kd_New0…0002', 'expiry Dec 1, 2026 → never']],
    ['a clean-up', 'key.cleaned_up', '{"name":"ci","maskedKey":"kd_Ci00…0003","status":"expired"}', ['kd_Ci00…0003', 'Was expired']],
    ['a clean-up of a key expired and disabled', 'key.cleaned_up', '{"name":"ci","maskedKey":"kd_Ci00…0003","status":"expired","enabled":false}', ['kd_Ci00…0003', 'Was expired and disabled']],
    ['a clean-up of a disabled key', 'key.cleaned_up', '{"name":"ci","maskedKey":"kd_Ci00…0003","status":"inactive","enabled":false}', ['kd_Ci00…0003', 'Was inactive']],
    ['the end of an overlap', 'key.auto_revoked', '{"enabled":{"from":true,"to":false},"revokesAt":"2026-12-01T12:00:00Z"}', ['Disabled']],
    ['a workspace policy', 'workspace.updated', '{"maxExpiryDays":{"from":null,"to":90}}', ['maximum expiry none → 90']],
    ['no changes', 'key.deleted', '', []],
    ['broken JSON', 'key.updated', '{not json', []],
  ])('describes %s', (_, action, changes, expected) => {
    expect(describeChanges(makeAuditEvent({ action, changes }))).toEqual(expected)
  })

  it('calls a change that only switched a key Disabled or Enabled, and any other change Changed', () => {
    const event = (changes: string) => makeAuditEvent({ action: 'key.updated', changes })
    const off = event('{"enabled":{"from":true,"to":false}}')
    expect([eventLabel(off), describeChanges(off)]).toEqual(['Disabled', []])
    // Enabling the revoked old key of a rotation keeps it: its overlap's end goes too.
    const on = event('{"enabled":{"from":false,"to":true},"revokesAt":{"from":"2026-12-01T12:00:00Z","to":null}}')
    expect(eventLabel(on)).toBe('Enabled')
    const renamedAndOff = event('{"name":{"from":"a","to":"b"},"enabled":{"from":true,"to":false}}')
    expect([eventLabel(renamedAndOff), describeChanges(renamedAndOff)]).toEqual(['Changed', ['name “a” → “b”', 'Disabled']])
    expect(eventLabel(makeAuditEvent({ action: 'key.auto_revoked', changes: '{"enabled":{"from":true,"to":false}}' }))).toBe('Revoked after rotation')
  })

  it('names profiles, unknown actions and the server as actor', () => {
    const event = makeAuditEvent({ action: 'key.updated', changes: '{"profileId":{"from":"","to":"prof_1"}}' })
    expect(describeChanges(event, { profileName: (id) => (id === 'prof_1' ? 'Billing' : undefined) })).toEqual([
      'profile none → Billing',
    ])
    expect(actionLabel('key.teleported')).toBe('key.teleported')
    expect(actorLabel(makeAuditEvent({ actorKeyId: '', actorName: '' }))).toBe('Server')
  })
})

describe('targetLabel', () => {
  it('names a key or profile that is gone by the name the event recorded', () => {
    const gone = makeAuditEvent({ targetName: '', targetKeyId: 'key_gone', changes: JSON.stringify({ name: 'tp key 1', maskedKey: 'kd_x…y' }) })
    expect(targetLabel(gone)).toBe('tp key 1')
    const renamed = makeAuditEvent({ targetName: '', targetKeyId: 'key_r', changes: JSON.stringify({ name: { from: 'a', to: 'b' } }) })
    expect(targetLabel(renamed)).toBe('key_r')
    expect(targetLabel(makeAuditEvent({ targetName: 'billing' }))).toBe('billing')
  })
})

describe('profile events in words', () => {
  /** A profile as the server records it in an audit event (api.Profile). */
  const echo = {
    id: 'prf_echo',
    name: 'Echo',
    description: '',
    defaultExpiryDays: 30,
    keyPrefix: 'echo',
    rotationDays: null,
    reminderDays: [30, 7, 1],
    testEndpoint: { method: 'GET', url: '{server}/v1/whoami', auth: 'bearer' },
    metadata: {},
    createdAt: '2026-11-01T12:00:00Z',
    updatedAt: '2026-11-01T12:00:00Z',
    keyCount: 0,
  }
  const updated = (after: Record<string, unknown>, before: Record<string, unknown> = echo) =>
    describeChanges(
      makeAuditEvent({
        action: 'profile.updated',
        targetKeyId: '',
        targetId: 'prf_echo',
        // Saving bumps updatedAt: that is not a change the log reports.
        changes: JSON.stringify({ before, after: { ...before, updatedAt: '2026-12-01T12:00:00Z', ...after } }),
      }),
    )

  it.each([
    ['the default expiry', { defaultExpiryDays: 90 }, ['default expiry 30 → 90 days']],
    ['a default expiry dropped', { defaultExpiryDays: null }, ['default expiry 30 days → never']],
    ['the name', { name: 'Echo 2' }, ['name “Echo” → “Echo 2”']],
    ['the description', { description: 'For the echo service' }, ['description none → “For the echo service”']],
    ['the key prefix', { keyPrefix: '' }, ['key prefix echo_ → workspace default']],
    ['a rotation policy', { rotationDays: 90 }, ['rotation none → every 90 days']],
    ['the reminders', { reminderDays: [] }, ['reminders 30, 7, 1 days → as in Settings']],
    ['the test URL', { testEndpoint: { method: 'GET', url: 'https://echo.example.com/ping', auth: 'bearer' } }, ['test URL {server}/v1/whoami → https://echo.example.com/ping']],
    [
      'the test method and auth',
      { testEndpoint: { method: 'POST', url: '{server}/v1/whoami', auth: 'header', name: 'X-API-Key' } },
      ['test method GET → POST', 'test auth bearer token → header X-API-Key'],
    ],
    ['the default test target', { testEndpoint: null }, ['test endpoint GET {server}/v1/whoami → default']],
    ['the metadata', { metadata: { team: 'echo' } }, ['metadata none → {"team":"echo"}']],
    ['several settings, in the order of the form', { defaultExpiryDays: 90, testEndpoint: null }, ['default expiry 30 → 90 days', 'test endpoint GET {server}/v1/whoami → default']],
    ['nothing but a save', {}, ['no setting changed']],
  ])('says what a change of %s changed', (_, after, expected) => {
    expect(updated(after)).toEqual(expected)
  })

  it('says what a new profile was created with', () => {
    const event = makeAuditEvent({
      action: 'profile.created',
      targetKeyId: '',
      targetId: 'prf_echo',
      changes: JSON.stringify({ before: { ...echo, name: '', keyPrefix: '', testEndpoint: null, defaultExpiryDays: null }, after: echo }),
    })
    expect(describeChanges(event)).toEqual([
      'default expiry: 30 days',
      'key prefix: echo_',
      'reminders: 30, 7, 1 days',
      'test endpoint: GET {server}/v1/whoami',
    ])
  })

  it.each([
    ['kept its keys', { name: 'Echo', keys: 'detach', affectedKeys: 3 }, ['3 keys kept without a profile']],
    ['deleted its key', { name: 'Echo', keys: 'delete', affectedKeys: 1 }, ['1 key deleted with it']],
    ['had no keys', { name: 'Echo', keys: '', affectedKeys: 0 }, ['no key used it']],
  ])('says what became of the keys of a deleted profile that %s, not its raw fields', (_, changes, expected) => {
    const event = makeAuditEvent({ action: 'profile.deleted', targetKeyId: '', targetName: '', targetId: 'prf_echo', changes: JSON.stringify(changes) })
    expect(describeChanges(event)).toEqual(expected)
    expect(targetLabel(event)).toBe('Echo')
  })

  it('names a changed profile that is gone by the name it had', () => {
    const event = makeAuditEvent({
      action: 'profile.updated',
      targetKeyId: '',
      targetName: '',
      targetId: 'prf_echo',
      changes: JSON.stringify({ before: echo, after: { ...echo, name: 'Echo 2' } }),
    })
    expect(targetLabel(event)).toBe('Echo 2')
  })
})

describe('profiles deleted since', () => {
  it('are named by the name the event recorded, not by their ID', () => {
    const detached = makeAuditEvent({
      action: 'key.updated',
      changes: JSON.stringify({ profileId: { from: 'prf_gone', to: '' }, profileName: { from: 'Payments', to: '' }, reason: 'profile deleted' }),
    })
    const said = describeChanges(detached, { profileName: () => undefined }).join(' · ')
    expect(said).toContain('Payments')
    expect(said).not.toContain('prf_gone')
    expect(said).not.toContain('profileName')

    const created = makeAuditEvent({
      action: 'key.created',
      changes: JSON.stringify({ name: 'pay-worker', role: 'api', profileId: 'prf_gone', profileName: 'Payments', expiresAt: null }),
    })
    expect(describeChanges(created).join(' · ')).toContain('Payments')
    expect(describeChanges(created).join(' · ')).not.toContain('prf_gone')
  })

  it('prefer today’s name when the profile is still there', () => {
    const renamed = makeAuditEvent({ action: 'key.created', changes: JSON.stringify({ role: 'api', profileId: 'prf_p', profileName: 'Old name' }) })
    expect(describeChanges(renamed, { profileName: (id) => (id === 'prf_p' ? 'New name' : undefined) }).join(' · ')).toContain('New name')
  })
})
