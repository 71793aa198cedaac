import {
  ActionIcon,
  AppShell,
  Center,
  Group,
  Stack,
  Text,
  ThemeIcon,
  Tooltip,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core'
import { useDocumentTitle } from '@mantine/hooks'
import { IconKey, IconMoon, IconSun } from '@tabler/icons-react'
import { useState } from 'react'
import { KeysPanel } from '../features/keys/KeysPanel'
import { WorkspaceHeader } from '../features/workspaces/WorkspaceHeader'
import { WorkspaceNav } from '../features/workspaces/WorkspaceNav'
import { useWorkspaces } from '../features/workspaces/useWorkspaces'
import { en } from '../i18n/en'
import { useBackendEvents } from './useBackendEvents'

function ColorSchemeToggle() {
  const { setColorScheme } = useMantineColorScheme()
  const computed = useComputedColorScheme('light')
  return (
    <Tooltip label={en.colorScheme.toggle}>
      <ActionIcon
        variant="default"
        size="lg"
        aria-label={en.colorScheme.toggle}
        onClick={() => setColorScheme(computed === 'dark' ? 'light' : 'dark')}
      >
        {computed === 'dark' ? <IconSun size={18} stroke={1.6} /> : <IconMoon size={18} stroke={1.6} />}
      </ActionIcon>
    </Tooltip>
  )
}

export function App() {
  useDocumentTitle(en.appName)
  useBackendEvents()
  const { data: workspaces, isPending } = useWorkspaces()
  const [selectedId, setSelectedId] = useState<string>()
  // Local (first) until the user picks another; also when the picked one goes away.
  const selected = workspaces?.find((w) => w.id === selectedId) ?? workspaces?.[0]

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 260, breakpoint: 'xs' }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="xs">
            <ThemeIcon variant="filled" radius="md" size="md">
              <IconKey size={16} stroke={2} />
            </ThemeIcon>
            <Text fw={700} size="lg">
              {en.appName}
            </Text>
          </Group>
          <ColorSchemeToggle />
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm">
        <WorkspaceNav selectedId={selected?.id} onSelect={setSelectedId} />
      </AppShell.Navbar>

      <AppShell.Main>
        {selected ? (
          <Stack gap="lg" maw={1400}>
            <WorkspaceHeader workspace={selected} />
            <KeysPanel key={selected.id} workspace={selected} />
          </Stack>
        ) : (
          !isPending && (
            <Center h={240}>
              <Text c="dimmed">{en.workspaces.selectOne}</Text>
            </Center>
          )
        )}
      </AppShell.Main>
    </AppShell>
  )
}
