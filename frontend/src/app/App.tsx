import {
  AppShell,
  Center,
  Group,
  Text,
  ThemeIcon,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core'
import { useDisclosure, useDocumentTitle } from '@mantine/hooks'
import { IconKey, IconMoon, IconSettings, IconSun } from '@tabler/icons-react'
import { useCallback, useEffect, useState } from 'react'
import './focus.css'
import './hoveredRows.css'
import { setWindowColorScheme, type Reminder, type SearchResult } from '../api'
import { MountOnOpen } from '../components/MountOnOpen'
import { TooltipIconButton } from '../components/TooltipIconButton'
import type { KeyFocus, KeyRequest } from '../features/keys/KeysPanel'
import { AllWorkspacesOverview } from '../features/overview/AllWorkspacesOverview'
import { ReminderCenter } from '../features/reminders/ReminderCenter'
import { SearchBox } from '../features/search/SearchBox'
import { SettingsModal } from '../features/settings/SettingsModal'
import { WorkspaceNav } from '../features/workspaces/WorkspaceNav'
import { WorkspaceView, type WorkspaceTab } from '../features/workspaces/WorkspaceView'
import { StartupNotice } from '../features/settings/StartupNotice'
import { useWorkspaces } from '../features/workspaces/useWorkspaces'
import { en } from '../i18n/en'
import { useBackendEvents } from './useBackendEvents'
import { readLastWorkspace, rememberWorkspace } from './lastWorkspace'
import { pageStorage } from '../features/keys/columns'

/** How long a picked search result stays marked in the table. */
const HIGHLIGHT_MS = 3000

function ColorSchemeToggle() {
  const { setColorScheme } = useMantineColorScheme()
  const computed = useComputedColorScheme('light')
  // The desktop paints its window in this colour at the next start, before
  // the page does. Cosmetic: a failure only means a plain window next time.
  useEffect(() => {
    setWindowColorScheme(computed).catch(() => {})
  }, [computed])
  return (
    <TooltipIconButton label={en.colorScheme.toggle} onClick={() => setColorScheme(computed === 'dark' ? 'light' : 'dark')}>
      {computed === 'dark' ? <IconSun size={18} stroke={1.6} /> : <IconMoon size={18} stroke={1.6} />}
    </TooltipIconButton>
  )
}

export function App() {
  useDocumentTitle(en.appName)
  useBackendEvents()
  const { data: workspaces, isPending } = useWorkspaces()
  // The workspace shown last, at the next start too (lastWorkspace.ts).
  const [selectedId, setSelectedId] = useState<string | undefined>(() => readLastWorkspace(pageStorage(window)))
  const selectWorkspace = (id: string) => {
    setSelectedId(id)
    rememberWorkspace(window, id)
  }
  // The all-workspaces overview instead of one workspace; the key table is the start view.
  const [showAll, setShowAll] = useState(false)
  const [tab, setTab] = useState<WorkspaceTab>('keys')
  const [focus, setFocus] = useState<(KeyFocus & { workspaceId: string }) | null>(null)
  const [request, setRequest] = useState<(KeyRequest & { workspaceId: string }) | null>(null)
  const [settingsOpened, settings] = useDisclosure(false)
  // Local (first) until the user picks another; also when the picked one goes away.
  const selected = workspaces?.find((w) => w.id === selectedId) ?? workspaces?.[0]

  const showWorkspace = (workspaceId: string, view: WorkspaceTab) => {
    setShowAll(false)
    selectWorkspace(workspaceId)
    setTab(view)
  }

  const onPick = (result: SearchResult) => {
    showWorkspace(result.workspaceId, 'keys')
    setFocus({ workspaceId: result.workspaceId, keyId: result.key.id, at: Date.now() })
  }

  const openKey = (workspaceId: string, keyId: string, action: KeyRequest['action'] = 'details') => {
    showWorkspace(workspaceId, 'keys')
    setRequest({ workspaceId, keyId, action, at: Date.now() })
  }

  // Acted on once: a key table mounted again must not disable or rotate again.
  const onRequestDone = useCallback(
    (done: KeyRequest) => setRequest((current) => (current?.at === done.at && current.keyId === done.keyId ? null : current)),
    [],
  )

  const onReminder = (reminder: Reminder) => {
    const action = reminder.action === 'rotate' || reminder.action === 'regenerate' || reminder.action === 'disable' ? reminder.action : 'details'
    openKey(reminder.workspaceId, reminder.keyId, action)
  }

  // The mark fades; a later pick replaces it.
  useEffect(() => {
    if (!focus) return
    const id = window.setTimeout(() => setFocus((f) => (f === focus ? null : f)), HIGHLIGHT_MS)
    return () => window.clearTimeout(id)
  }, [focus])

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 260, breakpoint: 'xs' }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="md">
          <Group gap="xs" wrap="nowrap">
            <ThemeIcon variant="filled" radius="md" size="md">
              <IconKey size={16} stroke={2} />
            </ThemeIcon>
            <Text fw={700} size="lg">
              {en.appName}
            </Text>
          </Group>
          <SearchBox onPick={onPick} />
          <Group gap="xs" wrap="nowrap">
            <ReminderCenter onAction={onReminder} />
            <TooltipIconButton label={en.settings.button} onClick={settings.open} data-testid="settings-button">
              <IconSettings size={18} stroke={1.6} />
            </TooltipIconButton>
            <ColorSchemeToggle />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm">
        <WorkspaceNav
          selectedId={showAll ? undefined : selected?.id}
          onSelect={(id) => {
            setShowAll(false)
            selectWorkspace(id)
          }}
          overviewActive={showAll}
          onOverview={() => setShowAll(true)}
        />
      </AppShell.Navbar>

      <AppShell.Main style={{ display: 'flex', flexDirection: 'column', height: '100dvh', minHeight: 560 }}>
        <StartupNotice />
        {showAll ? (
          <AllWorkspacesOverview onOpenKey={openKey} onOpenWorkspace={(id) => showWorkspace(id, 'overview')} />
        ) : selected ? (
          <WorkspaceView
            workspace={selected}
            tab={tab}
            onTabChange={setTab}
            focus={focus?.workspaceId === selected.id ? focus : null}
            request={request?.workspaceId === selected.id ? request : null}
            onRequestDone={onRequestDone}
            onOpenKey={openKey}
          />
        ) : (
          !isPending && (
            <Center h={240}>
              <Text c="dimmed">{en.workspaces.selectOne}</Text>
            </Center>
          )
        )}
      </AppShell.Main>
      <MountOnOpen opened={settingsOpened}>
        <SettingsModal opened={settingsOpened} onClose={settings.close} />
      </MountOnOpen>
    </AppShell>
  )
}
