import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { renderWithProviders } from '../test/render'
import { ErrorBoundary } from './ErrorBoundary'

function Broken({ secret }: { secret: string }): never {
  throw new Error(`cannot read the row of ${secret}`)
}

describe('ErrorBoundary', () => {
  it('shows what happened and a way to start over, not a blank window, and masks a key in the message', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const reload = vi.fn()
      const secret = 'kd_' + 'A1b2C3d4E5'.repeat(4) + 'XyZ987654'
      renderWithProviders(
        <ErrorBoundary onReload={reload}>
          <Broken secret={secret} />
        </ErrorBoundary>,
      )
      expect(screen.getByTestId('crash-screen')).toHaveTextContent('Something went wrong in this window')
      expect(screen.getByTestId('crash-screen')).toHaveTextContent('Your keys and workspaces are safe')
      expect(screen.getByTestId('crash-message')).toHaveTextContent('cannot read the row of ••••••••')
      expect(document.body.textContent).not.toContain(secret)
      expect(quiet.mock.calls.flat().join(' ')).toContain('Keydesk: the window failed to draw')
      for (const call of quiet.mock.calls.filter((c) => String(c[0]).startsWith('Keydesk'))) expect(call.join(' ')).not.toContain(secret)
      await userEvent.click(screen.getByTestId('crash-reload'))
      expect(reload).toHaveBeenCalledOnce()
    } finally {
      quiet.mockRestore()
    }
  })

  it('draws its children when nothing fails', () => {
    renderWithProviders(
      <ErrorBoundary>
        <p>fine</p>
      </ErrorBoundary>,
    )
    expect(screen.getByText('fine')).toBeInTheDocument()
    expect(screen.queryByTestId('crash-screen')).toBeNull()
  })
})
