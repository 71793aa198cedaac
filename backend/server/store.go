// Package server is the Keydesk key server: the store (gorm on SQLite or
// PostgreSQL), the HTTP API with its authentication and roles, and the jobs
// that run beside it. The desktop embeds it for the Local workspace and
// `keydesk serve` runs it for a team.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"github.com/gofrs/flock"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Sentinel errors of the store; the HTTP layer maps them to status codes in
// one place (problem.go).
var (
	ErrNotFound     = errors.New("not found")
	ErrConflict     = errors.New("conflict")
	ErrUnauthorized = errors.New("unauthorized")
	ErrForbidden    = errors.New("forbidden")
)

// Store owns the database. SQLite allows one writer at a time, so writes go
// through a single connection and reads through a small pool; PostgreSQL
// uses one pool for both.
type Store struct {
	db   *gorm.DB // writes (and reads inside write transactions)
	read *gorm.DB // reads outside transactions
	kind string   // "sqlite" or "postgres"
	path string   // the SQLite file
	// changes notes what each committed write touched (see verifyCache).
	changes *changeLog
	lock    *flock.Flock // held while this process is the database's only server
	lists   listIndexes  // in-memory copies of listed workspaces' keys
	// changeTotals spares sync's next page a count (see listChanges).
	changeTotals changeTotals
}

// ErrDatabaseInUse means another server already owns the SQLite database.
var ErrDatabaseInUse = errors.New("another Keydesk server is using this SQLite database: run one server per SQLite file, or PostgreSQL for several")

// ClaimSQLite makes this process the only server of its SQLite database,
// with a lock file beside it that the operating system releases when the
// process ends, however it ends. Only then may verifications be answered
// from memory (see verifyCache). On PostgreSQL it does nothing: replicas
// share the database, so every verification reads it.
func (s *Store) ClaimSQLite() error {
	if s.kind != "sqlite" || s.lock != nil {
		return nil
	}
	lock := flock.New(s.path + ".lock")
	ok, err := lock.TryLock()
	if err != nil {
		return fmt.Errorf("lock %s: %w", lock.Path(), err)
	}
	if !ok {
		return fmt.Errorf("%s: %w", s.path, ErrDatabaseInUse)
	}
	s.lock = lock
	return nil
}

// exclusive reports whether no other process writes the database.
func (s *Store) exclusive() bool { return s.lock != nil }

// Postgres is the PostgreSQL driver's gorm.Dialector constructor
// (gorm.io/driver/postgres.Open). The programs that serve PostgreSQL pass it
// to OpenStore; the desktop, whose Local workspace is SQLite, passes nil and
// so does not link the driver (pgx: 3 MB of code, resident while it runs).
type Postgres func(dsn string) gorm.Dialector

func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// DefaultSQLiteFile is the server's database when none is named: a file
// of that name in the current folder.
const DefaultSQLiteFile = "keydesk-server.db"

// CheckDSN says what is wrong with a database address (--db) before
// anything is opened or created: its form, and for SQLite that the file's
// folder exists and the path is not a folder itself (SQLite would say
// "out of memory" of either).
func CheckDSN(dsn string) error {
	if isPostgres(dsn) {
		return nil
	}
	path := strings.TrimPrefix(dsn, "sqlite:")
	if path == "" {
		return errors.New("--db is empty: use sqlite:PATH or postgres://…")
	}
	// Another database's URL would otherwise be taken for a file name.
	if scheme, _, ok := strings.Cut(path, "://"); ok && !strings.ContainsAny(scheme, `/\`) {
		return fmt.Errorf("--db must be sqlite:PATH, a file path or postgres://…, got a %s:// URL", scheme)
	}
	// bogus:/x is a kind of database Keydesk does not know, not a folder
	// "bogus:" (a one-letter one is a Windows drive; ./a:b is a file).
	if scheme, _, ok := strings.Cut(path, ":"); ok && len(scheme) > 1 && !strings.ContainsAny(scheme, `/\.`) {
		return fmt.Errorf("--db must be sqlite:PATH, a file path or postgres://…, got %s: (write ./%s for a file of that name)", scheme, path)
	}
	if dir := filepath.Dir(path); dir != "." {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return fmt.Errorf("--db: the folder %s does not exist: create it, or give another path", dir)
		}
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("--db: %s is a folder: give the database file in it, such as %s", path, filepath.Join(path, DefaultSQLiteFile))
	}
	return nil
}

// OpenStore opens (and migrates) the database named by dsn:
// "sqlite:PATH", a bare path, or "postgres://…" (which needs pg).
func OpenStore(dsn string, pg Postgres, log *slog.Logger) (*Store, error) {
	cfg := &gorm.Config{
		Logger:                 logger.Discard, // gorm would log SQL with bound values
		SkipDefaultTransaction: true,
		NowFunc:                func() time.Time { return time.Now().UTC() },
		TranslateError:         true,
		PrepareStmt:            true, // parsing SQL was a quarter of a create
	}
	if err := CheckDSN(dsn); err != nil {
		return nil, err
	}
	s := &Store{changes: newChangeLog()}
	switch {
	case isPostgres(dsn):
		if pg == nil {
			return nil, errors.New("this program opens only SQLite databases: serve PostgreSQL with `keydesk serve --db postgres://…`")
		}
		db, err := gorm.Open(pg(dsn), cfg)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		sqlDB, err := db.DB()
		if err != nil {
			return nil, err
		}
		sqlDB.SetMaxOpenConns(32)
		sqlDB.SetMaxIdleConns(32)
		s.db, s.read, s.kind = db, db, "postgres"
	default:
		path := strings.TrimPrefix(dsn, "sqlite:")
		pragmas := "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)"
		// BEGIN IMMEDIATE on the writer: a transaction takes the write lock
		// up front instead of failing to upgrade a read lock later.
		w, err := gorm.Open(sqlite.Open(path+pragmas+"&_txlock=immediate"), cfg)
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
		wDB, err := w.DB()
		if err != nil {
			return nil, err
		}
		wDB.SetMaxOpenConns(1)
		r, err := gorm.Open(sqlite.Open(path+pragmas), cfg)
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
		rDB, err := r.DB()
		if err != nil {
			return nil, err
		}
		rDB.SetMaxOpenConns(4)
		// Kept open: a new SQLite connection maps memory and reads the
		// schema again, which was most of a create's system time.
		rDB.SetMaxIdleConns(4)
		s.db, s.read, s.kind, s.path = w, r, "sqlite", path
	}
	if err := s.db.AutoMigrate(&Workspace{}, &Key{}, &Tombstone{}, &Profile{}, &AuditEvent{}, &Usage{}); err != nil {
		s.Close()
		return nil, fmt.Errorf("migrate database: %w", err)
	}
	if log != nil {
		log.Info("database ready", "kind", s.kind)
	}
	return s, nil
}

// Close releases the database connections.
func (s *Store) Close() error {
	var errs []error
	for _, g := range []*gorm.DB{s.db, s.read} {
		if sqlDB, err := g.DB(); err == nil {
			errs = append(errs, sqlDB.Close())
		}
	}
	if s.lock != nil {
		errs = append(errs, s.lock.Unlock())
	}
	return errors.Join(errs...)
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	sqlDB, err := s.read.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}

// bumpRevision reserves n consecutive revisions of a workspace and returns
// the first. It is the first statement of every mutation, so it also takes
// the workspace's write lock: revisions are committed in the order they are
// handed out, which is what lets a client sync by "everything after N".
func bumpRevision(tx *gorm.DB, workspaceID string, n int64) (int64, error) {
	res := tx.Model(&Workspace{}).Where("id = ?", workspaceID).
		UpdateColumn("revision", gorm.Expr("revision + ?", n))
	if res.Error != nil {
		return 0, fmt.Errorf("bump revision: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return 0, fmt.Errorf("workspace %s: %w", workspaceID, ErrNotFound)
	}
	var rev int64
	if err := tx.Model(&Workspace{}).Where("id = ?", workspaceID).Pluck("revision", &rev).Error; err != nil {
		return 0, fmt.Errorf("read revision: %w", err)
	}
	return rev - n + 1, nil
}
