import * as ProfilesAPI from '../../wailsjs/go/app/ProfilesAPI'
import { app } from '../../wailsjs/go/models'
import { call } from './errors'
import type { Profile, ProfileKeysAction, ProfileRequest } from './types'

/** The workspace's profiles as cached, by name; works offline. */
export function listProfiles(workspaceId: string): Promise<Profile[]> {
  // Go marshals a nil slice as null.
  return call(async () => (await ProfilesAPI.List(workspaceId)) ?? [])
}

export function createProfile(workspaceId: string, req: ProfileRequest): Promise<Profile> {
  // createFrom keeps the nulls, which the Go side reads as "none".
  return call(() => ProfilesAPI.Create(workspaceId, app.ProfileRequest.createFrom(req)))
}

/** Replaces every field of the profile with the form's; null clears one. */
export function updateProfile(workspaceId: string, profileId: string, req: ProfileRequest): Promise<Profile> {
  return call(() => ProfilesAPI.Update(workspaceId, profileId, app.ProfileRequest.createFrom(req)))
}

/**
 * Deletes a profile. keysAction "detach" keeps its keys without a profile,
 * "delete" deletes them too; "" rejects with conflict while any key uses it.
 */
/**
 * Deletes a profile; expectKeys is how many keys the user was shown using it:
 * the server refuses (conflict) if another number does, so no key goes that
 * nobody saw counted.
 */
export function deleteProfile(workspaceId: string, profileId: string, keysAction: ProfileKeysAction, expectKeys: number): Promise<void> {
  return call(() => ProfilesAPI.Delete(workspaceId, profileId, keysAction, expectKeys))
}
