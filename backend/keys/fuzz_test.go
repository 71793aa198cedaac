package keys_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/keydesk/keydesk/backend/keys"
)

// Fuzz targets of the domain; scripts/fuzz.sh runs each for a while, and
// `go test` runs their seeds and testdata/fuzz as regression tests.

// FuzzParseSecret: any string a user pastes is either a well-formed secret
// or one of the two errors, which never echo it; masking and hashing never
// panic and never show more than the mask allows.
func FuzzParseSecret(f *testing.F) {
	s, _ := keys.NewSecret("kd", bytes.NewReader(bytes.Repeat([]byte{7}, 32)))
	for _, seed := range []string{
		"", "_", "kd_", s, s[:len(s)-1], s + "0", strings.ToUpper(s), "k_" + s[3:], "kd__" + s[4:],
		"sk_live_" + strings.Repeat("a", 49), "kd_" + strings.Repeat("٣", 49), "kd_short",
		"verylongpartbeforetheunderscore_0123456789abcdef", "\xff\xfe_" + s[3:], "é_" + strings.Repeat("é", 30),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		prefix, err := keys.ParseSecret(in)
		if err == nil {
			if keys.ValidatePrefix(prefix) != nil || !strings.HasPrefix(in, prefix+"_") || len(in) != len(prefix)+1+43+6 {
				t.Fatalf("ParseSecret(%q) accepted it with prefix %q", in, prefix)
			}
			for _, c := range in[len(prefix)+1:] {
				if c > unicode.MaxASCII || !(unicode.IsLetter(c) || unicode.IsDigit(c)) {
					t.Fatalf("ParseSecret(%q) accepted a character outside base62", in)
				}
			}
		} else if err != keys.ErrMalformed && err != keys.ErrChecksum {
			// Only the two constant errors: nothing of the input can leak.
			t.Fatalf("ParseSecret(%q) = %v, want ErrMalformed or ErrChecksum", in, err)
		}
		checkMask(t, in)
		if h := keys.Hash(in); len(h) != 64 || strings.Trim(h, "0123456789abcdef") != "" {
			t.Fatalf("Hash(%q) = %q, not 64 hex digits", in, h)
		}
	})
}

// FuzzSecretRoundTrip: every secret NewSecret makes from any random bytes
// parses back with its prefix, masks to prefix + 4 + … + 4, and fails the
// checksum when any one character changes.
func FuzzSecretRoundTrip(f *testing.F) {
	f.Add(bytes.Repeat([]byte{0}, 32), "kd", uint8(10), byte('a'))
	f.Add(bytes.Repeat([]byte{0xff}, 32), "acme", uint8(60), byte('Z'))
	f.Add([]byte("short"), "kd", uint8(0), byte('0'))
	f.Add(bytes.Repeat([]byte{1, 2, 3}, 11), "abcdefghijkl", uint8(3), byte('9'))
	f.Fuzz(func(t *testing.T, random []byte, prefix string, pos uint8, c byte) {
		if keys.ValidatePrefix(prefix) != nil {
			prefix = "kd"
		}
		s, err := keys.NewSecret(prefix, bytes.NewReader(random))
		if len(random) < 32 {
			// A short source of randomness must never give a weaker secret.
			if err == nil {
				t.Fatalf("NewSecret made %q from %d random bytes", s, len(random))
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if again, _ := keys.NewSecret(prefix, bytes.NewReader(random)); again != s {
			t.Fatal("NewSecret is not a function of its random bytes")
		}
		if got, err := keys.ParseSecret(s); err != nil || got != prefix {
			t.Fatalf("ParseSecret(%q) = %q, %v", s, got, err)
		}
		body := s[len(prefix)+1:]
		if m, want := keys.Mask(s), prefix+"_"+body[:4]+"…"+body[len(body)-4:]; m != want {
			t.Fatalf("Mask(%q) = %q, want %q", s, m, want)
		}
		// One changed character, anywhere: CRC-32 catches every error of
		// fewer than 33 bits, so the checksum must fail.
		const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		i := len(prefix) + 1 + int(pos)%len(body)
		repl := base62[int(c)%len(base62)]
		if s[i] == repl {
			repl = base62[(int(c)+1)%len(base62)]
		}
		mutated := s[:i] + string(repl) + s[i+1:]
		if _, err := keys.ParseSecret(mutated); !errors.Is(err, keys.ErrChecksum) {
			t.Fatalf("changing position %d of %q to %q: %v, want ErrChecksum", i, s, repl, err)
		}
	})
}

// checkMask asserts what a masked string may show of in: bullets, or a
// valid prefix, then the first 4 and the last 4 characters of a rest long
// enough that at least 16 of its characters stay hidden.
func checkMask(t *testing.T, in string) {
	t.Helper()
	m := keys.Mask(in)
	if !utf8.ValidString(m) {
		t.Fatalf("Mask(%q) = %q, not valid UTF-8", in, m)
	}
	if m == strings.Repeat("•", 8) {
		return
	}
	shown, rest := "", in
	if p, after, ok := strings.Cut(in, "_"); ok && keys.ValidatePrefix(p) == nil {
		shown, rest = p+"_", after
	}
	r := []rune(rest)
	if !utf8.ValidString(rest) || len(r) < 8+16 {
		t.Fatalf("Mask(%q) = %q shows part of a rest too short to hide 16 characters", in, m)
	}
	if want := shown + string(r[:4]) + "…" + string(r[len(r)-4:]); m != want {
		t.Fatalf("Mask(%q) = %q, want %q", in, m, want)
	}
}

// FuzzValidateName: an accepted name is trimmed, 1–100 characters of valid
// UTF-8 with nothing that hides or reorders text, and stays as it is when
// checked again; anything else is a FieldError on name.
func FuzzValidateName(f *testing.F) {
	for _, seed := range []string{
		"CI deploy", "  padded  ", "Zürich – prod 🚀", "👨‍👩‍👧 family", "invoice\u202etxt.exe", "a\u2067b", "\u200b",
		"a\u200bb", "\ufeffbom", "a\x00b", "a\xffb", "a\ufffdb", strings.Repeat("é", 101), "\u00a0x\u00a0", "x\u2028y",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, err := keys.ValidateName(in)
		if err != nil {
			var fe *keys.FieldError
			if !errors.As(err, &fe) || fe.Field != "name" || !errors.Is(err, keys.ErrInvalid) {
				t.Fatalf("ValidateName(%q) = %v, want a FieldError on name", in, err)
			}
			return
		}
		n := utf8.RuneCountInString(out)
		if !utf8.ValidString(out) || n < 1 || n > keys.MaxNameLength || out != strings.TrimSpace(out) {
			t.Fatalf("ValidateName(%q) accepted %q", in, out)
		}
		for _, r := range out {
			if unicode.IsControl(r) || isHidingOrReordering(r) || r == utf8.RuneError {
				t.Fatalf("ValidateName(%q) accepted %q with %U", in, out, r)
			}
		}
		if again, err := keys.ValidateName(out); err != nil || again != out {
			t.Fatalf("ValidateName is not idempotent on %q: %q, %v", out, again, err)
		}
	})
}

// isHidingOrReordering lists, independently of the code under test, the
// characters a name must not hold: bidi controls and invisible marks.
func isHidingOrReordering(r rune) bool {
	switch {
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	case r == 0x200b, r == 0x2060, r == 0xfeff, r == 0x00ad, r == 0x180e, r >= 0x2061 && r <= 0x2064:
		return true
	case r == 0x2028, r == 0x2029:
		return true
	}
	return false
}
