import { DateInput } from '@mantine/dates'
import '@mantine/dates/styles.css'
import { useState } from 'react'

interface ExpiryDateInputProps {
  label: string
  description?: string
  error?: string
  /** YYYY-MM-DD, or '' before one is chosen. */
  value: string
  onChange: (value: string) => void
  /** The first and last day that can be picked, YYYY-MM-DD. */
  first: string
  last: string
}

/**
 * The custom expiry date: typed as YYYY-MM-DD or picked in a calendar that
 * offers only the days allowed and closes on the pick. It replaced the
 * browser's date field, which in WebKitGTK (the desktop) took typed digits
 * only now and then and kept its calendar open. A date typed outside the
 * allowed days is kept, so that the form's check can say why it is refused.
 * Loaded only when "Custom date…" is chosen (ExpiryField), so that the
 * calendar costs the window nothing until then.
 */
export default function ExpiryDateInput({ label, description, error, value, onChange, first, last }: ExpiryDateInputProps) {
  const [calendarOpen, setCalendarOpen] = useState(false)
  return (
    <DateInput
      label={label}
      description={description}
      error={error}
      value={value || null}
      onChange={(date) => onChange(date ?? '')}
      valueFormat="YYYY-MM-DD"
      placeholder="YYYY-MM-DD"
      // Greyed out in the calendar rather than minDate/maxDate, which would
      // drop a date typed outside them without a word.
      excludeDate={(date) => date < first || date > last}
      defaultDate={value || first}
      // Escape closes the open calendar, not the dialog around it too (and
      // with it the key's name and choices typed so far).
      // (Mantine's dialogs skip an Escape from an element so marked.)
      popoverProps={{ onOpen: () => setCalendarOpen(true), onClose: () => setCalendarOpen(false) }}
      data-mantine-stop-propagation={calendarOpen || undefined}
      data-testid="key-expiry-date"
      styles={{ wrapper: { maxWidth: 220 } }}
    />
  )
}
