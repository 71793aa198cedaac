import { TagsInput } from '@mantine/core'
import { useRef, useState } from 'react'
import { addLeadDays, LEAD_DAYS_COUNT, LEAD_DAYS_SPLIT } from '../lib/leadDays'

interface LeadDaysInputProps {
  label: string
  description: string
  /** Tags as typed; parse them, with the draft, with parseLeadDays. */
  value: string[]
  onChange: (value: string[]) => void
  /** What is typed but not a tag yet: kept when it can't be one. */
  draft: string
  onDraftChange: (draft: string) => void
  error?: string
  'data-testid'?: string
}

/**
 * Reminder lead times in days: type a number, Enter (or a comma) adds it. A
 * lead time that can't be added (not a whole number in range, one too many)
 * stays typed, and the field says why at once (not only on save, below a
 * long form), until the typing changes. One already in the list is cleared
 * from the box with a word.
 */
export function LeadDaysInput({ value, onChange, draft, onDraftChange, error, ...props }: LeadDaysInputProps) {
  const [refused, setRefused] = useState<string>()
  // TagsInput handles a paste after our onPaste, splitting it and clearing
  // the draft on its own: its two calls that follow are skipped.
  const pasted = useRef(false)

  const add = (text: string) => {
    if (!text.trim()) return
    const added = addLeadDays(value, text)
    if (added.tags.length !== value.length) onChange(added.tags)
    onDraftChange(added.rest)
    setRefused(added.error ?? added.note)
  }

  return (
    <TagsInput
      {...props}
      value={value}
      onChange={(tags) => {
        if (pasted.current) return
        setRefused(undefined)
        onChange(tags)
      }}
      searchValue={draft}
      onSearchChange={(text) => {
        if (pasted.current) {
          pasted.current = false
          return
        }
        setRefused(undefined)
        onDraftChange(text)
      }}
      onKeyDown={(event) => {
        // Handled here, not by TagsInput, which drops what it can't add.
        if ((event.key === 'Enter' || LEAD_DAYS_SPLIT.includes(event.key)) && draft.trim() && !event.nativeEvent.isComposing) {
          event.preventDefault()
          add(draft)
        }
      }}
      onBlur={() => add(draft)}
      onPaste={(event) => {
        if (!event.clipboardData) return
        pasted.current = true
        add(draft + event.clipboardData.getData('text/plain'))
      }}
      splitChars={LEAD_DAYS_SPLIT}
      acceptValueOnBlur={false}
      maxTags={LEAD_DAYS_COUNT}
      error={refused ?? error}
      inputMode="numeric"
    />
  )
}
