import { Button, type ButtonProps } from '@mantine/core'
import type { ReactNode } from 'react'
import { en } from '../i18n/en'
import { disabledProps } from './disabledProps'
import { WhyDisabled } from './WhyDisabled'

interface ManageButtonProps extends ButtonProps {
  /** False for a member key: the button is disabled and says why on hover. */
  canManage: boolean
  /** The workspace's server cannot be reached: disabled too, saying so. */
  offline?: boolean
  onClick: () => void
  children: ReactNode
  'data-testid'?: string
}

/** A button for something only an admin key may do. */
export function ManageButton({ canManage, offline = false, ...props }: ManageButtonProps) {
  const reason = !canManage ? en.readOnly.reason : offline ? en.readOnly.offline : undefined
  return (
    <WhyDisabled reason={reason}>
      <Button {...props} {...disabledProps(reason !== undefined)} />
    </WhyDisabled>
  )
}
