package desk

import (
	"context"
	"errors"
	"fmt"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/client"
)

// Keys returns the cached keys of a workspace, newest first. It reads only
// the cache, so it works offline.
func (d *Desk) Keys(ctx context.Context, workspaceID string) ([]CachedKey, error) {
	if _, err := d.workspace(workspaceID); err != nil {
		return nil, err
	}
	var out []CachedKey
	err := d.db.WithContext(ctx).Where("workspace_id = ?", workspaceID).Order("created_at DESC, id").Find(&out).Error
	return out, err
}

// CreateKey creates a key on the workspace's server and syncs the cache.
// The returned secret is shown once and never stored by the desk.
func (d *Desk) CreateKey(ctx context.Context, workspaceID string, req api.CreateKeyRequest) (api.CreatedKey, error) {
	var created api.CreatedKey
	err := d.mutate(ctx, workspaceID, "Creating a key", func(c *client.Client, ws Workspace) (err error) {
		created, err = c.CreateKey(ctx, ws.RemoteID, req)
		return err
	})
	return created, err
}

// ErrOwnAccessKey protects the key the desktop itself signs in with.
var ErrOwnAccessKey = errors.New("this is the key Keydesk itself uses to reach this workspace; deleting it would lock the app out")

// DeleteKey deletes a key on the server and syncs the cache.
func (d *Desk) DeleteKey(ctx context.Context, workspaceID, keyID string) error {
	ws, err := d.workspace(workspaceID)
	if err != nil {
		return err
	}
	if keyID == ws.AccessKeyID {
		return ErrOwnAccessKey
	}
	return d.mutate(ctx, workspaceID, "Deleting a key", func(c *client.Client, ws Workspace) error {
		return c.DeleteKey(ctx, ws.RemoteID, keyID)
	})
}

// mutate runs one server call and then syncs, so the table shows the change
// at once. Nothing is queued offline: the server creates secrets.
func (d *Desk) mutate(ctx context.Context, workspaceID, what string, call func(*client.Client, Workspace) error) error {
	ws, err := d.workspace(workspaceID)
	if err != nil {
		return err
	}
	c, err := d.client(ws)
	if err != nil {
		return err
	}
	if err := call(c, ws); err != nil {
		if errors.Is(err, client.ErrUnreachable) {
			_ = d.recordFailure(ws, err)
			return fmt.Errorf("%w: %s needs the server %s, which cannot be reached right now. Your cached keys stay readable; try again when it is back", ErrOffline, what, d.serverURL(ws))
		}
		return err
	}
	if err := d.Sync(ctx, workspaceID); err != nil {
		d.opts.Log.Warn("sync after a change failed", "workspace", workspaceID, "err", err)
	}
	return nil
}
