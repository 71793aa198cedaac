import { notifications } from '@mantine/notifications'
import { ApiError, toApiError } from '../api'
import { en } from '../i18n/en'

/** The sentence to show for a failed call. */
export function errorMessage(error: unknown): string {
  const err = error instanceof ApiError ? error : toApiError(error)
  // The backend's messages are written for the user (an offline one names the
  // action and the server); our own words only fill in for an empty one.
  return typographic(err.message) || en.errors.byCode[err.code]
}

/**
 * The backend writes plain ASCII, for terminals and API clients ("can't",
 * "the server's"); the window's own words use the typographic apostrophe.
 * Only an apostrophe between letters is one, and a quoted value ("O'Brien",
 * a path) stays as the user wrote it.
 */
export function typographic(message: string): string {
  return message
    .split(/("[^"]*"|“[^”]*”)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/(\p{L})'(?=\p{L})/gu, '$1’')))
    .join('')
}

/**
 * Where a form shows a failed call: next to one of its fields when the error
 * names it (the backend's `field`, or a message that starts with the field's
 * JSON name), else for the whole form.
 */
export function formError<F extends string>(
  error: unknown,
  fields: readonly F[],
): { field: F | undefined; message: string } {
  const err = error instanceof ApiError ? error : toApiError(error)
  const message = errorMessage(err)
  if (err.field && (fields as readonly string[]).includes(err.field)) return { field: err.field as F, message }
  if (err.code === 'invalid_input') {
    const first = /^([A-Za-z]+)\b/.exec(message.trim())?.[1]
    if (first && (fields as readonly string[]).includes(first)) return { field: first as F, message }
  }
  return { field: undefined, message }
}

/** Shows an error that is not tied to a form field. */
export function notifyError(title: string, error: unknown): void {
  notifications.show({ color: 'red', title, message: errorMessage(error), autoClose: 8000 })
}

/** The success toasts on screen: hideSuccessToasts takes them away. */
const successToasts = new Set<string>()
let toastCount = 0

export function notifySuccess(message: string): void {
  const id = `success-${++toastCount}`
  successToasts.add(id)
  notifications.show({ id, color: 'green', message, autoClose: 4000, onClose: () => successToasts.delete(id) })
}

/**
 * Hides what earlier actions reported done, as a dialog opens: the toasts sit
 * above dialogs (so one raised from a drawer shows) and could cover the
 * dialog's buttons. Errors stay: they may still need reading.
 */
export function hideSuccessToasts(): void {
  for (const id of successToasts) notifications.hide(id)
  successToasts.clear()
}
