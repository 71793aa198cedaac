import { Modal } from '@mantine/core'
import { screen, waitFor } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { renderWithProviders } from '../../test/render'
import ExpiryDateInput from './ExpiryDateInput'

function Field({ onChange }: { onChange: (date: string) => void }) {
  const [value, setValue] = useState('')
  return (
    <ExpiryDateInput
      label="Expiry date"
      value={value}
      onChange={(date) => {
        setValue(date)
        onChange(date)
      }}
      first="2026-12-08"
      last="2027-01-20"
    />
  )
}

describe('ExpiryDateInput', () => {
  it('takes a typed date, and a day picked in a calendar that offers only the allowed days and then closes', async () => {
    const onChange = vi.fn()
    const { user } = renderWithProviders(<Field onChange={onChange} />)
    const input = screen.getByTestId('key-expiry-date')

    await user.click(input)
    // The calendar opens on the first allowed day's month; days before it cannot be picked.
    const day = (n: string) => screen.getAllByRole('button', { name: new RegExp(`^${n} December 2026$`) })[0]
    expect(day('7')).toBeDisabled()
    expect(day('8')).toBeEnabled()
    await user.click(day('15'))
    expect(onChange).toHaveBeenLastCalledWith('2026-12-15')
    expect(input).toHaveValue('2026-12-15')
    expect(screen.queryByRole('button', { name: /^16 December 2026$/ })).toBeNull()

    // Typed, even outside the allowed days (the form says why it refuses it).
    await user.clear(input)
    await user.type(input, '2027-03-01')
    expect(onChange).toHaveBeenLastCalledWith('2027-03-01')
  })

  it('closes its calendar on Escape, not the dialog around it', async () => {
    const onClose = vi.fn()
    const { user } = renderWithProviders(
      <Modal opened onClose={onClose} title="Create API key">
        <Field onChange={() => {}} />
      </Modal>,
    )
    await user.click(await screen.findByTestId('key-expiry-date'))
    expect(screen.getAllByRole('button', { name: /^15 December 2026$/ })[0]).toBeInTheDocument()
    await user.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('button', { name: /^15 December 2026$/ })).toBeNull())
    expect(onClose).not.toHaveBeenCalled()
    // Closed, Escape closes the dialog as usual.
    await user.keyboard('{Escape}')
    expect(onClose).toHaveBeenCalledOnce()
  })
})
