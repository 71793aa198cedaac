import type { SortingState } from '@tanstack/react-table'
import { noFilters, type KeyFilterState } from './filters'

/** The table's own order: newest first. */
export const DEFAULT_SORTING: SortingState = [{ id: 'createdAt', desc: true }]

/** How a workspace's key table is filtered and sorted. */
export interface KeyTableView {
  filters: KeyFilterState
  sorting: SortingState
}

/**
 * How the user left each workspace's key table, for as long as the app
 * runs: the Keys tab is unmounted while another tab shows, and coming back
 * to it reset the sort and the filters.
 */
const views = new Map<string, KeyTableView>()

export function viewOf(workspaceId: string): KeyTableView {
  return views.get(workspaceId) ?? { filters: noFilters, sorting: DEFAULT_SORTING }
}

export function rememberView(workspaceId: string, view: KeyTableView): void {
  views.set(workspaceId, view)
}

/** Forgets every table's view (tests, each starting from the defaults). */
export function forgetViews(): void {
  views.clear()
}
