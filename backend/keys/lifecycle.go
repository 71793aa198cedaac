package keys

import (
	"time"
)

// State is what a key's status and usability derive from.
type State struct {
	Enabled    bool
	ExpiresAt  *time.Time
	RevokesAt  *time.Time // end of a rotation overlap
	AutoRevoke bool       // whether the key stops working at RevokesAt
}

// Status derives the status at now. A rotated key whose overlap has ended
// with auto-revoke on is inactive even before the server job disables it.
func (s State) Status(now time.Time) Status {
	enabled := s.Enabled && !s.OverlapEnded(now)
	return StatusAt(enabled, s.ExpiresAt, now)
}

// OverlapEnded reports whether an auto-revoking rotation overlap is over.
func (s State) OverlapEnded(now time.Time) bool {
	return s.AutoRevoke && s.RevokesAt != nil && !now.Before(*s.RevokesAt)
}

// Rotating reports whether the key is in a rotation overlap: it has a
// successor and still works.
func (s State) Rotating(now time.Time) bool {
	return s.RevokesAt != nil && s.Status(now) == StatusActive
}

// OverlapEnd computes when a rotated key stops working: overlapDays after
// now (nil means the default, 7), never past the key's own expiry.
func OverlapEnd(now time.Time, overlapDays *int, expiresAt *time.Time) (time.Time, error) {
	days := DefaultOverlapDays
	if overlapDays != nil {
		days = *overlapDays
	}
	if days < 0 || days > MaxOverlapDays {
		return time.Time{}, invalid("overlapDays", "must be 0–%d, got %d", MaxOverlapDays, days)
	}
	end := now.UTC().AddDate(0, 0, days).Truncate(time.Second)
	if expiresAt != nil && expiresAt.Before(end) {
		end = expiresAt.UTC()
	}
	return end, nil
}

// SuccessorExpiry gives a rotated key's successor the lifetime the old key
// was issued with, counted from now (nil: never expires).
func SuccessorExpiry(now, createdAt time.Time, expiresAt *time.Time) *time.Time {
	if expiresAt == nil {
		return nil
	}
	lifetime := expiresAt.Sub(createdAt)
	if lifetime < 24*time.Hour {
		lifetime = 24 * time.Hour
	}
	if max := time.Duration(MaxExpiryDays) * 24 * time.Hour; lifetime > max {
		lifetime = max
	}
	t := now.UTC().Add(lifetime).Truncate(time.Second)
	return &t
}

// Clean-up categories: "expired" and "revoked" (disabled) may be combined;
// "both" (expired and disabled) stands alone.
// Only, when not nil, limits it to those key IDs.
type Cleanup struct {
	Expired bool
	Revoked bool
	Both    bool
	Only    []string
}

// Validate checks the combination.
func (c Cleanup) Validate() error {
	if c.Both && (c.Expired || c.Revoked) {
		return invalid("both", "cannot be combined with expired or revoked")
	}
	if !c.Both && !c.Expired && !c.Revoked {
		// Named after the first of the three: there is no field for "none".
		return invalid("expired", "(or revoked, or both) must be true: say which keys to delete")
	}
	for _, id := range c.Only {
		if id == "" {
			return invalid("keyIds", "must not contain an empty key ID")
		}
	}
	return nil
}

// Matches reports whether a key in state s at now falls under c.
func (c Cleanup) Matches(s State, now time.Time) bool {
	expired := s.ExpiresAt != nil && !now.Before(*s.ExpiresAt)
	revoked := !s.Enabled || s.OverlapEnded(now)
	switch {
	case c.Both:
		return expired && revoked
	default:
		return (c.Expired && expired) || (c.Revoked && revoked)
	}
}
