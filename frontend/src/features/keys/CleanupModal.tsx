import { Alert, Badge, Button, Checkbox, Group, Stack, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import type { CleanupCounts, CleanupRequest, Key } from '../../api'
import { AppModal } from '../../components/AppModal'
import { FormError } from '../../components/FormError'
import { en } from '../../i18n/en'
import { errorMessage, notifySuccess } from '../../lib/errors'
import { submitOnEnter } from '../../lib/forms'
import { useNow } from '../../lib/useNow'
import { chosenKeyIds, cleanupKeys, cleanupTotal } from './cleanup'
import { keyLabels } from './keyLabels'
import { useCleanup } from './useKeys'

interface CleanupModalProps {
  workspaceId: string
  counts: CleanupCounts | undefined
  /** The workspace's cached keys: the dialog names those each choice deletes. */
  keys: Key[]
  opened: boolean
  onClose: () => void
}

export function CleanupModal({ workspaceId, counts, keys, opened, onClose }: CleanupModalProps) {
  return (
    <AppModal opened={opened} onClose={onClose} title={en.cleanup.title} size="md">
      {counts && <CleanupForm workspaceId={workspaceId} counts={counts} keys={keys} onClose={onClose} />}
    </AppModal>
  )
}

/** The first few names, and how many more: what a choice deletes, at a glance. */
const NAMES_SHOWN = 3

function Choice({
  label,
  description,
  count,
  keys,
  ...props
}: {
  label: string
  description: string
  count: number
  keys: Key[]
  checked: boolean
  disabled: boolean
  onChange: (checked: boolean) => void
  'data-testid': string
  'data-autofocus'?: boolean
}) {
  return (
    <Checkbox
      label={
        <Group gap="xs" wrap="nowrap">
          <span>{label}</span>
          <Badge size="sm" variant="light" color={count > 0 ? 'red' : 'gray'} radius="sm" data-testid={`${props['data-testid']}-count`}>
            {en.cleanup.count(count)}
          </Badge>
        </Group>
      }
      description={
        <>
          {description}
          {keys.length > 0 && (
            <Text span display="block" size="xs" mt={2} c="var(--mantine-color-text)" data-testid={`${props['data-testid']}-names`}>
              {en.cleanup.names(keyLabels(keys).slice(0, NAMES_SHOWN), keys.length - NAMES_SHOWN)}
            </Text>
          )}
        </>
      }
      checked={props.checked}
      disabled={props.disabled}
      onChange={(e) => props.onChange(e.currentTarget.checked)}
      data-testid={props['data-testid']}
      data-autofocus={props['data-autofocus']}
    />
  )
}

function CleanupForm({
  workspaceId,
  counts,
  keys,
  onClose,
}: {
  workspaceId: string
  counts: CleanupCounts
  keys: Key[]
  onClose: () => void
}) {
  const cleanup = useCleanup(workspaceId)
  const now = useNow()
  const doomed = cleanupKeys(keys, now)
  // Nothing is chosen until the user says so: deletion is permanent.
  const [choice, setChoice] = useState<CleanupRequest>({ expired: false, revoked: false, both: false })
  const [hint, setHint] = useState<string | null>(null)
  const total = cleanupTotal(choice, counts)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!choice.expired && !choice.revoked && !choice.both) {
      setHint(en.cleanup.choose)
      return
    }
    // Only the keys named here: not one that another admin disabled meanwhile.
    cleanup.mutate({ ...choice, keyIds: chosenKeyIds(choice, doomed) }, {
      onSuccess: (deleted) => {
        notifySuccess(en.cleanup.deleted(deleted))
        onClose()
      },
    })
  }

  const set = (next: Partial<CleanupRequest>) => {
    setHint(null)
    cleanup.reset()
    setChoice((prev) => {
      const merged = { ...prev, ...next }
      // "Both" can't be combined with the other two: checking it clears and
      // locks them; checking one of them clears "Both".
      if (next.both) return { expired: false, revoked: false, both: true }
      if (next.expired || next.revoked) merged.both = false
      return merged
    })
  }

  const error = cleanup.isError ? errorMessage(cleanup.error) : hint

  return (
    <form onSubmit={submit} onKeyDown={submitOnEnter} noValidate>
      <Stack gap="md">
        <Text size="sm">{en.cleanup.intro}</Text>
        <Stack gap="sm">
          <Choice
            label={en.cleanup.expired}
            description={en.cleanup.expiredDescription}
            count={counts.expired}
            keys={doomed.expired}
            checked={choice.expired}
            disabled={choice.both || counts.expired === 0}
            onChange={(checked) => set({ expired: checked })}
            data-testid="cleanup-expired"
            data-autofocus
          />
          <Choice
            label={en.cleanup.revoked}
            description={en.cleanup.revokedDescription}
            count={counts.revoked}
            keys={doomed.revoked}
            checked={choice.revoked}
            disabled={choice.both || counts.revoked === 0}
            onChange={(checked) => set({ revoked: checked })}
            data-testid="cleanup-revoked"
          />
          <Choice
            label={en.cleanup.both}
            description={en.cleanup.bothDescription}
            count={counts.both}
            keys={doomed.both}
            checked={choice.both}
            disabled={counts.both === 0}
            onChange={(checked) => set({ both: checked })}
            data-testid="cleanup-both"
          />
        </Stack>
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="cleanup-warning">
          {en.cleanup.warning}
        </Alert>
        <FormError title={cleanup.isError ? en.cleanup.failed : undefined} message={error} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={cleanup.isPending}>
            {en.cleanup.cancel}
          </Button>
          <Button type="submit" color="red" loading={cleanup.isPending} disabled={total === 0} data-testid="cleanup-submit">
            {en.cleanup.submit(total)}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
