// Package desk is the desktop app's core, without Wails: the workspaces the
// user administers, the local cache of their keys (desk.db), the sync engine
// that keeps the cache an exact mirror of each server, and the embedded
// server behind the Local workspace.
package desk

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/glebarez/sqlite"
	"github.com/robfig/cron/v3"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/keydesk/keydesk/backend/client"
	"github.com/keydesk/keydesk/backend/reminders"
	"github.com/keydesk/keydesk/backend/secrets"
)

// Events the desk emits; payloads never carry a secret.
const (
	EventSyncProgress    = "sync:progress"    // SyncProgress
	EventSyncDone        = "sync:done"        // WorkspaceEvent
	EventKeysChanged     = "keys:changed"     // WorkspaceEvent
	EventWorkspaceStatus = "workspace:status" // WorkspaceEvent
)

// WorkspaceEvent names the workspace an event is about.
type WorkspaceEvent struct {
	WorkspaceID string `json:"workspaceId"`
}

// SyncProgress reports a sync under way.
type SyncProgress struct {
	WorkspaceID string `json:"workspaceId"`
	Done        int    `json:"done"`
	Total       int    `json:"total"`
}

// Emitter sends events to the UI. The Wails runtime implements it in app/;
// tests record events.
type Emitter interface {
	Emit(event string, data any)
}

// Errors a user can act on.
var (
	ErrOffline          = errors.New("the server cannot be reached")
	ErrUnknownWorkspace = errors.New("no such workspace")
	// ErrKeychainLocked: the secret asked for may be in the encrypted file,
	// whose passphrase was not entered yet (UseEncryptedFile).
	ErrKeychainLocked = fmt.Errorf("the encrypted file is locked: %w", secrets.ErrNotFound)
	// ErrAccessKeyRefused: the server refused the workspace's own access
	// key (deleted, disabled, expired), not anything the user typed.
	ErrAccessKeyRefused = errors.New("the server refused the workspace's access key")
)

// What a failed sync asks of the user (Workspace.SyncProblem): the app
// offers the matching action (unlock the keychain, enter the access key).
const (
	SyncProblemOffline        = "offline"           // the server cannot be reached
	SyncProblemKeychainLocked = "keychainLocked"    // the access key is in the locked encrypted file
	SyncProblemAccessKey      = "accessKeyMissing"  // the access key is not in the keychain
	SyncProblemRejected       = "accessKeyRejected" // the server refused the access key (revoked, expired, disabled)
	SyncProblemForbidden      = "forbidden"         // the access key may not read the workspace
	SyncProblemConnection     = "connection"        // the stored connection no longer works (its trusted CA file)
	SyncProblemFailed         = "failed"            // anything else: the server failed, the cache could not be written
)

// Options configure a Desk; zero values pick production defaults.
type Options struct {
	Home         string // data dir; DefaultHome() when empty
	Secrets      secrets.Store
	SecretsInfo  secrets.Info
	Emitter      Emitter
	Log          *slog.Logger
	Now          func() time.Time
	Notifier     reminders.Notifier // OS notifications; nil shows none
	LocalAddr    string             // where the embedded server listens; 127.0.0.1:8470 (or the next free port)
	SyncInterval time.Duration      // how often every workspace syncs; 5 minutes
}

// Desk is the desktop core.
type Desk struct {
	opts  Options
	db    *gorm.DB
	local *localServer
	cron  *cron.Cron

	reminders *reminders.Service

	// Background work (the first sync, scheduled syncs) runs under bgCtx;
	// Close cancels it and waits for it before closing the database.
	bgCtx    context.Context
	bgCancel context.CancelFunc
	bg       sync.WaitGroup

	secretsMu sync.RWMutex // guards opts.Secrets and opts.SecretsInfo, which UseEncryptedFile swaps

	backup  *backup // desk-backup.json: what desk.db holds that no server has
	rebuilt string  // why desk.db was rebuilt at this start, "" when it was not

	mu        sync.Mutex
	clients   map[string]*client.Client // by workspace id
	syncEntry cron.EntryID
	syncing   map[string]*sync.Mutex // one sync at a time per workspace
}

// DefaultHome is $KEYDESK_HOME, else the OS config dir + "Keydesk".
func DefaultHome() (string, error) {
	if h := os.Getenv("KEYDESK_HOME"); h != "" {
		return h, nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the config directory: %w", err)
	}
	return filepath.Join(dir, "Keydesk"), nil
}

// homeOrDefault is home, or DefaultHome() when it is empty.
func homeOrDefault(home string) (string, error) {
	if home != "" {
		return home, nil
	}
	return DefaultHome()
}

type discardEmitter struct{}

func (discardEmitter) Emit(string, any) {}

// Open starts the desktop core: desk.db, the embedded server and the Local
// workspace. A second Open of the same home reuses all of them.
func Open(ctx context.Context, opts Options) (*Desk, error) {
	home, err := homeOrDefault(opts.Home)
	if err != nil {
		return nil, err
	}
	opts.Home = home
	if opts.Secrets == nil {
		opts.Secrets, opts.SecretsInfo = secrets.Open(secrets.ConfigFromEnv(opts.Home))
	}
	if opts.Emitter == nil {
		opts.Emitter = discardEmitter{}
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.LocalAddr == "" {
		opts.LocalAddr = "127.0.0.1:8470"
	}
	if opts.SyncInterval == 0 {
		opts.SyncInterval = 5 * time.Minute
	}
	if err := os.MkdirAll(opts.Home, 0o700); err != nil {
		return nil, fmt.Errorf("create the data directory %s: %w", opts.Home, err)
	}
	if err := checkWritable(opts.Home); err != nil {
		return nil, err
	}
	opts.Secrets = newKeychain(opts.Secrets, opts.SecretsInfo)
	d := &Desk{opts: opts, clients: map[string]*client.Client{}, syncing: map[string]*sync.Mutex{}}
	if err := d.openCache(); err != nil {
		return nil, err
	}
	d.bgCtx, d.bgCancel = context.WithCancel(context.Background())
	if err := reminders.Migrate(d.db); err != nil {
		d.closeDB()
		return nil, err
	}
	d.reminders = reminders.New(d.db, opts.Notifier, opts.Now, opts.Log)
	d.reminders.NameWorkspacesWith(d.workspaceNames)
	if d.local, err = startLocalServer(filepath.Join(opts.Home, "local-server.db"), opts.LocalAddr, opts.Log); err != nil {
		d.closeDB()
		return nil, err
	}
	if err := d.adoptLocalWorkspace(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("prepare the Local workspace: %w", err)
	}
	if err := d.ensureLocalWorkspace(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("prepare the Local workspace: %w", err)
	}
	opts.Log.Info("desk ready", "home", opts.Home, "local", d.local.url, "keychain", opts.SecretsInfo.Backend)
	return d, nil
}

// StartJobs syncs every workspace now and then on the sync interval.
func (d *Desk) StartJobs() error {
	d.mu.Lock()
	d.cron = cron.New()
	d.mu.Unlock()
	if err := d.scheduleSync(); err != nil {
		return err
	}
	if _, err := d.cron.AddFunc(fmt.Sprintf("@every %s", offlineRetry), func() { d.syncOffline(d.bgCtx) }); err != nil {
		return err
	}
	if _, err := d.cron.AddFunc("@hourly", func() { d.scanReminders(d.bgCtx) }); err != nil {
		return err
	}
	d.cron.Start()
	d.bg.Add(1)
	go func() {
		defer d.bg.Done()
		d.scanReminders(d.bgCtx) // at start, from the cache, before any server answers
		d.SyncAll(d.bgCtx)
	}()
	return nil
}

func (d *Desk) scanReminders(ctx context.Context) {
	if _, err := d.ScanReminders(ctx); err != nil && ctx.Err() == nil {
		d.opts.Log.Warn("reminder scan failed", "err", err)
	}
}

// deskPragmas: WAL, so that a crash loses nothing committed; reads through
// a memory map of up to 256 MiB (a reminder scan or a key list reads much
// of the cache, and page reads by system call were a third of a scan).
const deskPragmas = "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_pragma=mmap_size(268435456)&_txlock=immediate"

func openDB(path string) (*gorm.DB, error) {
	db, err := gorm.Open(sqlite.Open(path+deskPragmas), &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true,
		NowFunc:                func() time.Time { return time.Now().UTC() },
	})
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	sqlDB.SetMaxOpenConns(1)
	if err := db.AutoMigrate(&Workspace{}, &CachedKey{}, &CachedProfile{}, &Remembered{}, &Setting{}, &TestRun{}); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("migrate %s: %w", path, err)
	}
	return db, nil
}

func closeDB(db *gorm.DB) {
	if sqlDB, err := db.DB(); err == nil {
		sqlDB.Close()
	}
}

func (d *Desk) closeDB() {
	if d.backup != nil {
		if err := d.backup.save(); err != nil {
			d.opts.Log.Error("write the backup of the workspaces", "err", err)
		}
	}
	closeDB(d.db)
}

// CacheRebuilt says why desk.db was rebuilt at this start, or "" when it
// was not.
func (d *Desk) CacheRebuilt() string { return d.rebuilt }

// Close stops the jobs, the embedded server and the database.
func (d *Desk) Close() error {
	d.bgCancel()
	if d.cron != nil {
		<-d.cron.Stop().Done() // waits for a running scheduled sync
	}
	d.bg.Wait()
	var err error
	if d.local != nil {
		err = d.local.Close()
	}
	d.closeDB()
	return err
}

// Home is the data directory.
func (d *Desk) Home() string { return d.opts.Home }

// SecretsInfo says which keychain holds the secrets, and what failed if
// it stopped working.
func (d *Desk) SecretsInfo() secrets.Info {
	d.secretsMu.RLock()
	defer d.secretsMu.RUnlock()
	info := d.opts.SecretsInfo
	if k, ok := d.opts.Secrets.(*keychain); ok {
		if err := k.failure(); err != nil {
			label := info.Label
			if label == "" {
				label = "The keychain"
			}
			info.Persistent = false
			info.Problem = fmt.Sprintf("%s failed: %v. Secrets saved since are kept in memory only, until Keydesk quits; nothing in the keychain was removed.", label, err)
		}
	}
	return info
}

func (d *Desk) secretStore() secrets.Store {
	d.secretsMu.RLock()
	defer d.secretsMu.RUnlock()
	return d.opts.Secrets
}

// LocalURL is the embedded server's base URL.
func (d *Desk) LocalURL() string { return d.local.url }

func (d *Desk) now() time.Time { return d.opts.Now().UTC() }

func (d *Desk) emit(event string, data any) { d.opts.Emitter.Emit(event, data) }

// workspaceLock serialises syncs and mutations of one workspace.
func (d *Desk) workspaceLock(id string) *sync.Mutex {
	d.mu.Lock()
	defer d.mu.Unlock()
	m, ok := d.syncing[id]
	if !ok {
		m = &sync.Mutex{}
		d.syncing[id] = m
	}
	return m
}
