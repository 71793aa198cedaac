import * as SettingsAPI from '../../wailsjs/go/app/SettingsAPI'
import { call } from './errors'
import type { Settings } from './types'

export function getSettings(): Promise<Settings> {
  return call(() => SettingsAPI.Get())
}

export function setSyncInterval(minutes: number): Promise<Settings> {
  return call(() => SettingsAPI.SetSyncInterval(minutes))
}

/** Keeps secrets in a passphrase-encrypted file, for computers without an OS keychain. */
export function enableEncryptedFile(passphrase: string): Promise<Settings> {
  return call(() => SettingsAPI.UseEncryptedFile(passphrase))
}

/** Tells the desktop which colour scheme the page shows, for its window's background at the next start. */
export function setWindowColorScheme(scheme: 'light' | 'dark'): Promise<void> {
  return call(() => SettingsAPI.SetColorScheme(scheme))
}
