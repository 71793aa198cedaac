import { screen, waitFor } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../../api'
import { ApiError, type SearchResult } from '../../api'
import { makeKey } from '../../test/fixtures'
import { renderWithProviders } from '../../test/render'
import { SearchBox } from './SearchBox'

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  ...(await import('../../test/apiMocks')).apiMocks(),
}))

function found(n: number): SearchResult[] {
  return Array.from({ length: n }, (_, i) => ({
    workspaceId: 'ws_local',
    workspaceName: 'Local',
    key: makeKey({ id: `key_${String(i).padStart(4, '0')}`, name: `deploy ${i}` }),
  }))
}

/** The search beside the other form controls of the window. */
function renderSearch() {
  const onPick = vi.fn()
  const rendered = renderWithProviders(
    <>
      <input aria-label="Filter keys" data-testid="key-filter-input" />
      <input type="radio" name="status" aria-label="Active" data-testid="status-radio" />
      <select aria-label="Role" data-testid="role-select">
        <option>All roles</option>
      </select>
      <SearchBox onPick={onPick} />
    </>,
  )
  return { ...rendered, onPick }
}

beforeEach(() => {
  vi.mocked(api.searchKeys).mockReset().mockResolvedValue([])
})

describe('global search', () => {
  it.each([
    ['the key filter box', 'key-filter-input'],
    ['a status radio', 'status-radio'],
    ['a select', 'role-select'],
    ['nothing in particular', null],
  ])('Ctrl K focuses it from %s', async (_, testId) => {
    const { user } = renderSearch()
    if (testId) {
      screen.getByTestId(testId).focus()
      expect(screen.getByTestId(testId)).toHaveFocus()
    }
    await user.keyboard('{Control>}k{/Control}')
    expect(screen.getByTestId('search-input')).toHaveFocus()
  })

  it('picks the first result with Enter, before any arrow key', async () => {
    const [only] = found(1)
    vi.mocked(api.searchKeys).mockResolvedValue([only])
    const { user, onPick } = renderSearch()
    await user.type(screen.getByTestId('search-input'), 'deploy')
    await screen.findByTestId('search-result')

    await user.keyboard('{Enter}')
    expect(onPick).toHaveBeenCalledWith(only)
    expect(screen.getByTestId('search-input')).toHaveValue('')
  })

  it('picks the first result of what is typed with an Enter quicker than the search, not one shown for before', async () => {
    const [deploy0, deploy1] = found(2)
    vi.mocked(api.searchKeys).mockImplementation(async (query) => (query === 'deploy' ? [deploy0, deploy1] : [deploy1]))
    const { user, onPick } = renderSearch()
    await user.type(screen.getByTestId('search-input'), 'deploy')
    expect(await screen.findAllByTestId('search-result')).toHaveLength(2)

    // Within the 200 ms the search waits after a keystroke: the list still shows "deploy 0" first.
    await user.type(screen.getByTestId('search-input'), ' 1{Enter}')
    await waitFor(() => expect(onPick).toHaveBeenCalledWith(deploy1))
    expect(onPick).toHaveBeenCalledTimes(1)
    expect(api.searchKeys).toHaveBeenCalledWith('deploy 1')
    await waitFor(() => expect(screen.getByTestId('search-input')).toHaveValue(''))
  })

  it('picks the highlighted result with Enter after moving down', async () => {
    const results = found(3)
    vi.mocked(api.searchKeys).mockResolvedValue(results)
    const { user, onPick } = renderSearch()
    await user.type(screen.getByTestId('search-input'), 'deploy')
    expect(await screen.findAllByTestId('search-result')).toHaveLength(3)

    await user.keyboard('{ArrowDown}{Enter}')
    expect(onPick).toHaveBeenCalledTimes(1)
    expect(onPick).toHaveBeenCalledWith(results[1])
  })

  it('says when there are more matches than it shows (the backend sends one more)', async () => {
    vi.mocked(api.searchKeys).mockResolvedValue(found(51))
    const { user } = renderSearch()
    await user.type(screen.getByTestId('search-input'), 'deploy')
    expect(await screen.findAllByTestId('search-result')).toHaveLength(50)
    expect(screen.getByTestId('search-more')).toHaveTextContent('Showing the first 50 matches — type more to narrow them')

    // Exactly 50: all of them, nothing more to say.
    vi.mocked(api.searchKeys).mockResolvedValue(found(50))
    await user.type(screen.getByTestId('search-input'), 's')
    await waitFor(() => expect(screen.queryByTestId('search-more')).not.toBeInTheDocument())
    expect(screen.getAllByTestId('search-result')).toHaveLength(50)

    vi.mocked(api.searchKeys).mockResolvedValue(found(3))
    await user.type(screen.getByTestId('search-input'), ' 1')
    await waitFor(() => expect(screen.getAllByTestId('search-result')).toHaveLength(3))
    expect(screen.queryByTestId('search-more')).not.toBeInTheDocument()
  })

  it('never says a pasted secret back: no match names it masked', async () => {
    const secret = 'kd_4fQxAbCdEfGhIjKlMnOpQrStUvWxYz0123456789aBcDe9aZb'
    const { user, queryClient } = renderSearch()
    await user.click(screen.getByTestId('search-input'))
    await user.paste(secret)
    expect(await screen.findByText('No key in Keydesk has the secret kd_4fQx…9aZb.')).toBeInTheDocument()
    expect(api.searchKeys).toHaveBeenCalledWith(secret)
    expect(screen.getByTestId('search-dropdown').textContent).not.toContain(secret)
    // The box itself shows it as dots.
    expect(screen.getByTestId('search-input')).toHaveAttribute('data-secret', 'true')

    // Anything else is said back as typed; the secret's search leaves the query cache.
    await user.clear(screen.getByTestId('search-input'))
    await user.type(screen.getByTestId('search-input'), 'nothing')
    expect(await screen.findByText('No key matches “nothing”.')).toBeInTheDocument()
    expect(screen.getByTestId('search-input')).not.toHaveAttribute('data-secret')
    await waitFor(() => expect(queryClient.getQueryCache().findAll({ queryKey: ['search', secret] })).toHaveLength(0))
  })

  it('says a mistyped secret is mistyped, without saying it back', async () => {
    const secret = 'kd_4fQxAbCdEfGhIjKlMnOpQrStUvWxYz0123456789aBcDe9aZx'
    vi.mocked(api.searchKeys).mockRejectedValue(
      new ApiError('invalid_input', 'The search looks like a Keydesk key, but its checksum does not match: it was mistyped or cut short', 'query'),
    )
    const { user } = renderSearch()
    await user.click(screen.getByTestId('search-input'))
    await user.paste(secret)
    expect(await screen.findByText('The search looks like a Keydesk key, but its checksum does not match: it was mistyped or cut short')).toBeInTheDocument()
    expect(screen.getByTestId('search-dropdown').textContent).not.toContain(secret)
    expect(screen.getByTestId('search-dropdown').textContent).not.toContain('Search failed')
  })
})
