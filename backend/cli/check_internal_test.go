package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/keydesk/keydesk/backend/api"
)

func TestExpiringAdvice(t *testing.T) {
	created := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(d time.Duration) *time.Time { t := created.Add(d); return &t }
	day := 24 * time.Hour
	if got := expiringAdvice(api.WhoAmI{CreatedAt: created, ExpiresAt: at(90 * day)}, 7*day); got != "rotate it with keydesk rotate-key" {
		t.Errorf("90-day key, 7d window: %q", got)
	}
	got := expiringAdvice(api.WhoAmI{CreatedAt: created, ExpiresAt: at(3 * day)}, 7*day)
	if !strings.Contains(got, "made to live 3 days") || !strings.Contains(got, "rotating will not clear this check") {
		t.Errorf("3-day key, 7d window: %q", got)
	}
	// A server without createdAt (older): the usual advice.
	if got := expiringAdvice(api.WhoAmI{ExpiresAt: at(3 * day)}, 7*day); got != "rotate it with keydesk rotate-key" {
		t.Errorf("no createdAt: %q", got)
	}
}
