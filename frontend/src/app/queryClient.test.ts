import { describe, expect, it, vi } from 'vitest'
import { ApiError, type ApiErrorCode } from '../api'
import { createQueryClient } from './queryClient'

/** How many times a query that always fails with code is asked. */
async function attempts(code: ApiErrorCode): Promise<number> {
  const queryFn = vi.fn(async () => {
    throw new ApiError(code, 'failed')
  })
  // The app's retry policy, without waiting between attempts.
  await createQueryClient()
    .fetchQuery({ queryKey: ['test', code], queryFn, retryDelay: 0 })
    .catch(() => {})
  return queryFn.mock.calls.length
}

describe('query retries', () => {
  it('tries a failed read once more', async () => {
    expect(await attempts('internal')).toBe(2)
  })

  // A hung server: each attempt waits for the backend's time limit, and a
  // second one would double the wait before the panel can say so.
  it.each<ApiErrorCode>(['timeout', 'offline'])('does not try again after %s', async (code) => {
    expect(await attempts(code)).toBe(1)
  })

  it('does not try again after start_failed', async () => {
    expect(await attempts('start_failed')).toBe(1)
  })

  // The window asks before a slow start (a keychain that takes seconds) is done.
  it('keeps asking while Keydesk is still starting, until it answers', async () => {
    let calls = 0
    const queryFn = vi.fn(async () => {
      if (++calls <= 5) throw new ApiError('not_started', 'Keydesk is still starting')
      return 'settings'
    })
    const got = await createQueryClient().fetchQuery({ queryKey: ['starting'], queryFn, retryDelay: 0 })
    expect(got).toBe('settings')
    expect(queryFn).toHaveBeenCalledTimes(6)
  })
})
