import { describe, expect, it } from 'vitest'
import { asSentence } from './status'

describe('asSentence', () => {
  it('starts a failure with a capital and ends it with a full stop, leaving a host name as it is', () => {
    expect(asSentence('the request to keys.example.com failed: connection reset by peer')).toBe(
      'The request to keys.example.com failed: connection reset by peer.',
    )
    expect(asSentence('keys.example.com did not answer within 10 s')).toBe('keys.example.com did not answer within 10 s.')
    expect(asSentence('Redirected.')).toBe('Redirected.')
    expect(asSentence('')).toBe('')
  })
})
