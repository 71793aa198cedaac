import { ActionIcon, Anchor, Badge, Code, Group, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core'
import { IconBraces, IconPencil, IconTrash } from '@tabler/icons-react'
import { Fragment, type CSSProperties, type ReactNode } from 'react'
import type { Profile, TestEndpoint } from '../../api'
import { disabledProps } from '../../components/disabledProps'
import { WhyDisabled } from '../../components/WhyDisabled'
import { en } from '../../i18n/en'

/** What a row asks for: open (edit, or view for a member) or delete. */
export type ProfileAction = 'open' | 'delete'

interface ProfilesTableProps {
  profiles: Profile[]
  canManage: boolean
  onAction: (action: ProfileAction, profile: Profile) => void
}

const p = en.profiles
// Short values stay on one line; the name and the endpoint take what is left.
const nowrap: CSSProperties = { whiteSpace: 'nowrap' }

function Dimmed({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  )
}

/** A URL that wraps after its slashes and separators rather than inside a word. */
function BreakableUrl({ url }: { url: string }) {
  const parts = url.split(/(?<=[/?&])/)
  return parts.map((part, i) => (
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 && <wbr />}
    </Fragment>
  ))
}

function EndpointCell({ endpoint }: { endpoint: TestEndpoint | undefined }) {
  if (!endpoint) return <Dimmed>{p.defaultTarget}</Dimmed>
  return (
    <Stack gap={2} miw={0}>
      <Text size="sm" ff="monospace" lineClamp={2} style={{ overflowWrap: 'anywhere' }} data-full-text={endpoint.url}>
        <BreakableUrl url={endpoint.url} />
      </Text>
      <Group gap={6} wrap="nowrap">
        <Badge size="xs" variant="light" radius="sm">
          {endpoint.method}
        </Badge>
        <Text size="xs" c="dimmed">
          {p.auth(endpoint.auth, endpoint.name)}
        </Text>
      </Group>
    </Stack>
  )
}

function NameCell({ profile, onOpen }: { profile: Profile; onOpen: () => void }) {
  return (
    <Stack gap={2} miw={0}>
      <Group gap={6} wrap="nowrap">
        <Anchor component="button" type="button" fw={600} size="sm" onClick={onOpen} data-testid="profile-open" ta="left">
          {profile.name}
        </Anchor>
        {profile.metadata && (
          <Tooltip label={p.hasMetadata}>
            <IconBraces size={14} color="var(--mantine-color-dimmed)" aria-label={p.hasMetadata} />
          </Tooltip>
        )}
      </Group>
      {profile.description && (
        <Text size="xs" c="dimmed" lineClamp={2}>
          {profile.description}
        </Text>
      )}
    </Stack>
  )
}

interface RowActionProps {
  label: string
  icon: ReactNode
  color: string
  canManage: boolean
  onClick: () => void
  'data-testid': string
}

function RowAction({ label, icon, color, canManage, ...props }: RowActionProps) {
  return (
    <WhyDisabled reason={canManage ? undefined : en.readOnly.reason}>
      <ActionIcon variant="subtle" color={color} aria-label={label} {...props} {...disabledProps(!canManage)}>
        {icon}
      </ActionIcon>
    </WhyDisabled>
  )
}

function RowActions({ profile, canManage, onAction }: { profile: Profile; canManage: boolean; onAction: ProfilesTableProps['onAction'] }) {
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      <RowAction
        label={p.edit(profile.name)}
        icon={<IconPencil size={16} />}
        color="gray"
        canManage={canManage}
        onClick={() => onAction('open', profile)}
        data-testid="profile-edit"
      />
      <RowAction
        label={p.delete(profile.name)}
        icon={<IconTrash size={16} />}
        color="red"
        canManage={canManage}
        onClick={() => onAction('delete', profile)}
        data-testid="profile-delete"
      />
    </Group>
  )
}

/** The workspace's profiles, one row each with every setting. */
export function ProfilesTable({ profiles, canManage, onAction }: ProfilesTableProps) {
  return (
    <Table.ScrollContainer minWidth={900} type="native">
      <Table verticalSpacing="sm" horizontalSpacing="sm" highlightOnHover stickyHeader data-testid="profiles-table">
        <Table.Thead style={nowrap}>
          <Table.Tr>
            <Table.Th miw={180}>{p.columns.name}</Table.Th>
            <Table.Th>{p.columns.defaultExpiry}</Table.Th>
            <Table.Th>{p.columns.keyPrefix}</Table.Th>
            <Table.Th>{p.columns.rotation}</Table.Th>
            <Table.Th>{p.columns.reminders}</Table.Th>
            <Table.Th miw={200}>{p.columns.testEndpoint}</Table.Th>
            <Table.Th ta="right">{p.columns.keys}</Table.Th>
            <Table.Th w={76}>
              <VisuallyHidden>{p.columns.actions}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {profiles.map((profile) => (
            <Table.Tr key={profile.id} data-testid="profile-row" data-profile-id={profile.id}>
              <Table.Td>
                <NameCell profile={profile} onOpen={() => onAction('open', profile)} />
              </Table.Td>
              <Table.Td style={nowrap}>
                {profile.defaultExpiryDays === undefined ? <Dimmed>{p.never}</Dimmed> : <Text size="sm">{p.days(profile.defaultExpiryDays)}</Text>}
              </Table.Td>
              <Table.Td style={nowrap}>{profile.keyPrefix ? <Code>{profile.keyPrefix}_</Code> : <Dimmed>{p.workspacePrefix}</Dimmed>}</Table.Td>
              <Table.Td style={nowrap}>
                {profile.rotationDays === undefined ? (
                  <Dimmed>{p.noRotation}</Dimmed>
                ) : (
                  <Text size="sm">{p.rotateEvery(profile.rotationDays)}</Text>
                )}
              </Table.Td>
              <Table.Td style={nowrap}>
                <Text size="sm">{p.remindBefore(profile.reminderDays)}</Text>
              </Table.Td>
              <Table.Td>
                <EndpointCell endpoint={profile.testEndpoint} />
              </Table.Td>
              <Table.Td ta="right">
                <Badge variant="default" radius="sm" aria-label={p.keyCount(profile.keyCount)} data-testid="profile-key-count">
                  {profile.keyCount.toLocaleString('en-US')}
                </Badge>
              </Table.Td>
              <Table.Td>
                <RowActions profile={profile} canManage={canManage} onAction={onAction} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
