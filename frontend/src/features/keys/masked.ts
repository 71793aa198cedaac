/**
 * Whether a pasted secret can be this key's: the masked form shows its
 * beginning and end ("kd_4fQx…9aZb"), so a wrong paste is caught here.
 */
export function matchesMasked(secret: string, masked: string): boolean {
  const [head, tail] = masked.split('…')
  if (tail === undefined) return true
  return secret.startsWith(head) && secret.endsWith(tail) && secret.length > head.length + tail.length
}

/** The shape of a whole Keydesk secret: a prefix, "_", 49 base62 characters (backend/keys). */
const SECRET_SHAPE = /^[a-z][a-z0-9]{1,11}_[0-9A-Za-z]{49}$/

/** Whether text is a whole secret (pasted where it should not be shown back). */
export function looksLikeSecret(text: string): boolean {
  return SECRET_SHAPE.test(text.trim())
}

/** A whole secret as the table shows it: the prefix, the first and the last 4 characters ("kd_4fQx…9aZb"). */
export function maskSecret(secret: string): string {
  const s = secret.trim()
  const cut = s.indexOf('_') + 1
  return `${s.slice(0, cut + 4)}…${s.slice(-4)}`
}

/**
 * Anything that could be a secret or most of one (a prefix, "_" and a long
 * run of base62, as backend/keys Redact finds it): for text about to be
 * shown that no one checked, such as an error's message.
 */
const SECRET_LIKE = /[a-z][a-z0-9]{0,11}_[0-9A-Za-z]{40,}/g

/** text with everything that looks like a secret replaced by dots. */
export function maskSecretsIn(text: string): string {
  return text.replace(SECRET_LIKE, '••••••••')
}
