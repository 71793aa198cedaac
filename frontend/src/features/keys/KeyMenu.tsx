import { ActionIcon, Menu, Text } from '@mantine/core'
import {
  IconDots,
  IconInfoCircle,
  IconKey,
  IconKeyOff,
  IconLock,
  IconPencil,
  IconPlayerPlay,
  IconRefresh,
  IconRotateClockwise2,
  IconTrash,
} from '@tabler/icons-react'
import { Fragment, useRef, useState, type ReactNode } from 'react'
import type { Key } from '../../api'
import { en } from '../../i18n/en'
import { availability, workspaceReason, type KeyAction } from './actions'
import { toggleItem } from './toggleItem'

interface KeyMenuProps {
  keyInfo: Key
  canManage: boolean
  /** Why no change can reach the server now (offline, access key refused…). */
  blockedReason?: string
  onAction: (action: KeyAction, key: Key) => void
}

const items: { action: KeyAction; icon: ReactNode; label: string; testId: string; color?: string }[] = [
  { action: 'details', icon: <IconInfoCircle size={16} />, label: en.keys.actions.details, testId: 'key-menu-details' },
  { action: 'test', icon: <IconPlayerPlay size={16} />, label: en.keys.actions.test, testId: 'key-menu-test' },
  { action: 'edit', icon: <IconPencil size={16} />, label: en.keys.actions.edit, testId: 'key-menu-edit' },
  // Its label and icon follow the key (toggleItem): one click, like the Enabled column's switch.
  { action: 'toggle', icon: null, label: '', testId: 'key-menu-toggle' },
  { action: 'regenerate', icon: <IconRefresh size={16} />, label: en.keys.actions.regenerate, testId: 'key-menu-regenerate' },
  { action: 'rotate', icon: <IconRotateClockwise2 size={16} />, label: en.keys.actions.rotate, testId: 'key-menu-rotate' },
  { action: 'remember', icon: <IconKey size={16} />, label: en.keys.actions.remember, testId: 'key-menu-remember' },
  { action: 'forget', icon: <IconKeyOff size={16} />, label: en.keys.actions.forget, testId: 'key-menu-forget' },
  { action: 'delete', icon: <IconTrash size={16} />, label: en.keys.actions.delete, testId: 'key-menu-delete', color: 'red' },
]

/**
 * The ⋯ menu at the end of a key's row. Until it is first opened it is a
 * plain button: a Mantine Menu in each of the rows that scroll past would
 * make scrolling through thousands of keys stutter.
 */
export function KeyMenu(props: KeyMenuProps) {
  const [mounted, setMounted] = useState(false)
  const label = en.keys.menu(props.keyInfo.name)
  if (!mounted) {
    return (
      <ActionIcon variant="subtle" color="gray" aria-label={label} aria-haspopup="menu" data-testid="key-menu" onClick={() => setMounted(true)}>
        <IconDots size={16} />
      </ActionIcon>
    )
  }
  return <KeyMenuOpen {...props} />
}

function KeyMenuOpen({ keyInfo, canManage, blockedReason, onAction }: KeyMenuProps) {
  const [opened, setOpened] = useState(true)
  // This button replaced the plain one, so Mantine never saw what had focus
  // before the menu opened: give it back to the button ourselves.
  const target = useRef<HTMLButtonElement>(null)
  const shown = items
    .map((item) => (item.action === 'toggle' ? { ...item, ...toggleItem(keyInfo, 16) } : item))
    .map((item) => ({ ...item, ...availability(item.action, keyInfo, canManage, blockedReason) }))
    .filter((item) => item.shown)
  // Said once, above the items, rather than under each of them.
  const allReason = workspaceReason(canManage, blockedReason)
  const anyDisabled = allReason !== undefined && shown.some((item) => item.disabledReason === allReason)

  return (
    <Menu position="bottom-end" shadow="md" width={240} withinPortal opened={opened} onChange={setOpened} onClose={() => target.current?.focus()}>
      <Menu.Target>
        <ActionIcon ref={target} variant="subtle" color="gray" aria-label={en.keys.menu(keyInfo.name)} data-testid="key-menu">
          <IconDots size={16} />
        </ActionIcon>
      </Menu.Target>
      {/* Clicks inside the dropdown must not reach the row, which opens the details. */}
      <Menu.Dropdown onClick={(e) => e.stopPropagation()} data-testid="key-menu-dropdown">
        {anyDisabled && (
          <Menu.Label>
            <Text span size="xs" c="dimmed" style={{ display: 'flex', gap: 6, alignItems: 'flex-start' }}>
              <IconLock size={14} style={{ flexShrink: 0, marginTop: 1 }} />
              {allReason}
            </Text>
          </Menu.Label>
        )}
        {shown.map((item) => (
          <Fragment key={item.action}>
            {item.action === 'delete' && <Menu.Divider />}
            <Menu.Item
              leftSection={item.icon}
              color={item.disabledReason ? undefined : item.color}
              disabled={item.disabledReason !== undefined}
              title={item.disabledReason}
              onClick={() => onAction(item.action, keyInfo)}
              // The end-to-end suite has always found Delete as `delete-key`;
              // the label carries the menu's own testid.
              data-testid={item.action === 'delete' ? 'delete-key' : item.testId}
            >
              {item.action === 'delete' ? <span data-testid={item.testId}>{item.label}</span> : item.label}
              {/* A reason of the key's own (the workspace's is said once, above). */}
              {item.disabledReason && item.disabledReason !== allReason && (
                <Text size="xs" c="dimmed" data-testid={`${item.testId}-reason`}>
                  {item.disabledReason}
                </Text>
              )}
            </Menu.Item>
          </Fragment>
        ))}
      </Menu.Dropdown>
    </Menu>
  )
}
