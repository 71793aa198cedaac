import type { UseMutateFunction, UseMutationResult } from '@tanstack/react-query'
import { useCallback, useRef } from 'react'

/**
 * The mutation, with a `mutate` that does nothing while a call it made is
 * still in flight. TanStack Query reports `isPending` only after a render, so
 * a double click on a dialog's button could send its request twice: two
 * rotations (the second fails, "already being rotated", and its error hid the
 * first one's new secret), two regenerations, a delete then a "not found".
 * The request's own promise says when it is over, even if the dialog reset
 * the mutation meanwhile (its callbacks then never come).
 */
export function useOneAtATime<TData, TError, TVariables, TOnMutateResult>(
  mutation: UseMutationResult<TData, TError, TVariables, TOnMutateResult>,
): UseMutationResult<TData, TError, TVariables, TOnMutateResult> {
  const inFlight = useRef(false)
  const { mutateAsync } = mutation
  const mutate = useCallback<UseMutateFunction<TData, TError, TVariables, TOnMutateResult>>(
    (...args) => {
      if (inFlight.current) return
      inFlight.current = true
      const over = () => {
        inFlight.current = false
      }
      // Failures reach the caller through its onError and the mutation's state, as with mutate.
      mutateAsync(...(args as Parameters<typeof mutateAsync>)).then(over, over)
    },
    [mutateAsync],
  )
  return { ...mutation, mutate }
}
