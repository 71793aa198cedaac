import { useState } from 'react'

/**
 * The last non-null value: a dialog keeps showing what it was opened for
 * while it fades out after its target became null.
 */
export function useLastNonNull<T>(value: T | null): T | null {
  const [last, setLast] = useState(value)
  if (value !== null && value !== last) setLast(value)
  return value ?? last
}
