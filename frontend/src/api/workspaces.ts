import * as WorkspacesAPI from '../../wailsjs/go/app/WorkspacesAPI'
import { call } from './errors'
import type { Workspace } from './types'

export function listWorkspaces(): Promise<Workspace[]> {
  return call(async () => (await WorkspacesAPI.List()) ?? [])
}

/** Syncs one workspace now and returns its status afterwards. */
export function syncWorkspace(workspaceId: string): Promise<Workspace> {
  return call(() => WorkspacesAPI.Sync(workspaceId))
}
