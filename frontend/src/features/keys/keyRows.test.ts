import type { Row } from '@tanstack/react-table'
import { describe, expect, it } from 'vitest'
import { makeKey } from '../../test/fixtures'
import { noFilters } from './filters'
import { foldText, matchesFilters, naturalSortKey, SORT, toKeyRow, type Features, type KeyRow } from './keyRows'

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

  it('ignores accents and case, and keeps numbers in order', () => {
    const names = ['zulu', 'Écho 10', 'delta', 'écho 9', 'Foxtrot', 'charlie 10', 'charlie 9', 'Ångström']
    const sorted = [...names].sort((a, b) => (naturalSortKey(a) < naturalSortKey(b) ? -1 : 1))
    expect(sorted).toEqual(['Ångström', 'charlie 9', 'charlie 10', 'delta', 'écho 9', 'Écho 10', 'Foxtrot', 'zulu'])
    expect(naturalSortKey('Écho')).toBe(naturalSortKey('echo'))
    // The same letter, composed or as e + a combining accent.
    expect(naturalSortKey('Cafe\u0301')).toBe(naturalSortKey('CAFÉ'))
  })
})

describe('foldText', () => {
  it('lowercases and drops accents, leaving other characters as they are', () => {
    expect(foldText('Écho Ünïcödé Ñandú')).toBe('echo unicode nandu')
    expect(foldText('kd_ABcd…0001')).toBe('kd_abcd…0001')
    expect(foldText('İstanbul')).toBe('istanbul')
    expect(foldText('plain-ascii_42')).toBe('plain-ascii_42')
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

  it('searches a hidden key ID or masked key only for text that starts like one', () => {
    const rows = [makeKey({ id: 'key_AbcZzZ', name: 'deploy', maskedKey: 'kd_1234…wxyz' })].map((key) => toKeyRow(key, ''))
    const found = (text: string, id: boolean, maskedKey = true) =>
      rows.filter((r) => matchesFilters(r, noFilters, foldText(text), { id, maskedKey })).length
    expect(found('zzz', true)).toBe(1)
    expect(found('zzz', false)).toBe(0) // nothing on screen says why it matched
    expect(found('key_abczzz', false)).toBe(1) // a pasted ID still finds its key
    expect(found('deploy', false, false)).toBe(1)
    expect(found('wxyz', false)).toBe(1)
    expect(found('wxyz', false, false)).toBe(0) // the Key column is left out (a narrow window)
    expect(found('kd_1234', false, false)).toBe(1) // a pasted key still finds it
  })

  it('sorts and searches names ignoring accents', () => {
    const rows = [
      makeKey({ id: 'key_z', name: 'zulu' }),
      makeKey({ id: 'key_e', name: 'Écho' }),
      makeKey({ id: 'key_d', name: 'delta' }),
      makeKey({ id: 'key_f', name: 'foxtrot' }),
    ].map((key) => toKeyRow(key, ''))
    expect(sortBy(rows, SORT.name).map((r) => r.name)).toEqual(['delta', 'Écho', 'foxtrot', 'zulu'])
    const found = (text: string) => rows.filter((r) => matchesFilters(r, noFilters, foldText(text))).map((r) => r.id)
    expect(found('echo')).toEqual(['key_e'])
    expect(found('ÉCH')).toEqual(['key_e'])
    expect(found('zülu')).toEqual(['key_z'])
  })

  it('sorts the profile column ignoring accents too', () => {
    const rows = [
      toKeyRow(makeKey({ id: 'key_1' }), 'Zahlung'),
      toKeyRow(makeKey({ id: 'key_2' }), 'Élan'),
      toKeyRow(makeKey({ id: 'key_3' }), 'Amber'),
    ]
    expect(sortBy(rows, SORT.profile).map((r) => r.id)).toEqual(['key_3', 'key_2', 'key_1'])
  })

  // 10,000 keys: the first sort by name and the first search make every text
  // key; both must stay well within a frame or two even with accents about.
  it('sorts and searches 10,000 keys, some with accents, quickly', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) =>
      toKeyRow(makeKey({ id: `key_${i}`, name: i % 3 ? `service ${i}` : `Sérvice ${i}`, maskedKey: `kd_Ab${i}…cd${i}` }), ''),
    )
    const started = performance.now()
    const sorted = sortBy(rows, SORT.name)
    const found = rows.filter((r) => matchesFilters(r, noFilters, foldText('service 99')))
    const took = performance.now() - started
    expect(sorted.slice(0, 3).map((r) => r.name)).toEqual(['Sérvice 0', 'service 1', 'service 2'])
    expect(found).toHaveLength(111)
    expect(took).toBeLessThan(1000)
  })
})

describe('the status filter', () => {
  it('finds every switched-off key under Inactive, an expired one too', () => {
    const rows = [
      makeKey({ id: 'key_on', status: 'active' }),
      makeKey({ id: 'key_off', status: 'inactive', enabled: false }),
      makeKey({ id: 'key_off_expired', status: 'expired', enabled: false }),
      makeKey({ id: 'key_expired', status: 'expired' }),
      makeKey({ id: 'key_rotated_out', status: 'inactive' }),
    ].map((key) => toKeyRow(key, ''))
    const shown = (status: typeof noFilters.status, hideExpired = false) =>
      rows.filter((r) => matchesFilters(r, { ...noFilters, status, hideExpired }, '')).map((r) => r.id)
    expect(shown('inactive')).toEqual(['key_off', 'key_off_expired', 'key_rotated_out'])
    expect(shown('expired')).toEqual(['key_off_expired', 'key_expired'])
    expect(shown('active')).toEqual(['key_on'])
    expect(shown('inactive', true)).toEqual(['key_off', 'key_rotated_out'])
  })
})
