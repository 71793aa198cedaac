package desk

import (
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/schema"

	"github.com/keydesk/keydesk/backend/api"
)

// The sync writes cached keys without gorm: its columns must be the
// model's, all of them.
func TestCachedKeyColumnsAreTheModels(t *testing.T) {
	s, err := schema.Parse(&CachedKey{}, &sync.Map{}, schema.NamingStrategy{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := slices.Sorted(slices.Values(cachedKeyColumns)), slices.Sorted(slices.Values(s.DBNames)); !slices.Equal(got, want) {
		t.Fatalf("cachedKeyColumns = %v, the model has %v", got, want)
	}
}

// A key the sync writes is stored as gorm stores it, to the byte (times
// are text whose format queries compare), and an upsert replaces every
// column.
func TestCacheWriterStoresKeysAsGormDoes(t *testing.T) {
	db, err := openDB(filepath.Join(t.TempDir(), "desk.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer closeDB(db)
	east := time.FixedZone("east", 5*3600+30*60)
	at := func(s string) *time.Time {
		v, err := time.ParseInLocation(time.DateTime, s, east)
		if err != nil {
			t.Fatal(err)
		}
		return &v
	}
	full := api.Key{
		ID: "key_full", Name: "billing", Role: "api", MaskedKey: "kd_…wxyz", Enabled: true, CreatedAt: *at("2026-01-02 03:04:05"),
		ExpiresAt: at("2026-03-04 05:06:07"), LastUsedAt: at("2026-02-03 04:05:06"), ProfileID: "prf_1", RevokesAt: at("2026-02-10 00:00:00"),
		AutoRevoke: true, RotatedFrom: "key_old", CreatedBy: "key_admin", UpdatedAt: *at("2026-02-03 04:05:06"), Revision: 7,
	}
	bare := api.Key{ID: "key_bare", Name: "bare", Role: "member", MaskedKey: "kd_…abcd", CreatedAt: *at("2026-01-01 00:00:00"), UpdatedAt: *at("2026-01-01 00:00:00"), Revision: 3}

	for _, k := range []api.Key{full, bare} {
		row := CachedFromAPI("ws_gorm", k)
		if err := db.Create(&row).Error; err != nil {
			t.Fatal(err)
		}
	}
	write := func(full bool, keys ...api.Key) {
		t.Helper()
		err := db.Transaction(func(tx *gorm.DB) error {
			w := newCacheWriter(tx, "ws_raw", full)
			_, err := w.writePages(0, api.KeyList{Items: keys, Revision: 9}, nil, func(api.KeyList) {})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	write(true, full, bare)
	stored := func(workspaceID string) []string {
		t.Helper()
		var out []string
		for _, c := range cachedKeyColumns[1:] {
			var vals []string
			if err := db.Raw("SELECT typeof("+c+") || ':' || quote("+c+") FROM cached_keys WHERE workspace_id = ? ORDER BY id", workspaceID).Scan(&vals).Error; err != nil {
				t.Fatal(err)
			}
			out = append(out, c+" = "+strings.Join(vals, ", "))
		}
		return out
	}
	if got, want := stored("ws_raw"), stored("ws_gorm"); !slices.Equal(got, want) {
		t.Fatalf("written by the sync:\n%s\nby gorm:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// The upsert turns the full key into the bare one, under its id.
	changed := bare
	changed.ID, changed.Revision = full.ID, 8
	write(false, changed)
	var got CachedKey
	if err := db.Where("workspace_id = ? AND id = ?", "ws_raw", full.ID).Take(&got).Error; err != nil {
		t.Fatal(err)
	}
	want := CachedFromAPI("ws_raw", changed)
	if got.Name != want.Name || got.Role != want.Role || got.MaskedKey != want.MaskedKey || got.Enabled || got.ExpiresAt != nil || got.LastUsedAt != nil ||
		got.ProfileID != "" || got.RevokesAt != nil || got.AutoRevoke || got.RotatedFrom != "" || got.CreatedBy != "" ||
		!got.CreatedAt.Equal(want.CreatedAt) || !got.UpdatedAt.Equal(want.UpdatedAt) || got.Revision != 8 {
		t.Fatalf("after the upsert: %+v, want %+v", got, want)
	}
}

// The key table's order (FirstKeys, Keys) is read from an index, not
// sorted from a scan of the workspace's keys: the desktop's first screen
// waits for FirstKeys.
func TestKeyTableOrderIsAnIndex(t *testing.T) {
	db, err := openDB(filepath.Join(t.TempDir(), "desk.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer closeDB(db)
	if err := db.AutoMigrate(&CachedKey{}); err != nil {
		t.Fatal(err)
	}
	var plan []struct{ Detail string }
	err = db.Raw("EXPLAIN QUERY PLAN SELECT * FROM cached_keys WHERE workspace_id = ? ORDER BY "+keyTableOrder+" LIMIT 100", "wsl_1").Scan(&plan).Error
	if err != nil {
		t.Fatal(err)
	}
	var details []string
	for _, p := range plan {
		details = append(details, p.Detail)
	}
	got := strings.Join(details, "; ")
	if !strings.Contains(got, "idx_cached_keys_table_order") || strings.Contains(got, "TEMP B-TREE") {
		t.Fatalf("query plan = %q, want idx_cached_keys_table_order and no sort", got)
	}
}
