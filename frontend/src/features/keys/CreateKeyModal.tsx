import {
  Alert,
  Button,
  CopyButton,
  Group,
  Modal,
  PasswordInput,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core'
import { IconAlertCircle, IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import { KEY_ROLES, type CreatedKey, type KeyRole } from '../../api'
import { en } from '../../i18n/en'
import { errorMessage, notifyError } from '../../lib/errors'
import { formatDate } from '../../lib/time'
import { useNow } from '../../lib/useNow'
import { DEFAULT_EXPIRY, EXPIRY_DAYS, expiresInDays, NEVER } from './expiry'
import { useCreateKey } from './useKeys'

const NAME_MAX = 100

const roleOptions = KEY_ROLES.map((role) => ({ value: role, label: en.keys.roles[role] }))
const expiryOptions = [
  ...EXPIRY_DAYS.map((days) => ({ value: String(days), label: en.createKey.expiresIn(days) })),
  { value: NEVER, label: en.createKey.expiresNever },
]

type Field = 'name' | 'role' | 'expiresInDays'

/** Which field an invalid_input message is about: the backend starts it with the JSON field name. */
function fieldOf(message: string): Field | undefined {
  const m = /^(name|role|expiresInDays)\b/.exec(message.trim())
  return m ? (m[1] as Field) : undefined
}

interface CreateKeyModalProps {
  workspaceId: string
  opened: boolean
  onClose: () => void
}

export function CreateKeyModal({ workspaceId, opened, onClose }: CreateKeyModalProps) {
  return (
    <Modal.Root opened={opened} onClose={onClose} closeOnClickOutside={false} size="lg" centered>
      <Modal.Overlay backgroundOpacity={0.55} blur={2} />
      <Modal.Content>
        {/* Mounted only while the dialog is open, so each opening starts clean
            and the secret is gone with it. */}
        <CreateKeyDialog workspaceId={workspaceId} onClose={onClose} />
      </Modal.Content>
    </Modal.Root>
  )
}

function CreateKeyDialog({ workspaceId, onClose }: { workspaceId: string; onClose: () => void }) {
  const create = useCreateKey(workspaceId)
  const [created, setCreated] = useState<CreatedKey | null>(null)
  const [showSecret, setShowSecret] = useState(false)

  const done = () => {
    setCreated(null)
    create.reset()
    onClose()
  }

  return (
    <>
      <Modal.Header>
        <Modal.Title fw={600} fz="lg">
          {showSecret ? en.createKey.savedTitle : en.createKey.title}
        </Modal.Title>
        <Modal.CloseButton />
      </Modal.Header>
      <Modal.Body>
        {showSecret ? (
          <SecretStep created={created} onDone={done} />
        ) : (
          <CreateKeyForm
            pending={create.isPending}
            onCancel={onClose}
            onSubmit={(req, onFieldError) =>
              create.mutate(req, {
                onSuccess: (result) => {
                  setCreated(result)
                  setShowSecret(true)
                },
                onError: (err) => {
                  if (err.code === 'invalid_input') onFieldError(fieldOf(err.message), errorMessage(err))
                  else notifyError(en.createKey.failed, err)
                },
              })
            }
          />
        )}
      </Modal.Body>
    </>
  )
}

interface CreateKeyFormProps {
  pending: boolean
  onCancel: () => void
  onSubmit: (
    req: { name: string; role: KeyRole; expiresInDays: number | null },
    onFieldError: (field: Field | undefined, message: string) => void,
  ) => void
}

function CreateKeyForm({ pending, onCancel, onSubmit }: CreateKeyFormProps) {
  const [name, setName] = useState('')
  const [role, setRole] = useState<KeyRole>('api')
  const [expiry, setExpiry] = useState<string>(DEFAULT_EXPIRY)
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [formError, setFormError] = useState<string | null>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = name.trim()
    if (!trimmed) {
      setErrors({ name: en.createKey.nameRequired })
      return
    }
    setErrors({})
    setFormError(null)
    onSubmit({ name: trimmed, role, expiresInDays: expiresInDays(expiry) }, (field, message) => {
      if (field) setErrors({ [field]: message })
      else setFormError(message)
    })
  }

  const now = useNow()
  const days = expiresInDays(expiry)
  const expiryHint =
    days === null
      ? en.createKey.expiresNeverHint
      : en.createKey.expiresOn(formatDate(new Date(now + days * 86_400_000).toISOString()))

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} data-testid="create-key-error">
            {formError}
          </Alert>
        )}
        <TextInput
          label={en.createKey.nameLabel}
          description={en.createKey.nameDescription}
          placeholder={en.createKey.namePlaceholder}
          required
          maxLength={NAME_MAX}
          data-autofocus
          autoComplete="off"
          data-testid="key-name-input"
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value)
            if (errors.name) setErrors((prev) => ({ ...prev, name: undefined }))
          }}
          error={errors.name}
        />
        <Select
          label={en.createKey.roleLabel}
          data={roleOptions}
          value={role}
          onChange={(value) => value && setRole(value as KeyRole)}
          allowDeselect={false}
          description={en.keys.roleDescriptions[role]}
          data-testid="key-role-select"
          error={errors.role}
          renderOption={({ option }) => (
            <Stack gap={0}>
              <Text size="sm">{option.label}</Text>
              <Text size="xs" c="dimmed">
                {en.keys.roleDescriptions[option.value as KeyRole]}
              </Text>
            </Stack>
          )}
        />
        <Select
          label={en.createKey.expiresLabel}
          data={expiryOptions}
          value={expiry}
          onChange={(value) => value && setExpiry(value)}
          allowDeselect={false}
          description={expiryHint}
          data-testid="key-expiry-select"
          error={errors.expiresInDays}
        />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onCancel} disabled={pending}>
            {en.createKey.cancel}
          </Button>
          <Button type="submit" loading={pending} data-testid="create-key-submit">
            {en.createKey.submit}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

function SecretStep({ created, onDone }: { created: CreatedKey | null; onDone: () => void }) {
  const secret = created?.secret ?? ''
  return (
    <Stack gap="md">
      <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title={en.createKey.warningTitle}>
        {en.createKey.warning}
      </Alert>
      <Group gap="sm" align="flex-end" wrap="nowrap">
        <PasswordInput
          label={en.createKey.secretLabel}
          value={secret}
          readOnly
          style={{ flex: 1 }}
          styles={{ innerInput: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          data-testid="secret-input"
          visibilityToggleButtonProps={{ 'aria-label': en.createKey.reveal, 'data-testid': 'reveal-secret' }}
          onFocus={(e) => e.currentTarget.select()}
        />
        <CopyButton value={secret} timeout={2000}>
          {({ copied, copy }) => (
            <Button
              data-testid="copy-secret"
              variant={copied ? 'light' : 'filled'}
              color={copied ? 'teal' : undefined}
              leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              onClick={copy}
              miw={104}
            >
              {copied ? en.createKey.copied : en.createKey.copy}
            </Button>
          )}
        </CopyButton>
      </Group>
      {created && (
        <Paper withBorder radius="md" p="sm">
          <Group justify="space-between" wrap="nowrap">
            <Stack gap={2} miw={0}>
              <Text size="sm" fw={500} truncate>
                {created.key.name}
              </Text>
              <Text size="xs" c="dimmed" ff="monospace">
                {created.key.id} · {created.key.maskedKey}
              </Text>
            </Stack>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {en.keys.roles[created.key.role] ?? created.key.role}
            </Text>
          </Group>
        </Paper>
      )}
      <Group justify="flex-end">
        <Button onClick={onDone} data-testid="secret-done">
          {en.createKey.done}
        </Button>
      </Group>
    </Stack>
  )
}
