package keys_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/keydesk/keydesk/backend/keys"
	"github.com/keydesk/keydesk/backend/keys/keystest"
)

func mustSecret(t testing.TB, prefix string) string {
	t.Helper()
	s, err := keys.NewSecret(prefix, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestNewSecretFormat(t *testing.T) {
	for _, prefix := range []string{"kd", "acme", "a1", "abcdefghijkl"} {
		s := mustSecret(t, prefix)
		if !strings.HasPrefix(s, prefix+"_") {
			t.Fatalf("%q does not start with %q", s, prefix+"_")
		}
		if got, want := len(s), len(prefix)+1+43+6; got != want {
			t.Fatalf("len(%q) = %d, want %d", s, got, want)
		}
		p, err := keys.ParseSecret(s)
		if err != nil || p != prefix {
			t.Fatalf("ParseSecret(%q) = %q, %v", s, p, err)
		}
	}
}

func TestNewSecretPadsSmallNumbers(t *testing.T) {
	// All-zero random bytes still give 43 characters, left-padded with '0'.
	s, err := keys.NewSecret("kd", bytes.NewReader(make([]byte, 32)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s, "kd_"+strings.Repeat("0", 43)) || len(s) != 3+43+6 {
		t.Fatalf("got %q", s)
	}
	if _, err := keys.ParseSecret(s); err != nil {
		t.Fatalf("padded secret does not parse: %v", err)
	}
}

func TestNewSecretRejectsBadPrefix(t *testing.T) {
	for _, p := range []string{"", "k", "KD", "1kd", "kd_", "abcdefghijklm", "k-d"} {
		if _, err := keys.NewSecret(p, nil); !errors.Is(err, keys.ErrInvalidPrefix) {
			t.Errorf("NewSecret(%q) err = %v, want ErrInvalidPrefix", p, err)
		}
	}
}

func TestEveryChangedCharacterFailsChecksum(t *testing.T) {
	s := mustSecret(t, "kd")
	for i := 3; i < len(s); i++ {
		for _, c := range []byte{'0', 'a', 'Z'} {
			if s[i] == c {
				continue
			}
			mutated := s[:i] + string(c) + s[i+1:]
			if _, err := keys.ParseSecret(mutated); !errors.Is(err, keys.ErrChecksum) {
				t.Fatalf("changing position %d to %q: err = %v, want ErrChecksum", i, c, err)
			}
		}
	}
}

func TestParseSecretRejectsLookAlikes(t *testing.T) {
	s := mustSecret(t, "kd")
	cases := map[string]string{
		"empty":          "",
		"no underscore":  strings.Replace(s, "_", "", 1),
		"truncated":      s[:len(s)-1],
		"extra char":     s + "a",
		"not base62":     s[:10] + "-" + s[11:],
		"bad prefix":     "K" + s[1:],
		"whitespace":     " " + s,
		"other product":  "sk_live_" + strings.Repeat("a", 40),
		"unicode digits": s[:5] + "٣" + s[7:],
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := keys.ParseSecret(in); err == nil {
				t.Fatalf("ParseSecret accepted %q", in)
			}
		})
	}
}

func TestParseSecretErrorsNeverEchoTheInput(t *testing.T) {
	s := mustSecret(t, "kd")
	for _, in := range []string{s[:len(s)-1], keystest.Mistyped(s)} {
		_, err := keys.ParseSecret(in)
		if err == nil || strings.Contains(err.Error(), in[3:20]) {
			t.Fatalf("error %v leaks the input", err)
		}
	}
}

func TestSecretsDoNotCollide(t *testing.T) {
	n := 100_000
	if testing.Short() {
		n = 10_000
	}
	seen := make(map[string]struct{}, n)
	for i := 0; i < n; i++ {
		s := mustSecret(t, "kd")
		if _, dup := seen[s]; dup {
			t.Fatalf("collision after %d draws", i)
		}
		seen[s] = struct{}{}
	}
}

func TestMaskRevealsAtMostPrefixAndEightCharacters(t *testing.T) {
	for i := 0; i < 1000; i++ {
		s := mustSecret(t, "acme")
		m := keys.Mask(s)
		want := "acme_" + s[5:9] + "…" + s[len(s)-4:]
		if m != want {
			t.Fatalf("Mask = %q, want %q", m, want)
		}
		visible := utf8.RuneCountInString(strings.Replace(m, "…", "", 1)) - len("acme_")
		if visible > 8 {
			t.Fatalf("mask %q shows %d characters", m, visible)
		}
	}
	if got := keys.Mask("garbage"); strings.Contains(got, "garbage") {
		t.Fatalf("Mask of a non-secret leaks it: %q", got)
	}
}

func TestHash(t *testing.T) {
	a, b := mustSecret(t, "kd"), mustSecret(t, "kd")
	ha := keys.Hash(a)
	if len(ha) != 64 || ha != keys.Hash(a) || ha == keys.Hash(b) {
		t.Fatalf("Hash not a stable SHA-256 hex: %q", ha)
	}
	if strings.Contains(ha, a[3:10]) {
		t.Fatal("hash contains part of the secret")
	}
	if !keys.HashEqual(ha, keys.Hash(a)) || keys.HashEqual(ha, keys.Hash(b)) {
		t.Fatal("HashEqual wrong")
	}
}

func TestNewID(t *testing.T) {
	id, err := keys.NewID("key", nil)
	if err != nil || !strings.HasPrefix(id, "key_") || len(id) != 16 {
		t.Fatalf("NewID = %q, %v", id, err)
	}
}

func BenchmarkParseAndHash(b *testing.B) {
	s := mustSecret(b, "kd")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := keys.ParseSecret(s); err != nil {
			b.Fatal(err)
		}
		_ = keys.Hash(s)
	}
}

// Secrets issued before are verified forever: the format and checksum must
// never change. These were made by the first release's NewSecret.
func TestSecretFormatIsStable(t *testing.T) {
	want := map[byte]string{
		0:   "kd_00OxupkS5PgUGElGNO8Qzlxtpl9F7c2sV4Wt5oPYKe70oPsQU",
		1:   "kd_0FA3acQSTMeXk1GNctGSZAaNo6nWjCfjzHMZ2NcfNEG041abh",
		200: "kd_lcJGhrFhLdPiKh8eNo1VBC6aVb62NlPPwTEC1OiGfF90Dbuw5",
	}
	for seed, w := range want {
		s, err := keys.NewSecret("kd", bytes.NewReader(bytes.Repeat([]byte{seed, seed + 7, 3}, 20)))
		if err != nil || s != w {
			t.Errorf("seed %d: %q, %v; want %q", seed, s, err, w)
		}
		if _, err := keys.ParseSecret(w); err != nil {
			t.Errorf("%s: %v", w, err)
		}
	}
}
