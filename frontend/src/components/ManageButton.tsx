import { Button, type ButtonProps } from '@mantine/core'
import type { ReactNode } from 'react'
import { en } from '../i18n/en'
import { disabledProps } from './disabledProps'
import { WhyDisabled } from './WhyDisabled'

interface ManageButtonProps extends ButtonProps {
  /** False for a member key: the button is disabled and says why on hover. */
  canManage: boolean
  /** Why the workspace's server cannot take a change now (changeBlockedReason): disabled too, saying so. */
  blockedReason?: string
  onClick: () => void
  children: ReactNode
  'data-testid'?: string
}

/** A button for something only an admin key may do. */
export function ManageButton({ canManage, blockedReason, ...props }: ManageButtonProps) {
  const reason = !canManage ? en.readOnly.reason : blockedReason
  return (
    <WhyDisabled reason={reason}>
      <Button {...props} {...disabledProps(reason !== undefined)} />
    </WhyDisabled>
  )
}
