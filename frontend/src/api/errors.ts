// Bound Go methods reject with an Error whose message is {code, message, field?}
// as JSON (app's ErrorFormatter: Wails' runtime makes `new Error(error)` of
// what it formats). Anything else that rejects — a missing binding, a plain
// string — is turned into the same shape so the UI has one error type to handle.

export const API_ERROR_CODES = [
  'invalid_input',
  'not_found',
  'forbidden',
  'unauthorized',
  'offline',
  'conflict',
  'timeout',
  'internal',
  /** Still starting: asked again shortly (queryClient). */
  'not_started',
  /** Could not start: asking again changes nothing. */
  'start_failed',
  /** A key test needs the key's secret: none is remembered. */
  'need_secret',
  /** The workspace's access key is in the locked encrypted file (Unlock), or gone from the keychain. */
  'keychain_locked',
  'access_key_missing',
] as const
export type ApiErrorCode = (typeof API_ERROR_CODES)[number]

export class ApiError extends Error {
  readonly code: ApiErrorCode
  /** For invalid_input: the request field the message is about (serverUrl, name, …). */
  readonly field?: string

  constructor(code: ApiErrorCode, message: string, field?: string) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    if (field) this.field = field
  }
}

function isCode(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && (API_ERROR_CODES as readonly string[]).includes(value)
}

function fromObject(value: object): ApiError | undefined {
  const { code, message, field } = value as { code?: unknown; message?: unknown; field?: unknown }
  if (typeof code !== 'string' && typeof message !== 'string') return undefined
  return new ApiError(
    isCode(code) ? code : 'internal',
    typeof message === 'string' ? message : '',
    typeof field === 'string' ? field : undefined,
  )
}

/** The {code, message, field} a string holds as JSON, if it does. */
function fromJSON(text: string): ApiError | undefined {
  try {
    const parsed: unknown = JSON.parse(text)
    if (parsed && typeof parsed === 'object') return fromObject(parsed)
  } catch {
    // not JSON: the string is the message
  }
  return undefined
}

/** Turns whatever a binding rejected with into an ApiError. */
export function toApiError(reason: unknown): ApiError {
  if (reason instanceof ApiError) return reason
  if (typeof reason === 'string') return fromJSON(reason) ?? new ApiError('internal', reason)
  if (reason instanceof Error) return fromJSON(reason.message) ?? new ApiError('internal', reason.message)
  if (reason && typeof reason === 'object') {
    const err = fromObject(reason)
    if (err) return err
  }
  return new ApiError('internal', String(reason))
}

/** Calls a binding and rejects with an ApiError, whatever went wrong. */
export async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (reason) {
    throw toApiError(reason)
  }
}
