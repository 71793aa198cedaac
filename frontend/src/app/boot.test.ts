import { describe, expect, it } from 'vitest'
import type { Key, Profile, Workspace } from '../api'
import { FIRST_KEYS } from '../features/keys/tableLayout'
import { seedFromBoot, type Boot } from './boot'
import { createQueryClient } from './queryClient'
import { queryKeys } from './queryKeys'

const workspace = { id: 'wsl_1', name: 'Local', kind: 'local' } as Workspace
const key = { id: 'key_1', name: 'ci' } as Key

function windowWith(boot: Boot | null | undefined) {
  return { __KEYDESK_BOOT__: boot } as Window
}

describe('seedFromBoot', () => {
  it('puts the workspaces and the first keys in the cache, once', () => {
    const client = createQueryClient()
    const win = windowWith({
      workspaces: [workspace],
      firstKeys: { workspaceId: 'wsl_1', limit: FIRST_KEYS, page: { keys: [key], total: 7 } },
    })
    seedFromBoot(client, win)
    expect(client.getQueryData(queryKeys.workspaces)).toEqual([workspace])
    expect(client.getQueryData(queryKeys.firstKeys('wsl_1'))).toEqual({ keys: [key], total: 7 })
    // Only the top of the list: the whole list is still to be asked for.
    expect(client.getQueryData(queryKeys.keys('wsl_1'))).toBeUndefined()
    expect(win.__KEYDESK_BOOT__).toBeUndefined()
  })

  it('puts the profiles in the cache when the boot data has them', () => {
    const profile = { id: 'prof_1', name: 'Billing' } as Profile
    const client = createQueryClient()
    seedFromBoot(client, windowWith({ workspaces: [workspace], firstKeys: { workspaceId: 'wsl_1', limit: FIRST_KEYS, page: { keys: [key], total: 7 }, profiles: [profile] } }))
    expect(client.getQueryData(queryKeys.profiles('wsl_1'))).toEqual([profile])
    const older = createQueryClient()
    seedFromBoot(older, windowWith({ workspaces: [workspace], firstKeys: { workspaceId: 'wsl_1', limit: FIRST_KEYS, page: { keys: [key], total: 7 } } }))
    expect(older.getQueryData(queryKeys.profiles('wsl_1'))).toBeUndefined()
  })

  it('takes a page that holds every key as the whole list', () => {
    const client = createQueryClient()
    seedFromBoot(client, windowWith({ workspaces: [workspace], firstKeys: { workspaceId: 'wsl_1', limit: FIRST_KEYS, page: { keys: [key], total: 1 } } }))
    expect(client.getQueryData(queryKeys.keys('wsl_1'))).toEqual([key])
  })

  it('reads Go nulls as empty lists', () => {
    const client = createQueryClient()
    seedFromBoot(client, windowWith({ workspaces: null, firstKeys: { workspaceId: 'wsl_1', limit: FIRST_KEYS, page: { keys: null, total: 0 } } }))
    expect(client.getQueryData(queryKeys.workspaces)).toEqual([])
    expect(client.getQueryData(queryKeys.firstKeys('wsl_1'))).toEqual({ keys: [], total: 0 })
    expect(client.getQueryData(queryKeys.keys('wsl_1'))).toEqual([])
  })

  it('leaves the cache empty without boot data, and ignores a page of another length', () => {
    for (const boot of [null, undefined]) {
      const client = createQueryClient()
      seedFromBoot(client, windowWith(boot))
      expect(client.getQueryCache().getAll()).toHaveLength(0)
    }
    const client = createQueryClient()
    seedFromBoot(client, windowWith({ workspaces: [workspace], firstKeys: { workspaceId: 'wsl_1', limit: FIRST_KEYS - 1, page: { keys: [key], total: 7 } } }))
    expect(client.getQueryData(queryKeys.firstKeys('wsl_1'))).toBeUndefined()
  })
})
