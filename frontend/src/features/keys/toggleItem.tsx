import { IconCircleCheck, IconCircleOff } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import type { Key } from '../../api'
import { en } from '../../i18n/en'

/** The toggle action's label and icon for `key`: Disable while it is enabled, else Enable. */
export function toggleItem(key: Key, iconSize: number): { label: string; icon: ReactNode } {
  return key.enabled
    ? { label: en.keys.actions.disable, icon: <IconCircleOff size={iconSize} /> }
    : { label: en.keys.actions.enable, icon: <IconCircleCheck size={iconSize} /> }
}
