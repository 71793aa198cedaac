import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Loader,
  PasswordInput,
  ScrollArea,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core'
import { useClipboard } from '@mantine/hooks'
import { IconAlertCircle, IconArrowForwardUp, IconCheck, IconCopy, IconEye, IconEyeOff, IconPlayerPlay, IconRefresh } from '@tabler/icons-react'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { keyTestCurl, toApiError, type ApiError, type Key, type TestResult } from '../../api'
import { AppModal } from '../../components/AppModal'
import { FormError } from '../../components/FormError'
import { revealToggle } from '../../components/revealToggle'
import { en } from '../../i18n/en'
import { errorMessage, notifyError } from '../../lib/errors'
import { formatDateTime, formatEventTime } from '../../lib/time'
import { useNow } from '../../lib/useNow'
import { asSentence, statusColor } from './status'
import { useKeyTestHistory, useRunKeyTest } from './useKeyTest'

interface KeyTestModalProps {
  workspaceId: string
  opened: boolean
  /** The row's key; null tests a pasted secret. */
  keyInfo: Key | null
  onClose: () => void
}

/** Calls the server with a key and shows the answer, the cURL command and, for a row's key, its last results. */
export function KeyTestModal({ workspaceId, opened, keyInfo, onClose }: KeyTestModalProps) {
  return (
    <AppModal opened={opened} onClose={onClose} size="xl" title={keyInfo ? en.keyTest.titleFor(keyInfo.name) : en.keyTest.title}>
      <KeyTestBody key={keyInfo?.id ?? ''} workspaceId={workspaceId} keyId={keyInfo?.id ?? ''} />
    </AppModal>
  )
}

function KeyTestBody({ workspaceId, keyId }: { workspaceId: string; keyId: string }) {
  const run = useRunKeyTest(workspaceId, keyId)
  // A pasted secret always needs one; a row's key only when none is remembered.
  const [needSecret, setNeedSecret] = useState(keyId === '')
  const [secret, setSecret] = useState('')
  // The secret the shown result was obtained with, for the revealed cURL.
  const [usedSecret, setUsedSecret] = useState('')
  const [result, setResult] = useState<TestResult | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  // The field appears after the dialog opened (the key has no remembered
  // secret): the focus, on the dialog's close button by then, moves to it.
  const secretInput = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (needSecret) secretInput.current?.focus()
  }, [needSecret])

  const mutate = run.mutate
  const start = (withSecret: string) => {
    setError(null)
    mutate(withSecret, {
      onSuccess: (res) => {
        setResult(res)
        setUsedSecret(withSecret)
      },
      onError: (err) => {
        const apiErr = toApiError(err)
        if (apiErr.code === 'need_secret') {
          setNeedSecret(true)
          return
        }
        // The shown answer was another run's: it must not pass for this one's.
        setResult(null)
        setError(apiErr)
      },
    })
  }

  // A row's key is tested at once with its remembered secret.
  const started = useRef(false)
  useEffect(() => {
    if (started.current || keyId === '') return
    started.current = true
    start('')
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on opening
  }, [])

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (secret.trim() === '') return
    start(secret.trim())
  }

  const secretError = error && (error.field === 'secret' || (needSecret && error.code === 'invalid_input')) ? errorMessage(error) : null
  const otherError = error && !secretError ? errorMessage(error) : null

  return (
    <Stack gap="md" data-testid="keytest-dialog">
      <Text size="sm" c="dimmed">
        {en.keyTest.intro}
      </Text>
      {needSecret && (
        <form onSubmit={submit}>
          <Group align="flex-start" wrap="nowrap">
            <PasswordInput
              style={{ flex: 1 }}
              label={en.keyTest.secretLabel}
              description={keyId ? en.keyTest.needSecret : undefined}
              placeholder={en.keyTest.secretPlaceholder}
              data-autofocus
              autoComplete="off"
              spellCheck={false}
              styles={{ innerInput: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              ref={secretInput}
              data-testid="keytest-secret-input"
              visibilityToggleButtonProps={revealToggle(en.keyTest.revealSecret)}
              value={secret}
              onChange={(e) => {
                setSecret(e.currentTarget.value)
                if (secretError) setError(null)
              }}
              error={secretError}
            />
            <Button
              type="submit"
              mt={keyId ? 44 : 25}
              leftSection={<IconPlayerPlay size={16} />}
              loading={run.isPending}
              disabled={secret.trim() === ''}
              data-testid="keytest-run"
            >
              {en.keyTest.run}
            </Button>
          </Group>
        </form>
      )}
      <FormError title={en.keyTest.failed} message={otherError} data-testid="keytest-error" />
      {run.isPending && !result && (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm" c="dimmed">
            {en.keyTest.running}
          </Text>
        </Group>
      )}
      {result && (
        <ResultView
          workspaceId={workspaceId}
          keyId={keyId}
          secret={usedSecret}
          result={result}
          rerunning={run.isPending}
          // With a secret field, its Run button runs what is typed there; "Run again" would not.
          onRerun={needSecret ? undefined : () => start(usedSecret)}
        />
      )}
      {keyId && <History workspaceId={workspaceId} keyId={keyId} />}
    </Stack>
  )
}

interface ResultViewProps {
  workspaceId: string
  keyId: string
  secret: string
  result: TestResult
  rerunning: boolean
  /** Runs the same test again; absent when the secret field's Run does. */
  onRerun?: () => void
}

function ResultView({ workspaceId, keyId, secret, result, rerunning, onRerun }: ResultViewProps) {
  // The revealed command lives only here: gone on hide, on a new result and when the dialog closes.
  const [revealed, setRevealed] = useState<{ for: TestResult; curl: string } | null>(null)
  const [revealing, setRevealing] = useState(false)
  const shownCurl = revealed?.for === result ? revealed.curl : null

  const toggleReveal = async () => {
    if (shownCurl !== null) {
      setRevealed(null)
      return
    }
    setRevealing(true)
    try {
      const curl = await keyTestCurl(workspaceId, keyId, secret, true)
      setRevealed({ for: result, curl })
    } catch (err) {
      notifyError(en.keyTest.revealFailed, err)
    } finally {
      setRevealing(false)
    }
  }

  // Copy gives the exact command, with the key, whether or not it is shown:
  // the masked one would not run.
  const clipboard = useClipboard({ timeout: 2000 })
  const [copying, setCopying] = useState(false)
  const copyCurl = async () => {
    setCopying(true)
    try {
      clipboard.copy(shownCurl ?? (await keyTestCurl(workspaceId, keyId, secret, true)))
    } catch (err) {
      notifyError(en.keyTest.copyCurlFailed, err)
    } finally {
      setCopying(false)
    }
  }

  const curl = shownCurl ?? result.curl
  return (
    <Stack gap="sm" data-testid="keytest-result">
      <Group gap="md" wrap="wrap">
        {result.status > 0 && (
          // As HTTP writes it ("401 Unauthorized"), not in capitals; light, as
          // white on the filled green read at 2.4:1.
          <Badge size="lg" tt="none" variant="light" color={statusColor(result.status)} data-testid="keytest-status">
            {result.statusText ? `${result.status} ${result.statusText}` : String(result.status)}
          </Badge>
        )}
        <Text size="sm" data-testid="keytest-time">
          {en.keyTest.ms(result.durationMs)}
        </Text>
        <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere', flex: 1 }} data-testid="keytest-request">
          {result.method} {result.url}
        </Text>
        {onRerun && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconRefresh size={14} />}
            loading={rerunning}
            onClick={onRerun}
            data-testid="keytest-rerun"
          >
            {en.keyTest.runAgain}
          </Button>
        )}
      </Group>
      {result.status === 0 ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={en.keyTest.noAnswer} data-testid="keytest-status">
          {asSentence(result.error ?? '')}
        </Alert>
      ) : (
        <Stack gap={4}>
          {result.errorKind === 'redirect' && <RedirectNotice result={result} />}
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              {en.keyTest.response}
            </Text>
            <CopyButton value={result.isJson ? prettyJson(result.body) : result.body}>
              {({ copied, copy }) => (
                <Button
                  size="xs"
                  variant="subtle"
                  leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                  onClick={copy}
                  data-testid="keytest-copy-json"
                >
                  {copied ? en.keyTest.copied : result.bodyTruncated ? en.keyTest.copyStart : result.isJson ? en.keyTest.copyJson : en.keyTest.copyBody}
                </Button>
              )}
            </CopyButton>
          </Group>
          {/* Focusable, so the keys scroll a long body too. */}
          <ScrollArea.Autosize mah={240} viewportProps={{ tabIndex: 0, 'aria-label': en.keyTest.previewLabel }}>
            {/* Long lines wrap: the box scrolls one way only. */}
            <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="keytest-preview">
              {result.preview || en.keyTest.emptyBody}
            </Code>
          </ScrollArea.Autosize>
          <PreviewCut result={result} />
        </Stack>
      )}
      <Stack gap={4}>
        <Group justify="space-between">
          <Text size="sm" fw={600}>
            {en.keyTest.curl}
          </Text>
          <Group gap={4}>
            <Tooltip label={shownCurl !== null ? en.keyTest.hide : en.keyTest.reveal}>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={shownCurl !== null ? en.keyTest.hide : en.keyTest.reveal}
                aria-pressed={shownCurl !== null}
                loading={revealing}
                onClick={() => void toggleReveal()}
                data-testid="keytest-reveal"
              >
                {shownCurl !== null ? <IconEyeOff size={16} /> : <IconEye size={16} />}
              </ActionIcon>
            </Tooltip>
            <Tooltip label={en.keyTest.copyCurlHint}>
              <Button
                size="xs"
                variant="subtle"
                leftSection={clipboard.copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                loading={copying}
                onClick={() => void copyCurl()}
                data-testid="keytest-copy-curl"
              >
                {clipboard.copied ? en.keyTest.copied : en.keyTest.copyCurl}
              </Button>
            </Tooltip>
          </Group>
        </Group>
        {/* Broken at spaces where it can, inside a long URL or key only where it must. */}
        <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="keytest-curl">
          {curl}
        </Code>
      </Stack>
    </Stack>
  )
}

/** Says when the preview shows only the start of the answer, and of how much. */
function PreviewCut({ result }: { result: TestResult }) {
  const full = result.isJson ? prettyJson(result.body) : result.body
  let note: string | undefined
  if (result.bodyTruncated) note = en.keyTest.truncated(result.bodyBytes)
  else if (result.preview && result.preview.length < full.length) note = en.keyTest.previewCut(result.preview.length, full.length, result.isJson)
  if (!note) return null
  return (
    <Text size="xs" c="dimmed" data-testid="keytest-preview-cut">
      {note}
    </Text>
  )
}

/** JSON indented as the preview shows it; the body as it came if it does not parse after all. */
function prettyJson(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2)
  } catch {
    return body
  }
}

/** A 3xx answer in plain words: where it pointed, and that the key was not sent there. */
function RedirectNotice({ result }: { result: TestResult }) {
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconArrowForwardUp size={18} />}
      title={en.keyTest.redirected(result.status)}
      mb="xs"
      data-testid="keytest-redirect"
    >
      <Stack gap={4}>
        {result.error && <Text size="sm">{asSentence(result.error)}</Text>}
        {result.location && (
          <Group gap="xs" wrap="nowrap" align="baseline">
            <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
              {en.keyTest.location}
            </Text>
            <Code style={{ wordBreak: 'break-all' }} data-testid="keytest-location">
              {result.location}
            </Code>
          </Group>
        )}
      </Stack>
    </Alert>
  )
}

/** Short headers and figures stay on one line next to a long error text. */
const noWrap = { whiteSpace: 'nowrap' } as const

function History({ workspaceId, keyId }: { workspaceId: string; keyId: string }) {
  const { data } = useKeyTestHistory(workspaceId, keyId)
  const items = data ?? []
  const now = useNow(60_000, data)
  return (
    <Stack gap={4} data-testid="keytest-history">
      <Text size="sm" fw={600}>
        {en.keyTest.history}
      </Text>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {en.keyTest.historyEmpty}
        </Text>
      ) : (
        <Table striped withTableBorder fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th style={noWrap}>{en.keyTest.historyAt}</Table.Th>
              <Table.Th style={noWrap}>{en.keyTest.historyStatus}</Table.Th>
              <Table.Th style={noWrap} data-testid="keytest-history-time-header">
                {en.keyTest.historyTime}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item, i) => (
              <Table.Tr key={`${item.at}-${i}`} data-testid="keytest-history-item">
                {/* Runs seconds apart: today's to the second; the date on hover. */}
                <Table.Td style={noWrap} title={formatDateTime(item.at)}>
                  {formatEventTime(item.at, now)}
                </Table.Td>
                <Table.Td>
                  {item.status > 0 ? (
                    <Badge size="sm" variant="light" color={statusColor(item.status)}>
                      {item.status}
                    </Badge>
                  ) : (
                    <Text span size="sm" c="red">
                      {item.error || en.keyTest.noAnswer}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={noWrap} data-testid="keytest-history-time">
                  {en.keyTest.ms(item.durationMs)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}
