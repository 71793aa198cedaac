import { Button, Paper } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { useQueryClient } from '@tanstack/react-query'
import { IconEraser, IconKey, IconPlayerPlay, IconPlus } from '@tabler/icons-react'
import type { SortingState } from '@tanstack/react-table'
import { useCallback, useEffect, useRef, useState, type CSSProperties } from 'react'
import { listKeys, type Key, type Workspace } from '../../api'
import { queryKeys } from '../../app/queryKeys'
import { LoadFailed } from '../../components/LoadFailed'
import { MountOnOpen } from '../../components/MountOnOpen'
import { ManageButton } from '../../components/ManageButton'
import { PanelHeader } from '../../components/PanelHeader'
import { PanelEmpty, PanelLoading } from '../../components/PanelStates'
import { en } from '../../i18n/en'
import { notifyError, notifySuccess } from '../../lib/errors'
import { useLastNonNull } from '../../lib/useLatest'
import { KeyTestModal } from '../keytest/KeyTestModal'
import { availability, type KeyAction } from './actions'
import { policyOf } from './expiry'
import { CleanupModal } from './CleanupModal'
import { CreateKeyModal } from './CreateKeyModal'
import { DeleteKeyModal } from './DeleteKeyModal'
import { DisableSuccessorModal } from './DisableSuccessorModal'
import { EditKeyModal } from './EditKeyModal'
import { noFilters, type KeyFilterState } from './filters'
import { rememberView, viewOf } from './tableView'
import { KeyDrawer } from './KeyDrawer'
import { KeysTable } from './KeysTable'
import { RegenerateKeyModal } from './RegenerateKeyModal'
import { ForgetSecretModal, RememberSecretModal } from './RememberSecretModal'
import { RotateKeyModal } from './RotateKeyModal'
import { oldKeyOfRotation } from './rotation'
import { useProfiles } from '../profiles/useProfiles'
import { changeBlockedReason } from '../workspaces/health'
import { useCleanupCounts, useFirstKeys, useKeys, useUpdateKey } from './useKeys'

/**
 * The panel fills the height left, but never shrinks below its content: its
 * header, the filters, a few rows of the table (KeysTable's root does not
 * shrink below them) and the key count. In a short or narrow window (the
 * headers and the filters wrap) the page then scrolls to them rather than cut
 * them off. (A flex basis of auto, not `min-height: min-content`, which
 * WebKitGTK works out without the rows' minimum.)
 */
const panelStyle: CSSProperties = { display: 'flex', flexDirection: 'column', flex: '1 0 auto', minHeight: 0, overflow: 'hidden' }

/** A key search result to show: its id and when it was picked (picking it again scrolls again). */
export interface KeyFocus {
  keyId: string
  at: number
}

function CreateButton({ canManage, blockedReason, onClick }: { canManage: boolean; blockedReason?: string; onClick: () => void }) {
  return (
    <ManageButton canManage={canManage} blockedReason={blockedReason} leftSection={<IconPlus size={16} />} onClick={onClick} data-testid="create-key-button">
      {en.keys.createButton}
    </ManageButton>
  )
}

/** An action asked for from outside the panel (a reminder): done once the key is loaded. */
export interface KeyRequest {
  keyId: string
  action: 'rotate' | 'regenerate' | 'disable' | 'details'
  /** When it was asked for: asking again acts again. */
  at: number
}

interface KeysPanelProps {
  workspace: Workspace
  focus?: KeyFocus | null
  request?: KeyRequest | null
  /**
   * Told once the request was acted on (or dropped): whoever holds it lets
   * go of it, so the panel mounted again (another tab, another workspace)
   * does not act on it again — disable a key again, open its rotation again.
   */
  onRequestDone?: (request: KeyRequest) => void
}

export function KeysPanel({ workspace, focus = null, request = null, onRequestDone }: KeysPanelProps) {
  const canManage = workspace.canManage
  const { data: keys, isPending, isError, error, refetch } = useKeys(workspace.id)
  const first = useFirstKeys(workspace.id, isPending)
  // The rows on screen: every key, or the top of the table while the rest loads.
  const shown = keys ?? first?.keys
  const { data: profiles } = useProfiles(workspace.id)
  const hasKeys = (shown?.length ?? 0) > 0
  // The counts come from the server: not asked while it is known not to answer.
  const counts = useCleanupCounts(workspace.id, canManage && hasKeys && changeBlockedReason(workspace) === undefined)
  const update = useUpdateKey(workspace.id)

  const [createOpened, createDialog] = useDisclosure(false)
  const [cleanupOpened, cleanupDialog] = useDisclosure(false)
  const [pasteTestOpened, pasteTestDialog] = useDisclosure(false)
  // A dialog's key is the one it was opened for; the drawer follows the live list.
  const [action, setAction] = useState<{ kind: Exclude<KeyAction, 'details'>; key: Key } | null>(null)
  const [detailsId, setDetailsId] = useState<string | null>(null)
  const [filters, setFilters] = useState<KeyFilterState>(() => viewOf(workspace.id).filters)
  const [sorting, setSorting] = useState<SortingState>(() => viewOf(workspace.id).sorting)
  useEffect(() => rememberView(workspace.id, { filters, sorting }), [workspace.id, filters, sorting])

  // A search result is shown whatever the filters: they are cleared when one arrives.
  const [seenFocus, setSeenFocus] = useState(focus)
  if (focus !== seenFocus) {
    setSeenFocus(focus)
    if (focus) setFilters(noFilters)
    // Picked while another key's details are open: they show the one picked.
    if (focus && detailsId !== null) setDetailsId(focus.keyId)
  }

  const close = useCallback(() => setAction(null), [])
  const targetOf = (kind: KeyAction) => (action?.kind === kind ? action.key : null)
  const testKey = useLastNonNull(targetOf('test'))
  const detailsKey = detailsId ? (shown?.find((k) => k.id === detailsId) ?? null) : null

  const mutateToggle = update.mutate
  const setEnabled = useCallback(
    (key: Key, enabled: boolean) =>
      mutateToggle(
        { keyId: key.id, req: { enabled } },
        {
          onSuccess: () => notifySuccess(enabled ? en.keys.enabledOn(key.name) : en.keys.disabledOn(key.name)),
          onError: (err) => notifyError(en.keys.toggleFailed, err),
        },
      ),
    [mutateToggle],
  )
  // Every key now, for onToggle, which stays the same function for the table.
  const keysNow = useRef(keys)
  useEffect(() => {
    keysNow.current = keys
  })
  const queryClient = useQueryClient()
  const [disableSuccessor, setDisableSuccessor] = useState<{ key: Key; oldKey: Key } | null>(null)
  const onToggle = useCallback(
    async (key: Key, enabled: boolean) => {
      if (!enabled && key.rotatedFrom) {
        // While the table shows only its first rows, the old key may be
        // among the rest: the whole list, already on its way, is awaited.
        const all =
          keysNow.current ??
          (await queryClient.fetchQuery({ queryKey: queryKeys.keys(workspace.id), queryFn: () => listKeys(workspace.id) }).catch(() => undefined))
        const oldKey = oldKeyOfRotation(key, all ?? [])
        if (oldKey) {
          setDisableSuccessor({ key, oldKey })
          return
        }
      }
      setEnabled(key, enabled)
    },
    [setEnabled, queryClient, workspace.id],
  )

  const onAction = useCallback((kind: KeyAction, key: Key) => {
    if (kind === 'details') setDetailsId(key.id)
    else if (kind === 'toggle') onToggle(key, !key.enabled)
    else setAction({ kind, key })
  }, [onToggle])

  // Disabling is a call to the server: made after the render that asked for it.
  const [toDisable, setToDisable] = useState<{ key: Key; request: KeyRequest } | null>(null)
  const disabled = useRef<KeyRequest | null>(null)
  useEffect(() => {
    if (!toDisable || disabled.current === toDisable.request) return
    disabled.current = toDisable.request
    onToggle(toDisable.key, false)
  }, [toDisable, onToggle])

  // Offline, or its access key locked, missing or refused: no change can reach the server.
  const blockedReason = changeBlockedReason(workspace)

  // A request waits for the keys; one for a key that is gone is dropped.
  const [seenRequest, setSeenRequest] = useState<KeyRequest | null>(null)
  const [pendingRequest, setPendingRequest] = useState<KeyRequest | null>(null)
  // Done, or refused for this reason (the key's details show instead).
  const [doneRequest, setDoneRequest] = useState<{ request: KeyRequest; refused?: string } | null>(null)
  if (request !== seenRequest) {
    setSeenRequest(request)
    setPendingRequest(request)
  }
  if (pendingRequest && keys) {
    setPendingRequest(null)
    const key = keys.find((k) => k.id === pendingRequest.keyId)
    const kind = pendingRequest.action === 'disable' ? 'toggle' : pendingRequest.action
    // Not offered at all (rotating the key Keydesk signs in with): refused as the menu would.
    const offer = key ? availability(kind, key, canManage, blockedReason) : undefined
    const refused = offer && (offer.shown ? offer.disabledReason : en.keys.thisAppHint)
    setDoneRequest({ request: pendingRequest, refused })
    if (key) {
      if (pendingRequest.action === 'details' || refused) setDetailsId(key.id)
      else if (pendingRequest.action === 'disable') {
        setDetailsId(key.id)
        if (key.enabled) setToDisable({ key, request: pendingRequest })
      } else setAction({ kind: pendingRequest.action, key })
    }
  }

  // Said once for each request, however often the effect runs again.
  const told = useRef<KeyRequest | null>(null)
  useEffect(() => {
    if (!doneRequest) return
    if (doneRequest.refused && told.current !== doneRequest.request) {
      told.current = doneRequest.request
      notifyError(en.keys.requestRefused, doneRequest.refused)
    }
    onRequestDone?.(doneRequest.request)
  }, [doneRequest, onRequestDone])

  // A member key may not ask the server, and no one can ask one that does not answer:
  // the cached keys tell whether there is anything to clean up.
  const cleanable = canManage && blockedReason === undefined
    ? counts.data
      ? counts.data.expired + counts.data.revoked - counts.data.both
      : 0
    : (keys ?? []).filter((k) => k.status === 'expired' || !k.enabled).length

  let body
  if (isPending && !first) {
    body = <PanelLoading label={en.keys.loading} rows={3} />
  } else if (isError) {
    body = <LoadFailed title={en.keys.loadFailed} error={error} onRetry={() => void refetch()} />
  } else if (!hasKeys) {
    body = (
      <PanelEmpty
        icon={<IconKey size={26} stroke={1.6} />}
        title={en.keys.empty.title}
        description={canManage ? en.keys.empty.description : en.keys.empty.readOnly}
        action={<CreateButton canManage={canManage} blockedReason={blockedReason} onClick={createDialog.open} />}
        data-testid="keys-empty"
      />
    )
  } else {
    body = (
      <KeysTable
        keys={shown ?? []}
        loadingTotal={first?.total}
        profiles={profiles}
        canManage={canManage}
        blockedReason={blockedReason}
        filters={filters}
        onFiltersChange={setFilters}
        sorting={sorting}
        onSortingChange={setSorting}
        highlightId={focus?.keyId}
        onAction={onAction}
        onToggle={onToggle}
      />
    )
  }

  return (
    <Paper withBorder radius="md" style={panelStyle}>
      <PanelHeader title={en.keys.title} subtitle={en.keys.subtitle} canManage={canManage}>
        <Button
          variant="default"
          leftSection={<IconPlayerPlay size={16} />}
          onClick={pasteTestDialog.open}
          data-testid="test-key-button"
        >
          {en.keyTest.button}
        </Button>
        {hasKeys && cleanable > 0 && (
          <ManageButton
            canManage={canManage}
            blockedReason={blockedReason}
            variant="default"
            leftSection={<IconEraser size={16} />}
            onClick={cleanupDialog.open}
            data-testid="cleanup-button"
          >
            {en.keys.cleanupButton(cleanable)}
          </ManageButton>
        )}
        {hasKeys && <CreateButton canManage={canManage} blockedReason={blockedReason} onClick={createDialog.open} />}
      </PanelHeader>
      {body}

      <MountOnOpen opened={createOpened}>
        <CreateKeyModal workspaceId={workspace.id} policy={policyOf(workspace)} opened={createOpened} onClose={createDialog.close} />
      </MountOnOpen>
      <MountOnOpen opened={cleanupOpened}>
        <CleanupModal
          workspaceId={workspace.id}
          counts={counts.data}
          keys={shown ?? []}
          opened={cleanupOpened}
          onClose={cleanupDialog.close}
        />
      </MountOnOpen>
      <MountOnOpen opened={action !== null}>
        <EditKeyModal workspaceId={workspace.id} target={targetOf('edit')} onClose={close} />
        <RegenerateKeyModal workspaceId={workspace.id} policy={policyOf(workspace)} target={targetOf('regenerate')} onClose={close} />
        <RotateKeyModal workspaceId={workspace.id} policy={policyOf(workspace)} target={targetOf('rotate')} onClose={close} />
        <RememberSecretModal workspaceId={workspace.id} target={targetOf('remember')} onClose={close} />
        <ForgetSecretModal workspaceId={workspace.id} target={targetOf('forget')} onClose={close} />
        <DeleteKeyModal workspaceId={workspace.id} target={targetOf('delete')} onClose={close} />
        <KeyTestModal workspaceId={workspace.id} opened={action?.kind === 'test'} keyInfo={testKey} onClose={close} />
      </MountOnOpen>
      <MountOnOpen opened={disableSuccessor !== null}>
        <DisableSuccessorModal target={disableSuccessor} onConfirm={(key) => setEnabled(key, false)} onClose={() => setDisableSuccessor(null)} />
      </MountOnOpen>
      <MountOnOpen opened={pasteTestOpened}>
        <KeyTestModal workspaceId={workspace.id} opened={pasteTestOpened} keyInfo={null} onClose={pasteTestDialog.close} />
      </MountOnOpen>
      <MountOnOpen opened={detailsKey !== null}>
        <KeyDrawer
          workspace={workspace}
          keyInfo={detailsKey}
          onClose={() => setDetailsId(null)}
          onAction={onAction}
          dialogOpen={action !== null || disableSuccessor !== null}
        />
      </MountOnOpen>
    </Paper>
  )
}
