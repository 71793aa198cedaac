import { renderHook, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useNow } from './useNow'

afterEach(() => vi.restoreAllMocks())

describe('useNow', () => {
  it('takes the time anew when what it refreshes on changes (a list fetched after the last tick), not before', async () => {
    const clock = vi.spyOn(Date, 'now').mockReturnValue(1_000)
    const first = ['a']
    const { result, rerender } = renderHook(({ list }) => useNow(60_000, list), { initialProps: { list: first } })
    expect(result.current).toBe(1_000)

    clock.mockReturnValue(2_000)
    rerender({ list: first }) // another render, the same list: the same time
    await new Promise((r) => setTimeout(r, 20))
    expect(result.current).toBe(1_000)

    rerender({ list: ['a', 'b'] })
    await waitFor(() => expect(result.current).toBe(2_000))
  })
})
