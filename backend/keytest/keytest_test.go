package keytest_test

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/keydesk/keydesk/backend/keys"
	"github.com/keydesk/keydesk/backend/keytest"
)

func secret(t *testing.T) string {
	s, err := keys.NewSecret("kd", nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func run(t *testing.T, h http.HandlerFunc, target keytest.Target, sec string) keytest.Result {
	t.Helper()
	srv := httptest.NewServer(h)
	defer srv.Close()
	return keytest.Run(context.Background(), keytest.Request{Target: target, Server: srv.URL, Workspace: "ws_1", KeyID: "key_1", Secret: sec, Timeout: 2 * time.Second})
}

func assertNoSecret(t *testing.T, r keytest.Result, sec string) {
	t.Helper()
	raw, _ := json.Marshal(r)
	if strings.Contains(string(raw), sec[3:]) {
		t.Fatalf("the result holds the secret: %s", raw)
	}
}

func TestJSON200(t *testing.T) {
	sec := secret(t)
	var got *http.Request
	r := run(t, func(w http.ResponseWriter, req *http.Request) {
		got = req
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"items":[{"id":"key_1"}],"total":1}`))
	}, keytest.DefaultTarget("admin"), sec)
	if r.Status != 200 || !r.OK() || !r.IsJSON || r.Error != "" {
		t.Fatalf("result = %+v", r)
	}
	if got.URL.Path != "/v1/workspaces/ws_1/keys" || got.URL.RawQuery != "pageIndex=0&pageSize=5" || got.Header.Get("Authorization") != "Bearer "+sec {
		t.Fatalf("request = %s %s %v", got.Method, got.URL, got.Header)
	}
	if !strings.Contains(r.Preview, "\n  \"items\": [") {
		t.Fatalf("preview not pretty: %q", r.Preview)
	}
	if r.DurationMs < 0 || r.Body != `{"items":[{"id":"key_1"}],"total":1}` {
		t.Fatalf("body = %q", r.Body)
	}
	if !strings.Contains(r.Curl, "Authorization: Bearer "+keys.Mask(sec)) {
		t.Fatalf("curl = %s", r.Curl)
	}
	assertNoSecret(t, r, sec)
}

func TestErrorStatusesAreResults(t *testing.T) {
	for _, status := range []int{401, 403, 500} {
		r := run(t, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(status)
			w.Write([]byte(`{"status":` + http.StatusText(status)[:0] + `1}`))
		}, keytest.DefaultTarget("api"), secret(t))
		if r.Status != status || r.OK() || r.Error != "" || r.StatusText != http.StatusText(status) {
			t.Errorf("%d: %+v", status, r)
		}
	}
}

// A body that is not text is named, not shown as control characters.
func TestBinaryBodyIsNamed(t *testing.T) {
	png := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...)
	r := run(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(png)
	}, keytest.DefaultTarget("api"), secret(t))
	if r.IsJSON || r.Preview != "Binary data (image/png): not shown." || r.BodyBytes != int64(len(png)) {
		t.Fatalf("binary body: preview %q, %d bytes", r.Preview, r.BodyBytes)
	}
	untyped := []byte{0, 1, 2, 3, 0xff, 0xfe}
	r = run(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header()["Content-Type"] = nil // no type: Go would sniff one
		w.Write(untyped)
	}, keytest.DefaultTarget("api"), secret(t))
	if r.Preview != "Binary data (application/octet-stream): not shown." {
		t.Fatalf("untyped binary body: preview %q", r.Preview)
	}
}

func TestNonJSONAndLongBodies(t *testing.T) {
	long := strings.Repeat("é", 1000) // 1000 characters, 2000 bytes
	r := run(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(long))
	}, keytest.DefaultTarget("api"), secret(t))
	if r.IsJSON || utf8.RuneCountInString(r.Preview) != 800 || r.Body != long || r.BodyTruncated {
		t.Fatalf("preview %d chars, body %d bytes, truncated %v", utf8.RuneCountInString(r.Preview), len(r.Body), r.BodyTruncated)
	}
	big := strings.Repeat("x", keytest.MaxBodyBytes+500)
	r = run(t, func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte(big)) }, keytest.DefaultTarget("api"), secret(t))
	if !r.BodyTruncated || len(r.Body) != keytest.MaxBodyBytes || r.BodyBytes != int64(len(big)) {
		t.Fatalf("big body: kept %d, counted %d, truncated %v", len(r.Body), r.BodyBytes, r.BodyTruncated)
	}
}

func TestTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(3 * time.Second):
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	r := keytest.Run(context.Background(), keytest.Request{Target: keytest.DefaultTarget("api"), Server: srv.URL, Secret: secret(t), Timeout: 200 * time.Millisecond})
	if r.ErrorKind != keytest.KindTimeout || !strings.Contains(r.Error, "did not answer within 200ms") || r.Status != 0 {
		t.Fatalf("result = %+v", r)
	}
}

func TestRedirectIsNotFollowed(t *testing.T) {
	followed := false
	other := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { followed = true }))
	defer other.Close()
	r := run(t, func(w http.ResponseWriter, req *http.Request) {
		http.Redirect(w, req, other.URL+"/elsewhere", http.StatusFound)
	}, keytest.DefaultTarget("api"), secret(t))
	if followed || r.Status != 302 || r.ErrorKind != keytest.KindRedirect || !strings.Contains(r.Error, other.URL+"/elsewhere") {
		t.Fatalf("result = %+v (followed %v)", r, followed)
	}
}

func TestSelfSignedTLS(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()
	r := keytest.Run(context.Background(), keytest.Request{Target: keytest.DefaultTarget("api"), Server: srv.URL, Secret: secret(t)})
	if r.ErrorKind != keytest.KindTLS || !strings.Contains(r.Error, "unknown authority") {
		t.Fatalf("result = %+v", r)
	}
	// With the server's own client (which trusts it), the test passes.
	r = keytest.Run(context.Background(), keytest.Request{Target: keytest.DefaultTarget("api"), Server: srv.URL, Secret: secret(t), HTTPClient: srv.Client()})
	if r.Status != 200 {
		t.Fatalf("trusted = %+v", r)
	}
}

func TestRefusedAndDNS(t *testing.T) {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	r := keytest.Run(context.Background(), keytest.Request{Target: keytest.DefaultTarget("api"), Server: "http://" + addr, Secret: secret(t)})
	if r.ErrorKind != keytest.KindRefused || !strings.Contains(r.Error, "refused the connection") {
		t.Fatalf("refused = %+v", r)
	}
	r = keytest.Run(context.Background(), keytest.Request{Target: keytest.DefaultTarget("api"), Server: "http://no-such-host.invalid", Secret: secret(t), Timeout: 5 * time.Second})
	if r.ErrorKind != keytest.KindDNS || !strings.Contains(r.Error, "no-such-host.invalid") {
		t.Fatalf("dns = %+v", r)
	}
}

func TestAuthSchemes(t *testing.T) {
	sec := secret(t)
	var got *http.Request
	h := func(w http.ResponseWriter, r *http.Request) { got = r }
	r := run(t, h, keytest.Target{Method: "post", URL: "{server}/check/{keyId}", Auth: keytest.AuthHeader, Name: "X-API-Key"}, sec)
	if got.Method != "POST" || got.URL.Path != "/check/key_1" || got.Header.Get("X-API-Key") != sec || got.Header.Get("Authorization") != "" {
		t.Fatalf("header auth: %s %s %v", got.Method, got.URL, got.Header)
	}
	if !strings.Contains(r.Curl, "-X POST") || !strings.Contains(r.Curl, "'X-API-Key: "+keys.Mask(sec)+"'") {
		t.Fatalf("curl = %s", r.Curl)
	}
	r = run(t, h, keytest.Target{URL: "{server}/v1/ping?x=1", Auth: keytest.AuthQuery, Name: "api_key"}, sec)
	if got.URL.Query().Get("api_key") != sec || got.URL.Query().Get("x") != "1" {
		t.Fatalf("query auth: %s", got.URL)
	}
	assertNoSecret(t, r, sec)
	if r := run(t, h, keytest.Target{URL: "{server}/x", Auth: keytest.AuthHeader}, sec); r.ErrorKind != keytest.KindInvalid {
		t.Fatalf("header without a name = %+v", r)
	}
	if r := run(t, h, keytest.Target{URL: "ftp://x"}, sec); r.ErrorKind != keytest.KindInvalid {
		t.Fatalf("ftp = %+v", r)
	}
	// The URL is quoted as typed: a Windows path's backslashes stay single.
	if r := run(t, h, keytest.Target{URL: `C:\keys\ping`}, sec); r.ErrorKind != keytest.KindInvalid || !strings.HasSuffix(r.Error, `must be an http:// or https:// URL, got “C:\keys\ping”`) {
		t.Fatalf("a path = %+v", r)
	}
	// A misspelt placeholder is named, not taken for a bad URL.
	r = run(t, h, keytest.Target{URL: "{sever}/v1/ping"}, sec)
	if r.ErrorKind != keytest.KindInvalid || !strings.Contains(r.Error, "unknown placeholder {sever}: it may use {server}, {workspace} and {keyId}") {
		t.Fatalf("misspelt placeholder = %+v", r)
	}
}

// TestCurlRunsInAShell: the rendered command, revealed, is what a shell
// needs, quotes and all.
func TestCurlRunsInAShell(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	req := keytest.Request{
		Target: keytest.Target{URL: "{server}/it's here?q=a b&x=$HOME", Auth: keytest.AuthHeader, Name: "X-Key"},
		Server: "http://127.0.0.1:9", Secret: secret(t),
	}
	cmd := req.Curl(true)
	// Print the arguments the shell would pass to curl instead of running it.
	out, err := exec.Command("sh", "-c", `curl() { for a in "$@"; do printf '%s\n' "$a"; done; }; `+cmd).Output()
	if err != nil {
		t.Fatal(err)
	}
	args := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(args) != 6 || args[0] != "-sS" || args[1] != "http://127.0.0.1:9/it%27s%20here?q=a+b&x=%24HOME" || args[5] != "X-Key: "+req.Secret {
		t.Fatalf("args = %q", args)
	}
	if masked := req.Curl(false); strings.Contains(masked, req.Secret) || !strings.Contains(masked, keys.Mask(req.Secret)) {
		t.Fatalf("masked = %s", masked)
	}
}

// TestMaskedQueryCurlReadsAsTheMask: with the key in a query parameter, the
// masked command shows the mask as the key table does (pay_v8iV…ihvI, not
// pay_v8iV%E2%80%A6ihvI) and never the secret; the revealed one is the exact,
// encoded command, parameters in the same order.
func TestMaskedQueryCurlReadsAsTheMask(t *testing.T) {
	sec, err := keys.NewSecret("pay", nil)
	if err != nil {
		t.Fatal(err)
	}
	req := keytest.Request{
		Target: keytest.Target{URL: "{server}/v1/ping?z=a b&b=…", Auth: keytest.AuthQuery, Name: "api_key"},
		Server: "https://api.example.com", Secret: sec,
	}
	mask := keys.Mask(sec)
	wantMasked := "curl -sS 'https://api.example.com/v1/ping?api_key=" + mask + "&b=%E2%80%A6&z=a+b' -H 'Accept: application/json'"
	if got := req.Curl(false); got != wantMasked {
		t.Fatalf("masked =\n%s\nwant\n%s", got, wantMasked)
	}
	if masked := req.Curl(false); strings.Contains(masked, sec) || strings.Contains(masked, sec[4:]) {
		t.Fatalf("the masked command holds the secret: %s", masked)
	}
	wantRevealed := "curl -sS 'https://api.example.com/v1/ping?api_key=" + sec + "&b=%E2%80%A6&z=a+b' -H 'Accept: application/json'"
	if got := req.Curl(true); got != wantRevealed {
		t.Fatalf("revealed =\n%s\nwant\n%s", got, wantRevealed)
	}
	// A result's command is the masked one.
	r := run(t, func(http.ResponseWriter, *http.Request) {}, keytest.Target{URL: "{server}/v1/ping", Auth: keytest.AuthQuery, Name: "api_key"}, sec)
	if !strings.HasSuffix(r.Curl, "/v1/ping?api_key="+mask+"' -H 'Accept: application/json'") || strings.Contains(r.Curl, "%E2%80%A6") {
		t.Fatalf("result curl = %s", r.Curl)
	}
	assertNoSecret(t, r, sec)
}

func FuzzShellQuote(f *testing.F) {
	for _, s := range []string{"", "a", "it's", `a"b`, "$(rm -rf /)", "a\nb", "'''"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsRune(s, 0) {
			return
		}
		out, err := exec.Command("sh", "-c", "printf '%s' "+keytest.ShellQuote(s)).Output()
		if err != nil || string(out) != s {
			t.Fatalf("quote(%q) gave %q, %v", s, out, err)
		}
	})
}

func TestAnEchoedSecretIsMasked(t *testing.T) {
	sec := secret(t)
	r := run(t, func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("X-Echo", req.Header.Get("Authorization"))
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(401)
		w.Write([]byte(`{"error":"invalid key ` + sec + `"}`))
	}, keytest.DefaultTarget("api"), sec)
	if r.Status != 401 || !strings.Contains(r.Body, keys.Mask(sec)) || !strings.Contains(r.Preview, keys.Mask(sec)) {
		t.Fatalf("result = %+v", r)
	}
	assertNoSecret(t, r, sec)
}

// A user:password@ in the test URL is refused before anything is sent: the
// cURL command would print it, and "{server}@evil.example" would send the
// key to evil.example.
func TestUserinfoInTheURLIsRefused(t *testing.T) {
	var reached atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { reached.Add(1) }))
	defer srv.Close()
	for _, url := range []string{"http://ada:pw@" + strings.TrimPrefix(srv.URL, "http://") + "/v1/whoami", "{server}@" + strings.TrimPrefix(srv.URL, "http://") + "/x"} {
		req := keytest.Request{Target: keytest.Target{Method: "GET", URL: url, Auth: keytest.AuthBearer}, Server: "http://example.invalid", Secret: secret(t)}
		r := keytest.Run(context.Background(), req)
		if r.Error == "" || !strings.Contains(r.Error, "user name or password") || strings.Contains(r.Error, "pw@") {
			t.Errorf("%s: %+v", url, r)
		}
		if req.Curl(true) != "" {
			t.Errorf("%s: a cURL command %q", url, req.Curl(true))
		}
	}
	if reached.Load() != 0 {
		t.Fatal("a request was sent")
	}
}
