import { Button, Group, Input, Select, Skeleton, Stack, Switch } from '@mantine/core'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { REMINDER_KINDS, type ReminderSettings } from '../../api'
import { FormError } from '../../components/FormError'
import { LeadDaysInput } from '../../components/LeadDaysInput'
import { LoadFailed } from '../../components/LoadFailed'
import { en } from '../../i18n/en'
import { formError, notifySuccess } from '../../lib/errors'
import { parseLeadDays, toLeadDayTags } from '../../lib/leadDays'
import { NotificationsUnavailable } from './NotificationsUnavailable'
import { useReminderSettings, useSaveReminderSettings } from './useReminders'

const FIELDS = ['quietHours', 'leadDays', 'kinds'] as const
type Field = (typeof FIELDS)[number]

const r = en.reminderSettings
const hours = Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: r.hour(h) }))

interface ReminderSettingsFormProps {
  /** Told whether the form holds changes not saved yet (for a dialog that would drop them). */
  onDirtyChange?: (dirty: boolean) => void
}

/** Quiet hours, default lead times and which kinds of reminder are on. */
export function ReminderSettingsForm({ onDirtyChange }: ReminderSettingsFormProps) {
  const { data, isPending, isError, error, refetch } = useReminderSettings()
  if (isPending) return <Skeleton h={180} />
  if (isError) return <LoadFailed title={r.loadFailed} error={error} onRetry={() => void refetch()} />
  return <SettingsForm settings={data} onDirtyChange={onDirtyChange} />
}

/** Whether what the form holds differs from `saved`. */
function differs(saved: ReminderSettings, quiet: Quiet, leadDays: string[], leadDraft: string, kinds: ReminderSettings['kinds']): boolean {
  const lead = (days: string[]) => [...days].map(Number).sort((a, b) => b - a).join()
  return (
    saved.quietStart !== quiet.quietStart ||
    saved.quietEnd !== quiet.quietEnd ||
    lead(leadDays) !== lead(toLeadDayTags(saved.leadDays)) ||
    leadDraft.trim() !== '' ||
    REMINDER_KINDS.some((kind) => (saved.kinds[kind] === true) !== (kinds[kind] === true))
  )
}

type Quiet = Pick<ReminderSettings, 'quietStart' | 'quietEnd'>

interface HourSelectProps {
  label: string
  which: keyof Quiet
  quiet: Quiet
  onChange: (quiet: Quiet) => void
}

function HourSelect({ label, which, quiet, onChange }: HourSelectProps) {
  return (
    <Select
      label={label}
      data={hours}
      value={String(quiet[which])}
      onChange={(h) => h !== null && onChange({ ...quiet, [which]: Number(h) })}
      allowDeselect={false}
      w={110}
      data-testid={which === 'quietStart' ? 'reminder-quiet-start' : 'reminder-quiet-end'}
    />
  )
}

function SettingsForm({ settings, onDirtyChange }: { settings: ReminderSettings } & ReminderSettingsFormProps) {
  const save = useSaveReminderSettings()
  const [quiet, setQuiet] = useState<Quiet>({ quietStart: settings.quietStart, quietEnd: settings.quietEnd })
  const [leadDays, setLeadDays] = useState(() => toLeadDayTags(settings.leadDays))
  const [leadDraft, setLeadDraft] = useState('')
  const [kinds, setKinds] = useState(settings.kinds)
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [formErr, setFormErr] = useState<string | null>(null)
  // settings is what the backend holds: after a save, what it kept.
  const dirty = differs(settings, quiet, leadDays, leadDraft, kinds)
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange])
  const clear = (field: Field) => setErrors((prev) => ({ ...prev, [field]: undefined }))
  const leadRef = useRef<HTMLDivElement>(null)
  // The lead times may be far above the Save button: bring the one error in view.
  const showLeadError = (message: string) => {
    setErrors({ leadDays: message })
    leadRef.current?.scrollIntoView({ block: 'center' })
    leadRef.current?.querySelector('input')?.focus()
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    // They serve expiry reminders only: with those off there may be none.
    const lead = parseLeadDays(leadDays, { required: kinds.expiring === true, draft: leadDraft })
    if (lead.error !== undefined) {
      showLeadError(lead.error)
      return
    }
    setErrors({})
    setFormErr(null)
    save.mutate(
      { ...quiet, leadDays: lead.days, kinds },
      {
        onSuccess: (saved) => {
          // What the backend kept, sorted and without duplicates.
          setLeadDays(toLeadDayTags(saved.leadDays))
          setLeadDraft('')
          notifySuccess(r.saved)
        },
        onError: (err) => {
          const { field, message } = formError(err, FIELDS)
          if (field === 'leadDays') showLeadError(message)
          else if (field) setErrors({ [field]: message })
          else setFormErr(message)
        },
      },
    )
  }

  const { quietStart, quietEnd } = quiet
  const quietHint = quietStart === quietEnd ? r.quietNone : r.quietHint(r.hour(quietStart), r.hour(quietEnd))
  const changeQuiet = (next: Quiet) => {
    setQuiet(next)
    clear('quietHours')
  }
  return (
    <form onSubmit={submit} noValidate data-testid="reminder-settings-form">
      <Stack gap="md">
        <NotificationsUnavailable />
        <Input.Wrapper label={r.quietLabel} description={quietHint} error={errors.quietHours} data-testid="reminder-quiet-hours">
          <Group gap="sm" mt={4}>
            <HourSelect label={r.quietFrom} which="quietStart" quiet={quiet} onChange={changeQuiet} />
            <HourSelect label={r.quietUntil} which="quietEnd" quiet={quiet} onChange={changeQuiet} />
          </Group>
        </Input.Wrapper>
        <div ref={leadRef}>
          <LeadDaysInput
            label={r.leadLabel}
            description={r.leadDescription}
            value={leadDays}
            draft={leadDraft}
            onChange={(tags) => {
              setLeadDays(tags)
              clear('leadDays')
            }}
            onDraftChange={(draft) => {
              setLeadDraft(draft)
              clear('leadDays')
            }}
            error={errors.leadDays}
            data-testid="reminder-lead-days"
          />
        </div>
        <Input.Wrapper label={r.kindsLabel} error={errors.kinds}>
          <Stack gap="sm" mt="xs">
            {REMINDER_KINDS.map((kind) => (
              <Switch
                key={kind}
                label={r.kinds[kind].label}
                description={r.kinds[kind].description}
                checked={kinds[kind] === true}
                onChange={(e) => {
                  const on = e.currentTarget.checked
                  setKinds((prev) => ({ ...prev, [kind]: on }))
                  clear('kinds')
                  // Lead times serve expiry reminders only: their error goes with them.
                  if (kind === 'expiring' && !on) clear('leadDays')
                }}
                data-testid={`reminder-kind-${kind}`}
              />
            ))}
          </Stack>
        </Input.Wrapper>
        <FormError title={r.failed} message={formErr} data-testid="reminder-settings-error" />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} data-testid="reminder-settings-save">
            {r.save}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
