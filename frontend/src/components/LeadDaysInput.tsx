import { TagsInput } from '@mantine/core'
import { useState } from 'react'
import { en } from '../i18n/en'
import { isLeadDay, LEAD_DAYS_COUNT, sortLeadDays } from '../lib/leadDays'

interface LeadDaysInputProps {
  label: string
  description: string
  /** Tags as typed; parse them with parseLeadDays. */
  value: string[]
  onChange: (value: string[]) => void
  /** The smallest lead time allowed (0: on the expiry day). */
  min: number
  error?: string
  'data-testid'?: string
}

/**
 * Reminder lead times in days: type a number, Enter (or a comma) adds it. A
 * tag that is not a lead time is not added, and the field says why at once
 * (not only on save, below a long form).
 */
export function LeadDaysInput({ value, onChange, min, error, ...props }: LeadDaysInputProps) {
  const [refused, setRefused] = useState<string>()
  return (
    <TagsInput
      {...props}
      value={value}
      onChange={(tags) => {
        const valid = tags.filter((tag) => isLeadDay(tag, min))
        setRefused(valid.length < tags.length ? en.leadDays.invalid(min) : undefined)
        onChange(sortLeadDays(valid))
      }}
      splitChars={[',', ' ']}
      acceptValueOnBlur
      maxTags={LEAD_DAYS_COUNT}
      error={refused ?? error}
      inputMode="numeric"
    />
  )
}
