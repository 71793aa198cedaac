import type { Key } from '../../api/types'

/**
 * How to name keys in a list the user confirms (what a clean-up or a
 * profile's deletion deletes): “name”, and the masked key beside a name the
 * list holds more than once — a rotation leaves two keys of one name.
 */
export function keyLabels(keys: Pick<Key, 'name' | 'maskedKey'>[]): string[] {
  const seen = new Map<string, number>()
  for (const k of keys) seen.set(k.name, (seen.get(k.name) ?? 0) + 1)
  return keys.map((k) => ((seen.get(k.name) ?? 0) > 1 ? `“${k.name}” (${k.maskedKey})` : `“${k.name}”`))
}
