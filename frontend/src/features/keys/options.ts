import { KEY_ROLES, type Profile } from '../../api'
import { en } from '../../i18n/en'

export const NAME_MAX = 100

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
