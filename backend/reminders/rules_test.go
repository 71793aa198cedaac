package reminders_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/keydesk/keydesk/backend/reminders"
)

var now = time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)

func at(d time.Duration) *time.Time { t := now.Add(d); return &t }
func days(n float64) time.Duration  { return time.Duration(n * float64(24*time.Hour)) }
func intp(n int) *int               { return &n }

func TestEvaluate(t *testing.T) {
	fresh := func() reminders.Key {
		used := now.Add(-days(1))
		return reminders.Key{ID: "k", Active: true, Enabled: true, CreatedAt: now.Add(-days(10)), LastUsedAt: &used}
	}
	cases := []struct {
		name string
		edit func(*reminders.Key)
		want []string // kind/threshold
	}{
		{"healthy key", func(k *reminders.Key) {}, nil},
		{"never expires", func(k *reminders.Key) { k.ExpiresAt = nil }, nil},
		{"expires in 40 days", func(k *reminders.Key) { k.ExpiresAt = at(days(40)) }, nil},
		{"expires in 30 days", func(k *reminders.Key) { k.ExpiresAt = at(days(30)) }, []string{"expiring/30"}},
		{"made today to live 30 days: not expiring yet", func(k *reminders.Key) { k.CreatedAt = now; k.ExpiresAt = at(days(30)) }, nil},
		{"made to live 30 days, 7 left: the 7-day lead", func(k *reminders.Key) { k.CreatedAt = now.Add(-days(23)); k.ExpiresAt = at(days(7)) }, []string{"expiring/7"}},
		{"made to live 1 day: no lead time fits", func(k *reminders.Key) { k.CreatedAt = now; k.ExpiresAt = at(days(1)) }, nil},
		{"regenerated today with 30 days more: its life counts from then", func(k *reminders.Key) {
			k.CreatedAt = now.Add(-days(200))
			k.RegeneratedAt = at(0)
			k.ExpirySetAt = at(0)
			k.ExpiresAt = at(days(30))
		}, nil},
		{"regenerated with 30 days, 7 left: the 7-day lead", func(k *reminders.Key) {
			k.CreatedAt = now.Add(-days(200))
			k.RegeneratedAt = at(-days(23))
			k.ExpirySetAt = at(-days(23))
			k.ExpiresAt = at(days(7))
		}, []string{"expiring/7"}},
		{"regenerated today keeping its expiry, 5 days left: still expiring", func(k *reminders.Key) {
			k.CreatedAt = now.Add(-days(25))
			k.RegeneratedAt = at(0)
			k.ExpiresAt = at(days(5))
		}, []string{"expiring/7"}},
		{"expires in 5 days: the 7-day lead only", func(k *reminders.Key) { k.ExpiresAt = at(days(5)) }, []string{"expiring/7"}},
		{"expires in 3 hours", func(k *reminders.Key) { k.ExpiresAt = at(3 * time.Hour) }, []string{"expiring/1"}},
		{"profile lead times", func(k *reminders.Key) { k.ExpiresAt = at(days(12)); k.LeadDays = []int{14, 3} }, []string{"expiring/14"}},
		{"expired", func(k *reminders.Key) { k.ExpiresAt = at(-time.Hour); k.Active = false }, []string{"expired/0"}},
		{"expired but disabled: nothing", func(k *reminders.Key) { k.ExpiresAt = at(-time.Hour); k.Active, k.Enabled = false, false }, nil},
		{"disabled: nothing", func(k *reminders.Key) { k.Active, k.Enabled = false, false; k.ExpiresAt = at(days(2)) }, nil},
		{"overlap ends in 20 hours", func(k *reminders.Key) { k.RevokesAt = at(20 * time.Hour); k.AutoRevoke = true }, []string{"overlap_ending/1"}},
		{"overlap ends in 3 days", func(k *reminders.Key) { k.RevokesAt = at(days(3)); k.AutoRevoke = true }, nil},
		{"overlap kept by hand", func(k *reminders.Key) { k.RevokesAt = at(time.Hour); k.AutoRevoke = false }, nil},
		{"rotation due", func(k *reminders.Key) { k.RotationDays = intp(7) }, []string{"rotation_due/7"}},
		{"rotation not yet due", func(k *reminders.Key) { k.RotationDays = intp(30) }, nil},
		{"rotation due counts from the last regeneration", func(k *reminders.Key) {
			k.CreatedAt = now.Add(-days(100))
			k.RegeneratedAt = at(-days(3))
			k.RotationDays = intp(30)
		}, nil},
		{"regenerated 31 days ago: rotation due", func(k *reminders.Key) {
			k.CreatedAt = now.Add(-days(100))
			k.RegeneratedAt = at(-days(31))
			k.RotationDays = intp(30)
		}, []string{"rotation_due/30"}},
		{"rotation due but already rotating", func(k *reminders.Key) { k.RotationDays = intp(7); k.RevokesAt = at(days(5)); k.AutoRevoke = true }, nil},
		{"unused for 90 days", func(k *reminders.Key) { k.LastUsedAt = at(-days(91)) }, []string{"unused/90"}},
		{"never used since creation 30 days ago", func(k *reminders.Key) { k.LastUsedAt = nil; k.CreatedAt = now.Add(-days(31)) }, []string{"unused/30"}},
		{"never used, created yesterday", func(k *reminders.Key) { k.LastUsedAt = nil; k.CreatedAt = now.Add(-days(1)) }, nil},
		{"never used, created 40 days ago but regenerated yesterday: its new secret gets its 30 days", func(k *reminders.Key) {
			k.LastUsedAt = nil
			k.CreatedAt = now.Add(-days(40))
			k.RegeneratedAt = at(-days(1))
		}, nil},
		{"never used, regenerated 31 days ago", func(k *reminders.Key) {
			k.LastUsedAt = nil
			k.CreatedAt = now.Add(-days(60))
			k.RegeneratedAt = at(-days(31))
		}, []string{"unused/30"}},
		{"expires in 5 days but rotating: its successor is made, no 'rotate it'", func(k *reminders.Key) {
			k.ExpiresAt = at(days(5))
			k.RevokesAt, k.AutoRevoke = at(days(6)), true
		}, nil},
		{"expires in 5 days, rotating and kept by hand: no 'rotate it' either", func(k *reminders.Key) {
			k.ExpiresAt = at(days(5))
			k.RevokesAt, k.AutoRevoke = at(days(6)), false
		}, nil},
		{"unused but revoked by its rotation in 5 days: nothing to disable", func(k *reminders.Key) {
			k.LastUsedAt = at(-days(91))
			k.RevokesAt, k.AutoRevoke = at(days(5)), true
		}, nil},
		{"unused, kept after its rotation by hand: disable it", func(k *reminders.Key) {
			k.LastUsedAt = at(-days(91))
			k.RevokesAt, k.AutoRevoke = at(days(5)), false
		}, []string{"unused/90"}},
		{"several at once", func(k *reminders.Key) {
			k.ExpiresAt = at(days(6))
			k.RotationDays = intp(5)
			k.LastUsedAt = at(-days(100))
		},
			[]string{"expiring/7", "rotation_due/5", "unused/90"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			k := fresh()
			tc.edit(&k)
			var got []string
			for _, d := range reminders.Evaluate(k, now, nil) {
				got = append(got, fmt.Sprintf("%s/%d", d.Kind, d.Threshold))
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestKindsCanBeTurnedOff(t *testing.T) {
	k := reminders.Key{ID: "k", Active: true, Enabled: true, CreatedAt: now.Add(-days(100)), ExpiresAt: at(days(2))}
	if got := reminders.Evaluate(k, now, map[string]bool{reminders.KindExpiring: true}); len(got) != 1 || got[0].Kind != reminders.KindExpiring {
		t.Fatalf("only expiring on: %+v", got)
	}
	if got := reminders.Evaluate(k, now, map[string]bool{}); len(got) != 0 {
		t.Fatalf("all off: %+v", got)
	}
}
