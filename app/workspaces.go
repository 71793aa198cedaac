package app

import (
	"github.com/keydesk/keydesk/backend/desk"
)

// WorkspacesAPI is the sidebar: the workspaces and their sync state.
type WorkspacesAPI struct {
	app *App
}

// List returns every workspace, Local first.
func (w *WorkspacesAPI) List() ([]Workspace, error) {
	d, err := w.app.started()
	if err != nil {
		return nil, err
	}
	ctx, cancel := callContext()
	defer cancel()
	list, err := d.Workspaces(ctx)
	if err != nil {
		return nil, wrap(err)
	}
	out := make([]Workspace, len(list))
	for i, ws := range list {
		out[i] = workspaceView(ws)
	}
	return out, nil
}

// Sync syncs one workspace now ("Sync now") and returns its new state. A
// failed sync is not an error here: the workspace's state says what failed.
func (w *WorkspacesAPI) Sync(workspaceID string) (Workspace, error) {
	d, err := w.app.started()
	if err != nil {
		return Workspace{}, err
	}
	ctx, cancel := callContext()
	defer cancel()
	_ = d.Sync(ctx, workspaceID)
	ws, err := d.Workspace(ctx, workspaceID)
	if err != nil {
		return Workspace{}, wrap(err)
	}
	return workspaceView(ws), nil
}

func workspaceView(ws desk.WorkspaceView) Workspace {
	return Workspace{
		ID: ws.ID, Name: ws.Name, Kind: ws.Kind, ServerURL: ws.ServerURL, WorkspaceID: ws.RemoteID,
		Role: ws.Role, Online: ws.OfflineSince == nil, OfflineSince: formatTimePtr(ws.OfflineSince),
		LastSyncedAt: formatTimePtr(ws.LastSyncedAt), LastError: ws.LastError, KeyCount: ws.KeyCount,
	}
}
