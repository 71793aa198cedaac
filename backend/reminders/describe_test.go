package reminders_test

import (
	"strings"
	"testing"
	"time"

	"github.com/keydesk/keydesk/backend/reminders"
)

// A reminder's wording tells the key's real age and rounds the time left as
// the key table does, however long after the rule fired it is read.
func TestDescribeTellsTheRealTimes(t *testing.T) {
	cases := []struct {
		name string
		key  func(*reminders.Key)
		kind string
		want string
	}{
		{"never used, created 100 days ago", func(k *reminders.Key) { k.CreatedAt = now.Add(-days(100)) },
			reminders.KindUnused, "team-unused has not been used since it was created 100 days ago."},
		{"never used, created 67 days ago", func(k *reminders.Key) { k.CreatedAt = now.Add(-days(67)) },
			reminders.KindUnused, "since it was created 67 days ago."},
		{"last used 95 days ago", func(k *reminders.Key) { k.LastUsedAt = at(-days(95)) },
			reminders.KindUnused, "team-unused was last used 95 days ago."},
		{"expires in 2.9 days: in 3 days, as the table says", func(k *reminders.Key) { k.ExpiresAt = at(days(2.9)) },
			reminders.KindExpiring, "team-unused expires in 3 days."},
		{"expires in 2.2 days", func(k *reminders.Key) { k.ExpiresAt = at(days(2.2)) },
			reminders.KindExpiring, "team-unused expires in 2 days."},
		{"expires in 30 hours: tomorrow", func(k *reminders.Key) { k.ExpiresAt = at(30 * time.Hour) },
			reminders.KindExpiring, "team-unused expires tomorrow."},
		{"expires in 5 hours", func(k *reminders.Key) { k.ExpiresAt = at(5 * time.Hour) },
			reminders.KindExpiring, "team-unused expires in 5 hours."},
		{"rotation due, created 67 days ago", func(k *reminders.Key) { k.CreatedAt = now.Add(-days(67)); k.RotationDays = intp(30) },
			reminders.KindRotationDue, "The secret of team-unused was made 67 days ago; its profile asks to rotate it every 30 days."},
		{"rotation due, regenerated 45 days ago", func(k *reminders.Key) {
			k.CreatedAt = now.Add(-days(300))
			k.RegeneratedAt = at(-days(45))
			k.RotationDays = intp(30)
		},
			reminders.KindRotationDue, "The secret of team-unused was made 45 days ago; its profile asks to rotate it every 30 days."},
		{"rotation due every day: not 'every 1 days'", func(k *reminders.Key) { k.CreatedAt = now.Add(-days(2)); k.RotationDays = intp(1) },
			reminders.KindRotationDue, "The secret of team-unused was made 2 days ago; its profile asks to rotate it every day."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			used := now.Add(-time.Hour)
			k := reminders.Key{ID: "k", Name: "team-unused", Active: true, Enabled: true, CreatedAt: now.Add(-days(40)), LastUsedAt: &used}
			if tc.kind == reminders.KindUnused {
				k.LastUsedAt = nil
			}
			tc.key(&k)
			var found *reminders.Due
			for _, d := range reminders.Evaluate(k, now, map[string]bool{tc.kind: true}) {
				found = &d
			}
			if found == nil {
				t.Fatalf("no %s reminder for %+v", tc.kind, k)
			}
			r := reminders.Reminder{KeyID: found.KeyID, KeyName: found.KeyName, Kind: found.Kind, Threshold: found.Threshold, DueAt: found.DueAt}
			// Read a while after the scan that stored it, as the reminder
			// center or a notification held back by quiet hours does.
			later := now.Add(2 * time.Hour)
			if tc.kind == reminders.KindExpiring {
				later = now // the time left shrinks: read it at the moment the case says
			}
			_, body := reminders.Describe(r, later)
			if !strings.Contains(body, tc.want) {
				t.Fatalf("body %q, want it to say %q", body, tc.want)
			}
		})
	}
}

func TestReminderKnowsTheKeyTimes(t *testing.T) {
	created := now.Add(-days(100))
	used := now.Add(-days(95))
	neverUsed := reminders.Evaluate(reminders.Key{ID: "k", Active: true, Enabled: true, CreatedAt: created}, now, nil)[0]
	r := reminders.Reminder{Kind: neverUsed.Kind, Threshold: neverUsed.Threshold, DueAt: neverUsed.DueAt}
	if at, ok := r.KeyCreatedAt(); !ok || !at.Equal(created) || !r.NeverUsed() {
		t.Fatalf("never used: created %v %v, never used %v; want %v", at, ok, r.NeverUsed(), created)
	}
	if _, ok := r.KeyLastUsedAt(); ok {
		t.Fatal("a key never used has no last use")
	}
	unused := reminders.Evaluate(reminders.Key{ID: "k", Active: true, Enabled: true, CreatedAt: created, LastUsedAt: &used}, now, nil)[0]
	r = reminders.Reminder{Kind: unused.Kind, Threshold: unused.Threshold, DueAt: unused.DueAt}
	if at, ok := r.KeyLastUsedAt(); !ok || !at.Equal(used) || r.NeverUsed() {
		t.Fatalf("unused: last used %v %v; want %v", at, ok, used)
	}
	if _, ok := r.KeyCreatedAt(); ok {
		t.Fatal("an unused reminder counts from the last use, not the creation")
	}
	if _, ok := r.SecretSince(); ok {
		t.Fatal("an unused reminder does not count from the secret")
	}
	regenerated := now.Add(-days(40))
	rotation := reminders.Evaluate(reminders.Key{ID: "k", Active: true, Enabled: true, CreatedAt: created, LastUsedAt: &used,
		RegeneratedAt: &regenerated, RotationDays: intp(30)}, now, map[string]bool{reminders.KindRotationDue: true})[0]
	r = reminders.Reminder{Kind: rotation.Kind, Threshold: rotation.Threshold, DueAt: rotation.DueAt}
	if at, ok := r.SecretSince(); !ok || !at.Equal(regenerated) {
		t.Fatalf("rotation due: secret since %v %v; want %v", at, ok, regenerated)
	}
	if _, ok := r.KeyCreatedAt(); ok {
		t.Fatal("a rotation due counts from the secret, not the key's creation")
	}
}
