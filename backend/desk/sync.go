package desk

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/client"
	"github.com/keydesk/keydesk/backend/secrets"
)

// syncPageSize is the page size of sync requests, the server's maximum.
const syncPageSize = 1000

// syncInsertBatch rows per INSERT. Small on purpose: the SQLite driver
// matches each bound parameter by scanning all of them, so a statement's
// binding cost grows with the square of its parameters (17 per row).
const syncInsertBatch = 50

// SyncAll syncs every workspace, one after another. Failures are recorded on
// each workspace (offline since, last error), not returned.
func (d *Desk) SyncAll(ctx context.Context) {
	var ids []string
	if err := d.db.Model(&Workspace{}).Order("position, created_at").Pluck("id", &ids).Error; err != nil {
		d.opts.Log.Error("list workspaces for sync", "err", err)
		return
	}
	for _, id := range ids {
		if ctx.Err() != nil {
			return
		}
		if err := d.Sync(ctx, id); err != nil {
			d.opts.Log.Warn("sync failed", "workspace", id, "err", err)
		}
	}
}

// Sync brings the cache of one workspace up to the server's revision. It
// fetches every change after the cursor (deletions included) and applies
// them in one transaction, so the cache is always either the old or the new
// state. When the cache is empty, or the server's revision is behind the
// cursor (a restored or replaced server), it resyncs in full.
func (d *Desk) Sync(ctx context.Context, workspaceID string) error {
	lock := d.workspaceLock(workspaceID)
	lock.Lock()
	defer lock.Unlock()

	ws, err := d.workspace(workspaceID)
	if err != nil {
		return err
	}
	c, err := d.client(ws)
	if err != nil {
		return d.recordFailure(ws, err)
	}
	// Who the access key is now: its role decides what the UI offers, and
	// the workspace may have been renamed.
	who, err := c.WhoAmI(ctx)
	if err != nil {
		return d.recordFailure(ws, err)
	}
	changes, revision, full, err := d.fetchChanges(ctx, c, ws)
	if err != nil {
		return d.recordFailure(ws, err)
	}
	// A full resync replaces the cache and forgets the remembered secrets of
	// keys it does not list. The desk's own access key exists (whoami just
	// said so): a full list without it is not this workspace's, and acting
	// on it would lose the cache and secrets in the keychain.
	if full && !slices.ContainsFunc(changes, func(k api.Key) bool { return k.ID == who.KeyID && !k.Deleted }) {
		return d.recordFailure(ws, fmt.Errorf("the server's list of keys does not hold the desktop's own access key %s: the cache is kept as it is", who.KeyID))
	}
	profiles, err := c.Profiles(ctx, ws.RemoteID)
	if err != nil {
		return d.recordFailure(ws, err)
	}
	now := d.now()
	var forgotten []string
	err = d.db.Transaction(func(tx *gorm.DB) error {
		if full {
			if err := tx.Where("workspace_id = ?", ws.ID).Delete(&CachedKey{}).Error; err != nil {
				return err
			}
		}
		var upserts []CachedKey
		var deletions []string
		for _, k := range changes {
			if k.Deleted {
				deletions = append(deletions, k.ID)
			} else {
				upserts = append(upserts, CachedFromAPI(ws.ID, k))
			}
		}
		if len(deletions) > 0 {
			if err := tx.Where("workspace_id = ? AND id IN ?", ws.ID, deletions).Delete(&CachedKey{}).Error; err != nil {
				return err
			}
		}
		if len(upserts) > 0 {
			// After a full resync emptied the cache, plain inserts in big
			// batches; otherwise upserts.
			insert := tx
			if !full {
				insert = tx.Clauses(clause.OnConflict{UpdateAll: true})
			}
			if err := insert.CreateInBatches(upserts, syncInsertBatch).Error; err != nil {
				return err
			}
		}
		// A key that is gone from the server takes its remembered secret
		// with it (forgotten in the keychain after the commit, below).
		// Computed after the upserts: a full resync empties the cache first.
		// Only deletions and full resyncs can lose keys; skipping the check
		// otherwise keeps a sync without changes cheap in a big workspace.
		if full || len(deletions) > 0 {
			if err := tx.Model(&Remembered{}).Where("workspace_id = ? AND key_id NOT IN (?)", ws.ID,
				tx.Model(&CachedKey{}).Select("id").Where("workspace_id = ?", ws.ID)).Pluck("key_id", &forgotten).Error; err != nil {
				return err
			}
		}
		if len(forgotten) > 0 {
			if err := tx.Where("workspace_id = ? AND key_id IN ?", ws.ID, forgotten).Delete(&Remembered{}).Error; err != nil {
				return err
			}
		}
		if err := replaceProfiles(tx, ws.ID, profiles.Items); err != nil {
			return err
		}
		return tx.Model(&Workspace{}).Where("id = ?", ws.ID).Updates(map[string]any{
			"cursor": revision, "last_synced_at": now, "offline_since": nil, "last_error": "",
			"name": who.WorkspaceName, "role": who.Role, "access_key_id": who.KeyID,
		}).Error
	})
	if err != nil {
		return fmt.Errorf("save the synced keys of %s: %w", ws.Name, err)
	}
	for _, id := range forgotten {
		_ = d.secretStore().Delete(secrets.RememberedKey(ws.ID, id))
	}
	if len(changes) > 0 || full {
		d.emit(EventKeysChanged, WorkspaceEvent{WorkspaceID: ws.ID})
	}
	d.emit(EventWorkspaceStatus, WorkspaceEvent{WorkspaceID: ws.ID})
	d.emit(EventSyncDone, WorkspaceEvent{WorkspaceID: ws.ID})
	// Nothing changed, nothing new to remind of: the hourly scan covers
	// the passing of time.
	if len(changes) > 0 || full {
		d.scanReminders(ctx)
	}
	return nil
}

// fetchChanges pages through the changes after the workspace's cursor. Each
// page starts after the last revision of the one before, so a change made
// during the sync is neither skipped nor applied twice.
func (d *Desk) fetchChanges(ctx context.Context, c *client.Client, ws Workspace) (changes []api.Key, revision int64, full bool, err error) {
	since := ws.Cursor
	full = since == 0
	total := -1
	for {
		page, err := c.ListKeys(ctx, ws.RemoteID, client.ListParams{PageSize: syncPageSize, UpdatedSince: &since})
		if err != nil {
			return nil, 0, false, err
		}
		if !full && page.Revision < ws.Cursor {
			d.opts.Log.Warn("server revision is behind the cache; resyncing in full", "workspace", ws.ID, "server", page.Revision, "cursor", ws.Cursor)
			since, full, changes, total = 0, true, nil, -1
			continue
		}
		if total < 0 {
			total = int(page.Total)
		}
		changes = append(changes, page.Items...)
		if len(page.Items) > 0 {
			since = page.Items[len(page.Items)-1].Revision
		}
		revision = max(page.Revision, since)
		d.emit(EventSyncProgress, SyncProgress{WorkspaceID: ws.ID, Done: len(changes), Total: max(total, len(changes))})
		if len(page.Items) < syncPageSize {
			return changes, revision, full, nil
		}
	}
}

// recordFailure keeps the cache as it is and notes why the sync failed.
func (d *Desk) recordFailure(ws Workspace, cause error) error {
	if errors.Is(cause, context.Canceled) {
		return cause // the app is closing: nothing failed
	}
	updates := map[string]any{"last_error": describe(cause)}
	if errors.Is(cause, client.ErrUnreachable) {
		if ws.OfflineSince == nil {
			updates["offline_since"] = d.now()
		}
		cause = fmt.Errorf("%w: %w", ErrOffline, cause)
	}
	if err := d.db.Model(&Workspace{}).Where("id = ?", ws.ID).Updates(updates).Error; err != nil {
		d.opts.Log.Error("record sync failure", "workspace", ws.ID, "err", err)
	}
	d.emit(EventWorkspaceStatus, WorkspaceEvent{WorkspaceID: ws.ID})
	d.emit(EventSyncDone, WorkspaceEvent{WorkspaceID: ws.ID}) // done, if not well: ends the progress bar
	return cause
}

// describe turns a sync failure into a sentence for the workspace header.
func describe(err error) string {
	switch {
	case errors.Is(err, client.ErrUnreachable):
		return "The server cannot be reached: " + networkCause(err)
	case errors.Is(err, client.ErrUnauthorized):
		return "The server rejected the desktop's access key: " + err.Error()
	case errors.Is(err, client.ErrForbidden):
		return "The access key may not read this workspace: " + err.Error()
	case errors.Is(err, secrets.ErrNotFound):
		return "The access key for this workspace is not in the keychain."
	}
	return err.Error()
}

// networkCause is the network error below a client.NetworkError: refused,
// DNS, TLS certificate, timeout.
func networkCause(err error) string {
	var ne *client.NetworkError
	if errors.As(err, &ne) {
		return ne.Err.Error()
	}
	return err.Error()
}

func replaceProfiles(tx *gorm.DB, workspaceID string, items []api.Profile) error {
	if err := tx.Where("workspace_id = ?", workspaceID).Delete(&CachedProfile{}).Error; err != nil {
		return err
	}
	if len(items) == 0 {
		return nil
	}
	rows := make([]CachedProfile, len(items))
	for i, p := range items {
		rows[i] = CachedProfileFromAPI(workspaceID, p)
	}
	return tx.Create(&rows).Error
}

func (d *Desk) workspace(id string) (Workspace, error) {
	var ws Workspace
	err := d.db.Where("id = ?", id).Take(&ws).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return ws, fmt.Errorf("workspace %s: %w", id, ErrUnknownWorkspace)
	}
	return ws, err
}

// client returns the API client of a workspace, with its access key from
// the keychain.
func (d *Desk) client(ws Workspace) (*client.Client, error) {
	d.mu.Lock()
	c, ok := d.clients[ws.ID]
	d.mu.Unlock()
	if ok {
		return c, nil
	}
	// The keychain may prompt or wait on D-Bus: not under d.mu.
	secret, err := d.secretStore().Get(secrets.WorkspaceAccessKey(ws.ID))
	if err != nil {
		return nil, err
	}
	if c, err = newClient(d.serverURL(ws), secret, ws.CAFile); err != nil {
		return nil, err
	}
	d.mu.Lock()
	d.clients[ws.ID] = c
	d.mu.Unlock()
	return c, nil
}

func (d *Desk) serverURL(ws Workspace) string {
	if ws.Kind == KindLocal {
		return d.local.url
	}
	return ws.ServerURL
}

// ForceFullResync makes the next sync of a workspace start from nothing,
// as when the server says the cache is unknown to it.
func (d *Desk) ForceFullResync(workspaceID string) error {
	return d.db.Model(&Workspace{}).Where("id = ?", workspaceID).Update("cursor", 0).Error
}
