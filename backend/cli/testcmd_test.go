package cli_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/keydesk/keydesk/backend/cli"
	"github.com/keydesk/keydesk/backend/keys"
)

// Without --url the test starts with whoami; a server that fails it is
// asked once, not a second time for the test (a server that never answers
// made the command wait out both time limits: 40 s for "10 seconds").
func TestTestAsksAFailingServerOnce(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		http.Error(w, "maintenance", http.StatusServiceUnavailable)
	}))
	defer down.Close()
	secret, _ := keys.NewSecret("kd", nil)
	r := kd(t, env{"KEYDESK_SERVER": down.URL, "KEYDESK_API_KEY": secret}, "", "test")
	want(t, r, cli.ExitError, "GET "+down.URL+"/v1/whoami", "HTTP 503")
	if n := calls.Load(); n != 1 {
		t.Fatalf("the server was asked %d times", n)
	}
}

// The server's address is checked as every command checks it, before the
// test: not blamed on a --url that was never given.
func TestTestChecksTheServerAddressFirst(t *testing.T) {
	t.Parallel()
	secret, _ := keys.NewSecret("kd", nil)
	for _, c := range []struct{ server, says string }{
		{"https://keys.example.com/v1", `--server: server URL must be the server's address without /v1 (Keydesk adds the API's paths): use "https://keys.example.com"`},
		{"keys.example.com", "--server: "},
	} {
		r := kd(t, env{"KEYDESK_API_KEY": secret}, "", "test", "-s", c.server)
		want(t, r, cli.ExitUsage, c.says)
		if strings.Contains(r.err, "--url") {
			t.Errorf("blames --url:\n%s", r)
		}
	}
}

func TestTestCommand(t *testing.T) {
	t.Parallel()
	srv := startServer(t)
	admin := srv.key(t, "ops", "admin", 0)
	apiKey := srv.key(t, "service", "api", 0)
	e := env{"KEYDESK_SERVER": srv.URL}
	test := func(k string, args ...string) result {
		t.Helper()
		r := kd(t, e, "", append([]string{"test", "--api-key", k}, args...)...)
		noSecret(t, r, k)
		return r
	}

	// Admin and member keys list keys; api keys call whoami.
	r := test(admin.Secret)
	want(t, r, 0, "GET "+srv.URL+"/v1/workspaces/"+srv.WorkspaceID+"/keys?pageIndex=0&pageSize=5", "HTTP 200 OK in ", " ms",
		`"items": [`, "curl -sS", "Authorization: Bearer "+keys.Mask(admin.Secret))
	r = test(apiKey.Secret)
	want(t, r, 0, "GET "+srv.URL+"/v1/whoami", "HTTP 200 OK", `"keyId": "`+apiKey.Key.ID+`"`, keys.Mask(apiKey.Secret))

	// A custom URL, the key in a header, --json.
	r = test(apiKey.Secret, "--url", "{server}/v1/whoami", "--header", "X-API-Key", "--json")
	want(t, r, 0)
	var res struct {
		Status     int
		DurationMs int64
		Preview    string
		Curl       string
		Error      string
	}
	if err := json.Unmarshal([]byte(r.out), &res); err != nil {
		t.Fatalf("%v\n%s", err, r)
	}
	if res.Status != 200 || res.DurationMs < 0 || !strings.Contains(res.Preview, apiKey.Key.ID) ||
		!strings.Contains(res.Curl, "X-API-Key: "+keys.Mask(apiKey.Secret)) || res.Error != "" {
		t.Fatalf("test --json = %+v", res)
	}
	want(t, test(apiKey.Secret, "--url", "{server}/v1/whoami", "--bearer"), 0, "Authorization: Bearer")

	// An api key may not list keys: 403 is a rejection (4), as is 401.
	want(t, test(apiKey.Secret, "--url", "{server}/v1/workspaces/{workspace}/keys"), 4, "HTTP 403", "the key may not call this endpoint")
	disabled := srv.key(t, "disabled", "admin", 0)
	srv.disable(t, disabled.Key.ID)
	want(t, test(disabled.Secret), 4, "HTTP 401")

	// A network error is 1 and named plainly; a wrong URL is a usage error.
	want(t, test(apiKey.Secret, "--url", "http://127.0.0.1:1/ping"), 1, "refused the connection")
	want(t, test(apiKey.Secret, "--url", "not a url"), 2, "--url")
	want(t, test(apiKey.Secret, "--header", "X-API-Key", "--bearer"), 2, "not both")

	// Any other endpoint needs no Keydesk server; an echo of the key is masked.
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Token") == "" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]string{"got": r.Header.Get("X-Token")})
	}))
	defer echo.Close()
	r = kd(t, nil, "", "test", "--api-key", apiKey.Secret, "--url", echo.URL+"/ping", "--header", "X-Token")
	want(t, r, 0, "HTTP 200", `"got": "`+keys.Mask(apiKey.Secret)+`"`)
	noSecret(t, r, apiKey.Secret)
	want(t, kd(t, nil, "", "test", "--api-key", apiKey.Secret, "--url", echo.URL+"/ping"), 4, "HTTP 401")
	want(t, kd(t, nil, "", "test", "--api-key", apiKey.Secret), 2, "no server")
}

// A key typed where it does not belong (an argument, --server, a flag's
// value, the URL of a test) is refused or used, but never printed whole:
// CI logs keep what a command prints.
func TestAKeyInTheWrongPlaceIsNeverPrinted(t *testing.T) {
	t.Parallel()
	srv := startServer(t)
	other := srv.key(t, "other", "api", 0)
	e := env{"KEYDESK_SERVER": srv.URL, "KEYDESK_API_KEY": srv.AdminKey}
	for _, c := range []struct {
		code int
		args []string
	}{
		{cli.ExitUsage, []string{"check", other.Secret}},
		{cli.ExitUsage, []string{"help", other.Secret}},
		{cli.ExitUsage, []string{"help", "auth", other.Secret}},
		{cli.ExitUsage, []string{"whoami", "-s", other.Secret}},
		{cli.ExitUsage, []string{"check", "--fail-if-expiring-within", other.Secret}},
		{cli.ExitUsage, []string{"check", "--json", "--fail-if-expiring-within", other.Secret}},
		{cli.ExitUsage, []string{"rotate-key", "--emit-secret", other.Secret}},
		{cli.ExitOK, []string{"test", "--url", "{server}/v1/whoami?token=" + other.Secret}},
		{cli.ExitOK, []string{"test", "--json", "--url", "{server}/v1/whoami?token=" + other.Secret}},
		// Plain http to "another computer": the warning names the server, and --json the server field.
		{cli.ExitError, []string{"whoami", "-s", "http://" + other.Secret}},
		{cli.ExitError, []string{"whoami", "--json", "-s", "http://" + other.Secret + ".invalid"}},
		{cli.ExitError, []string{"auth", "status", "--json", "-s", "http://" + other.Secret + ".invalid"}},
	} {
		r := kd(t, e, "", c.args...)
		want(t, r, c.code)
		noSecret(t, r, other.Secret, srv.AdminKey)
		if !strings.Contains(r.out+r.err, keys.Mask(other.Secret)) {
			t.Errorf("the key's mask is not shown:\n%s", r)
		}
	}
	// KEYDESK_SERVER set to a key by mistake.
	r := kd(t, env{"KEYDESK_SERVER": other.Secret, "KEYDESK_API_KEY": srv.AdminKey}, "", "whoami")
	want(t, r, cli.ExitUsage, keys.Mask(other.Secret))
	noSecret(t, r, other.Secret)
}

// With --json, stdout holds an object even when the command failed before
// it printed anything (a bad flag's value, no key): a `| jq` gets a reason.
func TestJSONEvenForAnErrorBeforeTheCommandRan(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		env  env
		args []string
		code int
		says string
	}{
		{env{"KEYDESK_SERVER": "http://127.0.0.1:1", "KEYDESK_API_KEY": "kd_x"}, []string{"check", "--json", "--fail-if-expiring-within", "7x"}, cli.ExitUsage, "--fail-if-expiring-within"},
		{env{"KEYDESK_SERVER": "http://127.0.0.1:1"}, []string{"whoami", "--json"}, cli.ExitUsage, "key"},
		{env{"KEYDESK_SERVER": "http://127.0.0.1:1"}, []string{"auth", "status", "--json"}, cli.ExitUsage, "not logged in"},
		{env{"KEYDESK_SERVER": "http://127.0.0.1:1"}, []string{"test", "--json"}, cli.ExitUsage, "key"},
		// An unknown flag before --json: cobra stops at it, before it reads --json.
		{env{"KEYDESK_SERVER": "http://127.0.0.1:1", "KEYDESK_API_KEY": "kd_x"}, []string{"check", "--bogus", "--json"}, cli.ExitUsage, "unknown flag: --bogus"},
		{env{"KEYDESK_SERVER": "http://127.0.0.1:1"}, []string{"whoami", "--bogus", "--json"}, cli.ExitUsage, "unknown flag: --bogus"},
	} {
		r := kd(t, c.env, "", c.args...)
		want(t, r, c.code)
		var out map[string]any
		if err := json.Unmarshal([]byte(r.out), &out); err != nil || len(out) != 2 || out["ok"] != false || !strings.Contains(fmt.Sprint(out["error"]), c.says) {
			t.Errorf("%v: stdout %q (%v)\n%s", c.args, r.out, err, r)
		}
	}
	// Without --json, stdout stays empty.
	r := kd(t, env{"KEYDESK_SERVER": "http://127.0.0.1:1"}, "", "whoami")
	want(t, r, cli.ExitUsage)
	if r.out != "" {
		t.Errorf("stdout without --json: %q", r.out)
	}
}
