package desk_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/client"
	"github.com/keydesk/keydesk/backend/desk"
	"github.com/keydesk/keydesk/backend/secrets"
)

func TestProfilesThroughTheCache(t *testing.T) {
	ctx := context.Background()
	d := open(t, t.TempDir(), secrets.NewMemory(), nil)
	defer d.Close()
	ws := localWorkspace(t, d)

	name, prefix, days := "Partners", "pt", 45
	p, err := d.CreateProfile(ctx, ws.ID, api.ProfileRequest{Name: &name, KeyPrefix: &prefix, DefaultExpiryDays: api.Some(&days)})
	if err != nil {
		t.Fatal(err)
	}
	cached, err := d.Profiles(ctx, ws.ID)
	if err != nil || len(cached) != 1 || cached[0].Name != "Partners" || *cached[0].DefaultExpiryDays != 45 {
		t.Fatalf("cached profiles = %+v, %v", cached, err)
	}
	// Without an expiry of its own, a key takes the profile's.
	created, err := d.CreateKey(ctx, ws.ID, api.CreateKeyRequest{Name: "acme", ProfileID: p.ID})
	if err != nil {
		t.Fatal(err)
	}
	if created.Key.ExpiresAt == nil || created.Key.ExpiresAt.Sub(created.Key.CreatedAt).Round(time.Hour) != 45*24*time.Hour {
		t.Fatalf("key expires %v, want 45 days after %v", created.Key.ExpiresAt, created.Key.CreatedAt)
	}

	renamed := "Partner apps"
	if _, err := d.UpdateProfile(ctx, ws.ID, p.ID, api.ProfileRequest{Name: &renamed}); err != nil {
		t.Fatal(err)
	}
	cached, _ = d.Profiles(ctx, ws.ID)
	if cached[0].Name != renamed || cached[0].KeyCount != 1 {
		t.Fatalf("after rename: %+v", cached[0])
	}

	// In use: refused until the caller says what happens to its keys.
	if err := d.DeleteProfile(ctx, ws.ID, p.ID, "", -1); !errors.Is(err, client.ErrConflict) {
		t.Fatalf("deleting a profile in use: %v", err)
	}
	if err := d.DeleteProfile(ctx, ws.ID, p.ID, "detach", -1); err != nil {
		t.Fatal(err)
	}
	if cached, _ = d.Profiles(ctx, ws.ID); len(cached) != 0 {
		t.Fatalf("profile still cached: %+v", cached)
	}
	keys, _ := d.Keys(ctx, ws.ID)
	for _, k := range keys {
		if k.ID == created.Key.ID && k.ProfileID != "" {
			t.Fatalf("key kept the deleted profile: %+v", k)
		}
	}
}

func TestOverviewCountsAndCharts(t *testing.T) {
	ctx := context.Background()
	d := open(t, t.TempDir(), secrets.NewMemory(), nil)
	defer d.Close()
	ws := localWorkspace(t, d)

	create := func(name string, days *int) api.CreatedKey {
		t.Helper()
		k, err := d.CreateKey(ctx, ws.ID, api.CreateKeyRequest{Name: name, ExpiresInDays: api.Some(days)})
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	three, ten, hundred := 3, 10, 100
	soon := create("soon", &three)
	create("later", &ten)
	create("far", &hundred)
	off := create("off", nil)
	disabled := false
	if _, err := d.UpdateKey(ctx, ws.ID, off.Key.ID, api.PatchKeyRequest{Enabled: &disabled}); err != nil {
		t.Fatal(err)
	}

	now := time.Now()
	o, err := d.Overview(ctx, ws.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	// The desktop's own access key is active and never expires.
	if o.Counts.Total != 5 || o.Counts.Active != 4 || o.Counts.Inactive != 1 || o.Counts.Expired != 0 {
		t.Fatalf("counts = %+v", o.Counts)
	}
	if len(o.Expiring) != desk.OverviewWeeks || o.Expiring[0].Count != 1 || o.Expiring[1].Count != 1 {
		t.Fatalf("expiring = %+v", o.Expiring)
	}
	total := 0
	for _, w := range o.Expiring {
		total += w.Count
	}
	if total != 2 {
		t.Fatalf("keys expiring within 13 weeks = %d, want 2 (100 days is past the chart)", total)
	}
	if len(o.Stalest) != 4 || o.Stalest[0].IdleSince.After(o.Stalest[3].IdleSince) {
		t.Fatalf("stalest = %+v", o.Stalest)
	}
	// Five days on, "soon" has expired and no longer counts as active.
	later, err := d.Overview(ctx, "", now.Add(5*24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if later.Counts.Expired != 1 || later.Counts.Active != 3 || len(later.Workspaces) != 1 || later.Workspaces[0].Counts != later.Counts {
		t.Fatalf("five days on = %+v", later)
	}
	for _, s := range later.Stalest {
		if s.Key.ID == soon.Key.ID {
			t.Fatal("an expired key is listed among the stalest active keys")
		}
	}
	// An old key whose rotation overlap ends by itself is not a candidate to
	// disable; its successor is, as any active key.
	if _, err := d.RotateKey(ctx, ws.ID, soon.Key.ID, api.RotateRequest{OverlapDays: &three}); err != nil {
		t.Fatal(err)
	}
	if o, _ = d.Overview(ctx, ws.ID, now); len(o.Stalest) != 4 {
		t.Fatalf("stalest with a rotation = %+v", o.Stalest)
	}
	for _, s := range o.Stalest {
		if s.Key.ID == soon.Key.ID {
			t.Fatal("the old key of a rotation is listed among the stalest")
		}
	}
	if o.Counts.Active != 5 {
		t.Fatalf("counts with a rotation = %+v", o.Counts)
	}

	if _, err := d.Overview(ctx, "nope", now); !errors.Is(err, desk.ErrUnknownWorkspace) {
		t.Fatalf("unknown workspace: %v", err)
	}
}
