package desk

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/client"
	"github.com/keydesk/keydesk/backend/keys"
	"github.com/keydesk/keydesk/backend/secrets"
)

// Keys returns the cached keys of a workspace, newest first. It reads only
// the cache, so it works offline.
func (d *Desk) Keys(ctx context.Context, workspaceID string) ([]CachedKey, error) {
	if _, err := d.workspace(workspaceID); err != nil {
		return nil, err
	}
	var out []CachedKey
	err := d.db.WithContext(ctx).Where("workspace_id = ?", workspaceID).Order(keyTableOrder).Find(&out).Error
	return out, err
}

// keyTableOrder is the order of Keys: the key table's first sort (newest
// first), so that FirstKeys are the rows it shows at the top.
const keyTableOrder = "created_at DESC, id"

// FirstKeys returns the first limit keys in the order of Keys: enough to
// paint the key table while the rest loads.
func (d *Desk) FirstKeys(ctx context.Context, workspaceID string, limit int) ([]CachedKey, error) {
	if _, err := d.workspace(workspaceID); err != nil {
		return nil, err
	}
	var out []CachedKey
	err := d.db.WithContext(ctx).Where("workspace_id = ?", workspaceID).Order(keyTableOrder).Limit(limit).Find(&out).Error
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
var ErrOwnAccessKey = errors.New("this is the key Keydesk itself uses to reach this workspace; changing it would lock the app out")

// notOwnKey refuses actions that would lock the desktop out.
func (d *Desk) notOwnKey(workspaceID, keyID string) error {
	ws, err := d.workspace(workspaceID)
	if err != nil {
		return err
	}
	if keyID == ws.AccessKeyID {
		return ErrOwnAccessKey
	}
	return nil
}

// DeleteKey deletes a key on the server, forgets its remembered secret and
// syncs the cache.
func (d *Desk) DeleteKey(ctx context.Context, workspaceID, keyID string) error {
	if err := d.notOwnKey(workspaceID, keyID); err != nil {
		return err
	}
	return d.mutate(ctx, workspaceID, "Deleting a key", func(c *client.Client, ws Workspace) error {
		return c.DeleteKey(ctx, ws.RemoteID, keyID)
	})
}

// UpdateKey renames, enables or disables a key, or changes its profile.
func (d *Desk) UpdateKey(ctx context.Context, workspaceID, keyID string, req api.PatchKeyRequest) (api.Key, error) {
	if req.Enabled != nil && !*req.Enabled {
		if err := d.notOwnKey(workspaceID, keyID); err != nil {
			return api.Key{}, err
		}
	}
	var out api.Key
	err := d.mutate(ctx, workspaceID, "Changing a key", func(c *client.Client, ws Workspace) (err error) {
		out, err = c.PatchKey(ctx, ws.RemoteID, keyID, req)
		return err
	})
	return out, err
}

// RegenerateKey gives a key a new secret; a remembered old secret is
// forgotten, since it no longer works.
func (d *Desk) RegenerateKey(ctx context.Context, workspaceID, keyID string, req api.RegenerateRequest) (api.CreatedKey, error) {
	if err := d.notOwnKey(workspaceID, keyID); err != nil {
		return api.CreatedKey{}, err
	}
	var out api.CreatedKey
	err := d.mutate(ctx, workspaceID, "Regenerating a key", func(c *client.Client, ws Workspace) (err error) {
		out, err = c.RegenerateKey(ctx, ws.RemoteID, keyID, req)
		return err
	})
	if err == nil {
		_ = d.Forget(ctx, workspaceID, keyID)
	}
	return out, err
}

// RotateKey creates a successor and keeps the old key for the overlap.
func (d *Desk) RotateKey(ctx context.Context, workspaceID, keyID string, req api.RotateRequest) (api.RotatedKey, error) {
	if err := d.notOwnKey(workspaceID, keyID); err != nil {
		return api.RotatedKey{}, err
	}
	var out api.RotatedKey
	err := d.mutate(ctx, workspaceID, "Rotating a key", func(c *client.Client, ws Workspace) (err error) {
		out, err = c.RotateKey(ctx, ws.RemoteID, keyID, req)
		return err
	})
	return out, err
}

// CleanupCounts asks the server how many keys each clean-up choice would
// delete.
func (d *Desk) CleanupCounts(ctx context.Context, workspaceID string) (api.CleanupCounts, error) {
	var out api.CleanupCounts
	err := d.read(ctx, workspaceID, "Counting keys to clean up", func(c *client.Client, ws Workspace) (err error) {
		out, err = c.CleanupCounts(ctx, ws.RemoteID)
		return err
	})
	return out, err
}

// Cleanup deletes expired and/or revoked keys on the server: those of
// req.KeyIDs when it is set, in requests of at most api.MaxCleanupKeyIDs.
// It returns how many went, also when a later request fails.
func (d *Desk) Cleanup(ctx context.Context, workspaceID string, req api.CleanupRequest) (int64, error) {
	var deleted int64
	err := d.mutate(ctx, workspaceID, "Cleaning up keys", func(c *client.Client, ws Workspace) error {
		for _, batch := range cleanupBatches(req) {
			out, err := c.Cleanup(ctx, ws.RemoteID, batch)
			if err != nil {
				return err
			}
			deleted += out.Deleted
		}
		return nil
	})
	return deleted, err
}

// cleanupBatches splits a clean-up by its key IDs into requests the server takes.
func cleanupBatches(req api.CleanupRequest) []api.CleanupRequest {
	if len(req.KeyIDs) <= api.MaxCleanupKeyIDs {
		return []api.CleanupRequest{req}
	}
	var out []api.CleanupRequest
	for ids := range slices.Chunk(req.KeyIDs, api.MaxCleanupKeyIDs) {
		batch := req
		batch.KeyIDs = ids
		out = append(out, batch)
	}
	return out
}

// Audit reads a page of the workspace's audit log from the server: the
// events about keyID and of action, each when not "".
func (d *Desk) Audit(ctx context.Context, workspaceID, keyID, action string, pageIndex, pageSize int) (api.AuditList, error) {
	var out api.AuditList
	err := d.read(ctx, workspaceID, "Reading the audit log", func(c *client.Client, ws Workspace) (err error) {
		out, err = c.Audit(ctx, ws.RemoteID, keyID, action, pageIndex, pageSize)
		return err
	})
	return out, err
}

// Usage reads a key's daily use from the server.
func (d *Desk) Usage(ctx context.Context, workspaceID, keyID string, days int) (api.Usage, error) {
	var out api.Usage
	err := d.read(ctx, workspaceID, "Reading usage", func(c *client.Client, ws Workspace) (err error) {
		out, err = c.Usage(ctx, ws.RemoteID, keyID, days)
		return err
	})
	return out, err
}

// Remember keeps a key's secret in the keychain, after checking that it is
// that key's secret.
func (d *Desk) Remember(ctx context.Context, workspaceID, keyID, secret string) error {
	var k CachedKey
	if err := d.db.WithContext(ctx).Where("workspace_id = ? AND id = ?", workspaceID, keyID).Take(&k).Error; err != nil {
		return fmt.Errorf("key %s: %w", keyID, ErrUnknownKey)
	}
	secret = strings.TrimSpace(secret)
	if _, err := keys.ParseSecret(secret); err != nil {
		return secretFieldError("secret", err)
	}
	if keys.Mask(secret) != k.MaskedKey {
		return fieldError("secret", "does not match %s (%s): paste that key's own secret", k.Name, k.MaskedKey)
	}
	if err := d.secretStore().Set(secrets.RememberedKey(workspaceID, keyID), secret); err != nil {
		return err
	}
	return d.db.WithContext(ctx).Save(&Remembered{WorkspaceID: workspaceID, KeyID: keyID}).Error
}

// Forget removes a remembered secret from the keychain.
func (d *Desk) Forget(ctx context.Context, workspaceID, keyID string) error {
	if err := d.secretStore().Delete(secrets.RememberedKey(workspaceID, keyID)); err != nil {
		return err
	}
	return d.db.WithContext(ctx).Where("workspace_id = ? AND key_id = ?", workspaceID, keyID).Delete(&Remembered{}).Error
}

// RememberedSecret returns a remembered secret (for the key test).
func (d *Desk) RememberedSecret(workspaceID, keyID string) (string, error) {
	return d.secretStore().Get(secrets.RememberedKey(workspaceID, keyID))
}

// RememberedKeys lists the ids of a workspace's keys with a remembered secret.
// With a keychain that keeps nothing past a restart (memory), the table
// still lists the secrets of an earlier run: then only those the store holds
// now count (a lookup in memory). A persistent keychain is trusted without
// asking it about every key, also while it fails (its secrets are still in
// it, and come back with it).
func (d *Desk) RememberedKeys(ctx context.Context, workspaceID string) (map[string]bool, error) {
	var ids []string
	if err := d.db.WithContext(ctx).Model(&Remembered{}).Where("workspace_id = ?", workspaceID).Pluck("key_id", &ids).Error; err != nil {
		return nil, err
	}
	d.secretsMu.RLock()
	check := !d.opts.SecretsInfo.Persistent // as chosen, whatever failed since
	d.secretsMu.RUnlock()
	store := d.secretStore()
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		if check {
			if _, err := store.Get(secrets.RememberedKey(workspaceID, id)); err != nil {
				continue
			}
		}
		out[id] = true
	}
	return out, nil
}

// Found is a key found by Search.
type Found struct {
	Workspace Workspace
	Key       CachedKey
}

// Search finds cached keys of every workspace by name, id or masked
// fragment. A whole secret, pasted to find out which key it is, finds the
// key whose masked form it has (the cache holds no secrets, nor hashes).
func (d *Desk) Search(ctx context.Context, query string, limit int) ([]Found, error) {
	trimmed := strings.TrimSpace(query)
	term := strings.ToLower(trimmed)
	if term == "" {
		return nil, nil
	}
	found := []CachedKey{}
	var err error
	_, parseErr := keys.ParseSecret(trimmed)
	if errors.Is(parseErr, keys.ErrChecksum) {
		// Found by no one: say why, rather than that no key has it.
		return nil, fieldError("query", "looks like a Keydesk key, but its checksum does not match: it was mistyped or cut short")
	}
	if parseErr == nil {
		err = d.db.WithContext(ctx).Where("masked_key = ?", keys.Mask(trimmed)).
			Order("LOWER(name), id").Limit(limit).Find(&found).Error
	} else {
		like := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(term) + "%"
		err = d.db.WithContext(ctx).
			Where(`LOWER(name) LIKE ? ESCAPE '\' OR LOWER(id) LIKE ? ESCAPE '\' OR LOWER(masked_key) LIKE ? ESCAPE '\'`, like, like, like).
			Order("LOWER(name), id").Limit(limit).Find(&found).Error
	}
	if err != nil {
		return nil, err
	}
	var list []Workspace
	if err := d.db.WithContext(ctx).Find(&list).Error; err != nil {
		return nil, err
	}
	byID := map[string]Workspace{}
	for _, ws := range list {
		byID[ws.ID] = ws
	}
	out := make([]Found, len(found))
	for i, k := range found {
		out[i] = Found{Workspace: byID[k.WorkspaceID], Key: k}
	}
	return out, nil
}

// sentence is a failure said for the user (msg) that is still each of is
// to errors.Is: ErrOffline, ErrAccessKeyRefused and the server's error.
type sentence struct {
	msg string
	is  []error
}

func (e *sentence) Error() string   { return e.msg }
func (e *sentence) Unwrap() []error { return e.is }

// ErrUnknownKey means the key is not in the cache.
var ErrUnknownKey = errors.New("no such key")

// read runs one server call. Nothing is queued offline (the server
// creates secrets): an unreachable server is recorded and said plainly. So
// is a refused access key, which the user would otherwise take for a fault
// of what they asked for ("the API key is not valid" under Create key): the
// workspace's header then offers to enter it again, as after a sync.
func (d *Desk) read(ctx context.Context, workspaceID, what string, call func(*client.Client, Workspace) error) error {
	ws, err := d.workspace(workspaceID)
	if err != nil {
		return err
	}
	c, err := d.client(ws)
	if err != nil {
		return err
	}
	err = call(c, ws)
	offline, refused := errors.Is(err, client.ErrUnreachable), errors.Is(err, client.ErrUnauthorized)
	if (offline || refused) && d.noteFailure(ws, err) {
		d.emit(EventWorkspaceStatus, WorkspaceEvent{WorkspaceID: ws.ID})
	}
	switch {
	case offline:
		return &sentence{fmt.Sprintf("%s needs the server %s, which cannot be reached right now. Your cached keys stay readable; try again when it is back.", what, d.serverURL(ws)), []error{ErrOffline}}
	case refused:
		msg := fmt.Sprintf("The server refused this workspace's access key (%s). %s needs one it accepts", strings.TrimSuffix(err.Error(), "."), what)
		if ws.Kind == KindRemote {
			msg += ": enter it with Enter access key, above the key table, then try again"
		}
		return &sentence{msg + ".", []error{ErrAccessKeyRefused, err}}
	}
	return err
}

// mutate runs one server call that changes something, then syncs, so the
// table shows the change at once.
func (d *Desk) mutate(ctx context.Context, workspaceID, what string, call func(*client.Client, Workspace) error) error {
	if err := d.read(ctx, workspaceID, what, call); err != nil {
		return err
	}
	if err := d.Sync(ctx, workspaceID); err != nil {
		d.opts.Log.Warn("sync after a change failed", "workspace", workspaceID, "err", err)
	}
	return nil
}
