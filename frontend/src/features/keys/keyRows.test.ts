import type { Row } from '@tanstack/react-table'
import { describe, expect, it } from 'vitest'
import { makeKey } from '../../test/fixtures'
import { noFilters } from './filters'
import { matchesFilters, naturalSortKey, SORT, toKeyRow, type Features, type KeyRow } from './keyRows'

/** Sorts rows as the table does, ascending, with one of its sort functions. */
function sortBy(rows: KeyRow[], sort: (a: Row<Features, KeyRow>, b: Row<Features, KeyRow>, id: string) => number) {
  const asRow = (original: KeyRow) => ({ original }) as Row<Features, KeyRow>
  return [...rows].sort((a, b) => sort(asRow(a), asRow(b), 'column'))
}

describe('naturalSortKey', () => {
  it('orders numbers by value, case-insensitively', () => {
    const names = ['key10', 'Key2', 'key1', 'b', 'A3', 'a20']
    const sorted = [...names].sort((a, b) => (naturalSortKey(a) < naturalSortKey(b) ? -1 : 1))
    expect(sorted).toEqual(['A3', 'a20', 'b', 'key1', 'Key2', 'key10'])
    expect(naturalSortKey('a01')).toBe(naturalSortKey('A1'))
  })
})

describe('key rows', () => {
  const keys = [
    makeKey({ id: 'key_1', name: 'Billing 10', maskedKey: 'kd_ABcd…0001', status: 'inactive' }),
    makeKey({ id: 'key_2', name: 'billing 9', maskedKey: 'kd_EFgh…0002', status: 'active', rotating: true }),
    makeKey({ id: 'key_3', name: 'Search', maskedKey: 'kd_IJkl…0003', status: 'active' }),
    makeKey({ id: 'key_4', name: 'old', maskedKey: 'kd_MNop…0004', status: 'expired' }),
  ]

  // With 10,000 keys, every text key made up front cost 13 MB of the
  // desktop's web process: each is made when first needed, and kept.
  it('makes a column’s text sort keys on the first sort by it, and the search text on the first search', () => {
    const rows = keys.map((key) => toKeyRow(key, ''))
    for (const row of rows) {
      expect(Object.values(row.sortKeys).filter((v) => typeof v === 'string')).toEqual([])
      expect(row.searchText).toBeUndefined()
    }

    expect(sortBy(rows, SORT.name).map((r) => r.name)).toEqual(['billing 9', 'Billing 10', 'old', 'Search'])
    for (const row of rows) {
      expect(row.sortKeys.name).toBe(naturalSortKey(row.name))
      expect([row.sortKeys.id, row.sortKeys.maskedKey, row.sortKeys.status, row.sortKeys.profile]).toEqual([
        undefined,
        undefined,
        undefined,
        undefined,
      ])
      expect(row.searchText).toBeUndefined()
    }
    // Sorting again by the same column reuses the keys.
    const made = rows.map((r) => r.sortKeys.name)
    sortBy(rows, SORT.name)
    expect(rows.map((r) => r.sortKeys.name)).toEqual(made)

    expect(rows.filter((r) => matchesFilters(r, noFilters, 'billing')).map((r) => r.id)).toEqual(['key_1', 'key_2'])
    for (const row of rows) expect(row.searchText).toBeDefined()
  })

  it('sorts rotating keys next to the active ones', () => {
    const rows = keys.map((key) => toKeyRow(key, ''))
    expect(sortBy(rows, SORT.status).map((r) => r.id)).toEqual(['key_3', 'key_2', 'key_4', 'key_1'])
  })

  it('searches name, key ID and masked key, case-insensitively', () => {
    const rows = keys.map((key) => toKeyRow(key, ''))
    const found = (text: string) => rows.filter((r) => matchesFilters(r, noFilters, text)).map((r) => r.id)
    expect(found('search')).toEqual(['key_3'])
    expect(found('key_4')).toEqual(['key_4'])
    expect(found('kd_efgh')).toEqual(['key_2'])
    expect(found('nothing like it')).toEqual([])
    expect(found('')).toEqual(['key_1', 'key_2', 'key_3', 'key_4'])
  })
})
