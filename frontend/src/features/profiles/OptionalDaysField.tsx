import { Group, Input, SegmentedControl, Text, TextInput } from '@mantine/core'
import { useId } from 'react'
import { en } from '../../i18n/en'
import { typedDays, type OptionalDays } from './profileForm'

interface OptionalDaysFieldProps {
  label: string
  description: string
  /** The choice without days: "Never expires", "No policy". */
  offLabel: string
  /** The choice with days: "Expires after", "Rotate every". */
  onLabel: string
  value: OptionalDays
  onChange: (value: OptionalDays) => void
  error?: string
  /** Something to know that is not an error (saving is not refused), under the field. */
  hint?: string
  testId: string
}

/**
 * A number of days, or none: a switch between the two and the days beside it.
 * The days are a text field, not a NumberInput, so what is typed stays as
 * typed: NumberInput drops what isn't a digit (1e3 becomes 13) and clamps.
 * The form checks them and says what is wrong.
 */
export function OptionalDaysField({ label, description, offLabel, onLabel, value, onChange, error, hint, testId }: OptionalDaysFieldProps) {
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
          <TextInput
            id={id}
            value={value.days}
            onChange={(e) => onChange({ ...value, days: e.currentTarget.value })}
            inputMode="numeric"
            autoComplete="off"
            rightSection={
              <Text size="sm" c="dimmed" data-testid={`${testId}-unit`}>
                {en.profileForm.daysUnit(typedDays(value.days))}
              </Text>
            }
            rightSectionWidth={48}
            rightSectionPointerEvents="none"
            w={130}
            error={Boolean(error)}
            aria-invalid={error ? true : undefined}
            data-testid={`${testId}-days`}
          />
        )}
      </Group>
      {hint && !error && (
        <Text size="xs" c="orange.8" mt={6} data-testid={`${testId}-hint`}>
          {hint}
        </Text>
      )}
    </Input.Wrapper>
  )
}
