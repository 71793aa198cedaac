package app

import (
	"github.com/keydesk/keydesk/backend/desk"
)

// WorkspacesAPI is the sidebar: the workspaces, their connection and sync.
type WorkspacesAPI struct {
	app *App
}

// List returns every workspace, Local first.
func (w *WorkspacesAPI) List() ([]Workspace, error) {
	d, ctx, cancel, err := w.app.call()
	if err != nil {
		return nil, err
	}
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
	d, ctx, cancel, err := w.app.call()
	if err != nil {
		return Workspace{}, err
	}
	defer cancel()
	_ = d.Sync(ctx, workspaceID)
	ws, err := d.Workspace(ctx, workspaceID)
	return workspaceView(ws), wrap(err)
}

// TestConnection checks a server URL and access key, and says what the key
// may do; like Add, it refuses a workspace that Keydesk has already, other
// than workspaceID, the one being edited ("" when adding one).
func (w *WorkspacesAPI) TestConnection(workspaceID string, req WorkspaceRequest) (ConnectionInfo, error) {
	d, ctx, cancel, err := w.app.call()
	if err != nil {
		return ConnectionInfo{}, err
	}
	defer cancel()
	who, _, err := d.TestConnection(ctx, workspaceID, connection(req))
	if err != nil {
		return ConnectionInfo{}, wrap(err)
	}
	return ConnectionInfo{WorkspaceID: who.WorkspaceID, WorkspaceName: who.WorkspaceName, Role: who.Role, KeyName: who.KeyName, CanManage: who.Role == "admin"}, nil
}

// Add adds a remote workspace after testing the connection.
func (w *WorkspacesAPI) Add(req WorkspaceRequest) (Workspace, error) {
	d, ctx, cancel, err := w.app.call()
	if err != nil {
		return Workspace{}, err
	}
	defer cancel()
	ws, err := d.AddWorkspace(ctx, connection(req))
	return workspaceView(ws), wrap(err)
}

// Update changes how a remote workspace is reached.
func (w *WorkspacesAPI) Update(workspaceID string, req WorkspaceRequest) (Workspace, error) {
	d, ctx, cancel, err := w.app.call()
	if err != nil {
		return Workspace{}, err
	}
	defer cancel()
	ws, err := d.UpdateWorkspace(ctx, workspaceID, connection(req))
	return workspaceView(ws), wrap(err)
}

// Remove forgets a remote workspace on this computer.
func (w *WorkspacesAPI) Remove(workspaceID string) error {
	d, ctx, cancel, err := w.app.call()
	if err != nil {
		return err
	}
	defer cancel()
	return wrap(d.RemoveWorkspace(ctx, workspaceID))
}

// Reorder puts the workspaces in the sidebar in this order.
func (w *WorkspacesAPI) Reorder(workspaceIDs []string) error {
	d, ctx, cancel, err := w.app.call()
	if err != nil {
		return err
	}
	defer cancel()
	return wrap(d.ReorderWorkspaces(ctx, workspaceIDs))
}

func connection(req WorkspaceRequest) desk.Connection {
	return desk.Connection{ServerURL: req.ServerURL, WorkspaceID: req.WorkspaceID, AccessKey: req.AccessKey, AllowInsecure: req.AllowInsecure, CAFile: req.CAFile}
}

func workspaceView(ws desk.WorkspaceView) Workspace {
	if ws.ID == "" {
		return Workspace{}
	}
	return Workspace{
		ID: ws.ID, Name: ws.Name, Kind: ws.Kind, ServerURL: ws.ServerURL, WorkspaceID: ws.RemoteID,
		Role: ws.Role, Online: ws.OfflineSince == nil, OfflineSince: formatTimePtr(ws.OfflineSince),
		LastSyncedAt: formatTimePtr(ws.LastSyncedAt), LastError: ws.LastError, SyncProblem: ws.SyncProblem, KeyCount: ws.KeyCount,
		CanManage: ws.Role == "admin", AllowInsecure: ws.AllowInsecure, CAFile: ws.CAFile,
		MaxExpiryDays: ws.MaxExpiryDays, AllowNeverExpires: ws.AllowNeverExpires,
	}
}
