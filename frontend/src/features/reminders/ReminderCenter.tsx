import { Alert, Badge, Box, Button, Drawer, Group, Paper, Stack, Text } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconBell, IconBellOff, IconInfoCircle, IconRefresh, IconRotateClockwise2, IconToggleLeft } from '@tabler/icons-react'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { Reminder } from '../../api'
import { en } from '../../i18n/en'
import { errorMessage, notifyError, notifySuccess } from '../../lib/errors'
import { formatDate, formatDateTime, formatRelative } from '../../lib/time'
import { useNow } from '../../lib/useNow'
import { useWorkspaces } from '../workspaces/useWorkspaces'
import { TooltipIconButton } from '../../components/TooltipIconButton'
import { describeReminder, reminderKeyName } from './describe'
import { NotificationsUnavailable } from './NotificationsUnavailable'
import { useDismissReminder, useDismissReminders, useReminders, useSnoozeReminder } from './useReminders'

/** The snoozes a reminder offers. */
const SNOOZES = [
  { hours: 24, label: en.reminders.snoozeDay, testId: 'reminder-snooze-day' },
  { hours: 7 * 24, label: en.reminders.snoozeWeek, testId: 'reminder-snooze-week' },
]

const actionIcons: Record<string, ReactNode> = {
  rotate: <IconRotateClockwise2 size={14} />,
  regenerate: <IconRefresh size={14} />,
  disable: <IconToggleLeft size={14} />,
}

/**
 * The cards shown at first, and added by each Show more. A workspace with a
 * thousand expired keys has a thousand reminders: as cards all at once they
 * took seconds and 400 MB of the window, and no one reads that far; the
 * most urgent come first, and Dismiss all takes the rest.
 */
export const REMINDER_PAGE = 20

interface ReminderCenterProps {
  /** Selects the reminder's workspace and starts its action on the key. */
  onAction: (reminder: Reminder) => void
}

/**
 * Kinds whose message says when already ("expired 6 days ago", "created 88
 * days ago"): no "Due …" line besides. A rotation's says when the secret
 * was made; its due date is the line's.
 */
const WHEN_IN_MESSAGE = new Set(['expiring', 'expired', 'overlap_ending', 'unused'])

/** The bell in the header: how many reminders are due, and a drawer to act on them. */
export function ReminderCenter({ onAction }: ReminderCenterProps) {
  const [opened, drawer] = useDisclosure(false)
  const [shown, setShown] = useState(REMINDER_PAGE)
  // The ids Dismiss all will hide, taken when it was clicked: a reminder that comes meanwhile is not among them.
  const [confirming, setConfirming] = useState<number[] | null>(null)
  const dismissAllButton = useRef<HTMLButtonElement>(null)
  const { data, isError, error } = useReminders()
  const reminders = data ?? []
  // Keys of the same name in two workspaces are told apart by the workspace's name.
  const { data: workspaces } = useWorkspaces()
  const workspaceName = (id: string) => workspaces?.find((ws) => ws.id === id)?.name ?? id
  const count = reminders.length
  const label = count > 0 ? `${en.reminders.button}: ${en.reminders.count(count)}` : en.reminders.button
  const visible = reminders.slice(0, shown)
  const open = () => {
    setShown(REMINDER_PAGE)
    setConfirming(null)
    drawer.open()
  }

  return (
    <>
      {/* Its tooltip leaves on the click: not over the open drawer, where the pointer that opened it still rests. */}
      <Box pos="relative">
        <TooltipIconButton label={label} onClick={open} data-testid="reminders-button">
          <IconBell size={18} stroke={1.6} />
        </TooltipIconButton>
        {count > 0 && (
          <Badge
            color="red"
            size="xs"
            circle={count < 10}
            pos="absolute"
            top={-6}
            right={-6}
            style={{ pointerEvents: 'none' }}
            data-testid="reminders-count"
          >
            {count > 99 ? '99+' : count}
          </Badge>
        )}
      </Box>
      <Drawer
        opened={opened}
        onClose={drawer.close}
        position="right"
        size="md"
        title={en.reminders.title}
        closeButtonProps={{ 'aria-label': en.reminders.close }}
      >
        <Stack gap="sm" data-testid="reminders-drawer">
          <NotificationsUnavailable />
          {isError && (
            <Alert color="red" variant="light" title={en.reminders.loadFailed}>
              {errorMessage(error)}
            </Alert>
          )}
          {!isError && count === 0 && (
            <Stack align="center" gap="xs" py="xl" data-testid="reminders-empty">
              <IconBellOff size={28} stroke={1.5} color="var(--mantine-color-dimmed)" />
              <Text size="sm" c="dimmed" ta="center">
                {en.reminders.empty}
              </Text>
            </Stack>
          )}
          {count > 0 && (
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="sm" c="dimmed" data-testid="reminders-summary">
                {en.reminders.summary(visible.length, count)}
              </Text>
              {count > 1 && !confirming && (
                <Button
                  ref={dismissAllButton}
                  size="xs"
                  variant="subtle"
                  color="gray"
                  onClick={() => setConfirming(reminders.map((r) => r.id))}
                  data-testid="reminders-dismiss-all"
                >
                  {en.reminders.dismissAll}
                </Button>
              )}
            </Group>
          )}
          {confirming && (
            <DismissAllConfirm
              ids={confirming}
              onDone={(canceled) => {
                setConfirming(null)
                // Back where the person was; after a dismissal the button is gone with the list.
                if (canceled) requestAnimationFrame(() => dismissAllButton.current?.focus())
              }}
            />
          )}
          {visible.map((reminder) => (
            <ReminderItem
              key={reminder.id}
              reminder={reminder}
              workspaceName={workspaceName(reminder.workspaceId)}
              onAction={() => {
                drawer.close()
                onAction(reminder)
              }}
            />
          ))}
          {shown < count && (
            <Button variant="default" onClick={() => setShown((n) => n + REMINDER_PAGE)} data-testid="reminders-show-more">
              {en.reminders.showMore(Math.min(REMINDER_PAGE, count - shown), count - shown)}
            </Button>
          )}
        </Stack>
      </Drawer>
    </>
  )
}

interface DismissAllConfirmProps {
  ids: number[]
  /** Called once it is over: canceled, or the reminders dismissed. */
  onDone: (canceled: boolean) => void
}

/** Asks before hiding every reminder shown; Cancel has the focus, as in every Keydesk confirmation. */
function DismissAllConfirm({ ids, onDone }: DismissAllConfirmProps) {
  const dismissAll = useDismissReminders()
  const cancel = useRef<HTMLButtonElement>(null)
  useEffect(() => cancel.current?.focus(), [])
  const confirm = () =>
    dismissAll.mutate(ids, {
      onSuccess: (n) => {
        notifySuccess(en.reminders.dismissedAll(n))
        onDone(false)
      },
      onError: (err) => notifyError(en.reminders.dismissAllFailed, err),
    })

  return (
    <Alert color="red" variant="light" title={en.reminders.dismissAllConfirm(ids.length)} data-testid="reminders-dismiss-all-confirm">
      <Stack gap="sm">
        <Text size="sm">{en.reminders.dismissAllWhat}</Text>
        <Group justify="flex-end" gap="sm">
          <Button ref={cancel} size="xs" variant="default" onClick={() => onDone(true)} disabled={dismissAll.isPending}>
            {en.reminders.dismissAllCancel}
          </Button>
          <Button size="xs" color="red" onClick={confirm} loading={dismissAll.isPending} data-testid="reminders-dismiss-all-submit">
            {en.reminders.dismissAllSubmit(ids.length)}
          </Button>
        </Group>
      </Stack>
    </Alert>
  )
}

interface ReminderItemProps {
  reminder: Reminder
  workspaceName: string
  onAction: () => void
}

function ReminderItem({ reminder, workspaceName, onAction }: ReminderItemProps) {
  const snooze = useSnoozeReminder()
  const dismiss = useDismissReminder()
  const busy = snooze.isPending || dismiss.isPending
  const now = useNow()
  const actionLabel = en.reminders.actions[reminder.action] ?? en.reminders.open
  const { title, message } = describeReminder(reminder, now)
  // What each button acts on, for those who hear it: the title alone is one
  // of a few ("API key expired"), the same on a thousand cards.
  const subject = `${title}, ${reminderKeyName(reminder)}`

  return (
    <Paper withBorder p="sm" radius="md" data-testid="reminder-item" data-reminder-id={reminder.id}>
      <Stack gap={6}>
        <Text fw={600} size="sm" data-testid="reminder-title">
          {title}
        </Text>
        {message && (
          <Text size="sm" data-testid="reminder-message">
            {message}
          </Text>
        )}
        {/* One fact a line, the same on every card. */}
        <Stack gap={2}>
          {reminder.keyName && (
            // The ID too: after two rotations, two old keys can share a name.
            <Text size="xs" c="dimmed" data-testid="reminder-key">
              {en.reminders.key(reminder.keyName, reminder.keyId)}
            </Text>
          )}
          {workspaceName && (
            <Text size="xs" c="dimmed" data-testid="reminder-workspace">
              {en.reminders.workspace(workspaceName)}
            </Text>
          )}
          {reminder.dueAt && !WHEN_IN_MESSAGE.has(reminder.kind) && (
            <Text size="xs" c="dimmed" title={formatDate(reminder.dueAt)}>
              {en.reminders.due(formatRelative(reminder.dueAt, now))}
            </Text>
          )}
        </Stack>
        <Group gap="xs" wrap="wrap">
          <Button
            size="xs"
            leftSection={actionIcons[reminder.action] ?? <IconInfoCircle size={14} />}
            onClick={onAction}
            // Each card's buttons say whose reminder they act on: a list of them reads "Dismiss, Dismiss…" otherwise.
            aria-label={`${actionLabel}: ${subject}`}
            data-testid="reminder-action"
          >
            {actionLabel}
          </Button>
          {SNOOZES.map(({ hours, label, testId }) => (
            <Button
              key={hours}
              size="xs"
              variant="default"
              disabled={busy}
              onClick={() =>
                snooze.mutate(
                  { id: reminder.id, hours },
                  {
                    onSuccess: () => {
                      const until = new Date(Date.now() + hours * 3_600_000).toISOString()
                      notifySuccess(en.reminders.snoozed(subject, formatDateTime(until)))
                    },
                    onError: (err) => notifyError(en.reminders.snoozeFailed, err),
                  },
                )
              }
              aria-label={`${label}: ${subject}`}
              data-testid={testId}
            >
              {label}
            </Button>
          ))}
          <Button
            size="xs"
            variant="subtle"
            color="gray"
            disabled={busy}
            onClick={() => dismiss.mutate(reminder.id, { onError: (err) => notifyError(en.reminders.dismissFailed, err) })}
            aria-label={`${en.reminders.dismiss}: ${subject}`}
            data-testid="reminder-dismiss"
          >
            {en.reminders.dismiss}
          </Button>
        </Group>
      </Stack>
    </Paper>
  )
}
