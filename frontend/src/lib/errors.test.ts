import { describe, expect, it } from 'vitest'
import { ApiError } from '../api'
import { errorMessage, typographic } from './errors'

describe('errorMessage', () => {
  it('shows the backend’s apostrophes as the window’s own words do, and leaves quotes as they are', () => {
    expect(errorMessage(new ApiError('invalid_input', "The server refused this workspace's access key: it can't be used"))).toBe(
      'The server refused this workspace’s access key: it can’t be used',
    )
    expect(typographic("name 'x' is taken; Müller's key")).toBe("name 'x' is taken; Müller’s key")
    // A quoted value is the user's own: kept as typed.
    expect(typographic(`name "O'Brien's key" can't be used; “/home/o'neil/ca.pem” isn't there`)).toBe(
      `name "O'Brien's key" can’t be used; “/home/o'neil/ca.pem” isn’t there`,
    )
  })
})
