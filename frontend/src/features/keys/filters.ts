// What the filter bar above the key table holds. The table turns it into
// TanStack Table column and global filters.
export const STATUS_FILTERS = ['all', 'active', 'inactive', 'expired'] as const
export type StatusFilter = (typeof STATUS_FILTERS)[number]

export interface KeyFilterState {
  /** Matches name, key ID or masked key. */
  text: string
  status: StatusFilter
  /** null: every role. */
  role: string | null
  /** null: every profile; NO_PROFILE: keys without one. */
  profile: string | null
  hideExpired: boolean
}

export const noFilters: KeyFilterState = { text: '', status: 'all', role: null, profile: null, hideExpired: false }

export function isFiltered(f: KeyFilterState): boolean {
  return f.text.trim() !== '' || f.status !== 'all' || f.role !== null || f.profile !== null || f.hideExpired
}
