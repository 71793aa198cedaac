import { Alert, Button, Group, NumberInput, Paper, Stack, Switch, Text } from '@mantine/core'
import { IconInfoCircle } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import type { Key, RotatedKey } from '../../api'
import { FormError } from '../../components/FormError'
import { en } from '../../i18n/en'
import { formError } from '../../lib/errors'
import { submitOnEnter } from '../../lib/forms'
import { formatDate } from '../../lib/time'
import { useNow } from '../../lib/useNow'
import { KeySummary } from './KeySummary'
import { NewSecretModal, type NewSecretFormProps } from './NewSecretModal'
import type { ExpiryPolicy } from './expiry'
import { DEFAULT_OVERLAP_DAYS, MAX_OVERLAP_DAYS, rotationExplanation, successorExpiry, validOverlap } from './rotation'
import { useRotateKey } from './useKeys'

interface RotateKeyModalProps {
  workspaceId: string
  /** What expiries the workspace allows: the new key's is kept within it. */
  policy: ExpiryPolicy
  /** The key to rotate; null closes the dialog. */
  target: Key | null
  onClose: () => void
}

export function RotateKeyModal({ workspaceId, policy, target, onClose }: RotateKeyModalProps) {
  return (
    <NewSecretModal<RotatedKey>
      workspaceId={workspaceId}
      target={target}
      onClose={onClose}
      title={en.rotate.title}
      doneTitle={en.secret.rotatedTitle}
      form={(props) => <RotateForm workspaceId={workspaceId} policy={policy} {...props} />}
      done={(result) => <PreviousKey previous={result.previous} />}
    />
  )
}

function PreviousKey({ previous }: { previous: Key }) {
  let fate: string
  if (!previous.enabled) fate = en.rotate.previousStopped
  else if (!previous.autoRevoke) fate = en.rotate.previousKept
  else fate = en.rotate.previousUntil(previous.revokesAt ? formatDate(previous.revokesAt) : '')
  return (
    <Paper withBorder radius="md" p="sm" data-testid="rotate-previous">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {en.secret.previousTitle}
      </Text>
      <Text size="xs" c="dimmed" ff="monospace">
        {previous.id} · {previous.maskedKey}
      </Text>
      <Text size="sm" mt={4}>
        {fate}
      </Text>
    </Paper>
  )
}

function RotateForm({ workspaceId, policy, target, onCancel, onDone }: NewSecretFormProps<RotatedKey> & { workspaceId: string; policy: ExpiryPolicy }) {
  const rotate = useRotateKey(workspaceId)
  const now = useNow()
  const [overlap, setOverlap] = useState<string | number>(DEFAULT_OVERLAP_DAYS)
  const [autoRevoke, setAutoRevoke] = useState(true)
  const [overlapError, setOverlapError] = useState<string>()
  const [formErr, setFormErr] = useState<string | null>(null)
  const days = validOverlap(overlap)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (days === undefined) {
      setOverlapError(en.rotate.overlapRange)
      return
    }
    setFormErr(null)
    rotate.mutate(
      { keyId: target.id, req: { overlapDays: days, autoRevoke } },
      {
        onSuccess: onDone,
        onError: (err) => {
          const { field, message } = formError(err, ['overlapDays'] as const)
          if (field) setOverlapError(message)
          else setFormErr(message)
        },
      },
    )
  }

  return (
    <form onSubmit={submit} onKeyDown={submitOnEnter} noValidate>
      <Stack gap="md">
        <Text size="sm">{en.rotate.intro}</Text>
        <KeySummary keyInfo={target} />
        <NumberInput
          label={en.rotate.overlapLabel}
          description={en.rotate.overlapDescription}
          min={0}
          max={MAX_OVERLAP_DAYS}
          step={1}
          // Out of range is said, not corrected: 45 must not become 4 or 30,
          // nor -5 become 5 or 1.5 become 15.
          clampBehavior="none"
          suffix={en.rotate.overlapSuffix(days ?? 0)}
          styles={{ wrapper: { maxWidth: 200 } }}
          data-autofocus
          data-testid="rotate-overlap-input"
          value={overlap}
          onChange={(value) => {
            setOverlap(value)
            setOverlapError(value !== '' && validOverlap(value) === undefined ? en.rotate.overlapRange : undefined)
          }}
          error={overlapError}
        />
        <Switch
          label={en.rotate.autoRevoke}
          description={en.rotate.autoRevokeDescription}
          checked={autoRevoke}
          onChange={(e) => setAutoRevoke(e.currentTarget.checked)}
          data-testid="rotate-auto-revoke"
        />
        {days !== undefined && (
          <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} data-testid="rotate-explanation">
            {rotationExplanation(days, autoRevoke, target.expiresAt, now, successorExpiry(target, now, policy))}
          </Alert>
        )}
        <FormError title={en.rotate.failed} message={formErr} data-testid="rotate-error" />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onCancel} disabled={rotate.isPending}>
            {en.rotate.cancel}
          </Button>
          <Button type="submit" loading={rotate.isPending} data-testid="rotate-submit">
            {en.rotate.submit}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
