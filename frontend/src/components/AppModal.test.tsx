import { Button } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderWithProviders } from '../test/render'
import { AppModal } from './AppModal'
import { MountOnOpen } from './MountOnOpen'

function Opener() {
  const [opened, { open, close }] = useDisclosure(false)
  return (
    <>
      <Button onClick={open}>Open settings</Button>
      <MountOnOpen opened={opened}>
        <AppModal opened={opened} onClose={close} title="Settings">
          <input aria-label="Field" data-autofocus />
        </AppModal>
      </MountOnOpen>
    </>
  )
}

describe('AppModal', () => {
  it('gives the focus back to its opener when closed, the first time too (mounted already open by MountOnOpen)', async () => {
    const { user } = renderWithProviders(<Opener />)
    const button = screen.getByRole('button', { name: 'Open settings' })
    for (const time of ['first', 'second']) {
      button.focus()
      await user.keyboard('{Enter}')
      await waitFor(() => expect(screen.getByLabelText('Field')).toHaveFocus())
      await user.keyboard('{Escape}')
      await waitFor(() => expect(button, `the ${time} time`).toHaveFocus())
    }
  })
})
