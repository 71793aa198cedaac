package cli_test

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/client"
	"github.com/keydesk/keydesk/backend/server"
)

func TestCheck(t *testing.T) {
	t.Parallel()
	srv := startServer(t)
	never := srv.key(t, "never", "api", 0)
	threeDays := srv.key(t, "three days", "api", 3)
	oneDay := srv.key(t, "one day", "api", 1)
	check := func(k api.CreatedKey, args ...string) result {
		t.Helper()
		r := kd(t, env{"KEYDESK_SERVER": srv.URL, "KEYDESK_API_KEY": k.Secret}, "", append([]string{"check"}, args...)...)
		noSecret(t, r, k.Secret)
		return r
	}

	want(t, check(never), 0, never.Key.ID, "never expires")
	want(t, check(never, "--fail-if-expiring-within", "7d"), 0, "never expires")
	want(t, check(threeDays), 0, "expires ", "in 2 days 23 hours")

	for _, c := range []struct {
		key    api.CreatedKey
		window string
		code   int
	}{
		{threeDays, "7d", 3},
		{threeDays, "3d", 3}, // a little less than 3 days are left
		{threeDays, "72h", 3},
		{threeDays, "71h", 0},
		{threeDays, "2d", 0},
		{threeDays, "36h", 0},
		{threeDays, "0d", 0},
		{oneDay, "36h", 3},
		{oneDay, "1d", 3},
		{oneDay, "1d12h", 3},
		{oneDay, "23h", 0},
	} {
		r := check(c.key, "--fail-if-expiring-within", c.window)
		if r.code != c.code {
			t.Errorf("%q with --fail-if-expiring-within %s: want exit %d\n%s", c.key.Key.Name, c.window, c.code, r)
		}
		if c.code == 3 && (r.out == "" || !strings.Contains(r.err, "within --fail-if-expiring-within "+c.window)) {
			t.Errorf("exit 3 does not say why:\n%s", r)
		}
	}

	// Made to live 3 days: rotating would not clear a 7-day window.
	want(t, check(threeDays, "--fail-if-expiring-within", "7d"), 3, "made to live 3 days", "rotating will not clear this check")

	r := check(threeDays, "--fail-if-expiring-within", "7d", "--json")
	want(t, r, 3)
	var out struct {
		OK, Expired, Expiring bool
		KeyID                 string
		ExpiresAt             *time.Time
		ExpiresInSeconds      *int64
	}
	if err := json.Unmarshal([]byte(r.out), &out); err != nil {
		t.Fatalf("%v\n%s", err, r)
	}
	if out.OK || out.Expired || !out.Expiring || out.KeyID != threeDays.Key.ID || out.ExpiresAt == nil ||
		out.ExpiresInSeconds == nil || *out.ExpiresInSeconds < 3*86400-120 || *out.ExpiresInSeconds > 3*86400 {
		t.Fatalf("check --json = %+v", out)
	}

	// Rejected keys: 4.
	disabled := srv.key(t, "disabled", "api", 0)
	srv.disable(t, disabled.Key.ID)
	want(t, check(disabled, "--fail-if-expiring-within", "7d"), 4, "rejected the key", "disabled")
	r = check(disabled, "--json")
	want(t, r, 4, `"reason": "disabled"`)
	deleted := srv.key(t, "deleted", "api", 0)
	if err := srv.admin.DeleteKey(context.Background(), srv.WorkspaceID, deleted.Key.ID); err != nil {
		t.Fatal(err)
	}
	want(t, check(deleted), 4, "does not exist or was deleted")

	for _, bad := range []string{"7", "7m", "1w", "d", "-1d", "7 d", ""} {
		want(t, check(never, "--fail-if-expiring-within", bad), 2, "--fail-if-expiring-within must be")
	}
}

// TestCheckExpiredKey runs the CLI against a server whose clock is moved
// past a key's expiry: the server refuses the key as expired (401), which
// check reports as a failed check (3), not as a rejected key (4).
func TestCheckExpiredKey(t *testing.T) {
	t.Parallel()
	store, err := server.OpenStore("sqlite:"+filepath.Join(t.TempDir(), "k.db"), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var mu sync.Mutex
	now := time.Now()
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	srv := server.New(store, server.Options{Now: clock})
	ctx := context.Background()
	ws, admin, err := srv.CreateWorkspace(ctx, "Clocked", "admin")
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	ac, _ := client.New(hs.URL, admin.Secret)
	one := 1
	k, err := ac.CreateKey(ctx, ws.ID, api.CreateKeyRequest{Name: "short", ExpiresInDays: api.Some(&one)})
	if err != nil {
		t.Fatal(err)
	}
	e := env{"KEYDESK_SERVER": hs.URL, "KEYDESK_API_KEY": k.Secret}
	want(t, kd(t, e, "", "check"), 0, "in 23 hours")

	mu.Lock()
	now = now.Add(48 * time.Hour)
	mu.Unlock()
	r := kd(t, e, "", "check", "--fail-if-expiring-within", "7d")
	want(t, r, 3, k.Key.ID, "has expired", "expired on")
	noSecret(t, r, k.Secret)
	r = kd(t, e, "", "check", "--json")
	want(t, r, 3, `"expired": true`, `"reason": "expired"`)
	want(t, kd(t, e, "", "whoami"), 4, "expired")
}
