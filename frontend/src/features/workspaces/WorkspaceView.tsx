import { Stack, Tabs } from '@mantine/core'
import { IconChartBar, IconKey, IconTemplate } from '@tabler/icons-react'
import type { CSSProperties } from 'react'
import type { Workspace } from '../../api'
import { en } from '../../i18n/en'
import { KeysPanel, type KeyFocus, type KeyRequest } from '../keys/KeysPanel'
import { OverviewPanel } from '../overview/OverviewPanel'
import { ProfilesPanel } from '../profiles/ProfilesPanel'
import { WorkspaceHeader } from './WorkspaceHeader'

const WORKSPACE_TABS = ['keys', 'profiles', 'overview'] as const
export type WorkspaceTab = (typeof WORKSPACE_TABS)[number]

const icons = { keys: IconKey, profiles: IconTemplate, overview: IconChartBar } satisfies Record<WorkspaceTab, unknown>

// Each panel fills the height left under the header and scrolls inside itself.
const fill: CSSProperties = { display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }

interface WorkspaceViewProps {
  workspace: Workspace
  tab: WorkspaceTab
  onTabChange: (tab: WorkspaceTab) => void
  focus: KeyFocus | null
  request: KeyRequest | null
  /** The request was acted on: let go of it (see KeysPanel). */
  onRequestDone?: (request: KeyRequest) => void
  onOpenKey: (workspaceId: string, keyId: string) => void
}

/** One workspace: its header and its keys, profiles and overview as tabs. */
export function WorkspaceView({ workspace, tab, onTabChange, focus, request, onRequestDone, onOpenKey }: WorkspaceViewProps) {
  return (
    <Stack gap="md" maw={1600} w="100%" style={{ flex: 1, minHeight: 0 }}>
      <WorkspaceHeader workspace={workspace} />
      <Tabs
        value={tab}
        onChange={(value) => value && onTabChange(value as WorkspaceTab)}
        keepMounted={false}
        style={fill}
      >
        <Tabs.List aria-label={en.workspaces.views}>
          {WORKSPACE_TABS.map((value) => {
            const Icon = icons[value]
            return (
              <Tabs.Tab key={value} value={value} leftSection={<Icon size={16} stroke={1.6} />} data-testid={`tab-${value}`}>
                {en.workspaces.tabs[value]}
              </Tabs.Tab>
            )
          })}
        </Tabs.List>
        <Tabs.Panel value="keys" pt="md" style={fill}>
          <KeysPanel key={workspace.id} workspace={workspace} focus={focus} request={request} onRequestDone={onRequestDone} />
        </Tabs.Panel>
        <Tabs.Panel value="profiles" pt="md" style={fill}>
          <ProfilesPanel key={workspace.id} workspace={workspace} />
        </Tabs.Panel>
        <Tabs.Panel value="overview" pt="md" style={fill}>
          <OverviewPanel workspaceId={workspace.id} onOpenKey={onOpenKey} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  )
}
