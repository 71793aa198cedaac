import { screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../../api'
import { ApiError, type TestResult } from '../../api'
import { makeKey, makeWorkspace } from '../../test/fixtures'
import { renderWithProviders } from '../../test/render'
import { KeysPanel } from '../keys/KeysPanel'
import { KeyTestModal } from './KeyTestModal'

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  ...(await import('../../test/apiMocks')).apiMocks(),
}))

const workspace = makeWorkspace()
const billing = makeKey({ id: 'key_bill', name: 'billing', maskedKey: 'kd_Bill…0001' })
const body = '{"workspace":"acme","role":"api"}'
const maskedCurl = "curl -H 'Authorization: Bearer kd_Bill…0001' https://keys.example.com/v1/whoami"
const revealedCurl = "curl -H 'Authorization: Bearer kd_BillRealSecret0001' https://keys.example.com/v1/whoami"

function makeResult(overrides: Partial<TestResult> = {}): TestResult {
  return {
    at: '2026-11-23T10:04:05Z',
    method: 'GET',
    url: 'https://keys.example.com/v1/whoami',
    status: 200,
    statusText: 'OK',
    durationMs: 123,
    headers: {},
    contentType: 'application/json',
    body,
    bodyBytes: body.length,
    bodyTruncated: false,
    isJson: true,
    preview: '{\n  "workspace": "acme",\n  "role": "api"\n}',
    curl: maskedCurl,
    error: '',
    errorKind: '',
    ...overrides,
  }
}

type User = ReturnType<typeof renderWithProviders>['user']

async function openRowTest(user: User) {
  await screen.findAllByTestId('key-row')
  await user.click(screen.getByTestId('key-menu'))
  await user.click(await screen.findByTestId('key-menu-test'))
  return screen.findByTestId('keytest-dialog')
}

beforeEach(() => {
  vi.mocked(api.listKeys).mockResolvedValue([billing])
  vi.mocked(api.runKeyTest).mockReset()
  vi.mocked(api.keyTestCurl).mockReset()
  vi.mocked(api.keyTestHistory).mockReset().mockResolvedValue([])
})

describe('key test', () => {
  it('says <1 ms of an answer quicker than the millisecond the time is counted in', async () => {
    vi.mocked(api.runKeyTest).mockResolvedValue(makeResult({ durationMs: 0 }))
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await openRowTest(user)
    expect(await screen.findByTestId('keytest-time')).toHaveTextContent('<1 ms')
  })

  it('runs a row’s key at once and shows status, time, request, preview and cURL', async () => {
    vi.mocked(api.runKeyTest).mockResolvedValue(makeResult())
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await openRowTest(user)

    const status = await screen.findByTestId('keytest-status')
    expect(status).toHaveTextContent('200 OK')
    expect(api.runKeyTest).toHaveBeenCalledWith(workspace.id, 'key_bill', '')
    expect(screen.getByTestId('keytest-time')).toHaveTextContent('123 ms')
    expect(screen.getByTestId('keytest-request')).toHaveTextContent('GET https://keys.example.com/v1/whoami')
    expect(screen.getByTestId('keytest-preview')).toHaveTextContent('"workspace": "acme"')
    expect(screen.getByTestId('keytest-curl')).toHaveTextContent(maskedCurl)
    expect(screen.getByTestId('keytest-copy-json')).toHaveTextContent('Copy full JSON')
    expect(screen.getByTestId('keytest-copy-curl')).toBeInTheDocument()
    expect(screen.queryByTestId('keytest-secret-input')).not.toBeInTheDocument()
    // The history is read on opening and again after the run.
    await waitFor(() => expect(api.keyTestHistory).toHaveBeenCalledTimes(2))
    expect(api.keyTestHistory).toHaveBeenCalledWith(workspace.id, 'key_bill')

    vi.mocked(api.keyTestHistory).mockResolvedValue([makeResult(), makeResult({ status: 503, statusText: 'Service Unavailable', durationMs: 40 })])
    await user.click(screen.getByTestId('keytest-rerun'))
    await waitFor(() => expect(api.runKeyTest).toHaveBeenCalledTimes(2))
    expect(await screen.findAllByTestId('keytest-history-item')).toHaveLength(2)
    expect(screen.getAllByTestId('keytest-history-item')[1]).toHaveTextContent('503')
    expect(screen.getAllByTestId('keytest-history-item')[1]).toHaveTextContent('40 ms')
  })

  it('says when the preview is only the start of the answer', async () => {
    const long = JSON.stringify({ items: Array.from({ length: 40 }, (_, i) => ({ id: `key_${i}`, name: `service ${i}` })) })
    const pretty = JSON.stringify(JSON.parse(long), null, 2)
    vi.mocked(api.runKeyTest).mockResolvedValue(makeResult({ body: long, bodyBytes: long.length, preview: pretty.slice(0, 800) }))
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await openRowTest(user)
    expect(await screen.findByTestId('keytest-preview-cut')).toHaveTextContent(
      `The first 800 of ${pretty.length.toLocaleString('en-US')} characters: Copy full JSON has all of them.`,
    )
  })

  it('does not call a body cut at 1 MiB "full": the copy says what it holds', async () => {
    vi.mocked(api.runKeyTest).mockResolvedValue(makeResult({ bodyBytes: 5_000_000, bodyTruncated: true }))
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await openRowTest(user)
    expect(await screen.findByTestId('keytest-copy-json')).toHaveTextContent('Copy the first 1 MiB')
    expect(screen.getByTestId('keytest-preview-cut')).toHaveTextContent('Showing the start of 5,000,000 bytes.')
  })

  it('says nothing of a cut when the preview is the whole answer', async () => {
    vi.mocked(api.runKeyTest).mockResolvedValue(makeResult())
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await openRowTest(user)
    await screen.findByTestId('keytest-preview')
    expect(screen.queryByTestId('keytest-preview-cut')).toBeNull()
  })

  it('shows why no answer came back for status 0', async () => {
    vi.mocked(api.runKeyTest).mockResolvedValue(
      makeResult({ status: 0, statusText: '', error: 'keys.example.com refused the connection: nothing is listening on that port', errorKind: 'refused' }),
    )
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await openRowTest(user)

    // The backend's words, as a sentence of their own under the heading.
    expect(await screen.findByTestId('keytest-status')).toHaveTextContent('keys.example.com refused the connection: nothing is listening on that port.')
    expect(screen.queryByTestId('keytest-preview')).not.toBeInTheDocument()
  })

  it('asks for the secret on need_secret and runs with it', async () => {
    vi.mocked(api.runKeyTest)
      .mockRejectedValueOnce(new ApiError('need_secret', 'No secret remembered.'))
      .mockResolvedValueOnce(makeResult())
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await openRowTest(user)

    const input = await screen.findByTestId('keytest-secret-input')
    // The field came after the dialog opened: the focus moved to it, and its eye is reachable with Tab.
    await waitFor(() => expect(input).toHaveFocus())
    expect(screen.getByRole('button', { name: 'Show or hide the secret' })).toHaveAttribute('tabindex', '0')
    expect(screen.getByTestId('keytest-run')).toBeDisabled()
    await user.type(input, 'kd_BillRealSecret0001')
    await user.click(screen.getByTestId('keytest-run'))

    expect(await screen.findByTestId('keytest-status')).toHaveTextContent('200 OK')
    expect(screen.getByTestId('keytest-status')).toHaveStyle({ textTransform: 'none' }) // "401 Unauthorized" as HTTP writes it, not in capitals
    expect(api.runKeyTest).toHaveBeenLastCalledWith(workspace.id, 'key_bill', 'kd_BillRealSecret0001')
    // The body's box takes the focus, so the keys scroll it.
    expect(screen.getByLabelText('The response body')).toHaveAttribute('tabindex', '0')
  })

  it('tests a pasted secret and shows a rejected secret next to the field', async () => {
    vi.mocked(api.runKeyTest)
      .mockRejectedValueOnce(new ApiError('invalid_input', 'secret is not a Keydesk key', 'secret'))
      .mockResolvedValueOnce(makeResult())
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await user.click(await screen.findByTestId('test-key-button'))

    const dialog = await screen.findByTestId('keytest-dialog')
    expect(api.runKeyTest).not.toHaveBeenCalled()
    expect(within(dialog).queryByTestId('keytest-history')).not.toBeInTheDocument()
    await user.type(screen.getByTestId('keytest-secret-input'), 'nonsense')
    await user.click(screen.getByTestId('keytest-run'))
    expect(await screen.findByText('secret is not a Keydesk key')).toBeInTheDocument()
    expect(api.runKeyTest).toHaveBeenCalledWith(workspace.id, '', 'nonsense')

    await user.clear(screen.getByTestId('keytest-secret-input'))
    await user.type(screen.getByTestId('keytest-secret-input'), 'kd_BillRealSecret0001')
    await user.click(screen.getByTestId('keytest-run'))
    expect(await screen.findByTestId('keytest-status')).toHaveTextContent('200 OK')
    expect(api.runKeyTest).toHaveBeenLastCalledWith(workspace.id, '', 'kd_BillRealSecret0001')
    // The field's Run runs what is typed; no "Run again" beside it would run the old secret.
    expect(screen.queryByTestId('keytest-rerun')).not.toBeInTheDocument()

    // A refused secret after that: the error, and not the last answer as if it were this one's.
    vi.mocked(api.runKeyTest).mockRejectedValueOnce(new ApiError('invalid_input', 'Secret does not match billing', 'secret'))
    await user.clear(screen.getByTestId('keytest-secret-input'))
    await user.type(screen.getByTestId('keytest-secret-input'), 'hello')
    await user.click(screen.getByTestId('keytest-run'))
    expect(await screen.findByText('Secret does not match billing')).toBeInTheDocument()
    expect(screen.queryByTestId('keytest-result')).not.toBeInTheDocument()
  })

  it('reveals the secret in the cURL command on demand and hides it again', async () => {
    vi.mocked(api.runKeyTest).mockResolvedValue(makeResult())
    vi.mocked(api.keyTestCurl).mockResolvedValue(revealedCurl)
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await openRowTest(user)
    await screen.findByTestId('keytest-status')

    await user.click(screen.getByTestId('keytest-reveal'))
    await waitFor(() => expect(screen.getByTestId('keytest-curl')).toHaveTextContent(revealedCurl))
    expect(api.keyTestCurl).toHaveBeenCalledWith(workspace.id, 'key_bill', '', true)

    await user.click(screen.getByTestId('keytest-reveal'))
    expect(screen.getByTestId('keytest-curl')).toHaveTextContent(maskedCurl)
  })

  it('copies the exact command, with the key, and keeps it masked on screen', async () => {
    vi.mocked(api.runKeyTest).mockResolvedValue(makeResult())
    vi.mocked(api.keyTestCurl).mockResolvedValue(revealedCurl)
    const { user } = renderWithProviders(<KeysPanel workspace={workspace} />)
    await openRowTest(user)
    await screen.findByTestId('keytest-status')

    await user.click(screen.getByTestId('keytest-copy-curl'))
    await waitFor(() => expect(screen.getByTestId('keytest-copy-curl')).toHaveTextContent('Copied'))
    expect(await navigator.clipboard.readText()).toBe(revealedCurl)

    // The whole JSON body, indented as the preview shows it.
    await user.click(screen.getByTestId('keytest-copy-json'))
    await waitFor(() => expect(screen.getByTestId('keytest-copy-json')).toHaveTextContent('Copied'))
    expect(await navigator.clipboard.readText()).toBe('{\n  "workspace": "acme",\n  "role": "api"\n}')
    expect(api.keyTestCurl).toHaveBeenCalledWith(workspace.id, 'key_bill', '', true)
    expect(screen.getByTestId('keytest-curl')).toHaveTextContent(maskedCurl)
  })
})

describe('key test results in words', () => {
  const renderTest = () =>
    renderWithProviders(<KeyTestModal workspaceId={workspace.id} opened keyInfo={billing} onClose={vi.fn()} />)

  it('explains a redirect and shows where it pointed', async () => {
    const location = 'https://login.example.com/sso?next=%2Fv1%2Fwhoami'
    vi.mocked(api.runKeyTest).mockResolvedValue(
      makeResult({
        status: 302,
        statusText: 'Found',
        body: '',
        bodyBytes: 0,
        isJson: false,
        preview: '',
        contentType: '',
        errorKind: 'redirect',
        error: `the server redirected (302) to ${location}; Keydesk does not follow redirects with a key`,
        location,
      }),
    )
    renderTest()
    const notice = await screen.findByTestId('keytest-redirect')
    expect(screen.getByTestId('keytest-status')).toHaveTextContent('302 Found')
    expect(notice).toHaveTextContent('Redirected (302), not followed')
    expect(notice).toHaveTextContent('Keydesk does not follow redirects with a key')
    expect(within(notice).getByTestId('keytest-location')).toHaveTextContent(location)
  })

  it('says nothing of redirects for an ordinary answer', async () => {
    vi.mocked(api.runKeyTest).mockResolvedValue(makeResult())
    renderTest()
    await screen.findByTestId('keytest-preview')
    expect(screen.queryByTestId('keytest-redirect')).not.toBeInTheDocument()
  })

  it('keeps the history’s short headers and times on one line next to a long error', async () => {
    vi.mocked(api.runKeyTest).mockResolvedValue(makeResult())
    vi.mocked(api.keyTestHistory).mockResolvedValue([
      makeResult({
        status: 0,
        statusText: '',
        durationMs: 10_012,
        errorKind: 'timeout',
        error: 'keys.example.com did not answer within 10 s: the server may be down, or a firewall drops the connection',
      }),
    ])
    renderTest()
    const time = await screen.findByTestId('keytest-history-time')
    expect(time).toHaveTextContent('10,012 ms')
    expect(time).toHaveStyle({ whiteSpace: 'nowrap' })
    expect(screen.getByTestId('keytest-history-time-header')).toHaveStyle({ whiteSpace: 'nowrap' })
  })
})
