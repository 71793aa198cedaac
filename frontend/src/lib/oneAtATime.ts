import type { MutateOptions, UseMutateFunction, UseMutationResult } from '@tanstack/react-query'
import { useCallback, useRef } from 'react'

/**
 * The mutation, with a `mutate` that does nothing while a call it made is
 * still in flight. TanStack Query reports `isPending` only after a render, so
 * a double click on a dialog's button could send its request twice: two
 * rotations (the second fails, "already being rotated", and its error hid the
 * first one's new secret), two regenerations, a delete then a "not found".
 */
export function useOneAtATime<TData, TError, TVariables, TOnMutateResult>(
  mutation: UseMutationResult<TData, TError, TVariables, TOnMutateResult>,
): UseMutationResult<TData, TError, TVariables, TOnMutateResult> {
  const inFlight = useRef(false)
  const { mutate: mutateOnce } = mutation
  const mutate = useCallback<UseMutateFunction<TData, TError, TVariables, TOnMutateResult>>(
    (...[variables, options]) => {
      if (inFlight.current) return
      inFlight.current = true
      const settled: MutateOptions<TData, TError, TVariables, TOnMutateResult> = {
        ...options,
        onSettled: (...args) => {
          inFlight.current = false
          options?.onSettled?.(...args)
        },
      }
      mutateOnce(...([variables, settled] as Parameters<typeof mutateOnce>))
    },
    [mutateOnce],
  )
  return { ...mutation, mutate }
}
