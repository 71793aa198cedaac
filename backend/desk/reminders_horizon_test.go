package desk

// A scan reads only the cached keys a reminder can be due for: these tests
// hold it to the rules evaluated on every cached key.

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/keydesk/keydesk/backend/keys"
	"github.com/keydesk/keydesk/backend/reminders"
	"github.com/keydesk/keydesk/backend/secrets"
)

const testDay = 24 * time.Hour

// Every lead time in use below: the settings', the profiles' and the default.
var testLeads = []int{1, 2, 3, 7, 10, 14, 30, 45, 60}

func TestReminderScanMatchesTheRulesOnEveryKey(t *testing.T) {
	ctx := context.Background()
	base := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
	now := base
	d, err := Open(ctx, Options{Home: t.TempDir(), Secrets: secrets.NewMemory(), LocalAddr: "127.0.0.1:0", Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.SetReminderSettings(ctx, reminders.Settings{LeadDays: []int{45, 10, 2}, Kinds: reminders.DefaultSettings().Kinds}); err != nil {
		t.Fatal(err)
	}
	days := func(n int) *int { return &n }
	profiles := []CachedProfile{
		{WorkspaceID: "w1", ID: "lead", ReminderDays: "[60,14]"}, // leads past the settings'
		{WorkspaceID: "w1", ID: "rotate7", ReminderDays: "[]", RotationDays: days(7)},
		{WorkspaceID: "w1", ID: "rotate90", ReminderDays: "[3]", RotationDays: days(90)},
		{WorkspaceID: "w2", ID: "rotate7", ReminderDays: "[1]", RotationDays: days(400)}, // the same id in another workspace
		{WorkspaceID: "w2", ID: "none", ReminderDays: "[]", RotationDays: days(0)},
	}
	if err := d.db.Create(&profiles).Error; err != nil {
		t.Fatal(err)
	}

	rng := rand.New(rand.NewPCG(1, 2))
	seen := map[string]int{} // reminders due, by kind, over every step
	var ids []string
	for step, later := range []time.Duration{0, 20 * time.Hour, 6 * testDay, 13 * testDay, 29 * testDay, 31 * testDay,
		59 * testDay, 91 * testDay, 400 * testDay} {
		now = base.Add(later)
		batch := keysAroundThresholds(rng, now, fmt.Sprintf("s%d-", step))
		if err := d.db.CreateInBatches(batch, 50).Error; err != nil {
			t.Fatal(err)
		}
		for _, k := range batch {
			ids = append(ids, k.ID)
		}
		changeSomeKeys(t, d, rng, now, ids)

		want := dueOnEveryKey(t, d, now)
		if _, err := d.ScanReminders(ctx); err != nil {
			t.Fatal(err)
		}
		active, err := d.Reminders(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, r := range active {
			got[onceText(r.WorkspaceID, r.KeyID, r.Kind, r.Threshold, r.DueAt)] = true
		}
		for once := range want {
			if !got[once] {
				t.Errorf("at %s: %s is due but the scan has no reminder for it", now, once)
			}
		}
		for once := range got {
			if !want[once] {
				t.Errorf("at %s: the scan keeps %s, which is no longer due", now, once)
			}
		}
		for _, r := range active {
			seen[r.Kind]++
		}
		if fresh, err := d.ScanReminders(ctx); err != nil || len(fresh) != 0 {
			t.Fatalf("at %s, scanning again: %d new reminders, %v", now, len(fresh), err)
		}
	}
	for _, kind := range []string{reminders.KindExpiring, reminders.KindExpired, reminders.KindOverlapEnding, reminders.KindRotationDue, reminders.KindUnused} {
		if seen[kind] == 0 {
			t.Errorf("no %s reminder in the test: it proves nothing about them (seen %v)", kind, seen)
		}
	}
}

// keysAroundThresholds makes keys with one time on a threshold of the rules
// at now, give or take a little, and random other fields: times in far
// apart offsets (the cache keeps them as text), enabled or not, with or
// without a profile.
func keysAroundThresholds(rng *rand.Rand, now time.Time, prefix string) []CachedKey {
	zones := []*time.Location{time.UTC, time.FixedZone("+14", 14*3600), time.FixedZone("-12", -12*3600), time.FixedZone("+0530", 5*3600+1800)}
	at := func(t time.Time) *time.Time { t = t.In(zones[rng.IntN(len(zones))]); return &t }
	pick := func(choices ...*time.Time) *time.Time { return choices[rng.IntN(len(choices))] }
	nearly := func(t time.Time) *time.Time {
		return at(t.Add(time.Duration(rng.Int64N(int64(2*time.Second))) - time.Second))
	}
	random := func(id string) CachedKey {
		lead := time.Duration(testLeads[rng.IntN(len(testLeads))]) * testDay
		k := CachedKey{
			WorkspaceID: []string{"w1", "w2"}[rng.IntN(2)], ID: id, Name: "key " + id, Enabled: rng.IntN(8) > 0,
			CreatedAt:  *pick(nearly(now.Add(-testDay)), nearly(now.Add(-7*testDay)), nearly(now.Add(-30*testDay)), nearly(now.Add(-90*testDay)), nearly(now.Add(-400*testDay))),
			ExpiresAt:  pick(nil, nil, nearly(now.Add(-400*testDay)), nearly(now.Add(-time.Hour)), nearly(now.Add(time.Hour)), nearly(now.Add(lead)), nearly(now.Add(365*testDay))),
			LastUsedAt: pick(nil, nearly(now.Add(-testDay)), nearly(now.Add(-90*testDay)), nearly(now.Add(-200*testDay))),
			ProfileID:  []string{"", "", "lead", "rotate7", "rotate90", "none", "gone"}[rng.IntN(7)],
			AutoRevoke: rng.IntN(3) > 0,
		}
		if rng.IntN(4) == 0 {
			k.RevokesAt = pick(nearly(now.Add(-time.Hour)), nearly(now.Add(20*time.Hour)), nearly(now.Add(3*testDay)))
		}
		if rng.IntN(3) == 0 { // regenerated since, sometimes with a new expiry
			k.RegeneratedAt = pick(nearly(now.Add(-time.Hour)), nearly(now.Add(-7*testDay)), nearly(now.Add(-90*testDay)))
			if rng.IntN(2) == 0 {
				k.ExpirySetAt = k.RegeneratedAt
			}
		}
		return k
	}
	onThreshold := map[string]func(k *CachedKey, t time.Time){}
	for _, lead := range append([]int{0}, testLeads...) {
		onThreshold[fmt.Sprintf("expires%d", lead)] = func(k *CachedKey, t time.Time) { k.ExpiresAt = at(t.Add(time.Duration(lead) * testDay)) }
	}
	onThreshold["overlapEnding"] = func(k *CachedKey, t time.Time) { k.RevokesAt, k.AutoRevoke = at(t.Add(testDay)), true }
	onThreshold["overlapEnded"] = func(k *CachedKey, t time.Time) { k.RevokesAt = at(t) }
	onThreshold["unused"] = func(k *CachedKey, t time.Time) { k.LastUsedAt = at(t.Add(-90 * testDay)) }
	onThreshold["neverUsed"] = func(k *CachedKey, t time.Time) { k.CreatedAt, k.LastUsedAt = *at(t.Add(-30 * testDay)), nil }
	for profile, rotation := range map[string]int{"rotate7": 7, "rotate90": 90} {
		onThreshold[profile] = func(k *CachedKey, t time.Time) {
			k.WorkspaceID, k.ProfileID, k.RevokesAt = "w1", profile, nil
			k.CreatedAt = *at(t.Add(-time.Duration(rotation) * testDay))
		}
		// Regenerated on the threshold, made long before.
		onThreshold[profile+"Regenerated"] = func(k *CachedKey, t time.Time) {
			k.WorkspaceID, k.ProfileID, k.RevokesAt = "w1", profile, nil
			k.CreatedAt, k.RegeneratedAt = *at(t.Add(-400 * testDay)), at(t.Add(-time.Duration(rotation)*testDay))
		}
	}
	// Regenerated with a new expiry as long as a lead time: not expiring yet.
	onThreshold["regeneratedToLive30"] = func(k *CachedKey, t time.Time) {
		k.CreatedAt, k.RegeneratedAt, k.ExpirySetAt, k.ExpiresAt = *at(t.Add(-400 * testDay)), at(t), at(t), at(t.Add(30*testDay))
	}
	var out []CachedKey
	for _, name := range slices.Sorted(maps.Keys(onThreshold)) {
		profiles := [][2]string{{"w1", ""}}
		if strings.HasPrefix(name, "expires") { // lead times come from profiles
			profiles = append(profiles, [][2]string{{"w1", "lead"}, {"w1", "rotate90"}, {"w2", "rotate7"}, {"w2", "none"}, {"w2", "gone"}}...)
		}
		for i, off := range []time.Duration{-testDay, -15 * time.Hour, -time.Nanosecond, 0, time.Nanosecond, 15 * time.Hour, testDay} {
			k := random(fmt.Sprintf("%s%s-%d", prefix, name, i))
			onThreshold[name](&k, now.Add(off))
			out = append(out, k)
			// And a key in use with nothing else due, in the profiles that matter.
			for _, p := range profiles {
				id := fmt.Sprintf("%s%s-%d-%s-%s", prefix, name, i, p[0], p[1])
				k := CachedKey{WorkspaceID: p[0], ID: id, Name: "key " + id, Enabled: true, ProfileID: p[1],
					CreatedAt: *at(now.Add(-testDay)), LastUsedAt: at(now.Add(-time.Hour))}
				onThreshold[name](&k, now.Add(off))
				out = append(out, k)
			}
		}
	}
	for i := range 100 {
		out = append(out, random(fmt.Sprintf("%srandom-%d", prefix, i)))
	}
	return out
}

// changeSomeKeys changes keys as a sync would, in the ways that resolve
// reminders: renewed, used, rotated, disabled, deleted. (Never a key that
// stopped working: working again, its reminders would not come back, by
// design.)
func changeSomeKeys(t *testing.T, d *Desk, rng *rand.Rand, now time.Time, ids []string) {
	t.Helper()
	for range 20 {
		id := ids[rng.IntN(len(ids))]
		var k CachedKey
		if d.db.Where("id = ?", id).Take(&k).Error != nil || k.Status(now) != keys.StatusActive {
			continue
		}
		change := map[string]any{}
		switch rng.IntN(5) {
		case 0:
			change["expires_at"] = now.Add(time.Duration(100+rng.IntN(300)) * testDay)
		case 1:
			change["last_used_at"] = now
		case 2:
			change["revokes_at"], change["auto_revoke"] = now.Add(12*time.Hour), true
		case 3:
			change["enabled"] = false
		case 4:
			if err := d.db.Where("id = ?", id).Delete(&CachedKey{}).Error; err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := d.db.Model(&CachedKey{}).Where("id = ?", id).Updates(change).Error; err != nil {
			t.Fatal(err)
		}
	}
}

// dueOnEveryKey evaluates the rules on every cached key, read through gorm.
func dueOnEveryKey(t *testing.T, d *Desk, now time.Time) map[string]bool {
	t.Helper()
	var cached []CachedKey
	var profiles []CachedProfile
	if err := d.db.Find(&cached).Error; err != nil {
		t.Fatal(err)
	}
	if err := d.db.Find(&profiles).Error; err != nil {
		t.Fatal(err)
	}
	settings := d.ReminderSettings()
	due := map[string]bool{}
	for _, c := range cached {
		k := reminders.Key{
			WorkspaceID: c.WorkspaceID, ID: c.ID, Name: c.Name, Active: c.Status(now) == keys.StatusActive, Enabled: c.Enabled,
			CreatedAt: c.CreatedAt, ExpiresAt: c.ExpiresAt, LastUsedAt: c.LastUsedAt, RevokesAt: c.RevokesAt, AutoRevoke: c.AutoRevoke,
			LeadDays: settings.LeadDays, RegeneratedAt: c.RegeneratedAt, ExpirySetAt: c.ExpirySetAt,
		}
		for _, p := range profiles {
			if c.ProfileID != "" && p.WorkspaceID == c.WorkspaceID && p.ID == c.ProfileID {
				k.RotationDays = p.RotationDays
				var leads []int
				if json.Unmarshal([]byte(p.ReminderDays), &leads) == nil && len(leads) > 0 {
					k.LeadDays = leads
				}
			}
		}
		for _, r := range reminders.Evaluate(k, now, settings.Kinds) {
			due[onceText(r.WorkspaceID, r.KeyID, r.Kind, r.Threshold, r.DueAt)] = true
		}
	}
	return due
}

func onceText(workspaceID, keyID, kind string, threshold int, due time.Time) string {
	return fmt.Sprintf("%s/%s %s/%d due %s", workspaceID, keyID, kind, threshold, due.UTC().Truncate(time.Second).Format(time.DateTime))
}
