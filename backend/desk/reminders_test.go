package desk_test

import (
	"context"
	"testing"
	"time"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/desk"
	"github.com/keydesk/keydesk/backend/reminders"
	"github.com/keydesk/keydesk/backend/secrets"
)

// openLater opens the desk with its reminders' clock 2.5 days ahead: a key
// made now to live 3 days is then a day from its expiry.
func openLater(t *testing.T, home string, store secrets.Store, em desk.Emitter) *desk.Desk {
	t.Helper()
	later := func() time.Time { return time.Now().Add(60 * time.Hour) }
	d, err := desk.Open(context.Background(), desk.Options{Home: home, Secrets: store, Emitter: em, LocalAddr: "127.0.0.1:0", Now: later})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestReminderForAKeyExpiringSoonSurvivesARestart(t *testing.T) {
	home, store := t.TempDir(), secrets.NewMemory()
	ctx := context.Background()
	rec := &recorder{}
	d := openLater(t, home, store, rec)
	ws := localWorkspace(t, d)
	three := 3
	created, err := d.CreateKey(ctx, ws.ID, api.CreateKeyRequest{Name: "expiring soon", ExpiresInDays: api.Some(&three)})
	if err != nil {
		t.Fatal(err)
	}
	// The sync after the create scanned already: the 1-day lead (the 7-day
	// one is longer than the key's life).
	list, _ := d.Reminders(ctx)
	if len(list) != 1 || list[0].KeyID != created.Key.ID || list[0].Kind != reminders.KindExpiring || list[0].Threshold != 1 {
		t.Fatalf("reminders = %+v", list)
	}
	if rec.count("reminder:new") != 1 {
		t.Fatalf("events = %v", rec.events)
	}
	if err := d.SnoozeReminder(ctx, list[0].ID, 0); fieldOf(err) != "snooze" {
		t.Fatalf("snooze 0: %v", err)
	}
	if err := d.SnoozeReminder(ctx, list[0].ID, 24*time.Hour); err != nil {
		t.Fatal(err)
	}
	d.Close()
	d = openLater(t, home, store, rec)
	defer d.Close()
	d.ScanReminders(ctx)
	if list, _ := d.Reminders(ctx); len(list) != 0 {
		t.Fatalf("after a restart the snoozed reminder is back: %+v", list)
	}
	if err := d.SetReminderSettings(ctx, reminders.Settings{LeadDays: []int{0}}); fieldOf(err) != "leadDays" {
		t.Fatalf("lead 0: %v", err)
	}
	// No lead time: refused while expiry reminders are on, kept with them off.
	on := reminders.DefaultSettings()
	on.LeadDays = nil
	if err := d.SetReminderSettings(ctx, on); fieldOf(err) != "leadDays" {
		t.Fatalf("no lead time with expiry reminders on: %v", err)
	}
	off := reminders.DefaultSettings()
	off.LeadDays, off.Kinds[reminders.KindExpiring] = []int{}, false
	if err := d.SetReminderSettings(ctx, off); err != nil {
		t.Fatalf("no lead time with expiry reminders off: %v", err)
	}
	if got := d.ReminderSettings(); len(got.LeadDays) != 0 || got.Kinds[reminders.KindExpiring] {
		t.Fatalf("stored: %+v", got)
	}
}

// A regeneration reaches the cache with its times, which the reminder rules
// count a secret's age and a key's life from (see reminders.Key).
func TestRegenerationTimesReachTheCache(t *testing.T) {
	ctx := context.Background()
	d := openLater(t, t.TempDir(), secrets.NewMemory(), nil)
	defer d.Close()
	ws := localWorkspace(t, d)
	thirty, ninety := 30, 90
	created, err := d.CreateKey(ctx, ws.ID, api.CreateKeyRequest{Name: "svc", ExpiresInDays: api.Some(&thirty)})
	if err != nil {
		t.Fatal(err)
	}
	cached := func() desk.CachedKey {
		t.Helper()
		list, err := d.Keys(ctx, ws.ID)
		if err != nil || len(list) == 0 {
			t.Fatalf("keys = %v, %v", list, err)
		}
		for _, k := range list {
			if k.ID == created.Key.ID {
				return k
			}
		}
		t.Fatalf("%s is not cached", created.Key.ID)
		return desk.CachedKey{}
	}
	if k := cached(); k.RegeneratedAt != nil || k.ExpirySetAt != nil {
		t.Fatalf("a new key is cached as regenerated: %+v", k)
	}
	regen, err := d.RegenerateKey(ctx, ws.ID, created.Key.ID, api.RegenerateRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if k := cached(); k.RegeneratedAt == nil || !k.RegeneratedAt.Equal(*regen.Key.RegeneratedAt) || k.ExpirySetAt != nil {
		t.Fatalf("kept its expiry: cached %+v, server %+v", k, regen.Key)
	}
	regen, err = d.RegenerateKey(ctx, ws.ID, created.Key.ID, api.RegenerateRequest{ExpiresInDays: api.Some(&ninety)})
	if err != nil {
		t.Fatal(err)
	}
	if k := cached(); k.ExpirySetAt == nil || !k.ExpirySetAt.Equal(*regen.Key.ExpirySetAt) || !k.RegeneratedAt.Equal(*regen.Key.RegeneratedAt) {
		t.Fatalf("with a new expiry: cached %+v, server %+v", k, regen.Key)
	}
}
