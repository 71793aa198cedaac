import * as WorkspacesAPI from '../../wailsjs/go/app/WorkspacesAPI'
import { app } from '../../wailsjs/go/models'
import { call } from './errors'
import type { ConnectionInfo, Workspace, WorkspaceRequest } from './types'

export function listWorkspaces(): Promise<Workspace[]> {
  return call(async () => (await WorkspacesAPI.List()) ?? [])
}

/** Syncs one workspace now and returns its status afterwards. */
export function syncWorkspace(workspaceId: string): Promise<Workspace> {
  return call(() => WorkspacesAPI.Sync(workspaceId))
}

/**
 * Checks a server URL and access key without saving anything. Like adding,
 * it refuses a workspace that is added already, other than `workspaceId`,
 * the one being edited ('' when adding one).
 */
export function testConnection(workspaceId: string, req: WorkspaceRequest): Promise<ConnectionInfo> {
  return call(() => WorkspacesAPI.TestConnection(workspaceId, app.WorkspaceRequest.createFrom(req)))
}

export function addWorkspace(req: WorkspaceRequest): Promise<Workspace> {
  return call(() => WorkspacesAPI.Add(app.WorkspaceRequest.createFrom(req)))
}

/** Changes how a remote workspace is reached; an empty accessKey keeps the stored one. */
export function updateWorkspace(workspaceId: string, req: WorkspaceRequest): Promise<Workspace> {
  return call(() => WorkspacesAPI.Update(workspaceId, app.WorkspaceRequest.createFrom(req)))
}

/** Forgets a remote workspace on this computer; the server is not touched. */
export function removeWorkspace(workspaceId: string): Promise<void> {
  return call(() => WorkspacesAPI.Remove(workspaceId))
}

/** Puts the sidebar in this order. */
export function reorderWorkspaces(workspaceIds: string[]): Promise<void> {
  return call(() => WorkspacesAPI.Reorder(workspaceIds))
}
