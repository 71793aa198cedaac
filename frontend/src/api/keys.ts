import * as KeysAPI from '../../wailsjs/go/app/KeysAPI'
import { app } from '../../wailsjs/go/models'
import { call } from './errors'
import type { CreatedKey, CreateKeyRequest, Key } from './types'

export function listKeys(workspaceId: string): Promise<Key[]> {
  // Go marshals a nil slice as null.
  return call(async () => (await KeysAPI.List(workspaceId)) ?? [])
}

export function createKey(workspaceId: string, req: CreateKeyRequest): Promise<CreatedKey> {
  // createFrom keeps expiresInDays: null, which the Go side reads as "never".
  return call(() => KeysAPI.Create(workspaceId, app.CreateKeyRequest.createFrom(req)))
}

export function deleteKey(workspaceId: string, keyId: string): Promise<void> {
  return call(() => KeysAPI.Delete(workspaceId, keyId))
}
