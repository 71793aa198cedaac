package desk

import (
	"context"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/client"
)

// Profiles returns the cached profiles of a workspace.
func (d *Desk) Profiles(ctx context.Context, workspaceID string) ([]CachedProfile, error) {
	if _, err := d.workspace(workspaceID); err != nil {
		return nil, err
	}
	var out []CachedProfile
	err := d.db.WithContext(ctx).Where("workspace_id = ?", workspaceID).Order("LOWER(name), id").Find(&out).Error
	return out, err
}

// CreateProfile creates a profile on the workspace's server and syncs the
// cache.
func (d *Desk) CreateProfile(ctx context.Context, workspaceID string, req api.ProfileRequest) (api.Profile, error) {
	var out api.Profile
	err := d.mutate(ctx, workspaceID, "Creating a profile", func(c *client.Client, ws Workspace) (err error) {
		out, err = c.CreateProfile(ctx, ws.RemoteID, req)
		return err
	})
	return out, err
}

// UpdateProfile changes the fields of a profile that req sets.
func (d *Desk) UpdateProfile(ctx context.Context, workspaceID, id string, req api.ProfileRequest) (api.Profile, error) {
	var out api.Profile
	err := d.mutate(ctx, workspaceID, "Changing a profile", func(c *client.Client, ws Workspace) (err error) {
		out, err = c.PatchProfile(ctx, ws.RemoteID, id, req)
		return err
	})
	return out, err
}

// DeleteProfile deletes a profile. onKeys says what happens to the keys that
// use it: "detach" keeps them without a profile, "delete" deletes them, ""
// refuses while any key uses it.
func (d *Desk) DeleteProfile(ctx context.Context, workspaceID, id, onKeys string, expectKeys int) error {
	return d.mutate(ctx, workspaceID, "Deleting a profile", func(c *client.Client, ws Workspace) error {
		return c.DeleteProfile(ctx, ws.RemoteID, id, onKeys, expectKeys)
	})
}
