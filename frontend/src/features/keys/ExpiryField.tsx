import { Select, Stack, TextInput } from '@mantine/core'
import { en } from '../../i18n/en'
import { dateInDays, toDateInputValue } from '../../lib/time'
import { useNow } from '../../lib/useNow'
import { CUSTOM, EXPIRY_DAYS, expiresInDays, FROM_PROFILE, MAX_DAYS, MIN_DAYS, NEVER, type ExpiryValue } from './expiry'

const options = [
  ...EXPIRY_DAYS.map((days) => ({ value: String(days), label: en.expiry.inDays(days) })),
  { value: NEVER, label: en.expiry.never },
  { value: CUSTOM, label: en.expiry.custom },
]

/** The choices, with the chosen profile's default first (null: never expires). */
function optionsFor(profileDays: number | null | undefined) {
  if (profileDays === undefined) return options
  const label = profileDays === null ? en.expiry.fromProfileNever : en.expiry.fromProfile(profileDays)
  return [{ value: FROM_PROFILE, label }, ...options]
}

interface ExpiryFieldProps {
  value: ExpiryValue
  onChange: (value: ExpiryValue) => void
  /** From the server, about expiresInDays. */
  error?: string
  label?: string
  /** The chosen profile's default expiry, offered as the first choice: null when its keys never expire, undefined without a profile. */
  profileDays?: number | null
  'data-testid'?: string
}

/** The expiry choice: presets, never, or a date picked with the browser's own date input. */
export function ExpiryField({ value, onChange, error, label = en.expiry.label, profileDays, ...props }: ExpiryFieldProps) {
  const now = useNow()
  const days = expiresInDays(value, now, profileDays)
  const custom = value.choice === CUSTOM

  let hint: string | undefined
  if (days === null) hint = en.expiry.neverHint
  else if (days !== undefined) hint = en.expiry.on(dateInDays(days, now))
  else if (custom) hint = en.expiry.customRange

  return (
    <Stack gap="xs">
      <Select
        label={label}
        data={optionsFor(profileDays)}
        value={value.choice}
        onChange={(choice) => choice && onChange({ ...value, choice })}
        allowDeselect={false}
        // Every choice shows, none cut in half by the list's edge.
        maxDropdownHeight={400}
        description={custom ? undefined : hint}
        data-testid={props['data-testid'] ?? 'key-expiry-select'}
        error={custom ? undefined : error}
      />
      {custom && (
        <TextInput
          type="date"
          label={en.expiry.customLabel}
          description={hint}
          min={toDateInputValue(now + MIN_DAYS * 86_400_000)}
          max={toDateInputValue(now + MAX_DAYS * 86_400_000)}
          value={value.date}
          onChange={(e) => onChange({ ...value, date: e.currentTarget.value })}
          data-testid="key-expiry-date"
          error={error}
          styles={{ wrapper: { maxWidth: 220 } }}
        />
      )}
    </Stack>
  )
}
