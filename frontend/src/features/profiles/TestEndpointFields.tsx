import { Group, Input, SegmentedControl, Select, Stack, TextInput } from '@mantine/core'
import { TEST_AUTHS, TEST_METHODS, type TestAuth } from '../../api'
import { en } from '../../i18n/en'
import type { EndpointValues, ProfileErrors } from './profileForm'

const authOptions = TEST_AUTHS.map((auth) => ({ value: auth, label: en.profileForm.auths[auth] }))

interface TestEndpointFieldsProps {
  value: EndpointValues
  onChange: (value: EndpointValues) => void
  errors: ProfileErrors
}

/** Where the profile's keys are tested: the default target, or a request of its own. */
export function TestEndpointFields({ value, onChange, errors }: TestEndpointFieldsProps) {
  const set = (patch: Partial<EndpointValues>) => onChange({ ...value, ...patch })
  const f = en.profileForm
  return (
    <Stack gap="sm">
      <Input.Wrapper label={f.testMode} description={value.on ? undefined : f.testDefaultHint}>
        <SegmentedControl
          display="flex"
          mt={6}
          w="fit-content"
          data={[
            { value: 'default', label: f.testDefault },
            { value: 'custom', label: f.testCustom },
          ]}
          value={value.on ? 'custom' : 'default'}
          onChange={(choice) => set({ on: choice === 'custom' })}
          data-testid="profile-test-mode"
        />
      </Input.Wrapper>
      {value.on && (
        <>
          <Group gap="sm" align="flex-start" wrap="nowrap">
            <Select
              label={f.methodLabel}
              data={[...TEST_METHODS]}
              value={value.method}
              onChange={(method) => method && set({ method })}
              allowDeselect={false}
              w={120}
              error={errors['testEndpoint.method']}
              data-testid="profile-test-method"
            />
            <TextInput
              label={f.urlLabel}
              placeholder={f.urlPlaceholder}
              description={f.urlDescription}
              value={value.url}
              onChange={(e) => set({ url: e.currentTarget.value })}
              error={errors['testEndpoint.url']}
              autoComplete="off"
              spellCheck={false}
              style={{ flex: 1 }}
              data-testid="profile-test-url"
            />
          </Group>
          <Group gap="sm" align="flex-start" wrap="nowrap">
            <Input.Wrapper label={f.authLabel} error={errors['testEndpoint.auth']}>
              <SegmentedControl
                display="flex"
                mt={6}
                data={authOptions}
                value={value.auth}
                onChange={(auth) => set({ auth: auth as TestAuth })}
                data-testid="profile-test-auth"
              />
            </Input.Wrapper>
            {value.auth !== 'bearer' && (
              <TextInput
                label={value.auth === 'header' ? f.headerName : f.queryName}
                placeholder={value.auth === 'header' ? f.headerPlaceholder : f.queryPlaceholder}
                value={value.name}
                onChange={(e) => set({ name: e.currentTarget.value })}
                error={errors['testEndpoint.name']}
                autoComplete="off"
                spellCheck={false}
                style={{ flex: 1 }}
                data-testid="profile-test-name"
              />
            )}
          </Group>
        </>
      )}
    </Stack>
  )
}
