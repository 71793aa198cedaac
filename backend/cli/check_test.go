package cli_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
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
	// When it expired, not null ("never expires").
	var out struct{ ExpiresAt *time.Time }
	if err := json.Unmarshal([]byte(r.out), &out); err != nil || out.ExpiresAt == nil || !out.ExpiresAt.Equal(k.Key.ExpiresAt.Truncate(time.Second)) {
		t.Fatalf("expiresAt of an expired key = %v (%v), want %v\n%s", out.ExpiresAt, err, k.Key.ExpiresAt, r)
	}
	want(t, kd(t, e, "", "whoami"), 4, "expired")
}

// A key in a rotation overlap stops working when the overlap ends, before
// its expiry: check fails on that, whoami says it.
func TestCheckRotatingKey(t *testing.T) {
	t.Parallel()
	srv := startServer(t)
	old := srv.key(t, "deploy", "api", 90)
	e := env{"KEYDESK_SERVER": srv.URL, "KEYDESK_API_KEY": old.Secret}
	keyFile := filepath.Join(t.TempDir(), "new.txt")
	want(t, kd(t, e, "", "rotate-key", "--overlap", "2d", "--write-key-file", keyFile), 0)

	r := kd(t, e, "", "check", "--fail-if-expiring-within", "7d")
	want(t, r, 3, "stops working in 1 day 23 hours", "rotation overlap ends", "use the key that replaced it")
	want(t, kd(t, e, "", "check", "--fail-if-expiring-within", "1d"), 0, "expires ", "stops working")
	want(t, kd(t, e, "", "whoami"), 0, "Rotated:    stops working")

	r = kd(t, e, "", "check", "--fail-if-expiring-within", "7d", "--json")
	var out struct {
		Expiring         bool
		ExpiresAt        *time.Time
		RevokesAt        *time.Time
		ExpiresInSeconds *int64
	}
	if err := json.Unmarshal([]byte(r.out), &out); err != nil {
		t.Fatalf("%v\n%s", err, r)
	}
	if !out.Expiring || out.ExpiresAt == nil || out.RevokesAt == nil || out.ExpiresInSeconds == nil ||
		*out.ExpiresInSeconds > 2*86400 || *out.ExpiresInSeconds < 2*86400-120 {
		t.Fatalf("check --json of a rotating key = %+v\n%s", out, r)
	}

	// The successor is not rotating: no such line.
	next := env{"KEYDESK_SERVER": srv.URL, "KEYDESK_API_KEY": strings.TrimSpace(readFile(t, keyFile))}
	r = kd(t, next, "", "whoami", "--json")
	want(t, r, 0)
	if _, ok := whoamiJSON(t, r)["revokesAt"]; ok {
		t.Fatalf("the successor has a revokesAt:\n%s", r)
	}
}

// Without an answer from the server, --json still prints an object, and
// none of the key's fields made up (no zero dates, no "never expires").
func TestJSONWithoutAServer(t *testing.T) {
	t.Parallel()
	srv := startServer(t)
	k := srv.key(t, "ci", "api", 0)
	e := env{"KEYDESK_SERVER": "http://127.0.0.1:1", "KEYDESK_API_KEY": k.Secret}

	r := kd(t, e, "", "check", "--json")
	want(t, r, 1)
	var out map[string]any
	if err := json.Unmarshal([]byte(r.out), &out); err != nil {
		t.Fatalf("check --json printed no JSON: %v\n%s", err, r)
	}
	if out["ok"] != false || out["message"] == "" {
		t.Fatalf("check --json = %v", out)
	}
	// Nor whether it expired: false would read as "the key is fine".
	for _, field := range []string{"expiresAt", "expired", "expiring"} {
		if _, ok := out[field]; ok {
			t.Fatalf("check --json says %s of a key it could not ask about: %v", field, out)
		}
	}

	r = kd(t, e, "", "whoami", "--json")
	want(t, r, 1)
	who := whoamiJSON(t, r)
	for _, field := range []string{"createdAt", "expiresAt", "keyId"} {
		if _, ok := who[field]; ok {
			t.Errorf("whoami --json without an answer has %s: %v", field, who)
		}
	}
	if who["error"] == nil {
		t.Errorf("whoami --json without an answer says nothing: %v", who)
	}
}

// Plain http to another computer is warned about (not refused: a CI
// network may be private); to this computer it is not.
func TestCleartextServerIsWarnedAbout(t *testing.T) {
	t.Parallel()
	srv := startServer(t)
	k := srv.key(t, "ci", "api", 0)
	r := kd(t, env{"KEYDESK_SERVER": "http://keydesk.invalid:1", "KEYDESK_API_KEY": k.Secret}, "", "whoami")
	want(t, r, 1)
	if !strings.Contains(r.err, "http://keydesk.invalid:1 (from KEYDESK_SERVER) is plain http to another computer") {
		t.Errorf("no warning:\n%s", r)
	}
	noSecret(t, r, k.Secret)
	if r := kd(t, env{"KEYDESK_SERVER": srv.URL, "KEYDESK_API_KEY": k.Secret}, "", "whoami"); strings.Contains(r.err, "warning") {
		t.Errorf("warned about this computer:\n%s", r)
	}
}

// A refused key's 401 says why: check does not ask verify as well, which
// would count as a second failed attempt against the address's limit.
func TestCheckRefusedKeyAsksOnce(t *testing.T) {
	t.Parallel()
	srv := startServer(t)
	off := srv.key(t, "off", "api", 0)
	srv.disable(t, off.Key.ID)
	target, _ := url.Parse(srv.URL)
	var verifies atomic.Int32
	proxy := httputil.NewSingleHostReverseProxy(target)
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v1/keys/verify" {
			verifies.Add(1)
		}
		proxy.ServeHTTP(w, r)
	}))
	defer front.Close()

	r := kd(t, env{"KEYDESK_SERVER": front.URL, "KEYDESK_API_KEY": off.Secret}, "", "check", "--json")
	want(t, r, 4, `"reason": "disabled"`, `"keyId": "`+off.Key.ID+`"`)
	if n := verifies.Load(); n != 0 {
		t.Fatalf("check asked verify %d times after the server said why", n)
	}
	noSecret(t, r, off.Secret)
}
