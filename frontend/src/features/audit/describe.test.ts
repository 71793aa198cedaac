import { describe, expect, it } from 'vitest'
import { makeAuditEvent } from '../../test/fixtures'
import { actionLabel, actorLabel, describeChanges, targetLabel } from './describe'

describe('audit events in words', () => {
  it.each([
    ['a rotation', 'key.rotated', '{"successor":"key_next","revokesAt":"2026-12-01T12:00:00Z","autoRevoke":true}', ['New key key_next', 'old key revoked Dec 1, 2026']],
    ['a rotation kept until disabled', 'key.rotated', '{"successor":"key_next","revokesAt":"2026-12-01T12:00:00Z","autoRevoke":false}', ['New key key_next', 'old key kept until disabled']],
    ['a new secret with a new expiry', 'key.regenerated', '{"maskedKey":{"from":"kd_Old0…0001","to":"kd_New0…0002"},"expiresAt":{"from":"2026-12-01T12:00:00Z","to":null}}', ['New secret kd_New0…0002', 'expiry Dec 1, 2026 → never']],
    ['a clean-up', 'key.cleaned_up', '{"name":"ci","maskedKey":"kd_Ci00…0003","status":"expired"}', ['kd_Ci00…0003', 'Was expired']],
    ['the end of an overlap', 'key.auto_revoked', '{"enabled":{"from":true,"to":false},"revokesAt":"2026-12-01T12:00:00Z"}', ['Disabled']],
    ['a workspace policy', 'workspace.updated', '{"maxExpiryDays":{"from":null,"to":90}}', ['maximum expiry none → 90']],
    ['no changes', 'key.deleted', '', []],
    ['broken JSON', 'key.updated', '{not json', []],
  ])('describes %s', (_, action, changes, expected) => {
    expect(describeChanges(makeAuditEvent({ action, changes }))).toEqual(expected)
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
