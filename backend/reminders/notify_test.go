package reminders_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/keydesk/keydesk/backend/reminders"
)

// withWorkspaces names workspaces by id in db's workspaces table.
func withWorkspaces(svc *reminders.Service, names map[string]string) {
	svc.NameWorkspacesWith(func(_ context.Context, ids []string) (map[string]string, error) {
		out := map[string]string{}
		for _, id := range ids {
			if name, ok := names[id]; ok {
				out[id] = name
			}
		}
		return out, nil
	})
}

// keyIn is a key expiring in 3 days in workspace ws.
func keyIn(ws, id, name string) reminders.Key {
	k := expiringKey(now.Add(days(3)))
	k.WorkspaceID, k.ID, k.Name = ws, id, name
	return k
}

// Two workspaces may each have a key called "CI deploy": a notification
// says which one it is about.
func TestNotificationsNameTheWorkspace(t *testing.T) {
	db := openDB(t, filepath.Join(t.TempDir(), "desk.db"))
	n := &notes{}
	svc := reminders.New(db, n, (&clock{t: now}).now, nil)
	withWorkspaces(svc, map[string]string{"ws_acme": "Acme Production", "ws_stage": "Staging"})
	keys := []reminders.Key{keyIn("ws_acme", "k1", "CI deploy"), keyIn("ws_stage", "k2", "CI deploy"), keyIn("ws_gone", "k3", "CI deploy")}
	if _, err := svc.Scan(context.Background(), keys, reminders.DefaultSettings()); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Acme Production: API key expires soon: CI deploy expires in 3 days. Rotate it, or regenerate it with a new expiry, before it breaks.",
		"Staging: API key expires soon: CI deploy expires in 3 days. Rotate it, or regenerate it with a new expiry, before it breaks.",
		// A workspace the desk no longer knows is named by its id.
		"ws_gone: API key expires soon: CI deploy expires in 3 days. Rotate it, or regenerate it with a new expiry, before it breaks.",
	}
	if !slices.Equal(n.shown, want) {
		t.Fatalf("notifications:\n%s\nwant:\n%s", strings.Join(n.shown, "\n"), strings.Join(want, "\n"))
	}
}

// Past a few reminders at once, one notification sums them up: it still
// says which workspaces they are in.
func TestSummaryNamesTheWorkspaces(t *testing.T) {
	names := map[string]string{"a": "Acme Production", "b": "Staging", "c": "Local", "d": "Billing", "e": "Edge"}
	cases := []struct {
		name        string
		perWS       map[string]int
		title, body string
	}{
		{"one workspace", map[string]int{"a": 5},
			"Acme Production: 5 API keys need attention", "Open Keydesk's reminder center to see them."},
		{"two workspaces", map[string]int{"a": 2, "b": 3},
			"5 API keys need attention", "3 in Staging and 2 in Acme Production. Open Keydesk's reminder center to see them."},
		{"four workspaces, each named", map[string]int{"a": 2, "b": 1, "c": 1, "d": 1},
			"5 API keys need attention", "2 in Acme Production, 1 in Billing, 1 in Local and 1 in Staging. Open Keydesk's reminder center to see them."},
		{"five workspaces: the last two counted", map[string]int{"a": 4, "b": 3, "c": 2, "d": 1, "e": 1},
			"11 API keys need attention", "4 in Acme Production, 3 in Staging, 2 in Local and 2 in 2 other workspaces. Open Keydesk's reminder center to see them."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			db := openDB(t, filepath.Join(t.TempDir(), "desk.db"))
			n := &notes{}
			svc := reminders.New(db, n, (&clock{t: now}).now, nil)
			withWorkspaces(svc, names)
			var keys []reminders.Key
			for ws, count := range tc.perWS {
				for i := range count {
					keys = append(keys, keyIn(ws, fmt.Sprintf("%s%d", ws, i), "CI deploy"))
				}
			}
			if _, err := svc.Scan(context.Background(), keys, reminders.DefaultSettings()); err != nil {
				t.Fatal(err)
			}
			if want := tc.title + ": " + tc.body; len(n.shown) != 1 || n.shown[0] != want {
				t.Fatalf("notifications %q, want one: %q", n.shown, want)
			}
		})
	}
}

// flaky fails every notification while down, and counts what it showed.
type flaky struct {
	mu    sync.Mutex
	down  bool
	after int // with down: fail after this many shown
	shown []string
}

var errNoDaemon = errors.New("beeep: dbus: org.freedesktop.Notifications was not provided by any .service files")

func (f *flaky) Notify(title, msg string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down && len(f.shown) >= f.after {
		return errNoDaemon
	}
	f.shown = append(f.shown, title)
	return nil
}

// When notifications cannot be shown, the reminders stay in the reminder
// center and are notified once notifications work again; the ones shown
// before a failure are not shown twice.
func TestFailedNotificationsAreTriedAgain(t *testing.T) {
	ctx := context.Background()
	c := &clock{t: now}
	f := &flaky{down: true, after: 1}
	svc := reminders.New(openDB(t, filepath.Join(t.TempDir(), "desk.db")), f, c.now, nil)
	keys := []reminders.Key{keyIn("w", "k1", "one"), keyIn("w", "k2", "two"), keyIn("w", "k3", "three")}
	settings := reminders.DefaultSettings()
	if fresh, err := svc.Scan(ctx, keys, settings); err != nil || len(fresh) != 3 {
		t.Fatalf("scan = %d fresh, %v", len(fresh), err)
	}
	if len(f.shown) != 1 {
		t.Fatalf("shown %q, want the one before the failure", f.shown)
	}
	if active, _ := svc.Active(ctx); len(active) != 3 {
		t.Fatalf("the reminder center shows %d, want 3", len(active))
	}
	f.after = 0 // no notification at all now
	c.t = now.Add(time.Hour)
	svc.Scan(ctx, keys, settings)
	if len(f.shown) != 1 {
		t.Fatalf("shown %q while notifications fail", f.shown)
	}
	f.down = false
	c.t = now.Add(2 * time.Hour)
	svc.Scan(ctx, keys, settings)
	svc.Scan(ctx, keys, settings)
	if len(f.shown) != 3 {
		t.Fatalf("shown %q, want each reminder once", f.shown)
	}
}

// The service knows whether the last notification could be shown, for the
// app to say that reminders are in the reminder center only.
func TestServiceRemembersTheLastFailure(t *testing.T) {
	ctx := context.Background()
	c := &clock{t: now}
	f := &flaky{down: true}
	svc := reminders.New(openDB(t, filepath.Join(t.TempDir(), "desk.db")), f, c.now, nil)
	if !svc.NotificationFailure().IsZero() {
		t.Fatal("a failure before any notification was tried")
	}
	svc.Scan(ctx, []reminders.Key{keyIn("w", "k1", "one")}, reminders.DefaultSettings())
	if got := svc.NotificationFailure(); !got.Equal(now) {
		t.Fatalf("last failure %v, want %v", got, now)
	}
	f.down = false
	c.t = now.Add(time.Hour)
	svc.Scan(ctx, []reminders.Key{keyIn("w", "k1", "one")}, reminders.DefaultSettings())
	if len(f.shown) != 1 || !svc.NotificationFailure().IsZero() {
		t.Fatalf("after a notification shown: %q, last failure %v", f.shown, svc.NotificationFailure())
	}
}
