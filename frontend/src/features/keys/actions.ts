// Which key actions a row offers, and why one is unavailable. The key
// Keydesk itself signs in with is never offered for the actions that would
// lock the app out; a member access key can only read, and no change can
// reach a server that is offline or refuses the access key.
import type { Key } from '../../api'
import { en } from '../../i18n/en'

/** What a key's menu and details offer; 'toggle' disables an enabled key and enables a disabled one. */
export type KeyAction = 'details' | 'edit' | 'toggle' | 'regenerate' | 'rotate' | 'remember' | 'forget' | 'delete' | 'test'

export interface Availability {
  /** Offered at all. */
  shown: boolean
  /** Why it is offered but disabled. */
  disabledReason?: string
}

/**
 * `blockedReason` says why no change can reach the workspace's server now
 * (changeBlockedReason); what stays on this computer (details, test,
 * remember, forget) is offered still.
 */
export function availability(action: KeyAction, key: Key, canManage: boolean, blockedReason?: string): Availability {
  const readOnly = workspaceReason(canManage, blockedReason)
  switch (action) {
    case 'details':
    case 'test':
      return { shown: true }
    case 'remember':
      // Keydesk's own key is in the keychain already, as the workspace's access key.
      return { shown: !key.remembered && !key.own }
    case 'forget':
      return { shown: key.remembered }
    case 'edit':
      return { shown: true, disabledReason: readOnly }
    case 'toggle':
      return { shown: true, disabledReason: key.own ? en.keys.thisAppHint : readOnly }
    case 'regenerate':
    case 'delete':
      return { shown: !key.own, disabledReason: readOnly }
    case 'rotate':
      return { shown: !key.own, disabledReason: readOnly ?? rotateRefusal(key) }
  }
}

/** Why the server would refuse to rotate the key (server.Server.RotateKey), if it would. */
function rotateRefusal(key: Key): string | undefined {
  if (key.status !== 'active') return en.keys.rotateInactive((en.keys.status[key.status] ?? key.status).toLowerCase())
  if (key.revokesAt !== undefined) return en.keys.rotateAgain
  return undefined
}

/** Why no key of the workspace can be changed now, if none can: said once for every action. */
export function workspaceReason(canManage: boolean, blockedReason?: string): string | undefined {
  return canManage ? blockedReason : en.readOnly.reason
}
