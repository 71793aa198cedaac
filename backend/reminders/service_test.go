package reminders_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/gorm"

	"github.com/keydesk/keydesk/backend/reminders"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

type notes struct {
	mu    sync.Mutex
	shown []string
}

func (n *notes) Notify(title, msg string) error {
	n.mu.Lock()
	n.shown = append(n.shown, title+": "+msg)
	n.mu.Unlock()
	return nil
}

func openDB(t *testing.T, path string) *gorm.DB {
	t.Helper()
	db, err := gorm.Open(sqlite.Open(path), &gorm.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if err := reminders.Migrate(db); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if sqlDB, err := db.DB(); err == nil {
			sqlDB.Close()
		}
	})
	return db
}

func expiringKey(expires time.Time) reminders.Key {
	used := expires.Add(-days(20))
	return reminders.Key{WorkspaceID: "w", ID: "k1", Name: "deploy", Active: true, Enabled: true,
		CreatedAt: expires.Add(-days(60)), ExpiresAt: &expires, LastUsedAt: &used}
}

func TestStoredOnceAcrossScansAndRestarts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "desk.db")
	c := &clock{t: now}
	n := &notes{}
	svc := reminders.New(openDB(t, path), n, c.now, nil)
	ctx := context.Background()
	key := expiringKey(now.Add(days(3)))
	settings := reminders.DefaultSettings()

	fresh, err := svc.Scan(ctx, []reminders.Key{key}, settings)
	if err != nil || len(fresh) != 1 || fresh[0].Kind != reminders.KindExpiring || fresh[0].Threshold != 7 {
		t.Fatalf("first scan = %+v, %v", fresh, err)
	}
	if fresh, _ = svc.Scan(ctx, []reminders.Key{key}, settings); len(fresh) != 0 {
		t.Fatalf("second scan made %d new reminders", len(fresh))
	}
	// A restart: a new service over the same file.
	svc = reminders.New(openDB(t, path), n, c.now, nil)
	if fresh, _ = svc.Scan(ctx, []reminders.Key{key}, settings); len(fresh) != 0 {
		t.Fatal("a restart repeated the reminder")
	}
	if len(n.shown) != 1 {
		t.Fatalf("notified %d times: %v", len(n.shown), n.shown)
	}
	// Closer to the expiry the 1-day reminder takes over from the 7-day one.
	c.t = now.Add(days(2.5))
	fresh, _ = svc.Scan(ctx, []reminders.Key{key}, settings)
	active, _ := svc.Active(ctx)
	if len(fresh) != 1 || fresh[0].Threshold != 1 || len(active) != 1 || active[0].Threshold != 1 {
		t.Fatalf("fresh %+v, active %+v", fresh, active)
	}
	// Renewed: the reminder resolves itself...
	renewed := key
	later := c.t.Add(days(200))
	renewed.ExpiresAt = &later
	svc.Scan(ctx, []reminders.Key{renewed}, settings)
	if active, _ := svc.Active(ctx); len(active) != 0 {
		t.Fatalf("renewed key still has reminders: %+v", active)
	}
	// ...and reminds again before the new expiry (the key is in use).
	c.t = later.Add(-days(5))
	used := c.t.Add(-time.Hour)
	renewed.LastUsedAt = &used
	if fresh, _ := svc.Scan(ctx, []reminders.Key{renewed}, settings); len(fresh) != 1 || fresh[0].Threshold != 7 {
		t.Fatalf("before the new expiry: %+v", fresh)
	}
}

// A key disabled and enabled again still expires: its reminder comes back
// (not notified twice), unless the user had dismissed it.
func TestReminderComesBackWhenTheKeyIsEnabledAgain(t *testing.T) {
	c := &clock{t: now}
	n := &notes{}
	ctx := context.Background()
	svc := reminders.New(openDB(t, filepath.Join(t.TempDir(), "desk.db")), n, c.now, nil)
	key := expiringKey(now.Add(days(3)))
	settings := reminders.DefaultSettings()
	svc.Scan(ctx, []reminders.Key{key}, settings)

	disabled := key
	disabled.Enabled, disabled.Active = false, false
	svc.Scan(ctx, []reminders.Key{disabled}, settings)
	if active, _ := svc.Active(ctx); len(active) != 0 {
		t.Fatalf("disabled key still reminded: %+v", active)
	}
	c.t = now.Add(time.Hour)
	svc.Scan(ctx, []reminders.Key{key}, settings)
	active, _ := svc.Active(ctx)
	if len(active) != 1 || active[0].KeyID != "k1" || active[0].Threshold != 7 {
		t.Fatalf("enabled again: %+v", active)
	}
	if len(n.shown) != 1 {
		t.Fatalf("notified %d times: %v", len(n.shown), n.shown)
	}

	// Dismissed, then disabled and enabled again: it stays dismissed.
	if err := svc.Dismiss(ctx, active[0].ID); err != nil {
		t.Fatal(err)
	}
	svc.Scan(ctx, []reminders.Key{disabled}, settings)
	svc.Scan(ctx, []reminders.Key{key}, settings)
	if active, _ := svc.Active(ctx); len(active) != 0 {
		t.Fatalf("a dismissed reminder came back: %+v", active)
	}
}

// Dismiss all: more reminders than one statement takes, some of them
// dismissed meanwhile, and an id that names none.
func TestDismissManyHidesWhatWasShown(t *testing.T) {
	path := filepath.Join(t.TempDir(), "desk.db")
	c := &clock{t: now}
	ctx := context.Background()
	svc := reminders.New(openDB(t, path), &notes{}, c.now, nil)
	keys := make([]reminders.Key, 1203)
	for i := range keys {
		keys[i] = expiringKey(now.Add(days(3)))
		keys[i].ID = fmt.Sprintf("k%d", i)
	}
	svc.Scan(ctx, keys, reminders.DefaultSettings())
	active, err := svc.Active(ctx)
	if err != nil || len(active) != len(keys) {
		t.Fatalf("active: %d, %v", len(active), err)
	}
	// One more comes after the list was shown: Dismiss all leaves it.
	late := expiringKey(now.Add(days(2)))
	late.ID = "late"
	svc.Scan(ctx, append(keys, late), reminders.DefaultSettings())

	if err := svc.Dismiss(ctx, active[10].ID); err != nil {
		t.Fatal(err)
	}
	ids := []int64{999999}
	for _, r := range active {
		ids = append(ids, r.ID)
	}
	n, err := svc.DismissMany(ctx, ids)
	if err != nil || n != len(keys)-1 {
		t.Fatalf("DismissMany = %d, %v; want %d", n, err, len(keys)-1)
	}
	left, _ := svc.Active(ctx)
	if len(left) != 1 || left[0].KeyID != "late" {
		t.Fatalf("left: %+v", left)
	}
	// They stay dismissed after a restart and the next scan.
	svc = reminders.New(openDB(t, path), &notes{}, c.now, nil)
	svc.Scan(ctx, append(keys, late), reminders.DefaultSettings())
	if left, _ := svc.Active(ctx); len(left) != 1 {
		t.Fatalf("after a restart: %d active", len(left))
	}
}

func TestSnoozeAndDismissSurviveARestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "desk.db")
	c := &clock{t: now}
	n := &notes{}
	ctx := context.Background()
	svc := reminders.New(openDB(t, path), n, c.now, nil)
	keys := []reminders.Key{expiringKey(now.Add(days(3)))}
	other := expiringKey(now.Add(days(20)))
	other.ID = "k2"
	keys = append(keys, other)
	svc.Scan(ctx, keys, reminders.DefaultSettings())
	active, _ := svc.Active(ctx)
	if len(active) != 2 {
		t.Fatalf("active = %+v", active)
	}
	if err := svc.Snooze(ctx, active[0].ID, 24*time.Hour); err != nil {
		t.Fatal(err)
	}
	if err := svc.Dismiss(ctx, active[1].ID); err != nil {
		t.Fatal(err)
	}
	if err := svc.Dismiss(ctx, 9999); err != reminders.ErrNoReminder {
		t.Fatalf("unknown id: %v", err)
	}
	svc = reminders.New(openDB(t, path), n, c.now, nil)
	svc.Scan(ctx, keys, reminders.DefaultSettings())
	if active, _ := svc.Active(ctx); len(active) != 0 {
		t.Fatalf("after restart: %+v", active)
	}
	notified := len(n.shown)
	c.t = now.Add(25 * time.Hour)
	svc.Scan(ctx, keys, reminders.DefaultSettings())
	active, _ = svc.Active(ctx)
	if len(active) != 1 || active[0].KeyID != "k1" {
		t.Fatalf("after the snooze: %+v", active)
	}
	if len(n.shown) != notified+1 {
		t.Fatal("a snoozed reminder is notified again when the snooze ends")
	}
}

func TestQuietHoursHoldNotificationsBack(t *testing.T) {
	c := &clock{t: time.Date(2026, 6, 15, 23, 30, 0, 0, time.Local)}
	n := &notes{}
	ctx := context.Background()
	svc := reminders.New(openDB(t, filepath.Join(t.TempDir(), "d.db")), n, c.now, nil)
	settings := reminders.DefaultSettings()
	settings.QuietStart, settings.QuietEnd = 22, 7
	keys := []reminders.Key{expiringKey(c.t.Add(days(3)))}
	svc.Scan(ctx, keys, settings)
	if len(n.shown) != 0 {
		t.Fatal("notified during quiet hours")
	}
	if active, _ := svc.Active(ctx); len(active) != 1 {
		t.Fatal("the reminder center must still show it")
	}
	c.t = time.Date(2026, 6, 16, 8, 0, 0, 0, time.Local)
	svc.Scan(ctx, keys, settings)
	if len(n.shown) != 1 {
		t.Fatalf("after the quiet hours: %v", n.shown)
	}
}

// A first scan of a big workspace finds many reminders at once: one
// notification sums them up instead of a flood, and each is stored once.
func TestManyRemindersMakeOneNotification(t *testing.T) {
	c := &clock{t: now}
	n := &notes{}
	svc := reminders.New(openDB(t, filepath.Join(t.TempDir(), "desk.db")), n, c.now, nil)
	ctx := context.Background()
	var list []reminders.Key
	for i := range 1200 {
		k := expiringKey(now.Add(days(3)))
		k.ID = fmt.Sprintf("k%d", i)
		list = append(list, k)
	}
	fresh, err := svc.Scan(ctx, list, reminders.DefaultSettings())
	if err != nil || len(fresh) != 1200 {
		t.Fatalf("first scan: %d fresh, %v", len(fresh), err)
	}
	if len(n.shown) != 1 || !strings.HasPrefix(n.shown[0], "w: 1200 API keys need attention") {
		t.Fatalf("notifications = %v", n.shown)
	}
	if fresh, _ := svc.Scan(ctx, list, reminders.DefaultSettings()); len(fresh) != 0 || len(n.shown) != 1 {
		t.Fatalf("second scan: %d fresh, %d notifications", len(fresh), len(n.shown))
	}
	// Half renewed: their reminders resolve, in batches.
	for i := range 600 {
		later := now.Add(days(300))
		list[i].ExpiresAt = &later
	}
	svc.Scan(ctx, list, reminders.DefaultSettings())
	if active, _ := svc.Active(ctx); len(active) != 600 {
		t.Fatalf("active after renewing half = %d, want 600", len(active))
	}
}

// The desk decodes the stored settings over the defaults.
func TestDecodingSettingsLeavesTheDefaultsAlone(t *testing.T) {
	s := reminders.DefaultSettings()
	if err := json.Unmarshal([]byte(`{"leadDays":[45,10,2]}`), &s); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(s.LeadDays, reminders.DefaultLeadDays, reminders.DefaultSettings().LeadDays) != "[45 10 2] [30 7 1] [30 7 1]" {
		t.Fatalf("settings %v, defaults %v", s.LeadDays, reminders.DefaultLeadDays)
	}
}

// A scan that finds what the last one did writes nothing, unless the
// reminders stored changed behind it.
func TestScanRereadsRemindersChangedBehindIt(t *testing.T) {
	c := &clock{t: now}
	db := openDB(t, filepath.Join(t.TempDir(), "desk.db"))
	svc := reminders.New(db, nil, c.now, nil)
	ctx := context.Background()
	keys := []reminders.Key{expiringKey(now.Add(days(3)))}
	settings := reminders.DefaultSettings()
	if fresh, err := svc.Scan(ctx, keys, settings); err != nil || len(fresh) != 1 {
		t.Fatalf("first scan = %+v, %v", fresh, err)
	}
	if fresh, err := svc.Scan(ctx, keys, settings); err != nil || len(fresh) != 0 {
		t.Fatalf("second scan = %+v, %v", fresh, err)
	}
	// Deleted behind the scan: stored again.
	if err := db.Where("1 = 1").Delete(&reminders.Reminder{}).Error; err != nil {
		t.Fatal(err)
	}
	if fresh, err := svc.Scan(ctx, keys, settings); err != nil || len(fresh) != 1 {
		t.Fatalf("after a delete = %+v, %v", fresh, err)
	}
	// Stored behind the scan, for a key no longer due: resolved.
	stray := reminders.Reminder{WorkspaceID: "w", KeyID: "gone", Kind: reminders.KindExpired, DueAt: now, CreatedAt: now}
	if err := db.Create(&stray).Error; err != nil {
		t.Fatal(err)
	}
	svc.Scan(ctx, keys, settings)
	if active, _ := svc.Active(ctx); len(active) != 1 || active[0].KeyID != "k1" {
		t.Fatalf("after a stray reminder = %+v", active)
	}
}

// The bell lists what breaks first first: an expired key, then the keys
// that stop working soonest, then a rotation due or a key unused for weeks
// (due long ago, but nothing breaks).
func TestActiveIsMostUrgentFirst(t *testing.T) {
	svc := reminders.New(openDB(t, filepath.Join(t.TempDir(), "desk.db")), &notes{}, func() time.Time { return now }, nil)
	at := func(d float64) *time.Time { t := now.Add(days(d)); return &t }
	long := now.Add(-days(200))
	keys := []reminders.Key{
		{WorkspaceID: "w", ID: "unused", Name: "unused", Active: true, Enabled: true, CreatedAt: long, LastUsedAt: at(-120)},
		{WorkspaceID: "w", ID: "rotation", Name: "rotation", Active: true, Enabled: true, CreatedAt: long, LastUsedAt: at(-1), RotationDays: func() *int { d := 30; return &d }()},
		{WorkspaceID: "w", ID: "in5days", Name: "in5days", Active: true, Enabled: true, CreatedAt: long, LastUsedAt: at(-1), ExpiresAt: at(5)},
		{WorkspaceID: "w", ID: "tomorrow", Name: "tomorrow", Active: true, Enabled: true, CreatedAt: long, LastUsedAt: at(-1), ExpiresAt: at(0.8)},
		{WorkspaceID: "w", ID: "expired", Name: "expired", Enabled: true, CreatedAt: long, LastUsedAt: at(-1), ExpiresAt: at(-2)},
	}
	if _, err := svc.Scan(context.Background(), keys, reminders.DefaultSettings()); err != nil {
		t.Fatal(err)
	}
	active, err := svc.Active(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, r := range active {
		order = append(order, r.KeyID+"/"+r.Kind)
	}
	want := []string{"expired/expired", "tomorrow/expiring", "in5days/expiring", "rotation/rotation_due", "unused/unused"}
	if fmt.Sprint(order) != fmt.Sprint(want) {
		t.Fatalf("order %v, want %v", order, want)
	}
}
