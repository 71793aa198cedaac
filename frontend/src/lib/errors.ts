import { notifications } from '@mantine/notifications'
import { ApiError, toApiError } from '../api'
import { en } from '../i18n/en'

/** The sentence to show for a failed call. */
export function errorMessage(error: unknown): string {
  const err = error instanceof ApiError ? error : toApiError(error)
  // "offline" gets our own wording: the point is that the action needs the
  // server, not how the connection failed (the banner shows that).
  if (err.code === 'offline') return en.errors.byCode.offline
  return err.message || en.errors.byCode[err.code]
}

/** Shows an error that is not tied to a form field. */
export function notifyError(title: string, error: unknown): void {
  notifications.show({ color: 'red', title, message: errorMessage(error), autoClose: 8000 })
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'green', message, autoClose: 4000 })
}
