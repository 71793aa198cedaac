package desk

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/keydesk/keydesk/backend/api"
)

// cacheWriter applies changes to the cached keys of a workspace inside a
// sync's transaction, in the order of their revisions, one row per
// statement. Statements of many rows cost more, not less: inside a
// transaction SQLite copies each page such a statement changes to a
// statement journal first (to undo just that statement), and parses a long
// VALUES list slower per row than a short one. (Preparing the statements
// once gains nothing: the driver, glebarez/go-sqlite, prepares a statement
// anew on every Exec.)
type cacheWriter struct {
	tx          gorm.ConnPool
	workspaceID string
	full        bool   // replaces every cached key of the workspace
	insert      string // plain inserts after a full resync emptied the cache, upserts otherwise
	args        []any
	applied     int  // changes applied
	deleted     bool // whether any key was deleted
}

// Statements of the cache writer. An upsert sets every column but the key,
// the first two.
var (
	insertCachedKey = "INSERT INTO cached_keys (" + strings.Join(cachedKeyColumns, ", ") + ") VALUES (?" + strings.Repeat(", ?", len(cachedKeyColumns)-1) + ")"
	upsertCachedKey = insertCachedKey + " ON CONFLICT (workspace_id, id) DO UPDATE SET " + setFromExcluded(cachedKeyColumns[2:])
	deleteCachedKey = "DELETE FROM cached_keys WHERE workspace_id = ? AND id = ?"
	clearCachedKeys = "DELETE FROM cached_keys WHERE workspace_id = ?"
)

func setFromExcluded(columns []string) string {
	sets := make([]string, len(columns))
	for i, c := range columns {
		sets[i] = c + " = excluded." + c
	}
	return strings.Join(sets, ", ")
}

// newCacheWriter starts the writes of a sync; a full resync empties the
// workspace's cached keys first.
func newCacheWriter(tx *gorm.DB, workspaceID string, full bool) *cacheWriter {
	w := &cacheWriter{tx: tx.Statement.ConnPool, workspaceID: workspaceID, full: full, insert: upsertCachedKey}
	if full {
		w.insert = insertCachedKey
	}
	return w
}

// writePages applies page and the ones next returns after it, up to the
// last (the first that is not full), calling written after each. It returns
// the revision the cache then mirrors: since, when no page moved it.
func (w *cacheWriter) writePages(since int64, page api.KeyList, next func() (api.KeyList, error), written func(api.KeyList)) (int64, error) {
	if w.full {
		if err := w.exec(clearCachedKeys, w.workspaceID); err != nil {
			return 0, err
		}
	}
	revision := since
	for {
		if err := w.apply(page.Items); err != nil {
			return 0, err
		}
		if len(page.Items) > 0 {
			revision = page.Items[len(page.Items)-1].Revision
		}
		revision = max(page.Revision, revision)
		written(page)
		if len(page.Items) < syncPageSize {
			return revision, nil
		}
		var err error
		if page, err = next(); err != nil {
			return 0, err
		}
	}
}

func (w *cacheWriter) apply(changes []api.Key) error {
	for _, k := range changes {
		if k.Deleted {
			if err := w.exec(deleteCachedKey, w.workspaceID, k.ID); err != nil {
				return err
			}
			w.deleted = true
		} else {
			row := CachedFromAPI(w.workspaceID, k)
			w.args = row.appendValues(w.args[:0])
			if err := w.exec(w.insert, w.args...); err != nil {
				return err
			}
		}
		w.applied++
	}
	return nil
}

func (w *cacheWriter) exec(query string, args ...any) error {
	// Not cancellable: the driver would start a goroutine per statement to
	// watch the context. A cancelled sync stops between pages.
	_, err := w.tx.ExecContext(context.Background(), query, args...)
	return err
}

// syncPageCacheKiB is the page cache of desk.db's connection while a sync
// writes more than a page of keys: enough for 100,000 keys and their index,
// so that SQLite keeps the transaction's pages in memory instead of
// writing them out and reading them back before the commit.
const syncPageCacheKiB = 64 << 10

// growPageCache sets the page cache of conn, a connection of its own, to
// syncPageCacheKiB, and returns what sets it back.
func growPageCache(conn *gorm.DB) (restore func() error, err error) {
	pool := conn.Statement.ConnPool
	var size int64
	if err := pool.QueryRowContext(context.Background(), "PRAGMA cache_size").Scan(&size); err != nil {
		return nil, err
	}
	if _, err := pool.ExecContext(context.Background(), fmt.Sprintf("PRAGMA cache_size = %d", -syncPageCacheKiB)); err != nil {
		return nil, err
	}
	return func() error {
		_, err := pool.ExecContext(context.Background(), fmt.Sprintf("PRAGMA cache_size = %d", size))
		return err
	}, nil
}
