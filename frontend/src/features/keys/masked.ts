/**
 * Whether a pasted secret can be this key's: the masked form shows its
 * beginning and end ("kd_4fQx…9aZb"), so a wrong paste is caught here.
 */
export function matchesMasked(secret: string, masked: string): boolean {
  const [head, tail] = masked.split('…')
  if (tail === undefined) return true
  return secret.startsWith(head) && secret.endsWith(tail) && secret.length > head.length + tail.length
}
