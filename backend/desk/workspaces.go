package desk

import (
	"context"
)

// WorkspaceView is a workspace with what the sidebar shows about it.
type WorkspaceView struct {
	Workspace
	KeyCount int
}

// sidebarOrder is the order of the sidebar: Local first, then as arranged.
const sidebarOrder = "kind = 'local' DESC, position, created_at"

// Workspaces lists the workspaces in sidebar order, Local first.
func (d *Desk) Workspaces(ctx context.Context) ([]WorkspaceView, error) {
	var list []Workspace
	if err := d.db.WithContext(ctx).Order(sidebarOrder).Find(&list).Error; err != nil {
		return nil, err
	}
	var counts []struct {
		WorkspaceID string
		N           int
	}
	if err := d.db.WithContext(ctx).Model(&CachedKey{}).Select("workspace_id, COUNT(*) AS n").Group("workspace_id").Scan(&counts).Error; err != nil {
		return nil, err
	}
	byID := make(map[string]int, len(counts))
	for _, c := range counts {
		byID[c.WorkspaceID] = c.N
	}
	out := make([]WorkspaceView, len(list))
	for i, ws := range list {
		ws.ServerURL = d.serverURL(ws)
		out[i] = WorkspaceView{Workspace: ws, KeyCount: byID[ws.ID]}
	}
	return out, nil
}

// Workspace returns one workspace as the sidebar shows it.
func (d *Desk) Workspace(ctx context.Context, id string) (WorkspaceView, error) {
	ws, err := d.workspace(id)
	if err != nil {
		return WorkspaceView{}, err
	}
	var n int64
	if err := d.db.WithContext(ctx).Model(&CachedKey{}).Where("workspace_id = ?", id).Count(&n).Error; err != nil {
		return WorkspaceView{}, err
	}
	ws.ServerURL = d.serverURL(ws)
	return WorkspaceView{Workspace: ws, KeyCount: int(n)}, nil
}

// workspaceNames names workspaces by id, for the reminders' notifications.
func (d *Desk) workspaceNames(ctx context.Context, ids []string) (map[string]string, error) {
	var list []Workspace
	if err := d.db.WithContext(ctx).Select("id", "name").Where("id IN ?", ids).Find(&list).Error; err != nil {
		return nil, err
	}
	names := make(map[string]string, len(list))
	for _, ws := range list {
		names[ws.ID] = ws.Name
	}
	return names, nil
}
