import { describe, expect, it } from 'vitest'
import { ApiError } from '../api'
import { errorMessage, typographic } from './errors'

describe('errorMessage', () => {
  it('shows the backend’s apostrophes as the window’s own words do, and leaves quotes as they are', () => {
    expect(errorMessage(new ApiError('invalid_input', "The server refused this workspace's access key: it can't be used"))).toBe(
      'The server refused this workspace’s access key: it can’t be used',
    )
    expect(typographic("name 'x' is taken; Müller's key")).toBe("name 'x' is taken; Müller’s key")
  })
})
