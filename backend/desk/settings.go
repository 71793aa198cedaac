package desk

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"time"

	"github.com/keydesk/keydesk/backend/secrets"
)

const settingSyncInterval = "sync_interval_minutes"

// offlineRetry is how often an offline workspace is tried again, so that it
// syncs by itself when its server comes back.
const offlineRetry = 30 * time.Second

// SyncInterval is how often every workspace syncs.
func (d *Desk) SyncInterval() time.Duration {
	var s Setting
	if err := d.db.Where("name = ?", settingSyncInterval).Take(&s).Error; err == nil {
		if m, err := strconv.Atoi(s.Value); err == nil && m > 0 {
			return time.Duration(m) * time.Minute
		}
	}
	return d.opts.SyncInterval
}

// SetSyncInterval stores the interval (1–1440 minutes) and reschedules.
func (d *Desk) SetSyncInterval(minutes int) error {
	if minutes < 1 || minutes > 1440 {
		return fieldError("syncIntervalMinutes", "must be 1–1440 minutes, got %d", minutes)
	}
	if err := d.db.Save(&Setting{Name: settingSyncInterval, Value: strconv.Itoa(minutes)}).Error; err != nil {
		return err
	}
	return d.scheduleSync()
}

// scheduleSync (re)creates the cron entry of the periodic sync.
func (d *Desk) scheduleSync() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.cron == nil {
		return nil
	}
	if d.syncEntry != 0 {
		d.cron.Remove(d.syncEntry)
	}
	id, err := d.cron.AddFunc(fmt.Sprintf("@every %s", d.SyncInterval()), func() { d.SyncAll(d.bgCtx) })
	d.syncEntry = id
	return err
}

// syncOffline retries the workspaces that are offline.
func (d *Desk) syncOffline(ctx context.Context) {
	d.syncWhere(ctx, "offline_since IS NOT NULL")
}

// syncWhere syncs, one after the other, the workspaces a condition picks.
func (d *Desk) syncWhere(ctx context.Context, query string, args ...any) {
	var ids []string
	if err := d.db.Model(&Workspace{}).Where(query, args...).Pluck("id", &ids).Error; err != nil {
		return
	}
	for _, id := range ids {
		if ctx.Err() != nil {
			return
		}
		_ = d.Sync(ctx, id)
	}
}

// UseEncryptedFile keeps the secrets in the encrypted-file keychain,
// unlocked by passphrase, when no OS keychain can be used: a new file, into
// which the secrets kept in memory so far are moved, or the file of an
// earlier run (Info.Locked), whose secrets come back. Workspaces whose sync
// needed a secret from it sync again.
func (d *Desk) UseEncryptedFile(ctx context.Context, passphrase string) error {
	if len(passphrase) < 8 {
		return fieldError("passphrase", "must be at least 8 characters")
	}
	if current := d.SecretsInfo(); current.Persistent {
		return errors.New("secrets are already kept in " + current.Label)
	}
	store, info, err := secrets.OpenFile(d.opts.Home, passphrase)
	if errors.Is(err, secrets.ErrWrongPassphrase) {
		return fieldError("passphrase", "does not open the encrypted file (%s): check it and try again", filepath.Join(d.opts.Home, "keyring"))
	}
	if err != nil {
		return fieldError("passphrase", "could not open the encrypted file: %v", err)
	}
	if err := d.moveSecretsTo(ctx, store, info); err != nil {
		return err
	}
	d.mu.Lock()
	clear(d.clients) // none was made without its access key, but start afresh
	d.mu.Unlock()
	d.opts.Log.Info("secrets now kept in the encrypted file", "dir", d.opts.Home)
	d.bg.Add(1)
	go func() {
		defer d.bg.Done()
		d.syncNeedingSecrets(d.bgCtx)
	}()
	return nil
}

// moveSecretsTo copies every secret the desk holds (access keys and
// remembered secrets) into store and makes it the desk's keychain, under
// the swap lock, so that none stored meanwhile stays behind. A secret the
// current store does not have is left as store has it.
func (d *Desk) moveSecretsTo(ctx context.Context, store secrets.Store, info secrets.Info) error {
	d.secretsMu.Lock()
	defer d.secretsMu.Unlock()
	var names []string
	var list []Workspace
	if err := d.db.WithContext(ctx).Find(&list).Error; err != nil {
		return err
	}
	for _, ws := range list {
		names = append(names, secrets.WorkspaceAccessKey(ws.ID))
	}
	var remembered []Remembered
	if err := d.db.WithContext(ctx).Find(&remembered).Error; err != nil {
		return err
	}
	for _, r := range remembered {
		names = append(names, secrets.RememberedKey(r.WorkspaceID, r.KeyID))
	}
	for _, name := range names {
		value, err := d.opts.Secrets.Get(name)
		if errors.Is(err, secrets.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if err := store.Set(name, value); err != nil {
			return err
		}
	}
	d.opts.Secrets, d.opts.SecretsInfo = newKeychain(store, info), info
	return nil
}
