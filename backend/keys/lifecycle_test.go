package keys_test

import (
	"strings"
	"testing"
	"time"

	"github.com/keydesk/keydesk/backend/keys"
)

func TestStateStatusDuringAndAfterAnOverlap(t *testing.T) {
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	end := now.Add(72 * time.Hour)
	rotating := keys.State{Enabled: true, RevokesAt: &end, AutoRevoke: true}
	if rotating.Status(now) != keys.StatusActive || !rotating.Rotating(now) {
		t.Fatal("a key in its overlap must be active and rotating")
	}
	after := end.Add(time.Second)
	if rotating.Status(after) != keys.StatusInactive || rotating.Rotating(after) || !rotating.OverlapEnded(after) {
		t.Fatal("after the overlap an auto-revoked key is inactive")
	}
	kept := keys.State{Enabled: true, RevokesAt: &end, AutoRevoke: false}
	if kept.Status(after) != keys.StatusActive || kept.OverlapEnded(after) {
		t.Fatal("without auto-revoke the old key keeps working until revoked by hand")
	}
}

func TestOverlapEnd(t *testing.T) {
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	soon := now.Add(48 * time.Hour)
	cases := []struct {
		name    string
		days    *int
		expires *time.Time
		want    time.Time
		err     string
	}{
		{"default 7 days", nil, nil, now.AddDate(0, 0, 7), ""},
		{"zero: at once", intp(0), nil, now, ""},
		{"30 days", intp(30), nil, now.AddDate(0, 0, 30), ""},
		{"never past the key's expiry", intp(7), &soon, soon, ""},
		{"31 days", intp(31), nil, time.Time{}, "overlapDays must be 0–30, got 31"},
		{"negative", intp(-1), nil, time.Time{}, "overlapDays must be 0–30, got -1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := keys.OverlapEnd(now, tc.days, tc.expires)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v", err)
				}
				return
			}
			if err != nil || !got.Equal(tc.want) {
				t.Fatalf("= %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

func TestSuccessorExpiryKeepsTheLifetime(t *testing.T) {
	created := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	expires := created.AddDate(0, 0, 90)
	now := created.AddDate(0, 0, 80)
	got := keys.SuccessorExpiry(now, created, &expires)
	if got == nil || !got.Equal(now.AddDate(0, 0, 90)) {
		t.Fatalf("= %v", got)
	}
	if keys.SuccessorExpiry(now, created, nil) != nil {
		t.Fatal("a key that never expires has a successor that never expires")
	}
}

func TestCleanup(t *testing.T) {
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	past := now.Add(-time.Hour)
	active := keys.State{Enabled: true}
	expired := keys.State{Enabled: true, ExpiresAt: &past}
	revoked := keys.State{Enabled: false}
	both := keys.State{Enabled: false, ExpiresAt: &past}
	overlapOver := keys.State{Enabled: true, RevokesAt: &past, AutoRevoke: true}
	cases := []struct {
		c    keys.Cleanup
		want map[string]bool
	}{
		{keys.Cleanup{Expired: true}, map[string]bool{"expired": true, "both": true}},
		{keys.Cleanup{Revoked: true}, map[string]bool{"revoked": true, "both": true, "overlapOver": true}},
		{keys.Cleanup{Expired: true, Revoked: true}, map[string]bool{"expired": true, "revoked": true, "both": true, "overlapOver": true}},
		{keys.Cleanup{Both: true}, map[string]bool{"both": true}},
	}
	states := map[string]keys.State{"active": active, "expired": expired, "revoked": revoked, "both": both, "overlapOver": overlapOver}
	for _, tc := range cases {
		for name, s := range states {
			if got := tc.c.Matches(s, now); got != tc.want[name] {
				t.Errorf("%+v matches %s = %v", tc.c, name, got)
			}
		}
	}
	if err := (keys.Cleanup{Both: true, Expired: true}).Validate(); err == nil || !strings.Contains(err.Error(), "both cannot be combined") {
		t.Fatalf("both+expired: %v", err)
	}
	if err := (keys.Cleanup{}).Validate(); err == nil {
		t.Fatal("empty clean-up accepted")
	}
}
