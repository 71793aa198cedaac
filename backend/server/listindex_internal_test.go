package server

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"

	"github.com/keydesk/keydesk/backend/keys"
)

// TestListIndexAnswersLikeSQL compares every listing of the in-memory copy
// with the SQL query the API answered with before it, for each sort field
// both ways, each status, searches and pages, over keys that tie on every
// field; then again after creates, edits, uses and deletions, which the
// copy must catch up with.
func TestListIndexAnswersLikeSQL(t *testing.T) {
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "list.db")
	if pg := os.Getenv("KEYDESK_TEST_POSTGRES"); pg != "" {
		dsn = pg
	}
	store, err := OpenStore(dsn, postgres.Open, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	wsID, _ := keys.NewID("ws", nil)
	if err := store.CreateWorkspace(ctx, Workspace{ID: wsID, Name: "List", CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	rng := rand.New(rand.NewPCG(7, 9))
	names := []string{"Alpha", "alpha", "ALPHA-2", "beta", "Service_01", "service-01", "100% up", "a_b", "zeta", "é-key", "mid dle"}
	times := func(base time.Time) *time.Time { // nil, or one of a few shared instants
		if rng.IntN(4) == 0 {
			return nil
		}
		t := base.Add(time.Duration(rng.IntN(5)-2) * 24 * time.Hour)
		return &t
	}
	randomKey := func() *Key {
		secret, _ := keys.NewSecret(keys.DefaultPrefix, nil)
		id, _ := keys.NewID("key", nil)
		k := &Key{ID: id, Name: names[rng.IntN(len(names))], Role: []keys.Role{keys.RoleAPI, keys.RoleAdmin, keys.RoleMember}[rng.IntN(3)],
			Hash: keys.Hash(secret), MaskedKey: keys.Mask(secret), Enabled: rng.IntN(5) != 0, ExpiresAt: times(now), LastUsedAt: times(now)}
		if rng.IntN(4) == 0 {
			k.AutoRevoke, k.RevokesAt = true, times(now)
		}
		return k
	}
	// Keys created in a few transactions: many share a creation time.
	for batch := range 6 {
		err := store.Update(ctx, wsID, now.Add(time.Duration(batch%3)*time.Hour), Actor{}, func(w *WorkspaceTx) error {
			for range 70 {
				if err := w.InsertKey(randomKey()); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	compareAll := func(stage string) {
		t.Helper()
		var some Key
		if err := store.read.Where("workspace_id = ?", wsID).Order("id").Take(&some).Error; err != nil {
			t.Fatal(err)
		}
		searches := []string{"", "alpha", "SERVICE", "1", "%", "_", "é", " dle", "nothing-like-it", some.ID[4:12], some.MaskedKey[len(some.MaskedKey)-4:]}
		statuses := []keys.Status{"", keys.StatusActive, keys.StatusInactive, keys.StatusExpired}
		compared := 0
		for _, field := range sortFields {
			for _, sortBy := range []string{field, "-" + field} {
				for _, status := range statuses {
					for _, search := range searches {
						for _, pg := range [][2]int{{0, 7}, {2, 7}, {0, 1000}, {500, 3}} {
							q := ListQuery{Sort: sortBy, Status: status, Search: search, PageIndex: pg[0], PageSize: pg[1]}
							got, err := store.ListKeys(ctx, wsID, q, now)
							if err != nil {
								t.Fatal(err)
							}
							want, total := sqlListing(t, store, wsID, q, now)
							if ids := pageIDs(got); !slices.Equal(ids, want) || got.Total != total {
								t.Fatalf("%s: %+v:\n got %d %v\nwant %d %v", stage, q, got.Total, ids, total, want)
							}
							compared++
						}
					}
				}
			}
		}
		t.Logf("%s: %d listings compared", stage, compared)
	}
	compareAll("first load")
	// The same in parts scanned side by side, as a big workspace is.
	defer func(rows, procs int) { scanPartRows = rows; runtime.GOMAXPROCS(procs) }(scanPartRows, runtime.GOMAXPROCS(4))
	scanPartRows = 50
	compareAll("in parts")

	var all []Key
	if err := store.read.Where("workspace_id = ?", wsID).Find(&all).Error; err != nil {
		t.Fatal(err)
	}
	err = store.Update(ctx, wsID, now.Add(3*time.Hour), Actor{}, func(w *WorkspaceTx) error {
		for i, k := range all[:120] {
			switch i % 4 {
			case 0:
				if err := w.DeleteKey(k.ID); err != nil {
					return err
				}
			case 1:
				k.Name, k.Enabled = names[rng.IntN(len(names))], !k.Enabled
				if err := w.SaveKey(&k); err != nil {
					return err
				}
			case 2:
				used := now.Add(time.Duration(i) * time.Minute)
				k.LastUsedAt = &used
				if err := w.SaveKey(&k); err != nil {
					return err
				}
			case 3:
				if err := w.InsertKey(randomKey()); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	compareAll("after changes")
}

// sqlListing is how the API listed keys before the in-memory copy: the
// reference the copy must agree with. Text sorts byte-wise ("C") on
// PostgreSQL too, as the copy does on every store.
func sqlListing(t *testing.T, s *Store, wsID string, q ListQuery, now time.Time) ([]string, int64) {
	t.Helper()
	const (
		expired    = "(expires_at IS NOT NULL AND expires_at <= ?)"
		notExpired = "(expires_at IS NULL OR expires_at > ?)"
		revoked    = "(enabled = false OR (auto_revoke = true AND revokes_at IS NOT NULL AND revokes_at <= ?))"
	)
	text := func(col string) string {
		if s.kind == "postgres" {
			return col + ` COLLATE "C"`
		}
		return col
	}
	query := s.read.Model(&Key{}).Where("workspace_id = ?", wsID)
	switch q.Status {
	case keys.StatusActive:
		query = query.Where(notExpired+" AND NOT ("+revoked+")", now, now)
	case keys.StatusInactive:
		query = query.Where(notExpired+" AND ("+revoked+")", now, now)
	case keys.StatusExpired:
		query = query.Where(expired, now)
	}
	if term := strings.TrimSpace(q.Search); term != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(strings.ToLower(term)) + "%"
		query = query.Where("(LOWER(name) LIKE ? ESCAPE '\\' OR LOWER(id) LIKE ? ESCAPE '\\' OR LOWER(masked_key) LIKE ? ESCAPE '\\')", like, like, like)
	}
	var total int64
	if err := query.Session(&gorm.Session{}).Count(&total).Error; err != nil {
		t.Fatal(err)
	}
	columns := map[string]string{"name": text("LOWER(name)"), "createdAt": "created_at", "expiresAt": "expires_at",
		"lastUsedAt": "last_used_at", "updatedAt": "updated_at", "role": text("role"), "id": text("id")}
	field, desc := strings.CutPrefix(q.Sort, "-")
	col := columns[field]
	order := col
	if desc {
		order += " DESC"
	}
	switch field {
	case "expiresAt":
		if desc {
			order = col + " IS NULL DESC, " + order
		} else {
			order = col + " IS NULL, " + order
		}
	case "lastUsedAt":
		order = col + " IS NULL, " + order
	}
	var ids []string
	err := query.Order(order).Order(text("id")).Offset(q.PageIndex*q.PageSize).Limit(q.PageSize).Pluck("id", &ids).Error
	if err != nil {
		t.Fatal(err)
	}
	return ids, total
}

func pageIDs(p Page) []string {
	ids := []string{}
	for _, c := range p.Items {
		ids = append(ids, c.ID)
	}
	return ids
}
