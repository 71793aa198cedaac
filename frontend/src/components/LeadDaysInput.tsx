import { TagsInput } from '@mantine/core'
import { LEAD_DAYS_COUNT, sortLeadDays } from '../lib/leadDays'

interface LeadDaysInputProps {
  label: string
  description: string
  /** Tags as typed; parse them with parseLeadDays. */
  value: string[]
  onChange: (value: string[]) => void
  error?: string
  'data-testid'?: string
}

/** Reminder lead times in days: type a number, Enter (or a comma) adds it. */
export function LeadDaysInput({ value, onChange, error, ...props }: LeadDaysInputProps) {
  return (
    <TagsInput
      {...props}
      value={value}
      onChange={(tags) => onChange(sortLeadDays(tags))}
      splitChars={[',', ' ']}
      acceptValueOnBlur
      maxTags={LEAD_DAYS_COUNT}
      error={error}
      inputMode="numeric"
    />
  )
}
