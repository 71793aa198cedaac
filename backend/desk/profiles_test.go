package desk_test

import (
	"context"
	"errors"
	"slices"
	"sort"
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

func expiringTotal(o desk.Overview) int {
	total := 0
	for _, w := range o.Expiring {
		total += w.Count
	}
	return total
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
	create("soon", &three)
	laterKey := create("later", &ten)
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
	if total := expiringTotal(o); total != 2 {
		t.Fatalf("keys expiring within 13 weeks = %d, want 2 (100 days is past the chart)", total)
	}
	// Nothing has gone unused for a week yet: no key is stale.
	if len(o.Stalest) != 0 {
		t.Fatalf("stalest of keys made just now = %+v", o.Stalest)
	}
	// Five days on, "soon" has expired and no longer counts as active.
	later, err := d.Overview(ctx, "", now.Add(5*24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if later.Counts.Expired != 1 || later.Counts.Active != 3 || len(later.Workspaces) != 1 || later.Workspaces[0].Counts != later.Counts {
		t.Fatalf("five days on = %+v", later)
	}
	// Eight days on, the active keys unused since they were made are stale;
	// the expired one is not, nor the desktop's own key.
	stale := func(o desk.Overview) []string {
		var names []string
		for i, s := range o.Stalest {
			if i > 0 && s.IdleSince.Before(o.Stalest[i-1].IdleSince) {
				t.Fatalf("stalest out of order: %+v", o.Stalest)
			}
			names = append(names, s.Key.Name)
		}
		sort.Strings(names)
		return names
	}
	eightDays := now.Add(8 * 24 * time.Hour)
	o, _ = d.Overview(ctx, ws.ID, eightDays)
	if got := stale(o); len(got) != 2 || !slices.Contains(got, "far") || !slices.Contains(got, "later") || slices.Contains(got, "soon") {
		t.Fatalf("stalest eight days on = %v", got)
	}
	// An old key whose rotation overlap ends by itself is not a candidate to
	// disable; its successor is, as any active key.
	thirty := 30
	rotated, err := d.RotateKey(ctx, ws.ID, laterKey.Key.ID, api.RotateRequest{OverlapDays: &thirty})
	if err != nil {
		t.Fatal(err)
	}
	// Its expiry is not counted twice: the old key stops with the overlap.
	if o, _ = d.Overview(ctx, ws.ID, now); expiringTotal(o) != 2 {
		t.Fatalf("keys expiring with a rotation = %d, want 2 (soon, and later's new key)", expiringTotal(o))
	}
	o, _ = d.Overview(ctx, ws.ID, eightDays)
	if len(o.Stalest) != 2 {
		t.Fatalf("stalest with a rotation = %+v", o.Stalest)
	}
	for _, s := range o.Stalest {
		if s.Key.ID == laterKey.Key.ID {
			t.Fatal("the old key of a rotation is listed among the stalest")
		}
	}
	if !slices.ContainsFunc(o.Stalest, func(s desk.StaleKey) bool { return s.Key.ID == rotated.Key.ID }) {
		t.Fatalf("the new key of a rotation is not listed: %+v", o.Stalest)
	}
	o, _ = d.Overview(ctx, ws.ID, now)
	if o.Counts.Active != 5 {
		t.Fatalf("counts with a rotation = %+v", o.Counts)
	}

	if _, err := d.Overview(ctx, "nope", now); !errors.Is(err, desk.ErrUnknownWorkspace) {
		t.Fatalf("unknown workspace: %v", err)
	}
}
