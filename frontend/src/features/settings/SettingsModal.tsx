import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Divider,
  Group,
  PasswordInput,
  Select,
  Skeleton,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core'
import { IconAlertTriangle, IconCheck, IconCopy, IconLock } from '@tabler/icons-react'
import { useState, type FormEvent, type ReactNode } from 'react'
import type { Settings } from '../../api'
import { AppModal } from '../../components/AppModal'
import { FormError } from '../../components/FormError'
import { revealToggle } from '../../components/revealToggle'
import { useUnsavedGuard } from '../../components/UnsavedChanges'
import { en } from '../../i18n/en'
import { errorMessage, formError, notifyError, notifySuccess } from '../../lib/errors'
import { ReminderSettingsForm } from '../reminders/ReminderSettingsForm'
import { UnlockSecretsForm } from './UnlockSecrets'
import { useEnableEncryptedFile, useSetSyncInterval, useSettings } from './useSettings'

const SYNC_INTERVALS = [1, 5, 15, 30, 60] as const
const PASSPHRASE_MIN = 8

interface SettingsModalProps {
  opened: boolean
  onClose: () => void
}

export function SettingsModal({ opened, onClose }: SettingsModalProps) {
  // Reminder settings not saved yet: closing asks first instead of dropping them.
  const guard = useUnsavedGuard(onClose, en.settings.unsaved, 'settings')
  return (
    <AppModal opened={opened} onClose={guard.requestClose} title={en.settings.title} size="lg">
      {guard.alert}
      <SettingsBody onRemindersDirty={guard.setDirty} />
    </AppModal>
  )
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs">
      <Title order={4} size="h6" c="dimmed" tt="uppercase">
        {title}
      </Title>
      {children}
    </Stack>
  )
}

function SettingsBody({ onRemindersDirty }: { onRemindersDirty: (dirty: boolean) => void }) {
  const { data, isPending, isError, error } = useSettings()
  if (isPending) {
    return (
      <Stack gap="sm">
        <Skeleton h={24} />
        <Skeleton h={24} />
        <Skeleton h={24} />
      </Stack>
    )
  }
  if (isError) {
    return (
      <Alert color="red" variant="light" title={en.settings.loadFailed}>
        {errorMessage(error)}
      </Alert>
    )
  }
  return (
    <Stack gap="lg">
      <SyncSection settings={data} />
      <Divider />
      <Section title={en.reminderSettings.title}>
        <ReminderSettingsForm onDirtyChange={onRemindersDirty} />
      </Section>
      <Divider />
      <KeychainSection settings={data} />
      <Divider />
      <Section title={en.settings.dataTitle}>
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" w={110} style={{ flexShrink: 0 }}>
            {en.settings.dataDir}
          </Text>
          <Code style={{ flex: 1, overflowWrap: 'anywhere' }} data-testid="settings-data-dir">
            {data.dataDir}
          </Code>
          <CopyButton value={data.dataDir} timeout={1500}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? en.settings.copied : en.settings.copyPath}>
                <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={en.settings.copyPath}>
                  {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
      </Section>
    </Stack>
  )
}

function SyncSection({ settings }: { settings: Settings }) {
  const save = useSetSyncInterval()
  const data = SYNC_INTERVALS.map((n) => ({ value: String(n), label: en.settings.minutes(n) }))
  // Keep an interval set elsewhere (e.g. 10 minutes) selectable.
  if (!SYNC_INTERVALS.some((n) => n === settings.syncIntervalMinutes)) {
    data.push({ value: String(settings.syncIntervalMinutes), label: en.settings.minutes(settings.syncIntervalMinutes) })
  }
  return (
    <Section title={en.settings.syncTitle}>
      <Select
        label={en.settings.syncInterval}
        description={en.settings.syncIntervalDescription}
        data={data}
        value={String(save.isPending && save.variables !== undefined ? save.variables : settings.syncIntervalMinutes)}
        onChange={(value) =>
          value &&
          save.mutate(Number(value), {
            onSuccess: () => notifySuccess(en.settings.syncSaved),
            onError: (err) => notifyError(en.settings.saveFailed, err),
          })
        }
        allowDeselect={false}
        disabled={save.isPending}
        w={260}
        data-autofocus
        data-testid="settings-sync-interval"
      />
    </Section>
  )
}

function KeychainSection({ settings }: { settings: Settings }) {
  return (
    <Section title={en.settings.keychainTitle}>
      <Group gap="xs" wrap="nowrap">
        <Text size="sm" w={110} style={{ flexShrink: 0 }}>
          {en.settings.keychain}
        </Text>
        <Text size="sm" fw={500} data-testid="settings-keychain">
          {/* The memory store's label describes a secret ("Not remembered (…)"), not a place. */}
          {settings.keychainBackend === 'memory' && !settings.keychainLocked ? en.settings.memoryOnly : settings.keychainLabel || settings.keychainBackend}
        </Text>
        <Badge
          variant="light"
          radius="sm"
          color={settings.keychainPersistent ? 'teal' : 'orange'}
          style={{ flexShrink: 0 }}
          data-testid="settings-keychain-persistent"
        >
          {settings.keychainPersistent ? en.settings.persistent : settings.keychainLocked ? en.settings.locked : en.settings.notPersistent}
        </Badge>
      </Group>
      {settings.keychainProblem && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="settings-keychain-problem">
          {settings.keychainLocked ? en.settings.lockedNotice : en.settings.keychainProblem(settings.keychainProblem)}
        </Alert>
      )}
      {settings.cacheRebuilt && (
        <Alert color="blue" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="settings-cache-rebuilt">
          {settings.cacheRebuilt}
        </Alert>
      )}
      {settings.keychainLocked ? <UnlockSecretsForm /> : !settings.keychainPersistent && <EncryptedFileForm />}
    </Section>
  )
}

function EncryptedFileForm() {
  const enable = useEnableEncryptedFile()
  const [passphrase, setPassphrase] = useState('')
  const [confirm, setConfirm] = useState('')
  const [errors, setErrors] = useState<{ passphrase?: string; confirm?: string }>({})
  const [formErr, setFormErr] = useState<string | null>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const next: typeof errors = {}
    if (!passphrase) next.passphrase = en.settings.passphraseRequired
    else if (passphrase.length < PASSPHRASE_MIN) next.passphrase = en.settings.passphraseShort(PASSPHRASE_MIN)
    else if (confirm !== passphrase) next.confirm = en.settings.passphraseMismatch
    setErrors(next)
    if (next.passphrase || next.confirm) return
    setFormErr(null)
    enable.mutate(passphrase, {
      onSuccess: () => {
        setPassphrase('')
        setConfirm('')
        notifySuccess(en.settings.encryptDone)
      },
      onError: (err) => {
        const { field, message } = formError(err, ['passphrase'] as const)
        if (field) setErrors({ passphrase: message })
        else setFormErr(message)
      },
    })
  }

  return (
    <form onSubmit={submit} noValidate data-testid="settings-encrypt-form">
      <Stack gap="sm" mt="xs">
        <Text size="sm" c="dimmed">
          {en.settings.notPersistentHint}
        </Text>
        <Text size="sm" fw={600}>
          {en.settings.encryptTitle}
        </Text>
        <PasswordInput
          label={en.settings.passphrase}
          description={en.settings.passphraseDescription}
          autoComplete="new-password"
          visibilityToggleButtonProps={revealToggle(en.settings.reveal)}
          value={passphrase}
          onChange={(e) => {
            setPassphrase(e.currentTarget.value)
            setErrors({})
          }}
          error={errors.passphrase}
          aria-invalid={errors.passphrase ? true : undefined}
          data-testid="settings-passphrase"
        />
        <PasswordInput
          label={en.settings.passphraseConfirm}
          autoComplete="new-password"
          visibilityToggleButtonProps={revealToggle(en.settings.reveal)}
          value={confirm}
          onChange={(e) => {
            setConfirm(e.currentTarget.value)
            setErrors((prev) => ({ ...prev, confirm: undefined }))
          }}
          error={errors.confirm}
          aria-invalid={errors.confirm ? true : undefined}
          data-testid="settings-passphrase-confirm"
        />
        <FormError title={en.settings.saveFailed} message={formErr} />
        <Group justify="flex-end">
          <Button type="submit" leftSection={<IconLock size={16} />} loading={enable.isPending} data-testid="settings-encrypt-submit">
            {en.settings.encryptSubmit}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
