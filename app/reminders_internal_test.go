package app

import (
	"strings"
	"testing"
	"time"

	"github.com/keydesk/keydesk/backend/reminders"
)

// The reminder center words a reminder at display time: it gets the key's
// times the wording counts from, not only a figure worded at listing.
func TestReminderViewCarriesTheKeyTimes(t *testing.T) {
	now := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
	created := now.Add(-67 * 24 * time.Hour)
	lastUsed := now.Add(-95 * 24 * time.Hour)
	regenerated := now.Add(-45 * 24 * time.Hour)
	thirty := 30
	cases := []struct {
		name                              string
		key                               reminders.Key
		wantSecret, wantCreated, wantUsed string
		wantNeverUsed                     bool
		wantMessageContains               string
	}{
		{"never used", reminders.Key{CreatedAt: created}, "", formatTime(created), "", true, "created 67 days ago"},
		{"unused", reminders.Key{CreatedAt: created, LastUsedAt: &lastUsed}, "", "", formatTime(lastUsed), false, "last used 95 days ago"},
		{"rotation due", reminders.Key{CreatedAt: created, LastUsedAt: &now, RotationDays: &thirty}, formatTime(created), "", "", false, "made 67 days ago"},
		{"rotation due, regenerated", reminders.Key{CreatedAt: created, RegeneratedAt: &regenerated, LastUsedAt: &now, RotationDays: &thirty},
			formatTime(regenerated), "", "", false, "made 45 days ago"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.key.ID, tc.key.Name, tc.key.Active, tc.key.Enabled = "key_x", "team-unused", true, true
			due := reminders.Evaluate(tc.key, now, map[string]bool{reminders.KindUnused: true, reminders.KindRotationDue: true})
			if len(due) != 1 {
				t.Fatalf("due = %+v", due)
			}
			d := due[0]
			view := reminderView(reminders.Reminder{ID: 1, WorkspaceID: "ws", KeyID: d.KeyID, KeyName: d.KeyName, Kind: d.Kind, Threshold: d.Threshold, DueAt: d.DueAt}, now)
			if view.SecretSince != tc.wantSecret || view.KeyCreatedAt != tc.wantCreated || view.KeyLastUsedAt != tc.wantUsed || view.NeverUsed != tc.wantNeverUsed {
				t.Fatalf("view = %+v, want secret since %q, created %q, last used %q, never used %v",
					view, tc.wantSecret, tc.wantCreated, tc.wantUsed, tc.wantNeverUsed)
			}
			if !strings.Contains(view.Message, tc.wantMessageContains) {
				t.Fatalf("message %q, want %q", view.Message, tc.wantMessageContains)
			}
		})
	}
}
