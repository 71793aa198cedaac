package server

import (
	"context"
	"math"
	"runtime"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"

	"github.com/keydesk/keydesk/backend/keys"
)

// A page of 50 out of 100,000 keys, filtered and sorted, cost SQLite about
// 190 ms: no index serves a search in three columns or sorts by derived
// states, and the count reads every row again. So listing works on an
// in-memory copy of each listed workspace's keys instead: one pass filters
// and counts, and a bounded heap keeps only the rows up to the page.
//
// The copy is exact on any store, replicas included, because every change
// to a key (usage too) gives it a new workspace revision and every deletion
// leaves a tombstone: before each listing the copy catches up with the keys
// and tombstones newer than the revision it has seen, as a desktop's sync
// does.

// listIdleAfter is how long a workspace's copy is kept without a listing.
const listIdleAfter = 15 * time.Minute

// listIndexes holds the copies, by workspace.
type listIndexes struct {
	mu        sync.Mutex
	byWS      map[string]*listIndex
	lastSweep time.Time
}

// listIndex is one workspace's keys as of a revision.
type listIndex struct {
	mu       sync.RWMutex
	loaded   bool
	revision int64
	rows     []listRow
	byID     map[string]int // position in rows
	lastUse  time.Time      // guarded by listIndexes.mu
}

// listRow is a key with what filters and sorts compare laid out flat, so
// that a pass over 100,000 rows reads one array instead of following a
// pointer per key: instants in Unix nanoseconds ("never" is the largest),
// and the searched text lower-cased in one string, "name NUL id NUL masked
// key", so that a search is one substring test. The hash is not kept: a
// listing never shows it.
type listRow struct {
	expires, revokes, created, updated, lastUsed int64
	enabled                                      bool
	text                                         string
	nameLen                                      int // of the lower-cased name at the start of text
	key                                          *Key
}

const never = math.MaxInt64

func newListRow(k Key) listRow {
	k.Hash = ""
	r := listRow{
		expires: nanos(k.ExpiresAt), revokes: never, created: nanos(&k.CreatedAt), updated: nanos(&k.UpdatedAt),
		lastUsed: nanos(k.LastUsedAt), enabled: k.Enabled,
		text: strings.ToLower(k.Name) + "\x00" + strings.ToLower(k.ID) + "\x00" + strings.ToLower(k.MaskedKey), key: &k,
	}
	r.nameLen = strings.IndexByte(r.text, 0)
	if k.AutoRevoke {
		r.revokes = nanos(k.RevokesAt)
	}
	return r
}

// nanos is t in Unix nanoseconds, never for nil; instants past 2262 (no
// key lives that long) count as never.
func nanos(t *time.Time) int64 {
	if t == nil || t.Year() >= 2262 {
		return never
	}
	return t.UnixNano()
}

// status is keys.State.Status on the flat fields.
func (r *listRow) status(now int64) keys.Status {
	switch {
	case r.expires <= now:
		return keys.StatusExpired
	case !r.enabled || r.revokes <= now:
		return keys.StatusInactive
	}
	return keys.StatusActive
}

// index returns the workspace's copy caught up to at least revision, and
// drops copies nobody listed for a while.
func (s *Store) index(ctx context.Context, workspaceID string, revision int64) (*listIndex, error) {
	now := time.Now()
	s.lists.mu.Lock()
	if s.lists.byWS == nil {
		s.lists.byWS = map[string]*listIndex{}
	}
	if now.Sub(s.lists.lastSweep) > time.Minute {
		for id, ix := range s.lists.byWS {
			if now.Sub(ix.lastUse) > listIdleAfter {
				delete(s.lists.byWS, id)
			}
		}
		s.lists.lastSweep = now
	}
	ix, ok := s.lists.byWS[workspaceID]
	if !ok {
		ix = &listIndex{}
		s.lists.byWS[workspaceID] = ix
	}
	ix.lastUse = now
	s.lists.mu.Unlock()

	ix.mu.RLock()
	current := ix.loaded && ix.revision >= revision
	ix.mu.RUnlock()
	if current {
		return ix, nil
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.loaded && ix.revision >= revision {
		return ix, nil // another listing caught up meanwhile
	}
	if err := ix.catchUp(s.read.WithContext(ctx), workspaceID, revision); err != nil {
		ix.loaded = false // start over next time rather than serve a partial copy
		return nil, err
	}
	return ix, nil
}

// catchUp reads what changed after the copy's revision (everything, the
// first time) and records revision, read before, as seen. Rows are read
// without an upper bound: one changed again meanwhile is simply newer than
// revision, and the next catch-up reads it once more.
func (ix *listIndex) catchUp(db *gorm.DB, workspaceID string, revision int64) error {
	var rows []Key
	var tombs []Tombstone
	if !ix.loaded {
		if err := db.Where("workspace_id = ?", workspaceID).Order("created_at, id").Find(&rows).Error; err != nil {
			return err
		}
		ix.rows, ix.byID = make([]listRow, 0, len(rows)), make(map[string]int, len(rows))
	} else {
		if err := db.Where("workspace_id = ? AND revision > ?", workspaceID, ix.revision).Find(&rows).Error; err != nil {
			return err
		}
		if err := db.Where("workspace_id = ? AND revision > ?", workspaceID, ix.revision).Find(&tombs).Error; err != nil {
			return err
		}
	}
	for _, k := range rows {
		k.WorkspaceID = workspaceID // one string for all rows, not one per row read
		if i, ok := ix.byID[k.ID]; ok {
			ix.rows[i] = newListRow(k)
		} else {
			ix.byID[k.ID] = len(ix.rows)
			ix.rows = append(ix.rows, newListRow(k))
		}
	}
	for _, t := range tombs {
		if i, ok := ix.byID[t.KeyID]; ok {
			last := len(ix.rows) - 1
			ix.rows[i] = ix.rows[last]
			ix.byID[ix.rows[i].key.ID] = i
			ix.rows = ix.rows[:last]
			delete(ix.byID, t.KeyID)
		}
	}
	ix.loaded, ix.revision = true, revision
	return nil
}

// page filters, counts and sorts the copy for q at now.
func (ix *listIndex) page(q ListQuery, now time.Time) Page {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	page := Page{Revision: ix.revision}
	at := now.UnixNano()
	term := strings.ToLower(strings.TrimSpace(q.Search))
	if strings.IndexByte(term, 0) >= 0 {
		// Names hold no control characters, ids and masked keys neither:
		// such a term matches nothing, and must not match across fields.
		term = "\x00\x00"
	}
	less, desc := rowOrder(q.Sort)
	// Keep the best offset+size rows seen so far; past the end of the
	// matches no row is kept, only counted.
	offset := q.PageIndex * q.PageSize
	keep := 0
	if q.PageIndex < len(ix.rows)/max(q.PageSize, 1)+1 {
		keep = min(offset+q.PageSize, len(ix.rows))
	}
	match := func(r *listRow) bool {
		return (q.Status == "" || r.status(at) == q.Status) && (term == "" || strings.Contains(r.text, term))
	}
	// Big workspaces are scanned in parts on every core, each keeping its
	// own best rows; the page is the best of those.
	parts := min(runtime.GOMAXPROCS(0), len(ix.rows)/scanPartRows+1)
	found := make([]topRows, parts)
	counts := make([]int64, parts)
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() {
			from, to := len(ix.rows)*p/parts, len(ix.rows)*(p+1)/parts
			found[p], counts[p] = scanRows(ix.rows[from:to], desc, match, less, keep)
		})
	}
	wg.Wait()
	best := topRows{less: less, rows: make([]*listRow, 0, keep)}
	for p := range parts {
		page.Total += counts[p]
		for _, r := range found[p].rows {
			best.offer(r, keep)
		}
	}
	sorted := best.sorted()
	if offset < len(sorted) {
		sorted = sorted[offset:]
		page.Items = make([]Change, len(sorted))
		for i, r := range sorted {
			page.Items[i] = Change{Key: *r.key}
		}
	}
	return page
}

// scanPartRows is how many rows are worth a goroutine of their own (a
// variable so that a test can split small workspaces).
var scanPartRows = 20_000

// scanRows counts the rows that match and keeps the best keep of them.
func scanRows(rows []listRow, desc bool, match func(*listRow) bool, less func(a, b *listRow) bool, keep int) (topRows, int64) {
	best := topRows{less: less, rows: make([]*listRow, 0, min(keep, len(rows)))}
	var count int64
	// Rows are mostly in creation order: walking them from the end for a
	// descending sort makes the newest-first default cost one comparison
	// per row once the page is full.
	for n := range rows {
		i := n
		if desc {
			i = len(rows) - 1 - n
		}
		if r := &rows[i]; match(r) {
			count++
			if keep > 0 {
				best.offer(r, keep)
			}
		}
	}
	return best, count
}

// rowOrder is the order of a sort field ("-" in front for descending),
// ties broken by id. "Never" sorts like the API has always sorted it: a
// key that never expires after every date ascending and before them
// descending; a key never used after every use either way.
func rowOrder(sortField string) (less func(a, b *listRow) bool, desc bool) {
	field, desc := strings.CutPrefix(sortField, "-")
	if field == "" {
		field, desc = "createdAt", true
	}
	var cmp func(a, b *listRow) int
	switch field {
	case "name":
		cmp = func(a, b *listRow) int { return strings.Compare(a.text[:a.nameLen], b.text[:b.nameLen]) }
	case "createdAt":
		cmp = func(a, b *listRow) int { return cmpInt(a.created, b.created) }
	case "updatedAt":
		cmp = func(a, b *listRow) int { return cmpInt(a.updated, b.updated) }
	case "expiresAt":
		cmp = func(a, b *listRow) int { return cmpInt(a.expires, b.expires) }
	case "lastUsedAt":
		cmp = func(a, b *listRow) int { return cmpInt(a.lastUsed, b.lastUsed) }
	case "role":
		cmp = func(a, b *listRow) int { return strings.Compare(string(a.key.Role), string(b.key.Role)) }
	default: // "id"; the handler refuses other fields
		cmp = func(a, b *listRow) int { return 0 }
	}
	neverLastBothWays := field == "lastUsedAt"
	return func(a, b *listRow) bool {
		c := cmp(a, b)
		if desc {
			c = -c
			if neverLastBothWays && (a.lastUsed == never) != (b.lastUsed == never) {
				c = -c
			}
		}
		if c != 0 {
			return c < 0
		}
		if field == "id" && desc {
			return a.key.ID > b.key.ID
		}
		return a.key.ID < b.key.ID
	}, desc
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// topRows keeps the n smallest rows offered, as a max-heap: the largest
// kept row is at the top, and a row that does not beat it costs one
// comparison.
type topRows struct {
	less func(a, b *listRow) bool
	rows []*listRow
}

func (t *topRows) offer(r *listRow, n int) {
	if len(t.rows) < n {
		t.rows = append(t.rows, r)
		t.up(len(t.rows) - 1)
		return
	}
	if !t.less(r, t.rows[0]) {
		return
	}
	t.rows[0] = r
	t.down(0)
}

func (t *topRows) up(i int) {
	for i > 0 {
		parent := (i - 1) / 2
		if !t.less(t.rows[parent], t.rows[i]) {
			return
		}
		t.rows[parent], t.rows[i] = t.rows[i], t.rows[parent]
		i = parent
	}
}

func (t *topRows) down(i int) {
	for {
		largest, l, r := i, 2*i+1, 2*i+2
		if l < len(t.rows) && t.less(t.rows[largest], t.rows[l]) {
			largest = l
		}
		if r < len(t.rows) && t.less(t.rows[largest], t.rows[r]) {
			largest = r
		}
		if largest == i {
			return
		}
		t.rows[i], t.rows[largest] = t.rows[largest], t.rows[i]
		i = largest
	}
}

// sorted empties the heap into ascending order.
func (t *topRows) sorted() []*listRow {
	out := make([]*listRow, len(t.rows))
	for i := len(t.rows) - 1; i >= 0; i-- {
		out[i] = t.rows[0]
		last := len(t.rows) - 1
		t.rows[0] = t.rows[last]
		t.rows = t.rows[:last]
		t.down(0)
	}
	return out
}
