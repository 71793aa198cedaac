import { ActionIcon, Box, Menu, Tooltip } from '@mantine/core'
import { IconCheck, IconColumns3 } from '@tabler/icons-react'
import { useRef, useState } from 'react'
import { en } from '../../i18n/en'
import { COLUMN_LABELS, KEY_COLUMNS, type KeyColumn } from './columns'

interface ColumnsMenuProps {
  hidden: readonly KeyColumn[]
  /** The hidden columns are those that do not fit the window: the user has not chosen. */
  fitted: boolean
  onChange: (hidden: readonly KeyColumn[]) => void
  /** Drops the user's choice for the columns that fit the window. */
  onFit: () => void
}

const t = en.keys.columnsMenu

const asCheckboxItem = (item: HTMLButtonElement | null) => item?.setAttribute('role', 'menuitemcheckbox')

/**
 * The button in the table's top right corner that shows and hides columns.
 * Until the user chooses, the table shows the columns that fit the window;
 * "Fit to window" goes back to that after a choice. Like the
 * rows' menus it is a plain button until first opened (the first screen
 * draws the same button before React runs).
 */
export function ColumnsMenu(props: ColumnsMenuProps) {
  const [mounted, setMounted] = useState(false)
  if (!mounted) {
    return (
      <Tooltip label={t.button}>
        <ActionIcon variant="subtle" color="gray" aria-label={t.button} aria-haspopup="menu" data-testid="columns-menu" onClick={() => setMounted(true)}>
          <IconColumns3 size={16} stroke={1.8} />
        </ActionIcon>
      </Tooltip>
    )
  }
  return <ColumnsMenuOpen {...props} />
}

function ColumnsMenuOpen({ hidden, fitted, onChange, onFit }: ColumnsMenuProps) {
  const [opened, setOpened] = useState(true)
  // This button replaced the plain one: give focus back to it on close.
  const target = useRef<HTMLButtonElement>(null)
  const check = (shown: boolean) => (shown ? <IconCheck size={14} /> : <Box w={14} />)
  return (
    <Menu
      position="bottom-end"
      shadow="md"
      width={220}
      withinPortal
      closeOnItemClick={false}
      opened={opened}
      onChange={setOpened}
      onClose={() => target.current?.focus()}
    >
      {/* Not over the open menu's first items. */}
      <Tooltip label={t.button} disabled={opened}>
        <Menu.Target>
          <ActionIcon ref={target} variant="subtle" color="gray" aria-label={t.button} data-testid="columns-menu">
            <IconColumns3 size={16} stroke={1.8} />
          </ActionIcon>
        </Menu.Target>
      </Tooltip>
      <Menu.Dropdown data-testid="columns-menu-dropdown">
        <Menu.Label>{t.title}</Menu.Label>
        {KEY_COLUMNS.map((id) => {
          const shown = !hidden.includes(id)
          return (
            <Menu.Item
              key={id}
              // Mantine sets role="menuitem" whatever it is given; a checkbox
              // item is what aria-checked belongs to.
              ref={asCheckboxItem}
              aria-checked={shown}
              leftSection={check(shown)}
              onClick={() => onChange(shown ? [...hidden, id] : hidden.filter((h) => h !== id))}
              data-testid={`column-toggle-${id}`}
            >
              {COLUMN_LABELS[id]}
            </Menu.Item>
          )
        })}
        {(hidden.length > 0 || !fitted) && <Menu.Divider />}
        {hidden.length > 0 && (
          <Menu.Item onClick={() => onChange([])} data-testid="columns-show-all">
            {t.showAll}
          </Menu.Item>
        )}
        {!fitted && (
          <Menu.Item onClick={onFit} data-testid="columns-fit">
            {t.fit}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  )
}
