package desk

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/client"
	"github.com/keydesk/keydesk/backend/keys"
	"github.com/keydesk/keydesk/backend/secrets"
)

// syncPageSize is the page size of sync requests, the server's maximum.
const syncPageSize = 1000

// syncPagesAhead is how many pages the fetch may run ahead of the writes:
// enough to keep the server busy while the desk writes, few enough to keep
// a big workspace out of memory.
const syncPagesAhead = 2

// errServerBehind ends a sync whose server is at a revision before the
// cursor: a restored or replaced server, which calls for a full resync.
var errServerBehind = errors.New("the server's revision is behind the cache")

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
	res, err := d.pull(ctx, c, ws, who, ws.Cursor == 0)
	if errors.Is(err, errServerBehind) {
		res, err = d.pull(ctx, c, ws, who, true)
	}
	var saveErr *cacheWriteError
	if errors.As(err, &saveErr) {
		return fmt.Errorf("save the synced keys of %s: %w", ws.Name, saveErr.err)
	}
	if err != nil {
		return d.recordFailure(ws, err)
	}
	for _, id := range res.forgotten {
		_ = d.secretStore().Delete(secrets.RememberedKey(ws.ID, id))
	}
	if res.keysChanged {
		d.emit(EventKeysChanged, WorkspaceEvent{WorkspaceID: ws.ID})
	}
	d.emit(EventWorkspaceStatus, WorkspaceEvent{WorkspaceID: ws.ID})
	d.emit(EventSyncDone, WorkspaceEvent{WorkspaceID: ws.ID})
	// Nothing changed, nothing new to remind of: the hourly scan covers
	// the passing of time.
	if res.keysChanged {
		d.scanReminders(ctx)
	}
	return nil
}

// pullResult is what a pull changed in the cache.
type pullResult struct {
	keysChanged bool     // keys arrived, or the cache was replaced
	forgotten   []string // keys gone from the server whose secrets were remembered
}

// cacheWriteError is a failure to write desk.db, as opposed to the server's:
// it is not recorded on the workspace.
type cacheWriteError struct{ err error }

func (e *cacheWriteError) Error() string { return e.err.Error() }

// pull fetches the changes after the cursor (every key when full) and the
// profiles, and writes them in one transaction. The next pages are fetched
// while the current one is written. The transaction begins once the first
// page is in: a server that does not answer holds no lock on desk.db (one
// that stops answering between pages holds it until its request times out).
func (d *Desk) pull(ctx context.Context, c *client.Client, ws Workspace, who api.WhoAmI, full bool) (pullResult, error) {
	since := ws.Cursor
	if full {
		since = 0
	}
	fetch := startFetch(ctx, c, ws.RemoteID, since)
	defer fetch.stop()
	var serverErr error // ends the transaction as a write error does, but is the server's
	nextPage := func() (api.KeyList, error) {
		page, err := fetch.nextPage()
		if err == nil && !full && page.Revision < ws.Cursor {
			d.opts.Log.Warn("server revision is behind the cache; resyncing in full", "workspace", ws.ID, "server", page.Revision, "cursor", ws.Cursor)
			err = errServerBehind
		}
		serverErr = err
		return page, err
	}
	first, err := nextPage()
	if err != nil {
		return pullResult{}, err
	}
	res := pullResult{keysChanged: full}
	err = d.db.Connection(func(conn *gorm.DB) error {
		if len(first.Items) == syncPageSize {
			restore, err := growPageCache(conn)
			if err != nil {
				return err
			}
			defer func() {
				if err := restore(); err != nil {
					d.opts.Log.Warn("restore the page cache of desk.db", "err", err)
				}
			}()
		}
		return conn.Transaction(func(tx *gorm.DB) error {
			w := newCacheWriter(tx, ws.ID, full)
			ownKeyListed := false
			revision, err := w.writePages(since, first, nextPage, func(page api.KeyList) {
				ownKeyListed = ownKeyListed || slices.ContainsFunc(page.Items, func(k api.Key) bool { return k.ID == who.KeyID && !k.Deleted })
				d.emit(EventSyncProgress, SyncProgress{WorkspaceID: ws.ID, Done: w.applied, Total: max(int(first.Total), w.applied)})
			})
			if err != nil {
				return err
			}
			res.keysChanged = res.keysChanged || w.applied > 0
			// A full resync replaces the cache and forgets the remembered
			// secrets of keys it does not list. The desk's own access key
			// exists (whoami just said so): a full list without it is not
			// this workspace's, and acting on it would lose the cache and
			// secrets in the keychain.
			if full && !ownKeyListed {
				serverErr = fmt.Errorf("the server's list of keys does not hold the desktop's own access key %s: the cache is kept as it is", who.KeyID)
				return serverErr
			}
			// Only deletions and full resyncs can lose keys; skipping the
			// check otherwise keeps a sync without changes cheap in a big
			// workspace.
			if full || w.deleted {
				if res.forgotten, err = forgetGoneKeys(tx, ws.ID); err != nil {
					return err
				}
			}
			var profiles []api.Profile
			if profiles, serverErr = fetch.profiles(); serverErr != nil {
				return serverErr
			}
			if err := saveProfiles(tx, ws.ID, profiles); err != nil {
				return err
			}
			return saveSyncState(tx, ws, who, revision, d.now())
		})
	})
	switch {
	case serverErr != nil:
		return pullResult{}, serverErr
	case err != nil:
		return pullResult{}, &cacheWriteError{err}
	}
	return res, nil
}

// saveSyncState records a sync on its workspace, and who the access key
// is now. Only a change of name, role or access key goes through gorm:
// gorm's update callback has the backup read every workspace again (see
// backup.watch), and the sync state is not in the backup.
func saveSyncState(tx *gorm.DB, ws Workspace, who api.WhoAmI, revision int64, now time.Time) error {
	maxDays, allowNever := 0, true // a server too old to say
	if p := who.ExpiryPolicy; p != nil {
		maxDays, allowNever = p.MaxExpiryDays, p.AllowNeverExpires
	}
	if who.WorkspaceName != ws.Name || who.Role != ws.Role || who.KeyID != ws.AccessKeyID {
		return tx.Model(&Workspace{}).Where("id = ?", ws.ID).Updates(map[string]any{
			"cursor": revision, "last_synced_at": now, "offline_since": nil, "last_error": "", "sync_problem": "",
			"name": who.WorkspaceName, "role": who.Role, "access_key_id": who.KeyID,
			"max_expiry_days": maxDays, "allow_never_expires": allowNever,
		}).Error
	}
	_, err := tx.Statement.ConnPool.ExecContext(context.Background(),
		"UPDATE workspaces SET cursor = ?, last_synced_at = ?, offline_since = NULL, last_error = '', sync_problem = '', max_expiry_days = ?, allow_never_expires = ? WHERE id = ?",
		revision, now, maxDays, allowNever, ws.ID)
	return err
}

// forgetGoneKeys drops the remembered marks of keys that are no longer
// cached, and returns those keys: their secrets go with them (from the
// keychain, after the commit). A lookup per remembered key: "NOT IN" the
// cached ids read every cached key of the workspace (0.3 s at 100,000).
func forgetGoneKeys(tx *gorm.DB, workspaceID string) ([]string, error) {
	var gone []string
	err := tx.Model(&Remembered{}).Where("workspace_id = ? AND NOT EXISTS (SELECT 1 FROM cached_keys"+
		" WHERE cached_keys.workspace_id = remembereds.workspace_id AND cached_keys.id = remembereds.key_id)", workspaceID).
		Pluck("key_id", &gone).Error
	if err != nil || len(gone) == 0 {
		return nil, err
	}
	return gone, tx.Where("workspace_id = ? AND key_id IN ?", workspaceID, gone).Delete(&Remembered{}).Error
}

// syncFetch runs the requests of a pull: the pages of changes, ahead of
// the writes, and the profiles.
type syncFetch struct {
	ctx      context.Context
	cancel   context.CancelFunc
	running  sync.WaitGroup
	pages    chan fetchedPage
	profileC chan fetchedProfiles
}

type fetchedPage struct {
	api.KeyList
	err error
}

type fetchedProfiles struct {
	items []api.Profile
	err   error
}

func startFetch(ctx context.Context, c *client.Client, remoteID string, since int64) *syncFetch {
	f := &syncFetch{pages: make(chan fetchedPage, syncPagesAhead), profileC: make(chan fetchedProfiles, 1)}
	f.ctx, f.cancel = context.WithCancel(ctx)
	f.running.Add(2)
	go func() {
		defer f.running.Done()
		f.fetchPages(c, remoteID, since)
	}()
	go func() {
		defer f.running.Done()
		list, err := c.Profiles(f.ctx, remoteID)
		f.profileC <- fetchedProfiles{list.Items, err}
	}()
	return f
}

// fetchPages pages through the changes after since, until the last page or
// an error, then closes pages. Each page starts after the last revision of
// the one before, so a change made during the sync is neither skipped nor
// applied twice.
func (f *syncFetch) fetchPages(c *client.Client, remoteID string, since int64) {
	defer close(f.pages)
	for {
		page, err := c.ListKeys(f.ctx, remoteID, client.ListParams{PageSize: syncPageSize, UpdatedSince: &since})
		select {
		case f.pages <- fetchedPage{page, err}:
		case <-f.ctx.Done():
			return
		}
		if err != nil || len(page.Items) < syncPageSize {
			return
		}
		since = page.Items[len(page.Items)-1].Revision
	}
}

// nextPage waits for the next page; there is none after the last. A
// cancelled sync gets no more pages, even those fetched already.
func (f *syncFetch) nextPage() (api.KeyList, error) {
	if err := f.ctx.Err(); err != nil {
		return api.KeyList{}, err
	}
	page, ok := <-f.pages
	if !ok {
		return api.KeyList{}, f.ctx.Err() // closed before the last page only when cancelled
	}
	return page.KeyList, page.err
}

// profiles waits for the profiles; call it once.
func (f *syncFetch) profiles() ([]api.Profile, error) {
	p := <-f.profileC
	return p.items, p.err
}

// stop cancels what is still running and waits for it.
func (f *syncFetch) stop() {
	f.cancel()
	f.running.Wait()
}

// recordFailure keeps the cache as it is and notes why the sync failed;
// the sync is done, if not well (the progress bar ends).
func (d *Desk) recordFailure(ws Workspace, cause error) error {
	if errors.Is(cause, context.Canceled) {
		return cause // the app is closing: nothing failed
	}
	d.noteFailure(ws, cause)
	d.emit(EventWorkspaceStatus, WorkspaceEvent{WorkspaceID: ws.ID})
	d.emit(EventSyncDone, WorkspaceEvent{WorkspaceID: ws.ID})
	if errors.Is(cause, client.ErrUnreachable) {
		d.markSiblingsOffline(ws, cause)
	}
	return offline(cause)
}

// markSiblingsOffline notes an unreachable server on the other workspaces
// it serves too, so that none of them shows a green dot until its own sync
// finds out. The retries of offline workspaces bring each back.
func (d *Desk) markSiblingsOffline(ws Workspace, cause error) {
	if ws.Kind == KindLocal {
		return // its own embedded server
	}
	var siblings []Workspace
	if err := d.db.Where("server_url = ? AND id <> ? AND kind <> ? AND offline_since IS NULL", ws.ServerURL, ws.ID, KindLocal).Find(&siblings).Error; err != nil {
		d.opts.Log.Error("find the workspaces of an unreachable server", "workspace", ws.ID, "err", err)
		return
	}
	for _, sibling := range siblings {
		if d.noteFailure(sibling, cause) {
			d.emit(EventWorkspaceStatus, WorkspaceEvent{WorkspaceID: sibling.ID})
		}
	}
}

// noteFailure records why a call to the workspace's server failed, and
// reports whether that changed what the workspace shows. A read that fails
// says so only then: the window refreshes on the event, and reading again
// offline would fail again and again (500 calls a second).
func (d *Desk) noteFailure(ws Workspace, cause error) (changed bool) {
	lastError, problem := describe(cause), syncProblemOf(cause)
	updates := map[string]any{"last_error": lastError, "sync_problem": problem}
	changed = lastError != ws.LastError || problem != ws.SyncProblem
	if errors.Is(cause, client.ErrUnreachable) && ws.OfflineSince == nil {
		updates["offline_since"] = d.now()
		changed = true
	}
	if err := d.db.Model(&Workspace{}).Where("id = ?", ws.ID).Updates(updates).Error; err != nil {
		d.opts.Log.Error("record sync failure", "workspace", ws.ID, "err", err)
	}
	return changed
}

// offline marks an unreachable server's error as ErrOffline too.
func offline(cause error) error {
	if errors.Is(cause, client.ErrUnreachable) {
		return fmt.Errorf("%w: %w", ErrOffline, cause)
	}
	return cause
}

// syncProblemOf says what a sync failure asks of the user (SyncProblem*).
func syncProblemOf(err error) string {
	switch {
	case errors.Is(err, client.ErrUnreachable):
		return SyncProblemOffline
	case errors.Is(err, ErrKeychainLocked):
		return SyncProblemKeychainLocked
	case errors.Is(err, secrets.ErrNotFound):
		return SyncProblemAccessKey
	case errors.Is(err, client.ErrUnauthorized):
		return SyncProblemRejected
	case errors.Is(err, client.ErrForbidden):
		return SyncProblemForbidden
	case errors.As(err, new(*keys.FieldError)):
		return SyncProblemConnection // the workspace's stored connection (its CA file) no longer works
	}
	return SyncProblemFailed
}

// syncNeedingSecrets syncs again the workspaces whose last sync failed for
// want of a secret from the keychain, once the keychain has it.
func (d *Desk) syncNeedingSecrets(ctx context.Context) {
	d.syncWhere(ctx, "sync_problem IN ?", []string{SyncProblemKeychainLocked, SyncProblemAccessKey})
}

// describe turns a sync failure into a sentence for the workspace header.
func describe(err error) string {
	var timeout *client.TimeoutError
	var fe *keys.FieldError
	switch {
	case errors.Is(err, client.ErrUnreachable):
		return "The server cannot be reached: " + networkCause(err)
	case errors.As(err, &timeout):
		// Not offline: the server may be busy rather than gone.
		return "The sync stopped: " + networkCause(err)
	case errors.Is(err, context.DeadlineExceeded):
		// The sync's time ran out between requests: none of them to name.
		return "The server did not answer in time, so the sync stopped before it was done; the next sync tries again."
	case errors.As(err, &fe) && fe.Field == "caFile":
		// Moved or changed since the workspace was added.
		return "The trusted CA file of this workspace " + fe.Rule + ". Edit the workspace to choose it again."
	case errors.Is(err, client.ErrUnauthorized), errors.Is(err, client.ErrForbidden):
		// Under a title that says what happened ("The server refused the
		// access key"): only the why.
		return "The server says: " + strings.TrimSuffix(err.Error(), ".") + "."
	case errors.Is(err, ErrKeychainLocked):
		return "The access key for this workspace is in the encrypted file, which is locked until you enter its passphrase."
	case errors.Is(err, secrets.ErrNotFound):
		return "The access key for this workspace is not in the keychain."
	}
	return "The sync failed: " + err.Error()
}

// networkCause says why the server did not answer, for a person: refused,
// DNS, TLS certificate, timeout, with what to check (netfail.Explain).
func networkCause(err error) string {
	var ne *client.NetworkError
	var timeout *client.TimeoutError
	switch {
	case errors.As(err, &ne):
		return ne.Explain()
	case errors.As(err, &timeout):
		return timeout.Explain()
	}
	return err.Error()
}

// saveProfiles replaces the cached profiles of a workspace with the
// server's, unless they are the same already.
func saveProfiles(tx *gorm.DB, workspaceID string, items []api.Profile) error {
	rows := make([]CachedProfile, len(items))
	for i, p := range items {
		rows[i] = CachedProfileFromAPI(workspaceID, p)
	}
	slices.SortFunc(rows, func(a, b CachedProfile) int { return strings.Compare(a.ID, b.ID) })
	var cached []CachedProfile
	if err := tx.Where("workspace_id = ?", workspaceID).Order("id").Find(&cached).Error; err != nil {
		return err
	}
	if slices.EqualFunc(cached, rows, func(a, b CachedProfile) bool { return reflect.DeepEqual(a, b) }) {
		return nil
	}
	if err := tx.Where("workspace_id = ?", workspaceID).Delete(&CachedProfile{}).Error; err != nil {
		return err
	}
	if len(rows) == 0 {
		return nil
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
