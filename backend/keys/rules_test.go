package keys_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/keydesk/keydesk/backend/keys"
)

func intp(i int) *int { return &i }

func TestExpiresAt(t *testing.T) {
	now := time.Date(2026, 1, 31, 10, 30, 15, 500, time.UTC)
	cases := []struct {
		name    string
		policy  keys.ExpiryPolicy
		days    *int
		want    *time.Time
		wantErr string
	}{
		{"never", keys.DefaultExpiryPolicy, nil, nil, ""},
		{"one day", keys.DefaultExpiryPolicy, intp(1), ptr(time.Date(2026, 2, 1, 10, 30, 15, 0, time.UTC)), ""},
		{"30 days across a month end", keys.DefaultExpiryPolicy, intp(30), ptr(time.Date(2026, 3, 2, 10, 30, 15, 0, time.UTC)), ""},
		{"maximum", keys.DefaultExpiryPolicy, intp(366), ptr(time.Date(2027, 2, 1, 10, 30, 15, 0, time.UTC)), ""},
		{"zero", keys.DefaultExpiryPolicy, intp(0), nil, "expiresInDays must be 1–366 days; got 0"},
		{"negative", keys.DefaultExpiryPolicy, intp(-5), nil, "expiresInDays must be 1–366 days; got -5"},
		{"too long", keys.DefaultExpiryPolicy, intp(367), nil, "expiresInDays must be 1–366 days; got 367"},
		{"policy cap", keys.ExpiryPolicy{MaxDays: 90, AllowNever: true}, intp(91), nil, "expiresInDays must be 1–90 days, the longest this workspace allows; got 91"},
		{"policy forbids never", keys.ExpiryPolicy{MaxDays: 90}, nil, nil, "does not allow keys that never expire"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.policy.ExpiresAt(now, tc.days)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !errors.Is(err, keys.ErrInvalid) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if (got == nil) != (tc.want == nil) || (got != nil && !got.Equal(*tc.want)) {
				t.Fatalf("ExpiresAt = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestStatusAt(t *testing.T) {
	now := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	past, future := now.Add(-time.Second), now.Add(time.Hour)
	cases := []struct {
		enabled bool
		expires *time.Time
		want    keys.Status
	}{
		{true, nil, keys.StatusActive},
		{true, &future, keys.StatusActive},
		{false, &future, keys.StatusInactive},
		{false, nil, keys.StatusInactive},
		{true, &past, keys.StatusExpired},
		{false, &past, keys.StatusExpired},
		{true, &now, keys.StatusExpired}, // the expiry instant itself is already expired
	}
	for _, tc := range cases {
		if got := keys.StatusAt(tc.enabled, tc.expires, now); got != tc.want {
			t.Errorf("StatusAt(%v, %v) = %s, want %s", tc.enabled, tc.expires, got, tc.want)
		}
	}
}

func TestValidateName(t *testing.T) {
	cases := map[string]struct {
		in, want, err string
	}{
		"trimmed":       {"  CI deploy  ", "CI deploy", ""},
		"unicode":       {"Zürich – prod 🚀", "Zürich – prod 🚀", ""},
		"empty":         {"   ", "", "name must be 1–100 characters, got 0"},
		"too long":      {strings.Repeat("é", 101), "", "name must be 1–100 characters, got 101"},
		"max":           {strings.Repeat("é", 100), strings.Repeat("é", 100), ""},
		"control":       {"a\x00b", "", "name must not contain control characters, text-direction marks or invisible characters: character 2 is U+0000, a control character"},
		"newline":       {"a\nb", "", "character 2 is U+000A, a tab or line break"},
		"bidi override": {"abc\u202etxt.exe", "", "character 4 is U+202E, a text-direction mark"},
		"zero width":    {"é\u200b", "", "character 2 is U+200B, an invisible character"},
		"invalid utf8":  {"a\xffb", "", "valid UTF-8"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := keys.ValidateName(tc.in)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("= %q, %v", got, err)
			}
		})
	}
}

func TestParseRole(t *testing.T) {
	for in, want := range map[string]keys.Role{"": keys.RoleAPI, "admin": keys.RoleAdmin, "member": keys.RoleMember, "api": keys.RoleAPI} {
		if got, err := keys.ParseRole(in); err != nil || got != want {
			t.Errorf("ParseRole(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := keys.ParseRole("root"); err == nil || !strings.Contains(err.Error(), "role must be one of admin, member, api") {
		t.Fatalf("err = %v", err)
	}
}

// Quote shows a value as typed, backslashes single, unless it holds what
// cannot be seen.
func TestQuote(t *testing.T) {
	for in, want := range map[string]string{
		`C:\keys\ca.pem`:   `“C:\keys\ca.pem”`,
		"ftp://files":      "“ftp://files”",
		"a\tb":             `"a\tb"`,
		"abc\u202etxt.exe": `"abc\u202etxt.exe"`,
		"":                 "“”",
	} {
		if got := keys.Quote(in); got != want {
			t.Errorf("Quote(%q) = %s, want %s", in, got, want)
		}
	}
	if _, err := keys.ParseRole(`ro\ot`); err == nil || err.Error() != `role must be one of admin, member, api, got “ro\ot”` {
		t.Fatalf("err = %v", err)
	}
}

func ptr[T any](v T) *T { return &v }
