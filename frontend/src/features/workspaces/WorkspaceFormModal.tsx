import { Alert, Button, Checkbox, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core'
import { IconAlertTriangle, IconCircleCheck, IconEye, IconPlugConnected } from '@tabler/icons-react'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { ConnectionInfo, Workspace, WorkspaceRequest } from '../../api'
import { AppModal } from '../../components/AppModal'
import { FormError } from '../../components/FormError'
import { revealToggle } from '../../components/revealToggle'
import { en } from '../../i18n/en'
import { formError, notifySuccess } from '../../lib/errors'
import { submitOnEnter } from '../../lib/forms'
import { useSaveWorkspace, useTestConnection } from './useWorkspaces'

const FIELDS = ['serverUrl', 'workspaceId', 'accessKey', 'allowInsecure', 'caFile'] as const
type Field = (typeof FIELDS)[number]

interface WorkspaceFormModalProps {
  opened: boolean
  /** The workspace to edit; absent to add one. */
  workspace?: Workspace
  onClose: () => void
  onSaved?: (workspace: Workspace) => void
  /** Editing because the stored access key is gone or was refused: the form asks for a new one. */
  newAccessKey?: boolean
}

export function WorkspaceFormModal({ opened, workspace, onClose, onSaved, newAccessKey }: WorkspaceFormModalProps) {
  return (
    <AppModal
      opened={opened}
      onClose={onClose}
      closeOnClickOutside={false}
      size="lg"
      title={workspace ? en.workspaceForm.editTitle(workspace.name) : en.workspaceForm.addTitle}
    >
      <WorkspaceForm workspace={workspace} onClose={onClose} onSaved={onSaved} newAccessKey={newAccessKey} />
    </AppModal>
  )
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

/** A problem with the URL that needs no server to see. */
function checkUrl(value: string): string | undefined {
  if (!value.trim()) return en.workspaceForm.urlRequired
  try {
    const url = new URL(value.trim())
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return en.workspaceForm.urlInvalid
  } catch {
    return en.workspaceForm.urlInvalid
  }
  return undefined
}

function needsInsecure(value: string): boolean {
  try {
    const url = new URL(value.trim())
    return url.protocol === 'http:' && !isLoopback(url.hostname)
  } catch {
    return false
  }
}

function WorkspaceForm({ workspace, onClose, onSaved, newAccessKey = false }: Omit<WorkspaceFormModalProps, 'opened'>) {
  const editing = workspace !== undefined
  // Keeping the stored key is no option when it is gone or was refused.
  const keyRequired = !editing || newAccessKey
  const [values, setValues] = useState<WorkspaceRequest>({
    serverUrl: workspace?.serverUrl ?? '',
    workspaceId: workspace?.workspaceId ?? '',
    accessKey: '',
    allowInsecure: workspace?.allowInsecure ?? false,
    caFile: workspace?.caFile ?? '',
  })
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [formErr, setFormErr] = useState<{ title: string; message: string } | null>(null)
  const [tested, setTested] = useState<ConnectionInfo | null>(null)
  // Asked once the new key turned out to read only, where the stored one could manage.
  const [confirmReadOnly, setConfirmReadOnly] = useState(false)
  // The question comes under the fields, in a dialog taller than many windows: its answer is scrolled to.
  const buttons = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (confirmReadOnly) buttons.current?.scrollIntoView({ block: 'nearest' })
  }, [confirmReadOnly])
  const test = useTestConnection(workspace?.id)
  const save = useSaveWorkspace(workspace?.id)
  const pending = test.isPending || save.isPending

  const set = <K extends keyof WorkspaceRequest>(field: K, value: WorkspaceRequest[K]) => {
    setValues((prev) => ({ ...prev, [field]: value }))
    // Ticking "Allow insecure" answers the URL's plain-http problem.
    setErrors((prev) => ({ ...prev, [field]: undefined, ...(field === 'allowInsecure' && { serverUrl: undefined }) }))
    // A result for other input says nothing about this one.
    setTested(null)
    setConfirmReadOnly(false)
    setFormErr(null)
  }

  const request = (): WorkspaceRequest => ({
    ...values,
    serverUrl: values.serverUrl.trim(),
    workspaceId: values.workspaceId.trim(),
    accessKey: values.accessKey.trim(),
    caFile: values.caFile.trim(),
  })

  /** Checks what needs no server; false when something is missing. */
  const validate = (): boolean => {
    const next: Partial<Record<Field, string>> = {}
    const urlProblem = checkUrl(values.serverUrl)
    if (urlProblem) next.serverUrl = urlProblem
    else if (needsInsecure(values.serverUrl) && !values.allowInsecure) next.serverUrl = en.workspaceForm.insecureNeeded
    // Editing, an empty key field keeps the stored key, which a test then tests.
    if (!values.accessKey.trim() && keyRequired) next.accessKey = en.workspaceForm.keyRequired
    setErrors(next)
    return Object.keys(next).length === 0
  }

  const showError = (title: string) => (err: unknown) => {
    const { field, message } = formError(err, FIELDS)
    if (field && field !== 'allowInsecure') setErrors({ [field]: message })
    else setFormErr({ title, message })
  }

  const onTest = () => {
    setFormErr(null)
    setTested(null)
    if (!validate()) return
    test.mutate(request(), { onSuccess: setTested, onError: showError(en.workspaceForm.testFailed) })
  }

  // Over an admin key kept only in Keydesk, a member key would lose it for good: asked first.
  const mayDowngrade = editing && !newAccessKey && workspace.canManage && values.accessKey.trim() !== ''

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    setFormErr(null)
    if (!validate()) return
    if (mayDowngrade && !confirmReadOnly) {
      const ask = (info: ConnectionInfo) => {
        if (info.canManage) saveNow()
        else setConfirmReadOnly(true)
      }
      if (tested) ask(tested)
      else {
        test.mutate(request(), {
          onSuccess: (info) => {
            setTested(info)
            ask(info)
          },
          onError: showError(en.workspaceForm.saveFailed),
        })
      }
      return
    }
    saveNow()
  }

  const saveNow = () => {
    // Adding tests the connection on the Go side too, so no separate test first.
    save.mutate(request(), {
      onSuccess: (ws) => {
        notifySuccess(editing ? en.workspaces.updated(ws.name) : en.workspaces.added(ws.name))
        onSaved?.(ws)
        onClose()
      },
      onError: showError(en.workspaceForm.saveFailed),
    })
  }

  return (
    <form onSubmit={onSubmit} onKeyDown={submitOnEnter} noValidate>
      <Stack gap="md">
        <Group align="flex-start" gap="sm" grow preventGrowOverflow={false} wrap="nowrap">
          <TextInput
            label={en.workspaceForm.urlLabel}
            placeholder={en.workspaceForm.urlPlaceholder}
            description={en.workspaceForm.urlDescription}
            required
            data-autofocus={newAccessKey ? undefined : true}
            autoComplete="off"
            spellCheck={false}
            data-testid="workspace-url-input"
            value={values.serverUrl}
            onChange={(e) => set('serverUrl', e.currentTarget.value)}
            error={errors.serverUrl}
            style={{ flex: 2 }}
          />
          <TextInput
            label={en.workspaceForm.idLabel}
            placeholder={en.workspaceForm.idPlaceholder}
            description={en.workspaceForm.idDescription}
            autoComplete="off"
            spellCheck={false}
            data-testid="workspace-id-input"
            value={values.workspaceId}
            onChange={(e) => set('workspaceId', e.currentTarget.value)}
            error={errors.workspaceId}
            style={{ flex: 1 }}
          />
        </Group>
        <PasswordInput
          label={en.workspaceForm.keyLabel}
          placeholder={keyRequired ? en.workspaceForm.keyPlaceholder : en.workspaceForm.keyKeepPlaceholder}
          description={newAccessKey ? en.workspaceForm.keyNewDescription : en.workspaceForm.keyDescription}
          required={keyRequired}
          data-autofocus={newAccessKey ? true : undefined}
          autoComplete="off"
          spellCheck={false}
          styles={{ innerInput: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          data-testid="workspace-key-input"
          visibilityToggleButtonProps={revealToggle(en.workspaceForm.revealKey)}
          value={values.accessKey}
          onChange={(e) => set('accessKey', e.currentTarget.value)}
          error={errors.accessKey}
          // PasswordInput marks its error with data-invalid only.
          aria-invalid={errors.accessKey ? true : undefined}
        />
        <TextInput
          label={en.workspaceForm.caLabel}
          placeholder={en.workspaceForm.caPlaceholder}
          description={en.workspaceForm.caDescription}
          autoComplete="off"
          spellCheck={false}
          data-testid="workspace-ca-input"
          value={values.caFile}
          onChange={(e) => set('caFile', e.currentTarget.value)}
          error={errors.caFile}
        />
        <Checkbox
          label={en.workspaceForm.insecureLabel}
          description={en.workspaceForm.insecureDescription}
          data-testid="workspace-insecure-checkbox"
          checked={values.allowInsecure}
          onChange={(e) => set('allowInsecure', e.currentTarget.checked)}
          error={errors.allowInsecure}
        />

        {tested && <ConnectionResult info={tested} />}
        {confirmReadOnly && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title={en.workspaceForm.downgradeTitle} data-testid="workspace-downgrade-warning">
            {en.workspaceForm.downgrade(workspace?.name ?? '')}
          </Alert>
        )}
        <FormError title={formErr?.title} message={formErr?.message} data-testid="workspace-form-error" />

        <Group ref={buttons} justify="space-between" gap="sm" mt="xs">
          <Button
            variant="default"
            leftSection={<IconPlugConnected size={16} />}
            loading={test.isPending}
            disabled={save.isPending}
            onClick={onTest}
            data-testid="workspace-test-button"
          >
            {en.workspaceForm.test}
          </Button>
          <Group gap="sm">
            <Button variant="default" onClick={onClose} disabled={pending}>
              {en.workspaceForm.cancel}
            </Button>
            <Button
              type="submit"
              color={confirmReadOnly ? 'orange' : undefined}
              loading={save.isPending}
              disabled={test.isPending}
              data-testid="workspace-save-button"
            >
              {confirmReadOnly ? en.workspaceForm.saveReadOnly : editing ? en.workspaceForm.save : en.workspaceForm.add}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  )
}

function ConnectionResult({ info }: { info: ConnectionInfo }) {
  const role = en.keys.roles[info.role] ?? info.role
  return (
    <Alert
      color={info.canManage ? 'teal' : 'yellow'}
      variant="light"
      icon={info.canManage ? <IconCircleCheck size={18} /> : <IconEye size={18} />}
      title={en.workspaceForm.connected(info.workspaceName)}
      data-testid="workspace-test-result"
      py="xs"
    >
      <Text size="sm">
        {en.workspaceForm.connectedAs(info.keyName, role)} ·{' '}
        <Text span size="sm" ff="monospace">
          {info.workspaceId}
        </Text>
      </Text>
      <Text size="sm" fw={500} data-testid="workspace-test-access">
        {info.canManage ? en.workspaceForm.canManage : en.workspaceForm.readOnly}
      </Text>
    </Alert>
  )
}
