import type { QueryClient } from '@tanstack/react-query'
import type { Key, KeyPage, Profile, Workspace } from '../api'
import { FIRST_KEYS } from '../features/keys/tableLayout'
import { queryKeys } from './queryKeys'

/**
 * What the desktop puts in window.__KEYDESK_BOOT__ (through /boot.js, see
 * app/boot.go) before the bundle runs: the workspaces, and the first keys
 * and the profiles of the one the app opens. Null or absent elsewhere (the
 * browser bridge when the backend was slow, Vite's dev server, tests).
 */
export interface Boot {
  workspaces: Workspace[] | null
  firstKeys?: {
    workspaceId: string
    limit: number
    page: { keys: KeyPage['keys'] | null; total: number }
    /** The workspace's profiles (the table shows their names); absent from older builds. */
    profiles?: Profile[] | null
  }
}

declare global {
  interface Window {
    __KEYDESK_BOOT__?: Boot | null
  }
}

/**
 * Puts the boot data in the query cache, so the first screen renders from
 * it instead of calling the backend. Used once: later loads ask again.
 */
export function seedFromBoot(queryClient: QueryClient, win: Window = window) {
  const boot = win.__KEYDESK_BOOT__
  win.__KEYDESK_BOOT__ = undefined
  if (!boot) return
  queryClient.setQueryData(queryKeys.workspaces, boot.workspaces ?? [])
  const first = boot.firstKeys
  // Only a page as long as the one useKeys asks for stands in for it.
  if (first && first.limit === FIRST_KEYS) {
    const keys = first.page.keys ?? []
    queryClient.setQueryData<KeyPage>(queryKeys.firstKeys(first.workspaceId), { keys, total: first.page.total })
    // A page that holds every key is the whole list (the same rows in the
    // same order as List): the table needs no call before it shows them.
    if (keys.length >= first.page.total) queryClient.setQueryData<Key[]>(queryKeys.keys(first.workspaceId), keys)
    if (first.profiles !== undefined) queryClient.setQueryData<Profile[]>(queryKeys.profiles(first.workspaceId), first.profiles ?? [])
  }
}
