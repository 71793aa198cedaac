import { QueryClient, QueryClientProvider, useMutation } from '@tanstack/react-query'
import { act, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { useOneAtATime } from './oneAtATime'

function setup() {
  let finish: (value: string) => void = () => {}
  const mutationFn = vi.fn(() => new Promise<string>((resolve) => (finish = resolve)))
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } })
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>
  const { result } = renderHook(() => useOneAtATime(useMutation({ mutationFn })), { wrapper })
  return { result, mutationFn, finish: (value: string) => finish(value) }
}

describe('useOneAtATime', () => {
  it('sends one request for two calls in a row, as a double click makes', async () => {
    const { result, mutationFn, finish } = setup()
    const onSuccess = vi.fn()
    const onSettled = vi.fn()
    act(() => {
      result.current.mutate(undefined, { onSuccess, onSettled })
      result.current.mutate(undefined, { onSuccess, onSettled })
    })
    await waitFor(() => expect(mutationFn).toHaveBeenCalledTimes(1))
    await act(() => new Promise((r) => setTimeout(r, 20))) // time for a second request, were there one
    expect(mutationFn).toHaveBeenCalledTimes(1)
    await act(async () => finish('done'))
    await waitFor(() => expect(onSettled).toHaveBeenCalledTimes(1))
    expect(onSuccess).toHaveBeenCalledWith('done', undefined, undefined, expect.anything())
  })

  it('takes the next call once the first has settled', async () => {
    const { result, mutationFn, finish } = setup()
    act(() => result.current.mutate(undefined))
    await waitFor(() => expect(mutationFn).toHaveBeenCalledTimes(1))
    await act(async () => finish('first'))
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    act(() => result.current.mutate(undefined))
    await waitFor(() => expect(mutationFn).toHaveBeenCalledTimes(2))
  })

  it('takes the next call after one the caller reset while it was in flight', async () => {
    const { result, mutationFn, finish } = setup()
    act(() => result.current.mutate(undefined))
    await waitFor(() => expect(mutationFn).toHaveBeenCalledTimes(1))
    act(() => result.current.reset())
    await act(async () => finish('dropped'))
    act(() => result.current.mutate(undefined))
    await waitFor(() => expect(mutationFn).toHaveBeenCalledTimes(2))
  })
})
