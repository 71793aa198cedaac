package keys

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Role says what a key may do.
type Role string

const (
	RoleAdmin  Role = "admin"  // manages keys, profiles and reads the audit log
	RoleMember Role = "member" // reads only
	RoleAPI    Role = "api"    // a key your services verify; whoami and self-rotate only
)

// Status is derived from a key's fields and the time; it is never stored.
type Status string

const (
	StatusActive   Status = "active"
	StatusInactive Status = "inactive" // disabled by hand or by the end of a rotation overlap
	StatusExpired  Status = "expired"
)

// Limits of the key rules. The API and the UI both quote them.
const (
	MaxExpiryDays      = 366
	MaxNameLength      = 100
	DefaultOverlapDays = 7
	MaxOverlapDays     = 30
)

// ErrInvalid marks a value a user gave that breaks a rule. Errors wrapping it
// name the field and the rule, so they can be shown as they are.
var ErrInvalid = errors.New("invalid input")

// FieldError names the field that broke a rule.
type FieldError struct {
	Field string
	Rule  string
}

func (e *FieldError) Error() string { return e.Field + " " + e.Rule }
func (e *FieldError) Unwrap() error { return ErrInvalid }

func invalid(field, format string, args ...any) error {
	return &FieldError{Field: field, Rule: fmt.Sprintf(format, args...)}
}

// ParseRole accepts "" as the default role, api.
func ParseRole(s string) (Role, error) {
	switch Role(s) {
	case "":
		return RoleAPI, nil
	case RoleAdmin, RoleMember, RoleAPI:
		return Role(s), nil
	}
	return "", invalid("role", "must be one of admin, member, api, got %s", Quote(s))
}

// ValidateName trims and checks a name (of a key, a profile, a workspace):
// 1–100 characters, no control characters, nothing that hides or reorders
// text, and no key's secret.
func ValidateName(name string) (string, error) {
	name = strings.TrimSpace(name)
	n := utf8.RuneCountInString(name)
	if !utf8.ValidString(name) {
		return "", invalid("name", "must be valid UTF-8")
	}
	if n == 0 || n > MaxNameLength {
		return "", invalid("name", "must be 1–%d characters, got %d", MaxNameLength, n)
	}
	position := 0
	for _, r := range name {
		position++
		if r == utf8.RuneError {
			// JSON decoding turns invalid UTF-8 into U+FFFD: a name holding
			// one was mangled on its way here.
			return "", invalid("name", "must be valid UTF-8 (it holds U+FFFD, the mark of a broken encoding)")
		}
		if kind := hiddenKind(r); kind != "" {
			return "", invalid("name", "must not contain control characters, text-direction marks or invisible characters: character %d is %U, %s", position, r, kind)
		}
	}
	// A secret pasted into the name field would be stored, listed and
	// logged in plain text, where secrets never are.
	if masked := Redact(name); masked != name {
		return "", invalid("name", "must not hold an API key's secret (%s): a name is stored and shown in plain text", masked)
	}
	return name, nil
}

// hiddenKind names the kind of a character a name must not hold, or ""
// when it may: controls, and the format characters that make a name look
// like another (a right-to-left override turns "invoice\u202etxt.exe" into
// "invoiceexe.txt"; a zero-width space makes two names that look the
// same). The zero-width joiners stay: emoji sequences and several scripts
// need them.
func hiddenKind(r rune) string {
	switch {
	case r == '\t', r == '\n', r == '\r':
		return "a tab or line break"
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0: // C0 and C1 controls
		return "a control character"
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c: // bidi
		return "a text-direction mark"
	case r == 0x200b, r == 0x2060, r >= 0x2061 && r <= 0x2064, r == 0xfeff, r == 0x00ad, r == 0x180e:
		return "an invisible character"
	case r == 0x2028, r == 0x2029:
		return "a line separator"
	}
	return ""
}

// Quote puts a value a user gave in quotes for a message: as typed when
// it prints as it is, else Go-quoted, so that what cannot be seen (a
// control character, a trailing space is seen) is spelled out. Backslashes
// stay single: "C:\keys" reads “C:\keys”, not "C:\\keys".
func Quote(s string) string {
	for _, r := range s {
		if hiddenKind(r) != "" || r == utf8.RuneError {
			return strconv.Quote(s)
		}
	}
	return "“" + s + "”"
}

// ExpiryPolicy is a workspace's limit on key lifetimes.
type ExpiryPolicy struct {
	MaxDays    int  // 0 means the global maximum, 366
	AllowNever bool // whether keys may never expire
}

// DefaultExpiryPolicy allows everything the key rules allow.
var DefaultExpiryPolicy = ExpiryPolicy{MaxDays: MaxExpiryDays, AllowNever: true}

// Max is the longest lifetime the policy allows, in days.
func (p ExpiryPolicy) Max() int {
	if p.MaxDays <= 0 || p.MaxDays > MaxExpiryDays {
		return MaxExpiryDays
	}
	return p.MaxDays
}

// Clamp brings an expiry within the policy: no later than the maximum
// lifetime from now, and not "never" when the policy forbids it.
func (p ExpiryPolicy) Clamp(now time.Time, expiresAt *time.Time) *time.Time {
	latest := now.UTC().AddDate(0, 0, p.Max()).Truncate(time.Second)
	if (expiresAt == nil && !p.AllowNever) || (expiresAt != nil && expiresAt.After(latest)) {
		return &latest
	}
	return expiresAt
}

// ExpiresAt turns expiresInDays (nil = never) into an expiry time.
func (p ExpiryPolicy) ExpiresAt(now time.Time, days *int) (*time.Time, error) {
	max := p.Max()
	if days == nil {
		if !p.AllowNever {
			return nil, invalid("expiresInDays", "must be 1–%d days: this workspace does not allow keys that never expire", max)
		}
		return nil, nil
	}
	if *days < 1 || *days > max {
		limit := ""
		if max < MaxExpiryDays {
			limit = ", the longest this workspace allows"
		}
		return nil, invalid("expiresInDays", "must be 1–%d days%s; got %d", max, limit, *days)
	}
	t := now.UTC().AddDate(0, 0, *days).Truncate(time.Second)
	return &t, nil
}

// StatusAt derives a key's status. Expiry wins over disabled so that the
// table says why a key stopped working for good.
func StatusAt(enabled bool, expiresAt *time.Time, now time.Time) Status {
	switch {
	case expiresAt != nil && !now.Before(*expiresAt):
		return StatusExpired
	case !enabled:
		return StatusInactive
	}
	return StatusActive
}
