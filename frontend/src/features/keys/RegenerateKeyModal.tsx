import { Alert, Button, Checkbox, Group, Stack } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import type { CreatedKey, Key, RegenerateRequest } from '../../api'
import { FormError } from '../../components/FormError'
import { en } from '../../i18n/en'
import { formError } from '../../lib/errors'
import { submitOnEnter } from '../../lib/forms'
import { formatDate, formatRelative } from '../../lib/time'
import { useNow } from '../../lib/useNow'
import { customDateError, defaultExpiryFor, expiresInDays, type ExpiryPolicy, type ExpiryValue } from './expiry'
import { ExpiryField } from './ExpiryField'
import { KeySummary } from './KeySummary'
import { NewSecretModal, type NewSecretFormProps } from './NewSecretModal'
import { useRegenerateKey } from './useKeys'

interface RegenerateKeyModalProps {
  workspaceId: string
  /** What expiries the workspace allows: only those are offered. */
  policy: ExpiryPolicy
  /** The key to regenerate; null closes the dialog. */
  target: Key | null
  onClose: () => void
}

export function RegenerateKeyModal({ workspaceId, policy, target, onClose }: RegenerateKeyModalProps) {
  return (
    <NewSecretModal<CreatedKey>
      workspaceId={workspaceId}
      target={target}
      onClose={onClose}
      title={en.regenerate.title}
      doneTitle={en.secret.regeneratedTitle}
      form={(props) => <RegenerateForm workspaceId={workspaceId} policy={policy} {...props} />}
    />
  )
}

function RegenerateForm({ workspaceId, policy, target, onCancel, onDone }: NewSecretFormProps<CreatedKey> & { workspaceId: string; policy: ExpiryPolicy }) {
  const regenerate = useRegenerateKey(workspaceId)
  const now = useNow()
  const [changeExpiry, setChangeExpiry] = useState(false)
  const [expiry, setExpiry] = useState<ExpiryValue>(() => defaultExpiryFor(policy))
  const [expiryError, setExpiryError] = useState<string>()
  const [formErr, setFormErr] = useState<string | null>(null)
  // An expired key's secret would be born expired: it needs a new expiry.
  const expired = target.expiresAt !== undefined && Date.parse(target.expiresAt) <= now
  const changing = changeExpiry || expired

  const submit = (event: FormEvent) => {
    event.preventDefault()
    let req: RegenerateRequest = { changeExpiry: false, expiresInDays: null }
    if (changing) {
      const days = expiresInDays(expiry, now, undefined, policy)
      if (days === undefined) {
        setExpiryError(customDateError(expiry, policy))
        return
      }
      req = { changeExpiry: true, expiresInDays: days }
    }
    setExpiryError(undefined)
    setFormErr(null)
    regenerate.mutate(
      { keyId: target.id, req },
      {
        onSuccess: onDone,
        onError: (err) => {
          const { field, message } = formError(err, ['expiresInDays'] as const)
          if (field && changing) setExpiryError(message)
          else setFormErr(message)
        },
      },
    )
  }

  return (
    <form onSubmit={submit} onKeyDown={submitOnEnter} noValidate>
      <Stack gap="md">
        {/* An expired key's secret works no more: nothing stops at once. */}
        <Alert
          color={expired ? 'blue' : 'red'}
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title={expired ? en.regenerate.expiredTitle : en.regenerate.warningTitle}
          data-testid="regenerate-warning"
        >
          {expired ? en.regenerate.expiredWarning : en.regenerate.warning}
        </Alert>
        <KeySummary keyInfo={target} />
        <Stack gap="xs">
          <Checkbox
            label={en.regenerate.changeExpiry}
            description={
              expired
                ? en.regenerate.expiredOn(formatDate(target.expiresAt!))
                : target.expiresAt
                  ? en.regenerate.currentExpiry(`${formatDate(target.expiresAt)} (${formatRelative(target.expiresAt, now)})`)
                  : en.regenerate.currentNever
            }
            checked={changing}
            disabled={expired}
            onChange={(e) => {
              setChangeExpiry(e.currentTarget.checked)
              setExpiryError(undefined)
            }}
            data-autofocus
            data-testid="regenerate-change-expiry"
          />
          {changing && (
            <Stack pl={32} pt={4}>
              <ExpiryField
                value={expiry}
                onChange={(value) => {
                  setExpiry(value)
                  setExpiryError(undefined)
                }}
                error={expiryError}
                policy={policy}
                label={en.expiry.label}
                data-testid="regenerate-expiry-select"
              />
            </Stack>
          )}
        </Stack>
        <FormError title={en.regenerate.failed} message={formErr} data-testid="regenerate-error" />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onCancel} disabled={regenerate.isPending}>
            {en.regenerate.cancel}
          </Button>
          <Button type="submit" color="red" loading={regenerate.isPending} data-testid="regenerate-submit">
            {en.regenerate.submit}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
