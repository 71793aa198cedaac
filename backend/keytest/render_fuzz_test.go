package keytest

import (
	"bytes"
	"net/url"
	"os/exec"
	"strings"
	"testing"

	"github.com/keydesk/keydesk/backend/keys"
)

// FuzzURLTemplate renders test targets from any template, server, ids,
// auth scheme and secret. The URL is http(s) with a host or an error; ids
// never leave their path segment; a query secret reads back exactly; the
// masked forms never hold the secret; and the revealed cURL, run by a
// shell, gives curl exactly the arguments of the request (a profile's
// target comes from the server, which may be hostile).
func FuzzURLTemplate(f *testing.F) {
	f.Add("{server}/v1/whoami", "http://127.0.0.1:8470", "ws_1", "key_1", "GET", uint8(0), "", "")
	f.Add("{server}/v1/workspaces/{workspace}/keys?pageIndex=0&pageSize=5", "https://keys.example.com/base/", "ws_1", "key_1", "get", uint8(1), "X-API-Key", "")
	f.Add("{server}/it's here?q=a b&x=$HOME", "http://[::1]:9", "../x", "a/b?c#d", "POST", uint8(2), "api_key", "sk_live_with spaces&=+%")
	f.Add("https://api.example.com/{workspace}/{keyId}?k=%zz", "", "%2F..%2F", "@evil.com", "GET;rm -rf ~", uint8(2), "k", "")
	f.Add("  {server}/x  ", "http://h", "\x00", "\n", "DELETE\nX", uint8(1), "X\r\nInjected: 1", "kd_'\"$`\\")
	f.Add("ftp://x", "{server}", "{keyId}", "{workspace}", "", uint8(0), "", "")
	f.Fuzz(func(t *testing.T, tmpl, server, workspace, keyID, method string, auth uint8, name, secret string) {
		if secret == "" {
			// A Keydesk secret drawn from the other inputs, so that it is
			// not already in them.
			secret, _ = keys.NewSecret("kd", bytes.NewReader(bytes.Repeat([]byte(tmpl+server+workspace+keyID+"."), 32)))
		}
		req := Request{
			Target: Target{Method: method, URL: tmpl, Auth: []string{AuthBearer, AuthHeader, AuthQuery}[auth%3], Name: name},
			Server: server, Workspace: workspace, KeyID: keyID, Secret: secret,
		}
		u, err := req.url()
		masked, revealed := req.Curl(false), req.Curl(true)
		if err != nil {
			if masked != "" || revealed != "" {
				t.Fatalf("no URL (%v) but a cURL command %q", err, masked)
			}
			return
		}
		if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			t.Fatalf("rendered %q from %q", u, tmpl)
		}
		if req.Target.Auth == AuthQuery && u.Query().Get(name) != secret {
			t.Fatalf("query auth: %q carries %q, want the secret", u, u.Query().Get(name))
		}
		checkSegments(t, req)

		// Masked: neither the secret nor its URL-encoded forms, wherever
		// it would be shown (cURL, the result's URL), unless the inputs
		// themselves hold it.
		inputs := tmpl + server + workspace + keyID + method + name
		if len(secret) >= 24 && !strings.Contains(inputs, secret) {
			for _, shown := range []string{masked, req.mask(u.String())} {
				for _, form := range []string{secret, url.QueryEscape(secret), url.PathEscape(secret)} {
					if strings.Contains(shown, form) {
						t.Fatalf("%q shows the secret", shown)
					}
				}
			}
		}
		checkShellArgs(t, req, u, revealed)
	})
}

// checkSegments: with the default template, the workspace and key ids are
// one path segment each, whatever they hold, and the host is the server's.
func checkSegments(t *testing.T, req Request) {
	t.Helper()
	srv, err := url.Parse(strings.TrimRight(req.Server, "/"))
	if err != nil || (srv.Scheme != "http" && srv.Scheme != "https") || srv.Host == "" || srv.RawQuery != "" || srv.Fragment != "" ||
		strings.ContainsAny(req.Server, "{}?#") || srv.User != nil || srv.Opaque != "" || srv.RawPath != "" || strings.ContainsAny(srv.Path, "%") {
		return
	}
	req.Target = Target{URL: "{server}/v1/workspaces/{workspace}/keys/{keyId}", Auth: AuthBearer}
	u, err := req.url()
	if err != nil {
		t.Fatalf("the default template failed on server %q: %v", req.Server, err)
	}
	if u.Host != srv.Host || u.RawQuery != "" || u.Fragment != "" {
		t.Fatalf("ids %q and %q moved the request to %q", req.Workspace, req.KeyID, u)
	}
	segs := strings.Split(strings.TrimPrefix(u.EscapedPath(), srv.EscapedPath()), "/")
	if len(segs) != 6 { // "", v1, workspaces, {workspace}, keys, {keyId}
		t.Fatalf("ids %q and %q changed the path: %q", req.Workspace, req.KeyID, u.EscapedPath())
	}
	if ws, _ := url.PathUnescape(segs[3]); ws != req.Workspace {
		t.Fatalf("workspace %q came out as %q", req.Workspace, ws)
	}
	if id, _ := url.PathUnescape(segs[5]); id != req.KeyID {
		t.Fatalf("key id %q came out as %q", req.KeyID, id)
	}
}

// checkShellArgs runs the revealed command in sh with a curl function that
// prints its arguments, and compares them with the request.
func checkShellArgs(t *testing.T, req Request, u *url.URL, cmd string) {
	t.Helper()
	want := []string{"-sS"}
	if m := method(req.Target); m != "GET" {
		want = append(want, "-X", m)
	}
	want = append(want, u.String(), "-H", "Accept: application/json")
	switch req.Target.Auth {
	case AuthHeader:
		want = append(want, "-H", req.Target.Name+": "+req.Secret)
	case AuthBearer:
		want = append(want, "-H", "Authorization: Bearer "+req.Secret)
	}
	for _, a := range want {
		if strings.ContainsRune(a, 0) {
			return // no shell can pass a NUL in an argument
		}
	}
	out, err := exec.Command("sh", "-c", `curl() { for a in "$@"; do printf '%s\0' "$a"; done; }; `+cmd).Output()
	if err != nil {
		t.Fatalf("sh -c %q: %v", cmd, err)
	}
	got := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	if strings.Join(got, "\x00") != strings.Join(want, "\x00") {
		t.Fatalf("the shell passes curl\n%q\nwant\n%q\n(command %s)", got, want, cmd)
	}
}
