// The first screen as HTML, from the boot data, without React: the desktop
// paints it while the bundle (React, Mantine, the app: ~0.9 MB of script)
// loads and runs, which in a cold web view takes longer than everything
// before it. React's first render then replaces it with the same markup.
//
// It is the markup Mantine renders for App's first commit (the first
// workspace, Local, with its key table from the boot data: the whole list, or
// its top while the rest loads), written out. firstScreen.test.tsx renders
// both and fails when they differ, as does e2e/first-screen.spec.ts on
// screenshots: change one, change the other.
import type { Boot } from '../app/boot'
import type { Key, Profile, Workspace } from '../api'
import { availability } from '../features/keys/actions'
import { expiresSoon } from '../features/keys/expiry'
import classes from '../features/keys/KeysTable.module.css'
import { endOf, endTitle, newKeysOfRotations, rotatingLabel } from '../features/keys/rotation'
import { STATUS_COLORS } from '../features/keys/statusColors'
import { FIRST_KEYS, initialRowCount, ROW_HEIGHT, tableMinWidth, WIDTHS } from '../features/keys/tableLayout'
import { COLUMN_LABELS, KEY_COLUMNS, type KeyColumn } from '../features/keys/columns'
import { changeBlockedReason, workspaceHealth } from '../features/workspaces/health'
import { hostOf, sortWorkspaces } from '../features/workspaces/sidebar'
import { en } from '../i18n/en'
import { escapeHtml } from '../lib/html'
import { formatDate, formatDateTime, formatRelative, formatRelativeOrNever, toMillis } from '../lib/time'
import { comboboxChevron, icon } from './icons'

export interface FirstScreenContext {
  now: number
  /** The window's inner height: how many rows the table's first render has. */
  windowHeight: number
  /** Whether the user agent is a Mac's (the search box's shortcut). */
  mac: boolean
  /** The CSS Mantine's provider puts first (theme variables), see themeStyles.ts. */
  themeCss: string
  /** The key-table columns the user hid (columns.ts). */
  hiddenColumns: readonly KeyColumn[]
  /** The workspace the window showed last (app/lastWorkspace.ts), which the app opens if it is still there. */
  lastWorkspaceId?: string
}

const h = escapeHtml
const sizeVar = (v: number) => `calc(${v / 16}rem * var(--mantine-scale))`

// Mantine's style props as its components set them.
const group = (gap: string, align: string, justify: string, wrap: string, extra = '') =>
  `style="--group-gap: ${gap}; --group-align: ${align}; --group-justify: ${justify}; --group-wrap: ${wrap};${extra}"`
const stack = (gap: string, extra = '') =>
  `style="--stack-gap: ${gap}; --stack-align: stretch; --stack-justify: flex-start;${extra}"`
/** Text's size attributes; leaves its style attribute open for the caller to add to and close. */
const text = (size: string) => `data-size="${size}" style="--text-fz: var(--mantine-font-size-${size}); --text-lh: var(--mantine-line-height-${size});`
const TEXT = 'mantine-focus-auto m_b6d8b162 mantine-Text-root'
const DEFAULT_BORDER = 'calc(0.0625rem * var(--mantine-scale)) solid var(--mantine-color-default-border)'
const TRANSPARENT_BORDER = 'calc(0.0625rem * var(--mantine-scale)) solid transparent'

function actionIcon(label: string, testId: string | undefined, iconHtml: string): string {
  return (
    `<button class="mantine-focus-auto mantine-active m_8d3f4000 mantine-ActionIcon-root m_87cf2631 mantine-UnstyledButton-root" data-variant="default" data-size="lg" type="button" aria-label="${h(label)}"` +
    (testId ? ` data-testid="${testId}"` : '') +
    ` style="--ai-size: var(--ai-size-lg); --ai-bg: var(--mantine-color-default); --ai-hover: var(--mantine-color-default-hover); --ai-color: var(--mantine-color-default-color); --ai-bd: ${DEFAULT_BORDER};">` +
    `<span class="m_8d3afb97 mantine-ActionIcon-icon">${iconHtml}</span></button>`
  )
}

function button(label: string, iconHtml: string, attrs: string, style: string): string {
  return (
    `<button class="mantine-focus-auto mantine-active m_77c9d27d mantine-Button-root m_87cf2631 mantine-UnstyledButton-root" ${attrs} style="${style}">` +
    `<span class="m_80f1301b mantine-Button-inner"><span class="m_a74036a mantine-Button-section" data-position="left">${iconHtml}</span>` +
    `<span class="m_811560b9 mantine-Button-label">${h(label)}</span></span></button>`
  )
}

const DEFAULT_BUTTON = `--button-bg: var(--mantine-color-default); --button-hover: var(--mantine-color-default-hover); --button-color: var(--mantine-color-default-color); --button-bd: ${DEFAULT_BORDER};`
const SMALL_BUTTON = '--button-height: var(--button-height-sm); --button-padding-x: var(--button-padding-x-sm); --button-fz: var(--mantine-font-size-sm); '

function header(ctx: FirstScreenContext, dark: boolean): string {
  return (
    `<header class="m_3b16f56b mantine-AppShell-header right-scroll-bar-position" data-with-border="true" style="--app-shell-header-z-index: 100;">` +
    `<div class="m_4081bf90 mantine-Group-root" ${group('var(--mantine-spacing-md)', 'center', 'space-between', 'nowrap', ' padding-inline: var(--mantine-spacing-md); height: 100%;')}>` +
    `<div class="m_4081bf90 mantine-Group-root" ${group('var(--mantine-spacing-xs)', 'center', 'flex-start', 'nowrap')}>` +
    `<div class="m_7341320d mantine-ThemeIcon-root" data-variant="filled" data-size="md" radius="md" style="--ti-size: var(--ti-size-md); --ti-radius: var(--mantine-radius-md); --ti-bg: var(--mantine-color-indigo-filled); --ti-color: var(--mantine-color-white); --ti-bd: ${TRANSPARENT_BORDER};">${icon('key', 16, 2)}</div>` +
    `<p class="${TEXT}" ${text('lg')} font-weight: 700;">${h(en.appName)}</p></div>` +
    // The search box's width is a responsive style prop: a class of its own.
    `<style data-mantine-styles="inline">.kd-first-search{width:calc(15rem * var(--mantine-scale));}@media(min-width: 62em){.kd-first-search{width:calc(23.75rem * var(--mantine-scale));}}</style>` +
    `<div class="m_46b77525 mantine-InputWrapper-root mantine-TextInput-root kd-first-search" data-size="sm">` +
    `<div class="m_6c018570 mantine-Input-wrapper mantine-TextInput-wrapper" data-variant="default" data-size="sm" data-with-right-section="true" data-with-left-section="true" style="--input-height: var(--input-height-sm); --input-fz: var(--mantine-font-size-sm); --input-right-section-width: calc(3.5rem * var(--mantine-scale)); --input-right-section-pointer-events: none;">` +
    `<div data-position="left" class="m_82577fc2 mantine-Input-section mantine-TextInput-section">${icon('search', 16, 2)}</div>` +
    `<input class="m_8fb7ebe7 mantine-Input-input mantine-TextInput-input" data-variant="default" placeholder="${h(en.search.placeholder)}" aria-label="${h(en.search.label)}" data-testid="search-input" aria-haspopup="listbox" autocomplete="off" value="">` +
    `<div data-position="right" class="m_82577fc2 mantine-Input-section mantine-TextInput-section"><kbd class="m_dc6f14e2 mantine-Kbd-root" data-size="xs" style="--kbd-fz: var(--kbd-fz-xs);">${h(en.search.shortcut(ctx.mac))}</kbd></div>` +
    `</div></div>` +
    `<div class="m_4081bf90 mantine-Group-root" ${group('var(--mantine-spacing-xs)', 'center', 'flex-start', 'nowrap')}>` +
    `<div class="" style="position: relative;">${actionIcon(en.reminders.button, 'reminders-button', icon('bell', 18, 1.6))}</div>` +
    actionIcon(en.settings.button, 'settings-button', icon('settings', 18, 1.6)) +
    actionIcon(en.colorScheme.toggle, undefined, dark ? icon('sun', 18, 1.6) : icon('moon', 18, 1.6)) +
    `</div></div></header>`
  )
}

const NAV_LINK_STYLE =
  '--nl-bg: var(--mantine-color-indigo-light); --nl-hover: var(--mantine-color-indigo-light-hover); --nl-color: var(--mantine-color-indigo-light-color); border-radius: var(--mantine-radius-md);'

function navWorkspace(ws: Workspace, active: boolean): string {
  const { label: online, color: dot } = workspaceHealth(ws)
  // Remote workspaces have a menu button where Local keeps the column.
  const after =
    ws.kind === 'local'
      ? `<div class="" style="width: calc(1.75rem * var(--mantine-scale));"></div>`
      : `<button class="mantine-focus-auto mantine-active m_8d3f4000 mantine-ActionIcon-root m_87cf2631 mantine-UnstyledButton-root" data-variant="subtle" type="button" aria-label="${h(en.workspaces.menu(ws.name))}" data-testid="workspace-menu" aria-haspopup="menu" aria-expanded="false" style="--ai-bg: transparent; --ai-hover: var(--mantine-color-gray-light-hover); --ai-color: var(--mantine-color-gray-light-color); --ai-bd: ${TRANSPARENT_BORDER};"><span class="m_8d3afb97 mantine-ActionIcon-icon">${icon('dots', 16, 2)}</span></button>`
  return (
    `<div class="m_4081bf90 mantine-Group-root" ${group(sizeVar(2), 'center', 'flex-start', 'nowrap')}>` +
    `<button class="mantine-focus-auto m_f0824112 mantine-NavLink-root m_87cf2631 mantine-UnstyledButton-root" data-variant="light"${active ? ' data-active="true"' : ''} data-testid="workspace-item" data-workspace-id="${h(ws.id)}" style="${NAV_LINK_STYLE} flex: 1 1 0%; min-width: 0px;" type="button">` +
    `<span class="m_690090b5 mantine-NavLink-section" data-position="left">${ws.kind === 'local' ? icon('device-desktop', 18, 1.6) : icon('server', 18, 1.6)}</span>` +
    `<div class="m_f07af9d2 mantine-NavLink-body"><span class="m_1f6ac4c4 mantine-NavLink-label">` +
    `<div class="m_4081bf90 mantine-Group-root" ${group(sizeVar(8), 'center', 'flex-start', 'nowrap')}>` +
    `<p class="${TEXT}" data-size="sm" data-truncate="end" data-full-text="${h(ws.name)}" style="--text-fz: var(--mantine-font-size-sm); --text-lh: var(--mantine-line-height-sm); font-weight: 500;">${h(ws.name)}</p>` +
    `<span class="" role="img" aria-label="${online}" style="display: inline-block; flex-shrink: 0; border-radius: 50%; background-color: ${dot}; width: ${sizeVar(8)}; height: ${sizeVar(8)};"></span>` +
    `</div></span>` +
    `<span class="m_57492dcc mantine-NavLink-description"${active ? ' data-active="true"' : ''} style="opacity: 1;"><span class="${TEXT}" data-size="xs" data-truncate="end" data-full-text="${h(hostOf(ws))}" style="--text-fz: var(--mantine-font-size-xs); --text-lh: var(--mantine-line-height-xs); color: ${active ? 'inherit' : 'var(--mantine-color-dimmed)'}; display: block;">${h(hostOf(ws))}</span></span>` +
    `</div>` +
    `<span class="m_690090b5 mantine-NavLink-section" data-position="right"><div class="m_347db0ec mantine-Badge-root" data-variant="default" data-size="sm" aria-label="${h(en.workspaces.keyCount(ws.keyCount))}" style="--badge-height: var(--badge-height-sm); --badge-padding-x: var(--badge-padding-x-sm); --badge-fz: var(--badge-fz-sm); --badge-radius: var(--mantine-radius-sm); --badge-bg: var(--mantine-color-default); --badge-color: var(--mantine-color-default-color); --badge-bd: ${DEFAULT_BORDER};"><span class="m_5add502a mantine-Badge-label">${h(en.workspaces.keyCountBadge(ws.keyCount))}</span></div></span>` +
    `</button>${after}</div>`
  )
}

function navbar(workspaces: Workspace[], selectedId: string): string {
  return (
    `<nav class="m_45252eee mantine-AppShell-navbar" data-with-border="true" style="--app-shell-navbar-z-index: calc(100 + 1); padding: var(--mantine-spacing-sm);">` +
    `<nav class="m_6d731127 mantine-Stack-root" aria-label="${h(en.workspaces.navTitle)}" ${stack(sizeVar(4), ' height: 100%;')}>` +
    `<button class="mantine-focus-auto m_f0824112 mantine-NavLink-root m_87cf2631 mantine-UnstyledButton-root" data-variant="light" aria-label="${h(en.overview.navLabel)}" data-testid="nav-overview" style="${NAV_LINK_STYLE} margin-bottom: var(--mantine-spacing-sm);" type="button">` +
    `<span class="m_690090b5 mantine-NavLink-section" data-position="left">${icon('chart-bar', 18, 1.6)}</span>` +
    `<div class="m_f07af9d2 mantine-NavLink-body"><span class="m_1f6ac4c4 mantine-NavLink-label"><p class="${TEXT}" ${text('sm')} font-weight: 500;">${h(en.overview.title)}</p></span>` +
    `<span class="m_57492dcc mantine-NavLink-description">${h(en.overview.allWorkspaces)}</span></div></button>` +
    `<p class="${TEXT}" ${text('xs')} padding-inline: var(--mantine-spacing-sm); padding-bottom: ${sizeVar(4)}; color: var(--mantine-color-dimmed); font-weight: 600; text-transform: uppercase;">${h(en.workspaces.navTitle)}</p>` +
    workspaces.map((ws) => navWorkspace(ws, ws.id === selectedId)).join('') +
    button(
      en.workspaces.add,
      icon('plus', 16, 2),
      'data-variant="subtle" data-with-left-section="true" type="button" justify="flex-start" data-testid="add-workspace-button"',
      `--button-justify: flex-start; --button-bg: transparent; --button-hover: var(--mantine-color-gray-light-hover); --button-color: var(--mantine-color-gray-light-color); --button-bd: ${TRANSPARENT_BORDER}; margin-top: var(--mantine-spacing-xs);`,
    ) +
    `</nav></nav>`
  )
}

function workspaceHeader(ws: Workspace, now: number): string {
  const subtitle = [ws.kind === 'local' ? en.workspaces.localDescription : ws.serverUrl, en.workspaces.role[ws.role] ?? ws.role]
    .filter(Boolean)
    .join(' · ')
  const synced = ws.lastSyncedAt ? en.workspaces.lastSynced(formatRelative(ws.lastSyncedAt, now)) : en.workspaces.neverSynced
  return (
    `<div class="m_6d731127 mantine-Stack-root" ${stack('var(--mantine-spacing-sm)')}>` +
    `<div class="m_4081bf90 mantine-Group-root" ${group('var(--mantine-spacing-md)', 'flex-start', 'space-between', 'nowrap')}>` +
    `<div class="m_6d731127 mantine-Stack-root" ${stack(sizeVar(2), ' min-width: 0rem;')}>` +
    `<div class="m_4081bf90 mantine-Group-root" ${group('var(--mantine-spacing-xs)', 'center', 'flex-start', 'nowrap')}>` +
    `<h2 class="m_8a5d1357 mantine-Title-root" data-size="h3" data-order="2" data-line-clamp="true" data-testid="workspace-title" data-full-text="${h(ws.name)}" style="--title-fw: var(--mantine-h3-font-weight); --title-lh: var(--mantine-h3-line-height); --title-fz: var(--mantine-h3-font-size); --title-line-clamp: 1; min-width: 0px;">${h(ws.name)}</h2></div>` +
    `<p class="${TEXT}" data-size="sm" data-truncate="end" data-full-text="${h(subtitle)}" style="--text-fz: var(--mantine-font-size-sm); --text-lh: var(--mantine-line-height-sm); color: var(--mantine-color-dimmed);">${h(subtitle)}</p></div>` +
    `<div class="m_4081bf90 mantine-Group-root" ${group('var(--mantine-spacing-sm)', 'center', 'flex-start', 'nowrap')}>` +
    `<p class="${TEXT}" data-size="sm" data-testid="last-synced" style="--text-fz: var(--mantine-font-size-sm); --text-lh: var(--mantine-line-height-sm); white-space: nowrap; color: var(--mantine-color-dimmed);">${h(synced)}</p>` +
    button(en.workspaces.auditButton, icon('history', 16, 2), 'data-variant="default" data-size="sm" data-with-left-section="true" type="button" data-testid="audit-button"', SMALL_BUTTON + DEFAULT_BUTTON) +
    button(en.workspaces.syncNow, icon('refresh', 16, 2), 'data-variant="default" data-size="sm" data-with-left-section="true" type="button" data-testid="sync-now"', SMALL_BUTTON + DEFAULT_BUTTON) +
    `</div></div></div>`
  )
}

function tabs(): string {
  const tab = (value: 'keys' | 'profiles' | 'overview', iconName: 'key' | 'template' | 'chart-bar') => {
    const active = value === 'keys'
    return (
      `<button class="mantine-focus-auto m_539e827b m_4ec4dce6 mantine-Tabs-tab m_87cf2631 mantine-UnstyledButton-root" data-variant="default"${active ? ' data-active="true"' : ''} data-orientation="horizontal" type="button" role="tab" aria-selected="${active}" tabindex="${active ? 0 : -1}" data-testid="tab-${value}">` +
      `<span class="m_fc420b1f mantine-Tabs-tabSection" data-position="left">${icon(iconName, 16, 1.6)}</span><span class="m_42bbd1ae mantine-Tabs-tabLabel">${h(en.workspaces.tabs[value])}</span></button>`
    )
  }
  return (
    `<div class="m_576c9d4 m_89d33d6d mantine-Tabs-list" data-variant="default" data-orientation="horizontal" role="tablist" aria-orientation="horizontal" aria-label="${h(en.workspaces.views)}">` +
    tab('keys', 'key') +
    tab('profiles', 'template') +
    tab('overview', 'chart-bar') +
    `</div>`
  )
}

const PANEL_STYLE = 'flex-direction: column; flex: 1 1 0%; min-height: 0px; padding-top: var(--mantine-spacing-md);'

function panelHeader(): string {
  return (
    `<div class="m_4081bf90 mantine-Group-root" ${group('var(--mantine-spacing-md)', 'center', 'space-between', 'wrap', ' padding-inline: var(--mantine-spacing-md); padding-block: var(--mantine-spacing-sm); row-gap: var(--mantine-spacing-xs);')}>` +
    `<div class="m_6d731127 mantine-Stack-root" ${stack('0rem', ' min-width: 0rem; flex: 1 1 16rem;')}>` +
    `<h3 class="m_8a5d1357 mantine-Title-root" data-size="h5" data-order="3" style="--title-fw: var(--mantine-h5-font-weight); --title-lh: var(--mantine-h5-line-height); --title-fz: var(--mantine-h5-font-size);">${h(en.keys.title)}</h3>` +
    `<p class="${TEXT}" data-size="sm" data-truncate="end" data-full-text="${h(en.keys.subtitle)}" style="--text-fz: var(--mantine-font-size-sm); --text-lh: var(--mantine-line-height-sm); color: var(--mantine-color-dimmed);">${h(en.keys.subtitle)}</p></div>` +
    `<div class="m_4081bf90 mantine-Group-root" ${group('var(--mantine-spacing-sm)', 'center', 'flex-start', 'nowrap')}>` +
    button(en.keyTest.button, icon('player-play', 16, 2), 'data-variant="default" data-with-left-section="true" type="button" data-testid="test-key-button"', DEFAULT_BUTTON) +
    button(en.keys.createButton, icon('plus', 16, 2), 'data-with-left-section="true" type="button" data-testid="create-key-button"', '--button-color: var(--mantine-color-white);') +
    `</div></div>`
  )
}

const SWITCH_STYLE =
  'style="--switch-height: var(--switch-height-sm); --switch-width: var(--switch-width-sm); --switch-thumb-size: var(--switch-thumb-size-sm); --switch-label-font-size: var(--switch-label-font-size-sm); --switch-track-label-padding: var(--switch-track-label-padding-sm); --label-fz: var(--mantine-font-size-sm); --label-lh: var(--label-lh-sm);"'

/** Mantine's Switch, size sm; `label` is the text beside it, if any. */
function switchControl(checked: boolean, inputAttrs: string, label?: string, disabled = false): string {
  return (
    `<div class="m_5f93f3bb mantine-Switch-root m_5f75b09e mantine-Switch-root" data-size="sm" data-label-position="right" data-checked="${checked}" ${SWITCH_STYLE}>` +
    `<label class="m_5f6e695e mantine-Switch-body">` +
    `<input ${inputAttrs}${disabled ? ' disabled=""' : ''} data-checked="${checked}" role="switch" class="m_926b4011 mantine-Switch-input" type="checkbox"${checked ? ' checked=""' : ''}>` +
    `<span class="m_9307d992 mantine-Switch-track" data-label-position="right" data-without-labels="true" aria-hidden="true"><span class="m_93039a1d mantine-Switch-thumb" data-reduce-motion="true" data-with-thumb-indicator="true"></span><span class="m_8277e082 mantine-Switch-trackLabel"></span></span>` +
    `<div class="m_d3ea56bb mantine-Switch-labelWrapper"${disabled ? ' data-disabled="true"' : ''}>${label === undefined ? '' : `<span class="m_8ee546b8 mantine-Switch-label">${h(label)}</span>`}</div>` +
    `</label></div>`
  )
}

const INPUT_WRAPPER = 'class="m_6c018570 mantine-Input-wrapper'

function selectFilter(placeholder: string, label: string, testId: string, width: number): string {
  return (
    `<div class="m_46b77525 mantine-InputWrapper-root mantine-Select-root" data-size="sm" style="width: ${sizeVar(width)};">` +
    `<div ${INPUT_WRAPPER} mantine-Select-wrapper" data-variant="default" data-size="sm" data-pointer="true" data-with-right-section="true" style="--input-height: var(--input-height-sm); --input-fz: var(--mantine-font-size-sm); --input-right-section-pointer-events: none;">` +
    `<input class="m_8fb7ebe7 mantine-Input-input mantine-Select-input" data-variant="default" placeholder="${h(placeholder)}" aria-label="${h(label)}" data-testid="${testId}" readonly="" role="combobox" aria-haspopup="listbox" aria-expanded="false" autocomplete="off" value="">` +
    `<div data-position="right" class="m_82577fc2 mantine-Input-section mantine-Select-section">${comboboxChevron}</div></div></div>` +
    `<input type="hidden" value="">`
  )
}

function filters(partial: boolean): string {
  const statuses = ['all', 'active', 'inactive', 'expired'] as const
  const segments = statuses
    .map((s) => {
      const active = s === 'all'
      const label = s === 'all' ? en.filters.statusAll : en.keys.status[s]
      return (
        `<div class="m_69686b9b mantine-SegmentedControl-control"${active ? ' data-active="true"' : ''}>` +
        `<input class="m_1714d588 mantine-SegmentedControl-input" data-focus-ring="auto" type="radio" value="${s}"${active ? ' checked=""' : ''}>` +
        `<label class="m_1738fcb2 mantine-SegmentedControl-label"${active ? ' data-active="true"' : ''}><span class="m_78882f40 mantine-SegmentedControl-innerLabel">${h(label)}</span></label></div>`
      )
    })
    .join('')
  return (
    // Disabled while the rest of the list loads, as the table has it.
    `<fieldset${partial ? ' disabled=""' : ''} class="${classes.filters}">` +
    `<div class="m_4081bf90 mantine-Group-root" ${group('var(--mantine-spacing-xs)', 'center', 'flex-start', 'wrap', ' padding-inline: var(--mantine-spacing-md); padding-block: var(--mantine-spacing-sm);')}>` +
    `<div class="m_46b77525 mantine-InputWrapper-root mantine-TextInput-root" data-size="sm" style="width: ${sizeVar(200)};">` +
    `<div ${INPUT_WRAPPER} mantine-TextInput-wrapper" data-variant="default" data-size="sm" data-with-left-section="true" style="--input-height: var(--input-height-sm); --input-fz: var(--mantine-font-size-sm);">` +
    `<div data-position="left" class="m_82577fc2 mantine-Input-section mantine-TextInput-section">${icon('search', 16, 2)}</div>` +
    `<input class="m_8fb7ebe7 mantine-Input-input mantine-TextInput-input" data-variant="default" placeholder="${h(en.filters.search)}" aria-label="${h(en.filters.searchLabel)}" data-testid="key-filter-input" value=""></div></div>` +
    `<div class="m_cf365364 mantine-SegmentedControl-root" data-size="sm" data-with-items-borders="true" aria-label="${h(en.filters.status)}" data-testid="status-filter" role="radiogroup" style="--sc-shadow: var(--mantine-shadow-xs); --sc-padding: var(--sc-padding-sm); --sc-font-size: var(--mantine-font-size-sm);">${segments}</div>` +
    selectFilter(en.filters.roleAll, en.filters.role, 'role-filter', 124) +
    selectFilter(en.filters.profileAll, en.filters.profile, 'profile-filter', 150) +
    switchControl(false, 'data-testid="hide-expired"', en.filters.hideExpired) +
    `</div></fieldset>`
  )
}

const sticky = (id: string) => (id === 'name' ? ` ${classes.stickyStart}` : id === 'actions' ? ` ${classes.stickyEnd}` : '')

/** The columns on screen, name first, without the row menus'. */
const shownColumns = (hidden: readonly KeyColumn[]) => ['name' as const, ...KEY_COLUMNS.filter((id) => !hidden.includes(id))]

function tableHead(partial: boolean, hidden: readonly KeyColumn[]): string {
  // The table's first render is sorted by Created, newest first; it sorts once every key is in.
  const th = shownColumns(hidden).map((id) => {
    const label = COLUMN_LABELS[id]
    const sorted = id === 'createdAt'
    return (
      `<th class="m_4e7aa4f3 mantine-Table-th${sticky(id)}" aria-sort="${sorted ? 'descending' : 'none'}">` +
      `<button class="mantine-focus-auto m_87cf2631 mantine-UnstyledButton-root" type="button"${partial ? ' disabled=""' : ''} style="white-space: nowrap; width: 100%;">` +
      `<div class="m_4081bf90 mantine-Group-root" ${group(sizeVar(4), 'center', 'flex-start', 'nowrap')}>` +
      `<span class="${TEXT}" ${text('sm')} font-weight: 600;">${h(label)}</span>` +
      `<div class="m_4451eb3a mantine-Center-root"${sorted ? '' : ' style="color: var(--mantine-color-dimmed);"'}>${sorted ? icon('chevron-down', 14, 1.8) : icon('selector', 14, 1.8)}</div>` +
      `</div></button></th>`
    )
  }).join('')
  return (
    `<thead class="m_b242d975 mantine-Table-thead ${classes.thead}"><tr class="m_4e7aa4fd mantine-Table-tr" data-with-row-border="true" data-hover="true">${th}` +
    `<th class="m_4e7aa4f3 mantine-Table-th${sticky('actions')}"><div style="display: flex; justify-content: center;">` +
    `<span class="m_515a97f8 mantine-VisuallyHidden-root">${h(en.keys.columns.actions)}</span>` +
    subtleMenuButton(en.keys.columnsMenu.button, 'columns-menu', icon('columns-3', 16, 1.8)) +
    `</div></th></tr></thead>`
  )
}

function statusBadge(color: string, testStatus: string, label: string): string {
  return (
    `<div class="m_347db0ec mantine-Badge-root" data-variant="light" data-testid="key-status" data-status="${h(testStatus)}" style="--badge-radius: var(--mantine-radius-sm); --badge-bg: var(--mantine-color-${color}-light); --badge-color: var(--mantine-color-${color}-light-color); --badge-bd: ${TRANSPARENT_BORDER}; min-width: max-content;">` +
    `<span class="m_5add502a mantine-Badge-label">${h(label)}</span></div>`
  )
}

/** KeyStatusBadge's badge with a short line under it. */
function withNote(badge: string, note: string, testId: string, label?: string): string {
  return (
    `<div class="m_6d731127 mantine-Stack-root"${label === undefined ? '' : ` aria-label="${h(label)}"`} style="--stack-gap: ${sizeVar(2)}; --stack-align: flex-start; --stack-justify: flex-start;">` +
    badge +
    `<p class="${TEXT}" ${text('xs')} white-space: nowrap; color: var(--mantine-color-dimmed);" data-testid="${testId}">${h(note)}</p></div>`
  )
}

/** KeyStatusBadge; `successor`: the new key of a rotation under way. */
function status(key: Key, now: number, successor: boolean): string {
  if (key.rotating) {
    const revokes = key.autoRevoke && key.revokesAt
    const short = revokes ? en.keys.rotatingShort(formatRelative(key.revokesAt!, now)) : en.keys.rotatingKeptShort
    return withNote(statusBadge(STATUS_COLORS.rotating, 'rotating', en.keys.status.rotating), short, 'key-rotation', rotatingLabel(key, now))
  }
  const badge = statusBadge(STATUS_COLORS[key.status] ?? 'gray', key.status, en.keys.status[key.status as keyof typeof en.keys.status] ?? key.status)
  return successor ? withNote(badge, en.keys.newOfRotation, 'key-successor') : badge
}

const cell = (html: string, id = '') => `<td class="m_4e7aa4ef mantine-Table-td${sticky(id)}">${html}</td>`
const span = (cls: string, content: string, title?: string) =>
  `<span class="${cls}"${title === undefined ? '' : ` title="${h(title)}"`}>${h(content)}</span>`

/** A gray subtle ActionIcon that opens a menu, as KeyMenu and ColumnsMenu render it before their first opening. */
function subtleMenuButton(label: string, testId: string, iconHtml: string): string {
  return (
    `<button class="mantine-focus-auto mantine-active m_8d3f4000 mantine-ActionIcon-root m_87cf2631 mantine-UnstyledButton-root" data-variant="subtle" type="button" aria-label="${h(label)}" aria-haspopup="menu" data-testid="${testId}" style="--ai-bg: transparent; --ai-hover: var(--mantine-color-gray-light-hover); --ai-color: var(--mantine-color-gray-light-color); --ai-bd: ${TRANSPARENT_BORDER};"><span class="m_8d3afb97 mantine-ActionIcon-icon">${iconHtml}</span></button>`
  )
}

function row(
  key: Key,
  index: number,
  now: number,
  profileNames: Map<string, string>,
  hidden: readonly KeyColumn[],
  successors: ReadonlySet<string>,
): string {
  const c = classes
  const nameCell =
    `<div class="${c.group}"><p class="${c.text} ${c.name} ${c.truncate}" data-full-text="${h(key.name)}">${h(key.name)}</p>` +
    (key.own
      ? `<div class="m_347db0ec mantine-Badge-root" data-variant="outline" data-size="sm" data-testid="this-app-badge" style="--badge-height: var(--badge-height-sm); --badge-padding-x: var(--badge-padding-x-sm); --badge-fz: var(--badge-fz-sm); --badge-radius: var(--mantine-radius-sm); --badge-bg: transparent; --badge-color: var(--mantine-color-indigo-outline); --badge-bd: calc(0.0625rem * var(--mantine-scale)) solid var(--mantine-color-indigo-outline); flex-shrink: 0;"><span class="m_5add502a mantine-Badge-label">${h(en.keys.thisApp)}</span></div>`
      : '') +
    `</div>`
  const keyCell =
    `<div class="${c.group}">${span(`${c.text} ${c.mono}`, key.maskedKey)}` +
    (key.remembered
      ? `<div class="m_4451eb3a mantine-Center-root" aria-label="${h(en.keys.remembered)}" role="img" data-testid="key-remembered" style="color: var(--mantine-color-teal-text);">${icon('key', 14, 1.8)}</div>`
      : '') +
    `</div>`
  let expires: string
  const end = endOf(key)
  if (!end.at) expires = span(`${c.text} ${c.dimmed}`, en.keys.never)
  else {
    const soon = !end.byRotation && expiresSoon(end.at, now)
    expires =
      `<span class="${c.text}${soon ? ` ${c.soon}` : ''}" title="${h(endTitle(key)!)}"${soon ? ' data-soon="true"' : ''}>` +
      `${h(formatRelative(end.at, now))}</span>`
  }
  const lastUsed = key.lastUsedAt
    ? span(c.text, formatRelativeOrNever(key.lastUsedAt, now), formatDateTime(key.lastUsedAt))
    : span(`${c.text} ${c.dimmed}`, en.keys.never)
  // A profile's name, or its ID if the profiles did not come with the boot data (as the table does).
  const profileName = key.profileId ? (profileNames.get(key.profileId) ?? key.profileId) : ''
  const profile = profileName ? `<p class="${c.text} ${c.truncate}" data-full-text="${h(profileName)}">${h(profileName)}</p>` : span(`${c.text} ${c.dimmed}`, en.keys.noProfile)
  const toggleDisabled = availability('toggle', key, true).disabledReason !== undefined
  const cells: Record<KeyColumn, string> = {
    maskedKey: keyCell,
    status: status(key, now, successors.has(key.id)),
    expiresAt: expires,
    lastUsedAt: lastUsed,
    // A disabled switch is wrapped in the tooltip that says why, which sets a class.
    enabled: `<div${toggleDisabled ? ' class=""' : ''} style="display: flex;">${switchControl(key.enabled, `aria-label="${h(en.keys.enable(key.name))}" data-testid="key-enabled-switch"`, undefined, toggleDisabled)}</div>`,
    role: `<p class="${c.text}">${h(en.keys.roles[key.role as keyof typeof en.keys.roles] ?? key.role)}</p>`,
    profile,
    id: span(`${c.text} ${c.mono} ${c.dimmed}`, key.id),
    createdAt: span(c.text, formatDate(key.createdAt), formatDateTime(key.createdAt)),
  }
  return (
    `<tr class="m_4e7aa4fd mantine-Table-tr ${c.row}" data-with-row-border="true" data-hover="true" data-index="${index}" data-testid="key-row" data-key-id="${h(key.id)}" tabindex="0">` +
    cell(nameCell, 'name') +
    KEY_COLUMNS.filter((id) => !hidden.includes(id))
      .map((id) => cell(cells[id]))
      .join('') +
    cell(`<div style="display: flex; justify-content: center;">${subtleMenuButton(en.keys.menu(key.name), 'key-menu', icon('dots', 16, 2))}</div>`, 'actions') +
    `</tr>`
  )
}

/** The key table; `partial` while `keys` are only the newest of `total`. */
function keysTable(keys: Key[], total: number, profiles: Profile[], ctx: FirstScreenContext): string {
  const partial = keys.length < total
  const profileNames = new Map(profiles.map((p) => [p.id, p.name]))
  const successors = newKeysOfRotations(keys)
  const shown = initialRowCount(keys.length, ctx.windowHeight)
  // Newest first, as the table sorts (ties in the list's order).
  const sorted = keys
    .map((key, i) => ({ key, i, t: toMillis(key.createdAt, 0) }))
    .sort((a, b) => b.t - a.t || a.i - b.i)
    .map((e) => e.key)
  const rest = (keys.length - shown) * ROW_HEIGHT
  const hidden = ctx.hiddenColumns
  const cols = [...shownColumns(hidden), 'actions'].map((id) => (WIDTHS[id] ? `<col style="width: ${WIDTHS[id]}px;">` : '<col>')).join('')
  const rows = sorted
    .slice(0, shown)
    .map((key, i) => row(key, i, ctx.now, profileNames, hidden, successors))
    .join('')
  return (
    `<div class="${classes.root} m_6d731127 mantine-Stack-root" ${stack('0rem')}>` +
    filters(partial) +
    `<div class="${classes.scroller}" data-testid="keys-scroller">` +
    `<table class="${classes.table} m_b23fa0ef mantine-Table-table" data-testid="keys-table" aria-label="${h(en.keys.title)}" style="--table-horizontal-spacing: var(--mantine-spacing-sm); --table-vertical-spacing: ${sizeVar(6)}; min-width: ${tableMinWidth(hidden)}px;">` +
    `<colgroup>${cols}</colgroup>` +
    tableHead(partial, hidden) +
    `<tbody class="m_b2404537 mantine-Table-tbody">${rows}` +
    (rest > 0 ? `<tr aria-hidden="true"><td colspan="${shownColumns(hidden).length + 1}" style="height: ${rest}px; padding: 0px; border: 0px;"></td></tr>` : '') +
    `</tbody></table></div>` +
    `<p class="mantine-focus-auto ${classes.footer} m_b6d8b162 mantine-Text-root" data-size="xs" data-testid="key-count" style="--text-fz: var(--mantine-font-size-xs); --text-lh: var(--mantine-line-height-xs); padding-inline: var(--mantine-spacing-md); padding-block: ${sizeVar(6)}; color: var(--mantine-color-dimmed);">${h(partial ? en.filters.loadingRest(keys.length, total) : en.filters.showing(keys.length, keys.length))}${
      // As the app's table says its order when no header does (KeysTable).
      !partial && hidden.includes('createdAt') ? h(` · ${en.filters.newestFirst}`) : ''
    }</p>` +
    `</div>`
  )
}

/**
 * The first screen for the boot data, or undefined when React's first render
 * would not show a key table from it: no boot data, a workspace other than the
 * one shown first, no keys, or a state this renderer leaves to React
 * (read-only, offline). The table is the whole list when the boot page holds
 * every key (seedFromBoot takes it as such), else its top while the rest loads.
 */
export function renderFirstScreen(boot: Boot | null | undefined, ctx: FirstScreenContext, dark: boolean): string | undefined {
  // In the sidebar's order: the app opens the first of it.
  const workspaces = sortWorkspaces(boot?.workspaces ?? [])
  const first = boot?.firstKeys
  // The app opens the workspace shown last if it is still there, else the first.
  const ws = workspaces.find((w) => w.id === ctx.lastWorkspaceId) ?? workspaces[0]
  if (!ws || !first || first.limit !== FIRST_KEYS || first.workspaceId !== ws.id) return undefined
  const keys = first.page.keys ?? []
  if (keys.length === 0) return undefined
  // React's table disables every change then: only the common case is drawn ahead of it.
  if (!ws.canManage || changeBlockedReason(ws) !== undefined) return undefined
  return (
    ctx.themeCss +
    `<div class="m_89ab340 mantine-AppShell-root" data-mode="fixed" style="--app-shell-transition-duration: 200ms; --app-shell-transition-timing-function: ease;">` +
    header(ctx, dark) +
    navbar(workspaces, ws.id) +
    `<main class="m_8983817 mantine-AppShell-main" style="display: flex; flex-direction: column; height: 100dvh; min-height: 560px;">` +
    `<div class="m_6d731127 mantine-Stack-root" ${stack('var(--mantine-spacing-md)', ' flex: 1 1 0%; min-height: 0px; width: 100%; max-width: calc(100rem * var(--mantine-scale));')}>` +
    workspaceHeader(ws, ctx.now) +
    `<div class="m_89d60db1 mantine-Tabs-root" data-variant="default" data-orientation="horizontal" style="--tabs-radius: var(--mantine-radius-default); --tabs-color: var(--mantine-color-indigo-filled); display: flex; flex-direction: column; flex: 1 1 0%; min-height: 0px;">` +
    tabs() +
    `<div class="m_b0c91715 mantine-Tabs-panel" data-orientation="horizontal" role="tabpanel" style="display: flex; ${PANEL_STYLE}">` +
    `<div class="m_1b7284a3 mantine-Paper-root" data-with-border="true" style="--paper-radius: var(--mantine-radius-md); display: flex; flex-direction: column; flex: 1 0 auto; min-height: 0px; overflow: hidden;">` +
    panelHeader() +
    keysTable(keys, first.page.total, first.profiles ?? [], ctx) +
    `</div></div>` +
    `<div class="m_b0c91715 mantine-Tabs-panel" data-orientation="horizontal" role="tabpanel" style="display: none; ${PANEL_STYLE}"></div>`.repeat(2) +
    `</div></div></main></div>`
  )
}
