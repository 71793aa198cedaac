package keys_test

import (
	"strings"
	"testing"

	"github.com/keydesk/keydesk/backend/keys"
	"github.com/keydesk/keydesk/backend/keys/keystest"
)

func TestRedactMasksEverySecretLikeRun(t *testing.T) {
	secret := mustSecret(t, "kd")
	custom := mustSecret(t, "billing")
	for _, text := range []string{
		`unknown command "` + secret + `" for "keydesk check"`,
		`server URL must look like https://host[:port], got "` + secret + `"`,
		"curl 'https://api.example/v1/whoami?token=" + custom + "&x=1'",
		"two: " + secret + "," + custom,
		"mistyped: " + keystest.Mistyped(secret),
		"cut short: " + secret[:len(secret)-5],
		"with more stuck to it: " + secret + "abc",
	} {
		got := keys.Redact(text)
		for _, s := range []string{secret, custom, secret[3:30], custom[8:40]} {
			if strings.Contains(got, s) {
				t.Errorf("Redact(%q) = %q: still holds %q", text, got, s)
			}
		}
		if !strings.Contains(got, "…") {
			t.Errorf("Redact(%q) = %q: no mask", text, got)
		}
	}
	if got := keys.Redact(`"` + secret + `"`); got != `"`+keys.Mask(secret)+`"` {
		t.Errorf("a quoted secret: %q, want its mask %q", got, keys.Mask(secret))
	}
	// What is not a secret stays as it is.
	for _, text := range []string{
		"key key_3kT9xQ2mB7pL is disabled",
		"--fail-if-expiring-within: 7x is not a duration such as 7d, 36h or 1d12h",
		"",
	} {
		if got := keys.Redact(text); got != text {
			t.Errorf("Redact(%q) = %q", text, got)
		}
	}
}
