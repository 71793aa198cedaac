import { Button, CloseButton, Group, SegmentedControl, Select, Switch, TextInput } from '@mantine/core'
import { IconSearch } from '@tabler/icons-react'
import type { Profile } from '../../api'
import { en } from '../../i18n/en'
import { isFiltered, noFilters, STATUS_FILTERS, type KeyFilterState, type StatusFilter } from './filters'
import { NO_PROFILE, roleOptions } from './options'

interface KeyFiltersProps {
  value: KeyFilterState
  onChange: (value: KeyFilterState) => void
  profiles: Profile[] | undefined
}

const statusData = STATUS_FILTERS.map((s) => ({
  value: s,
  label: s === 'all' ? en.filters.statusAll : en.keys.status[s],
}))

export function KeyFilters({ value, onChange, profiles }: KeyFiltersProps) {
  const set = (patch: Partial<KeyFilterState>) => onChange({ ...value, ...patch })
  const profileData = [
    { value: NO_PROFILE, label: en.filters.profileNone },
    ...(profiles ?? []).map((p) => ({ value: p.id, label: p.name })),
  ]

  return (
    <Group gap="xs" px="md" py="sm" wrap="wrap" align="center">
      <TextInput
        placeholder={en.filters.search}
        aria-label={en.filters.searchLabel}
        leftSection={<IconSearch size={16} />}
        rightSection={
          value.text ? <CloseButton size="sm" aria-label={en.filters.clear} onClick={() => set({ text: '' })} /> : null
        }
        value={value.text}
        onChange={(e) => set({ text: e.currentTarget.value })}
        data-testid="key-filter-input"
        w={200}
        size="sm"
      />
      <SegmentedControl
        size="sm"
        data={statusData}
        value={value.status}
        onChange={(status) => set({ status: status as StatusFilter })}
        aria-label={en.filters.status}
        data-testid="status-filter"
      />
      <Select
        size="sm"
        placeholder={en.filters.roleAll}
        aria-label={en.filters.role}
        data={roleOptions}
        value={value.role}
        onChange={(role) => set({ role })}
        clearable
        w={124}
        data-testid="role-filter"
      />
      <Select
        size="sm"
        placeholder={en.filters.profileAll}
        aria-label={en.filters.profile}
        data={profileData}
        value={value.profile}
        onChange={(profile) => set({ profile })}
        clearable
        w={150}
        data-testid="profile-filter"
      />
      <Switch
        size="sm"
        label={en.filters.hideExpired}
        checked={value.hideExpired}
        // The "Expired" status shows them whatever this says.
        disabled={value.status === 'expired'}
        onChange={(e) => set({ hideExpired: e.currentTarget.checked })}
        data-testid="hide-expired"
      />
      {isFiltered(value) && (
        <Button variant="subtle" size="compact-sm" onClick={() => onChange(noFilters)} data-testid="clear-filters">
          {en.filters.clear}
        </Button>
      )}
    </Group>
  )
}
