import { describe, expect, it } from 'vitest'
import { ApiError, toApiError } from './errors'

describe('toApiError', () => {
  it.each([
    ['the {code, message} object a bound method rejects with', { code: 'invalid_input', message: 'name must be 1–100 characters, got 0' }, 'invalid_input', 'name must be 1–100 characters, got 0'],
    ['the same object as a JSON string', '{"code":"offline","message":"server unreachable"}', 'offline', 'server unreachable'],
    [
      'an Error holding it as JSON, as the desktop runtime rejects (new Error(formatted))',
      new Error('{"code":"need_secret","message":"Paste it to test the key.","field":"secret"}'),
      'need_secret',
      'Paste it to test the key.',
    ],
    ['an unknown code', { code: 'teapot', message: 'short and stout' }, 'internal', 'short and stout'],
    ['a timeout', { code: 'timeout', message: 'The server did not answer in time. Try again.' }, 'timeout', 'The server did not answer in time. Try again.'],
    ['a backend still starting', { code: 'not_started', message: 'Keydesk is starting.' }, 'not_started', 'Keydesk is starting.'],
    ['a plain string', 'boom', 'internal', 'boom'],
    ['an Error', new TypeError("Cannot read properties of undefined (reading 'app')"), 'internal', "Cannot read properties of undefined (reading 'app')"],
    ['nothing useful', 42, 'internal', '42'],
  ])('turns %s into an ApiError', (_, reason, code, message) => {
    const err = toApiError(reason)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toBeInstanceOf(Error)
    expect(err.code).toBe(code)
    expect(err.message).toBe(message)
  })

  it('keeps the field of an invalid_input error', () => {
    const err = toApiError('{"code":"invalid_input","message":"must be 1–366","field":"expiresInDays"}')
    expect(err.field).toBe('expiresInDays')
    expect(toApiError({ code: 'offline', message: 'x' }).field).toBeUndefined()
  })

  it('returns an ApiError unchanged', () => {
    const err = new ApiError('conflict', 'changed elsewhere')
    expect(toApiError(err)).toBe(err)
  })
})
