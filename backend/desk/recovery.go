package desk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"gorm.io/gorm"

	"github.com/keydesk/keydesk/backend/keys"
)

// desk.db is a cache: every key in it is on a server. What no server has —
// which workspaces this computer administers and how to reach them, which
// secrets are remembered in the keychain, the settings — is also written to
// backupFile, so that a damaged desk.db is moved aside and rebuilt from the
// servers with nothing lost. The backup holds no secret: those are only in
// the keychain.
const backupFile = "desk-backup.json"

// checkWritable makes sure the data directory takes new files: SQLite
// needs a journal beside desk.db, and a read-only directory would surface
// as an error about a file instead of one about the directory.
func checkWritable(dir string) error {
	f, err := os.CreateTemp(dir, ".keydesk-write-check-*")
	if err != nil {
		return fmt.Errorf("the data directory %s is not writable (%w): Keydesk keeps its cache and the Local workspace there; make it writable, or set KEYDESK_HOME to another directory", dir, err)
	}
	f.Close()
	os.Remove(f.Name())
	// SQLite opens a database it may not write read-only, and fails at the
	// first write, far from here.
	for _, name := range []string{"desk.db", "desk.db-wal", "desk.db-shm", "local-server.db", "local-server.db-wal", "local-server.db-shm"} {
		path := filepath.Join(dir, name)
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("%s is not writable (%w): make it writable, or set KEYDESK_HOME to another directory", path, err)
		}
		f.Close()
	}
	return nil
}

// openCache opens desk.db. A damaged one is moved aside and replaced: it is
// a cache of the servers, and what no server has comes back from
// desk-backup.json. A new or rebuilt desk.db starts from that backup.
func (d *Desk) openCache() error {
	path := filepath.Join(d.opts.Home, "desk.db")
	db, err := openDB(path)
	if err == nil {
		if err = checkIntegrity(db); err != nil {
			closeDB(db)
		}
	}
	if err != nil && !isCorrupt(err) {
		return err
	}
	if err != nil {
		aside, moveErr := moveAside(path, d.now())
		if moveErr != nil {
			return fmt.Errorf("%s is damaged (%w), and %w", path, err, moveErr)
		}
		d.rebuilt = fmt.Sprintf("The local cache (desk.db) was damaged (%v). It was moved aside to %s and is rebuilt from the servers.", err, filepath.Base(aside))
		d.opts.Log.Warn("desk.db was damaged: moved aside, rebuilding the cache", "err", err, "aside", aside)
		if db, err = openDB(path); err != nil {
			return err
		}
	}
	d.db = db
	var n int64
	if err := db.Model(&Workspace{}).Count(&n).Error; err != nil {
		d.closeDB()
		return err
	}
	backupPath := filepath.Join(d.opts.Home, backupFile)
	if n == 0 {
		// The workspaces can be added again; the keys are on the servers.
		switch restored, err := restoreBackup(db, backupPath); {
		case err != nil:
			d.opts.Log.Error("restore the workspaces from the backup", "file", backupPath, "err", err)
			if d.rebuilt != "" {
				d.rebuilt += fmt.Sprintf(" The list of workspaces could not be restored from %s (%v): add the remote workspaces again.", backupFile, err)
			}
		case restored > 0:
			d.opts.Log.Info("workspaces restored from the backup", "workspaces", restored)
		case d.rebuilt != "":
			d.rebuilt += fmt.Sprintf(" There was no %s to restore the list of workspaces from: the Local workspace comes back by itself; add the remote workspaces again.", backupFile)
		}
	}
	d.backup = &backup{path: backupPath, db: db, log: d.opts.Log}
	if err := d.backup.watch(); err != nil {
		d.closeDB()
		return err
	}
	d.backup.dirty.Store(true) // written once now: a desk.db from before backups existed gets one
	if err := d.backup.save(); err != nil {
		d.opts.Log.Error("write the backup of the workspaces", "file", backupPath, "err", err)
	}
	return nil
}

// deskBackup is the content of backupFile.
type deskBackup struct {
	Version    int               `json:"version"`
	Workspaces []backupWorkspace `json:"workspaces"`
	Remembered []Remembered      `json:"remembered"`
	Settings   map[string]string `json:"settings"`
}

// backupWorkspace is a workspace without its sync state: a restored
// workspace resyncs in full.
type backupWorkspace struct {
	ID            string    `json:"id"`
	Name          string    `json:"name"`
	Kind          string    `json:"kind"`
	ServerURL     string    `json:"serverUrl"`
	AllowInsecure bool      `json:"allowInsecure"`
	CAFile        string    `json:"caFile"`
	RemoteID      string    `json:"remoteId"`
	AccessKeyID   string    `json:"accessKeyId"`
	Role          string    `json:"role"`
	Position      int       `json:"position"`
	CreatedAt     time.Time `json:"createdAt"`
}

// backup keeps backupFile up to date. Every committed change to the
// workspaces, remembered secrets and settings tables reaches it through
// gorm callbacks, so no caller has to remember to.
type backup struct {
	path  string
	db    *gorm.DB
	log   *slog.Logger
	dirty atomic.Bool // changed inside a transaction not yet known to be committed

	mu   sync.Mutex
	last []byte // what the file holds
}

var backedUpTables = map[string]bool{"workspaces": true, "remembereds": true, "settings": true}

// watch registers the callbacks. A change outside a transaction is written
// at once; one inside a transaction marks the backup dirty, and the next
// statement outside a transaction writes it from what was committed (a
// rolled-back change never reaches the file).
func (b *backup) watch() error {
	changed := func(db *gorm.DB) {
		if db.Error != nil || db.Statement.Schema == nil || !backedUpTables[db.Statement.Schema.Table] {
			return
		}
		b.dirty.Store(true)
		b.flushUnlessInTx(db)
	}
	after := func(db *gorm.DB) { b.flushUnlessInTx(db) }
	cb := b.db.Callback()
	return errors.Join(
		cb.Create().After("gorm:create").Register("keydesk:backup", changed),
		cb.Update().After("gorm:update").Register("keydesk:backup", changed),
		cb.Delete().After("gorm:delete").Register("keydesk:backup", changed),
		// Queries close their rows before their "after" callbacks run, so
		// the one connection of desk.db is free for the backup's reads.
		cb.Query().After("gorm:after_query").Register("keydesk:backup", after),
	)
}

func (b *backup) flushUnlessInTx(db *gorm.DB) {
	if _, inTx := db.Statement.ConnPool.(gorm.TxCommitter); inTx || !b.dirty.Load() {
		return
	}
	if err := b.save(); err != nil {
		b.log.Error("write the backup of the workspaces", "file", b.path, "err", err)
	}
}

// save writes the backup file if what it would hold changed.
func (b *backup) save() error {
	if !b.dirty.CompareAndSwap(true, false) {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	data, err := b.snapshot()
	if err != nil {
		b.dirty.Store(true)
		return err
	}
	if bytes.Equal(data, b.last) {
		return nil
	}
	if err := writeFileAtomic(b.path, data); err != nil {
		b.dirty.Store(true)
		return err
	}
	b.last = data
	return nil
}

func (b *backup) snapshot() ([]byte, error) {
	db := b.db.Session(&gorm.Session{NewDB: true})
	var list []Workspace
	if err := db.Order("created_at, id").Find(&list).Error; err != nil {
		return nil, err
	}
	out := deskBackup{Version: 1, Workspaces: make([]backupWorkspace, len(list)), Remembered: []Remembered{}, Settings: map[string]string{}}
	for i, ws := range list {
		out.Workspaces[i] = backupWorkspace{
			ID: ws.ID, Name: ws.Name, Kind: ws.Kind, ServerURL: ws.ServerURL, AllowInsecure: ws.AllowInsecure, CAFile: ws.CAFile,
			RemoteID: ws.RemoteID, AccessKeyID: ws.AccessKeyID, Role: ws.Role, Position: ws.Position, CreatedAt: ws.CreatedAt.UTC(),
		}
	}
	if err := db.Order("workspace_id, key_id").Find(&out.Remembered).Error; err != nil {
		return nil, err
	}
	var settings []Setting
	if err := db.Find(&settings).Error; err != nil {
		return nil, err
	}
	for _, s := range settings {
		out.Settings[s.Name] = s.Value
	}
	return json.MarshalIndent(out, "", "  ")
}

// restore fills an empty desk.db from the backup file, if there is one.
// Every workspace comes back with no cursor, so its first sync is a full one.
func restoreBackup(db *gorm.DB, path string) (int, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var in deskBackup
	if err := json.Unmarshal(data, &in); err != nil {
		return 0, fmt.Errorf("%s is not readable: %w", path, err)
	}
	err = db.Transaction(func(tx *gorm.DB) error {
		for _, w := range in.Workspaces {
			ws := Workspace{
				ID: w.ID, Name: w.Name, Kind: w.Kind, ServerURL: w.ServerURL, AllowInsecure: w.AllowInsecure, CAFile: w.CAFile,
				RemoteID: w.RemoteID, AccessKeyID: w.AccessKeyID, Role: w.Role, Position: w.Position, CreatedAt: w.CreatedAt,
			}
			if err := tx.Create(&ws).Error; err != nil {
				return err
			}
		}
		for _, r := range in.Remembered {
			if err := tx.Create(&r).Error; err != nil {
				return err
			}
		}
		for name, value := range in.Settings {
			if err := tx.Create(&Setting{Name: name, Value: value}).Error; err != nil {
				return err
			}
		}
		return nil
	})
	return len(in.Workspaces), err
}

// isCorrupt reports the SQLite errors of a damaged database file, as
// opposed to one that cannot be opened (permissions, a full disk).
func isCorrupt(err error) bool {
	var coded interface{ Code() int }
	if errors.As(err, &coded) {
		switch coded.Code() & 0xff {
		case 11, 26: // SQLITE_CORRUPT, SQLITE_NOTADB
			return true
		}
	}
	return false
}

// checkIntegrity runs SQLite's quick check, which reads every page: a
// database can open and migrate with damaged pages.
func checkIntegrity(db *gorm.DB) error {
	var rows []string
	if err := db.Raw("PRAGMA quick_check").Scan(&rows).Error; err != nil {
		return err
	}
	if len(rows) != 1 || rows[0] != "ok" {
		return &corruptError{detail: strings.Join(rows, "; ")}
	}
	return nil
}

type corruptError struct{ detail string }

func (e *corruptError) Error() string { return "the integrity check failed: " + e.detail }
func (e *corruptError) Code() int     { return 11 }

// moveAside renames a damaged database and its WAL and shared-memory files
// to <name>.corrupt-<time>, so that it can be looked at and a new one made.
func moveAside(path string, now time.Time) (string, error) {
	aside := path + ".corrupt-" + now.UTC().Format("20060102T150405Z")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Rename(path+suffix, aside+suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("move the damaged %s aside: %w", filepath.Base(path+suffix), err)
		}
	}
	return aside, nil
}

// writeFileAtomic writes a file of mode 0600 through a synced temporary
// file and a rename, so that a crash leaves the old file or the new one.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// adoptLocalWorkspace points a desk.db without a Local workspace at the
// one local-server.db already has (desk.db was rebuilt without a backup),
// instead of creating an empty one beside it. ensureLocalWorkspace then
// issues the desk a new access key.
func (d *Desk) adoptLocalWorkspace(ctx context.Context) error {
	var n int64
	if err := d.db.Model(&Workspace{}).Where("kind = ?", KindLocal).Count(&n).Error; err != nil || n > 0 {
		return err
	}
	list, err := d.local.store.Workspaces(ctx)
	if err != nil || len(list) == 0 {
		return err
	}
	id, err := keys.NewID("wsl", nil)
	if err != nil {
		return err
	}
	d.opts.Log.Warn("adopting the Local workspace of local-server.db", "workspace", list[0].ID)
	return d.db.Create(&Workspace{ID: id, Name: list[0].Name, Kind: KindLocal, RemoteID: list[0].ID, Role: "admin", CreatedAt: d.now()}).Error
}
