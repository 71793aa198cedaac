import { Button, Menu } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { notifyError, notifySuccess } from '../lib/errors'
import { renderWithProviders } from '../test/render'
import { AppModal } from './AppModal'
import { MountOnOpen } from './MountOnOpen'

/** A dialog mounted on its first opening (MountOnOpen), with one field. */
function FieldDialog({ opened, onClose, title }: { opened: boolean; onClose: () => void; title: string }) {
  return (
    <MountOnOpen opened={opened}>
      <AppModal opened={opened} onClose={onClose} title={title}>
        <input aria-label="Field" data-autofocus />
      </AppModal>
    </MountOnOpen>
  )
}

function Opener() {
  const [opened, { open, close }] = useDisclosure(false)
  return (
    <>
      <Button onClick={open}>Open settings</Button>
      <FieldDialog opened={opened} onClose={close} title="Settings" />
    </>
  )
}

/** A ⋯ menu whose item opens the dialog, as a key row's does. */
function MenuOpener() {
  const [opened, { open, close }] = useDisclosure(false)
  return (
    <>
      <Menu>
        <Menu.Target>
          <Button>Actions</Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={open}>Edit</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <FieldDialog opened={opened} onClose={close} title="Edit" />
    </>
  )
}

describe('AppModal', () => {
  it('gives the focus back to the menu button when opened from a menu item, which is gone by then', async () => {
    const { user } = renderWithProviders(<MenuOpener />)
    const actions = screen.getByRole('button', { name: 'Actions' })
    for (const time of ['first', 'second']) {
      actions.focus()
      await user.keyboard('{Enter}')
      await user.click(await screen.findByRole('menuitem', { name: 'Edit' }))
      await waitFor(() => expect(screen.getByLabelText('Field')).toHaveFocus())
      await user.keyboard('{Escape}')
      await waitFor(() => expect(actions, `the ${time} time`).toHaveFocus())
    }
  })

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

  it('takes away the toasts of what was done before as it opens, so none covers its buttons; errors stay', async () => {
    const { user } = renderWithProviders(<Opener />)
    notifySuccess('Disabled “billing”')
    notifyError('Couldn’t delete the key', new Error('the server is busy'))
    expect(await screen.findByText('Disabled “billing”')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Open settings' }))
    await waitFor(() => expect(screen.queryByText('Disabled “billing”')).not.toBeInTheDocument())
    expect(screen.getByText('Couldn’t delete the key')).toBeInTheDocument()
  })
})
