import { Loader, Select, Stack } from '@mantine/core'
import { lazy, Suspense } from 'react'
import { en } from '../../i18n/en'
import { dateInDays, toDateInputValue } from '../../lib/time'
import { useNow } from '../../lib/useNow'
import {
  ANY_EXPIRY,
  CUSTOM,
  customRange,
  expiresInDays,
  FROM_PROFILE,
  MAX_DAYS,
  MIN_DAYS,
  NEVER,
  presetDays,
  type ExpiryPolicy,
  type ExpiryValue,
} from './expiry'

/**
 * The choices the workspace's policy allows, with the chosen profile's
 * default first (null: never expires; the server caps it by the policy).
 */
function optionsFor(profileDays: number | null | undefined, policy: ExpiryPolicy) {
  const options = [
    ...presetDays(policy).map((days) => ({ value: String(days), label: en.expiry.inDays(days) })),
    ...(policy.allowNever ? [{ value: NEVER, label: en.expiry.never }] : []),
    { value: CUSTOM, label: en.expiry.custom },
  ]
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
  /** What the workspace allows: only that is offered. */
  policy?: ExpiryPolicy
  'data-testid'?: string
}

const ExpiryDateInput = lazy(() => import('./ExpiryDateInput'))

/** The expiry choice: presets, never, or a date typed or picked in a calendar (ExpiryDateInput). */
export function ExpiryField({ value, onChange, error, label = en.expiry.label, profileDays, policy = ANY_EXPIRY, ...props }: ExpiryFieldProps) {
  const now = useNow()
  const days = expiresInDays(value, now, profileDays, policy)
  const custom = value.choice === CUSTOM

  let hint: string | undefined
  if (days === null) hint = en.expiry.neverHint
  else if (days !== undefined) hint = en.expiry.on(dateInDays(days, now))
  else if (custom) hint = customRange(policy)
  // Said once, so that a missing choice does not look like a fault.
  const limited = policy.maxDays < MAX_DAYS || !policy.allowNever
  if (limited && !custom) hint = `${hint ? `${hint} · ` : ''}${en.expiry.policy(policy.maxDays, policy.allowNever)}`

  return (
    <Stack gap="xs">
      <Select
        label={label}
        data={optionsFor(profileDays, policy)}
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
        <Suspense fallback={<Loader size="sm" aria-label={en.expiry.customLabel} />}>
          <ExpiryDateInput
            label={en.expiry.customLabel}
            // Not the range twice: the error says it.
            description={error ? undefined : hint}
            first={toDateInputValue(now + MIN_DAYS * 86_400_000)}
            last={toDateInputValue(now + policy.maxDays * 86_400_000)}
            value={value.date}
            onChange={(date) => onChange({ ...value, date })}
            error={error}
          />
        </Suspense>
      )}
    </Stack>
  )
}
