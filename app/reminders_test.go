package app_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/keydesk/keydesk/app"
)

// notifier stands in for the OS: it fails while down, and keeps what it showed.
type notifier struct {
	mu    sync.Mutex
	down  bool
	shown []string
}

func (n *notifier) Notify(title, msg string) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.down {
		return errors.New("beeep: dbus: The name org.freedesktop.Notifications was not provided by any .service files")
	}
	n.shown = append(n.shown, title+": "+msg)
	return nil
}

func (n *notifier) setDown(down bool) {
	n.mu.Lock()
	n.down = down
	n.mu.Unlock()
}

func (n *notifier) notes() []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]string(nil), n.shown...)
}

func newAppNotifying(t *testing.T, n *notifier) *app.App {
	t.Helper()
	t.Setenv("KEYDESK_KEYRING", "memory")
	a := app.New(app.Config{Home: t.TempDir(), LocalAddr: "127.0.0.1:0", Notifier: n})
	if err := a.Startup(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Shutdown() })
	return a
}

// dueReminder gives the Local workspace a key whose rotation overlap ends
// within a day, and scans (saving the reminder settings scans at once).
// It returns the workspace's id.
func dueReminder(t *testing.T, a *app.App) string {
	t.Helper()
	list, err := a.Workspaces.List()
	if err != nil {
		t.Fatal(err)
	}
	ws := list[0].ID
	created, err := a.Keys.Create(ws, app.CreateKeyRequest{Name: "CI deploy"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Keys.Rotate(ws, created.Key.ID, app.RotateRequest{OverlapDays: 1, AutoRevoke: true}); err != nil {
		t.Fatal(err)
	}
	scan(t, a)
	return ws
}

func scan(t *testing.T, a *app.App) {
	t.Helper()
	settings, err := a.Reminders.Settings()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Reminders.SetSettings(settings); err != nil {
		t.Fatal(err)
	}
}

// waitFor polls cond: background scans (at start, after a sync) notify too.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("still waiting for %s", what)
		}
	}
}

// A notification names the workspace of its key, as the desk names it.
func TestNotificationsNameTheWorkspace(t *testing.T) {
	n := &notifier{}
	a := newAppNotifying(t, n)
	dueReminder(t, a)
	want := "Local: Old key stops soon: The rotation overlap of CI deploy ends"
	waitFor(t, "a notification", func() bool { return len(n.notes()) > 0 })
	if got := n.notes(); len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Fatalf("notifications %q, want one starting %q", got, want)
	}
}

// When the system shows no notifications, the app can say so; and stops
// saying it once one is shown.
func TestNotificationStatusTellsWhenNoneCanBeShown(t *testing.T) {
	n := &notifier{down: true}
	a := newAppNotifying(t, n)
	if status, err := a.Reminders.NotificationStatus(); err != nil || status.Unavailable || status.FailedAt != "" {
		t.Fatalf("before any notification: %+v, %v", status, err)
	}
	dueReminder(t, a)
	status, err := a.Reminders.NotificationStatus()
	if err != nil || !status.Unavailable {
		t.Fatalf("after a failed notification: %+v, %v", status, err)
	}
	if at, err := time.Parse(time.RFC3339, status.FailedAt); err != nil || time.Since(at) > time.Minute {
		t.Fatalf("failedAt %q: %v", status.FailedAt, err)
	}
	if list, _ := a.Reminders.List(); len(list) == 0 {
		t.Fatal("the reminder center must still show the reminder")
	}

	n.setDown(false)
	scan(t, a)
	waitFor(t, "the notification held back", func() bool { return len(n.notes()) == 1 })
	if status, _ := a.Reminders.NotificationStatus(); status.Unavailable || status.FailedAt != "" {
		t.Fatalf("after a notification shown: %+v", status)
	}
}

// Without a notifier (the web bridge, tests) nothing is tried: nothing failed.
func TestNotificationStatusWithoutNotifier(t *testing.T) {
	a := app.New(app.Config{Home: t.TempDir()})
	if status, err := a.Reminders.NotificationStatus(); err != nil || status.Unavailable {
		t.Fatalf("= %+v, %v", status, err)
	}
}

// The old key of a rotation cannot be rotated again: its reminder opens
// the key instead of offering Rotate, which the server would refuse.
func TestOverlapReminderOpensTheKey(t *testing.T) {
	a := newAppNotifying(t, &notifier{})
	dueReminder(t, a)
	var list []app.Reminder
	waitFor(t, "the reminder", func() bool {
		list, _ = a.Reminders.List()
		return len(list) > 0
	})
	found := 0
	for _, r := range list {
		if r.Kind == "overlap_ending" {
			found++
			if r.Action != "details" {
				t.Fatalf("overlap reminder action %q", r.Action)
			}
		}
	}
	if found == 0 {
		t.Fatalf("no overlap reminder in %+v", list)
	}
}

// Dismiss all hands over the ids the reminder center showed; an empty list
// is refused by name and changes nothing.
func TestDismissManyFromTheReminderCenter(t *testing.T) {
	a := newAppNotifying(t, &notifier{})
	dueReminder(t, a)
	var list []app.Reminder
	waitFor(t, "the reminders", func() bool {
		list, _ = a.Reminders.List()
		return len(list) > 0
	})

	_, err := a.Reminders.DismissMany(nil)
	if e := appError(t, err); e.Code != app.CodeInvalidInput || e.Field != "ids" || !strings.Contains(e.Message, "must name 1–") {
		t.Fatalf("no ids: %+v", e)
	}
	if still, _ := a.Reminders.List(); len(still) != len(list) {
		t.Fatalf("a refused call changed the list: %d → %d", len(list), len(still))
	}

	ids := make([]int64, len(list))
	for i, r := range list {
		ids[i] = r.ID
	}
	n, err := a.Reminders.DismissMany(ids)
	if err != nil || n != len(list) {
		t.Fatalf("DismissMany = %d, %v; want %d", n, err, len(list))
	}
	if left, _ := a.Reminders.List(); len(left) != 0 {
		t.Fatalf("left after Dismiss all: %+v", left)
	}
}
