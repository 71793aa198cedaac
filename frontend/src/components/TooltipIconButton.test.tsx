import { screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { renderWithProviders } from '../test/render'
import { TooltipIconButton } from './TooltipIconButton'

describe('TooltipIconButton', () => {
  it('names the button in a tooltip on hover, which a click hides', async () => {
    const onClick = vi.fn()
    const { user } = renderWithProviders(
      <TooltipIconButton label="Settings" onClick={onClick}>
        S
      </TooltipIconButton>,
    )
    const button = screen.getByRole('button', { name: 'Settings' })
    await user.hover(button)
    expect(await screen.findByRole('tooltip')).toHaveTextContent('Settings')
    await user.click(button)
    expect(onClick).toHaveBeenCalledOnce()
    expect(screen.queryByRole('tooltip')).toBeNull()
  })
})
