import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { MountOnOpen } from './MountOnOpen'

function Dialog({ opened }: { opened: boolean }) {
  return <div data-testid="dialog">{opened ? 'open' : 'closed'}</div>
}

describe('MountOnOpen', () => {
  it('renders nothing until the first open, then stays mounted when closed', () => {
    const { rerender } = render(
      <MountOnOpen opened={false}>
        <Dialog opened={false} />
      </MountOnOpen>,
    )
    expect(screen.queryByTestId('dialog')).toBeNull()
    rerender(
      <MountOnOpen opened>
        <Dialog opened />
      </MountOnOpen>,
    )
    expect(screen.getByTestId('dialog')).toHaveTextContent('open')
    rerender(
      <MountOnOpen opened={false}>
        <Dialog opened={false} />
      </MountOnOpen>,
    )
    // Still there, so a dialog can animate out.
    expect(screen.getByTestId('dialog')).toHaveTextContent('closed')
  })
})
