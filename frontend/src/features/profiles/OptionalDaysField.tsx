import { Group, Input, NumberInput, SegmentedControl } from '@mantine/core'
import { useId } from 'react'
import { en } from '../../i18n/en'
import type { OptionalDays } from './profileForm'

interface OptionalDaysFieldProps {
  label: string
  description: string
  /** The choice without days: "Never expires", "No policy". */
  offLabel: string
  /** The choice with days: "Expires after", "Rotate every". */
  onLabel: string
  value: OptionalDays
  onChange: (value: OptionalDays) => void
  max: number
  error?: string
  testId: string
}

/** A number of days, or none: a switch between the two and the days beside it. */
export function OptionalDaysField({ label, description, offLabel, onLabel, value, onChange, max, error, testId }: OptionalDaysFieldProps) {
  const id = useId()
  return (
    <Input.Wrapper id={id} label={label} description={description} error={error}>
      <Group gap="sm" mt={6} wrap="nowrap">
        <SegmentedControl
          data={[
            { value: 'off', label: offLabel },
            { value: 'on', label: onLabel },
          ]}
          value={value.on ? 'on' : 'off'}
          onChange={(choice) => onChange({ ...value, on: choice === 'on' })}
          data-testid={`${testId}-mode`}
        />
        {value.on && (
          <NumberInput
            id={id}
            value={value.days}
            onChange={(days) => onChange({ ...value, days })}
            min={1}
            max={max}
            allowDecimal={false}
            allowNegative={false}
            suffix={en.profileForm.daysSuffix}
            w={130}
            error={Boolean(error)}
            aria-invalid={error ? true : undefined}
            data-testid={`${testId}-days`}
          />
        )}
      </Group>
    </Input.Wrapper>
  )
}
