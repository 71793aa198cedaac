import { KEY_ROLES, type Profile } from '../../api'
import { en } from '../../i18n/en'
import { characters } from '../../lib/forms'

export const NAME_MAX = 100

/**
 * What is wrong with a key name, if anything: the server's rule (1–100
 * characters once trimmed). Checked as the user types, so a pasted name that
 * is too long is said to be so instead of being cut.
 */
export function keyNameError(name: string): string | undefined {
  const length = characters(name.trim())
  if (length === 0) return en.createKey.nameRequired
  if (length > NAME_MAX) return en.createKey.nameTooLong(length)
  return undefined
}

/** keyNameError as the user types: too long is said at once, empty waits for the submit. */
export const keyNameTypingError = (name: string) => (name.trim() === '' ? undefined : keyNameError(name))

export const roleOptions = KEY_ROLES.map((role) => ({ value: role, label: en.keys.roles[role] }))

/** Select value for "No profile": Select needs a non-empty value, the request sends "". */
export const NO_PROFILE = 'none'

/** Profile choices with "No profile" first. */
export function profileOptions(profiles: Profile[] | undefined) {
  return [
    { value: NO_PROFILE, label: en.createKey.profileNone },
    ...(profiles ?? []).map((p) => ({ value: p.id, label: p.name })),
  ]
}

export const toProfileValue = (profileId: string) => profileId || NO_PROFILE
export const fromProfileValue = (value: string | null) => (!value || value === NO_PROFILE ? '' : value)
