// Package reminders decides when a key needs the user's attention — it is
// about to expire, has expired, its rotation overlap is ending, a rotation
// is due by its profile's policy, or it has gone unused — and keeps each
// reminder once, so that restarts and repeated scans never repeat one.
package reminders

import (
	"slices"
	"time"
)

// Kinds of reminder.
const (
	KindExpiring      = "expiring"       // threshold: the lead time in days
	KindExpired       = "expired"        // threshold: 0
	KindOverlapEnding = "overlap_ending" // threshold: 1 (day)
	KindRotationDue   = "rotation_due"   // threshold: the policy's days
	KindUnused        = "unused"         // threshold: 90 (days since last use) or 30 (never used)
)

// DefaultLeadDays are the expiry lead times when a profile sets none.
var DefaultLeadDays = []int{30, 7, 1}

const (
	day               = 24 * time.Hour
	unusedAfterDays   = 90
	neverUsedDays     = 30
	overlapEndingDays = 1
)

// Key is what the rules need of a key.
type Key struct {
	WorkspaceID  string
	ID           string
	Name         string
	Active       bool // active now: enabled, not expired, not past an auto-revoke
	Enabled      bool
	CreatedAt    time.Time
	ExpiresAt    *time.Time
	LastUsedAt   *time.Time
	RevokesAt    *time.Time // set during a rotation overlap
	AutoRevoke   bool
	LeadDays     []int // the profile's lead times; nil for the default
	RotationDays *int  // the profile's rotation policy
	// RegeneratedAt is when the key got its current secret, nil if at its
	// creation; ExpirySetAt when its expiry was set, nil if at its creation.
	RegeneratedAt *time.Time
	ExpirySetAt   *time.Time
}

// Due is one reminder a key needs now.
type Due struct {
	WorkspaceID string
	KeyID       string
	Kind        string
	Threshold   int       // days; with Kind, what makes it unique per key
	DueAt       time.Time // the moment it concerns: expiry, overlap end, …
	KeyName     string    // for the reminder's wording
}

// Horizon bounds the keys Evaluate can find a reminder for at a moment, so
// that a scan reads only those: such a key is enabled and meets one of the
// bounds (Evaluate still decides exactly).
type Horizon struct {
	ExpiresBy          time.Time // expired, or expiring within the longest lead time
	OverlapEndsBy      time.Time // an auto-revoking rotation overlap ending within a day
	LastUsedBy         time.Time // unused for 90 days
	NeverUsedCreatedBy time.Time // never used, its secret made (created or regenerated) 30 days ago
	RotationDueBy      time.Time // secret made at least the profile's rotation days before it
}

// HorizonAt is the horizon of the keys that can need a reminder at now,
// given every lead time in use (DefaultLeadDays always count), widened by
// slack on every side.
func HorizonAt(now time.Time, slack time.Duration, leadDays ...[]int) Horizon {
	longestLead := slices.Max(DefaultLeadDays)
	for _, leads := range leadDays {
		for _, lead := range leads {
			longestLead = max(longestLead, lead)
		}
	}
	return Horizon{
		ExpiresBy:          now.Add(time.Duration(longestLead)*day + slack),
		OverlapEndsBy:      now.Add(overlapEndingDays*day + slack),
		LastUsedBy:         now.Add(-unusedAfterDays*day + slack),
		NeverUsedCreatedBy: now.Add(-neverUsedDays*day + slack),
		RotationDueBy:      now.Add(slack),
	}
}

// secretSince is when k got its current secret: its creation or its last
// regeneration. A rotation policy counts the secret's age from it.
func (k Key) secretSince() time.Time {
	if k.RegeneratedAt != nil {
		return *k.RegeneratedAt
	}
	return k.CreatedAt
}

// expirySince is when k's expiry was set: its creation, or a regeneration
// that gave it a new expiry. Its life runs from there to the expiry.
func (k Key) expirySince() time.Time {
	if k.ExpirySetAt != nil {
		return *k.ExpirySetAt
	}
	return k.CreatedAt
}

// Evaluate returns the reminders key k needs at now, given which kinds are
// turned on (nil: all).
func Evaluate(k Key, now time.Time, enabled map[string]bool) []Due {
	return appendDue(nil, k, now, enabled)
}

// appendDue is Evaluate appending to out: a scan evaluates thousands of keys
// into one slice.
func appendDue(out []Due, k Key, now time.Time, enabled map[string]bool) []Due {
	on := func(kind string) bool { return enabled == nil || enabled[kind] }
	due := func(kind string, threshold int, at time.Time) Due {
		return Due{WorkspaceID: k.WorkspaceID, KeyID: k.ID, Kind: kind, Threshold: threshold, DueAt: at, KeyName: k.Name}
	}
	if k.ExpiresAt != nil && k.Enabled {
		left := k.ExpiresAt.Sub(now)
		switch {
		case left <= 0:
			if on(KindExpired) {
				out = append(out, due(KindExpired, 0, *k.ExpiresAt))
			}
		case on(KindExpiring) && k.Active && k.RevokesAt == nil:
			// (A rotating key has its successor already: "rotate it" would
			// be refused, and its overlap has reminders of its own.)
			// Only the nearest lead time that has been reached: at 5 days
			// left, the 7-day reminder, not the 30-day one as well. A lead
			// time as long as the key's whole life is left out: a key made
			// (or regenerated) to live 30 days is not "expiring" the moment
			// its expiry is set.
			leads := k.LeadDays
			if leads == nil {
				leads = DefaultLeadDays
			}
			life := k.ExpiresAt.Sub(k.expirySince())
			nearest := 0
			for _, lead := range leads {
				span := time.Duration(lead) * day
				if lead > 0 && left <= span && life > span && (nearest == 0 || lead < nearest) {
					nearest = lead
				}
			}
			if nearest > 0 {
				out = append(out, due(KindExpiring, nearest, *k.ExpiresAt))
			}
		}
	}
	if !k.Active {
		return out
	}
	if on(KindOverlapEnding) && k.RevokesAt != nil && k.AutoRevoke {
		if left := k.RevokesAt.Sub(now); left > 0 && left <= overlapEndingDays*day {
			out = append(out, due(KindOverlapEnding, overlapEndingDays, *k.RevokesAt))
		}
	}
	if on(KindRotationDue) && k.RotationDays != nil && *k.RotationDays > 0 && k.RevokesAt == nil {
		if at := k.secretSince().Add(time.Duration(*k.RotationDays) * day); !now.Before(at) {
			out = append(out, due(KindRotationDue, *k.RotationDays, at))
		}
	}
	// A key on its way out (an overlap that ends by itself) needs no
	// "disable it if nobody needs it".
	if on(KindUnused) && !(k.RevokesAt != nil && k.AutoRevoke) {
		switch {
		case k.LastUsedAt != nil:
			if at := k.LastUsedAt.Add(unusedAfterDays * day); !now.Before(at) {
				out = append(out, due(KindUnused, unusedAfterDays, at))
			}
		default:
			// From its secret: a key regenerated a day ago gets its 30 days
			// to be put to use, as a new one does.
			if at := k.secretSince().Add(neverUsedDays * day); !now.Before(at) {
				out = append(out, due(KindUnused, neverUsedDays, at))
			}
		}
	}
	return out
}

// countsFrom is the moment a reminder's rule counted its threshold from:
// it became due that moment plus its threshold in days.
func (r Reminder) countsFrom() time.Time { return r.DueAt.Add(-time.Duration(r.Threshold) * day) }

// SecretSince is when the key of a rotation-due reminder got its secret
// (Key.secretSince); ok is false for the other kinds.
func (r Reminder) SecretSince() (at time.Time, ok bool) {
	if r.Kind == KindRotationDue {
		return r.countsFrom(), true
	}
	return time.Time{}, false
}

// KeyCreatedAt is when the key of a never-used reminder was created; ok is
// false for the other kinds.
func (r Reminder) KeyCreatedAt() (at time.Time, ok bool) {
	if r.NeverUsed() {
		return r.countsFrom(), true
	}
	return time.Time{}, false
}

// KeyLastUsedAt is when the key of an unused reminder was last used; ok is
// false for the other kinds, and for a key never used.
func (r Reminder) KeyLastUsedAt() (at time.Time, ok bool) {
	if r.Kind == KindUnused && !r.NeverUsed() {
		return r.countsFrom(), true
	}
	return time.Time{}, false
}

// NeverUsed reports whether an unused reminder is about a key that has
// never been used since it was created.
func (r Reminder) NeverUsed() bool { return r.Kind == KindUnused && r.Threshold == neverUsedDays }
