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
})
