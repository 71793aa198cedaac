package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/keydesk/keydesk/backend/client"
)

// A server that redirects elsewhere never gets the key sent on: not in
// Authorization, not in any header, not in the URL.
func TestRedirectToAnotherHostDropsTheKey(t *testing.T) {
	const secret = "kd_0FA3acQSTMeXk1GNctGSZAaNo6nWjCfjzHMZ2NcfNEG041abh"
	var reached atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reached.Add(1)
		for name, values := range r.Header {
			for _, v := range values {
				if strings.Contains(v, secret[3:20]) {
					t.Errorf("the other host got the key in %s", name)
				}
			}
		}
		w.Write([]byte(`{}`))
	}))
	defer other.Close()
	redirector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	defer redirector.Close()

	// Also with a caller's own HTTP client (the desktop's, with its CA),
	// whose redirect policy would follow anywhere.
	for name, opts := range map[string][]client.Option{"default": nil, "own HTTP client": {client.WithHTTPClient(&http.Client{})}} {
		c, err := client.New(redirector.URL, secret, opts...)
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.WhoAmI(context.Background())
		if err == nil || !strings.Contains(err.Error(), "redirected to "+other.URL) {
			t.Fatalf("%s: whoami through a redirect = %v, want an error naming the other address", name, err)
		}
		if strings.Contains(err.Error(), secret[3:20]) {
			t.Fatalf("%s: the error shows the key", name)
		}
		if reached.Load() != 0 {
			t.Fatalf("%s: the request followed the redirect to another host", name)
		}
	}
}

// A redirect within the server itself is followed.
func TestRedirectWithinTheServerIsFollowed(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/v1/whoami", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/v2/whoami", http.StatusTemporaryRedirect)
	})
	mux.HandleFunc("/v2/whoami", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" {
			t.Error("the key was dropped on the server's own redirect")
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"keyId":"key_1","keyName":"ci","workspaceId":"ws_1","workspaceName":"Acme","role":"admin"}`))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c, _ := client.New(srv.URL, "kd_x")
	who, err := c.WhoAmI(context.Background())
	if err != nil || who.KeyID != "key_1" {
		t.Fatalf("whoami = %+v, %v", who, err)
	}
}

func TestParseServerURLSaysWhatToType(t *testing.T) {
	for raw, want := range map[string]string{
		"127.0.0.1:8470":                  `must start with https:// (or http://), such as https://keys.example.com; got "127.0.0.1:8470"`,
		"keys.example.com":                `must start with https:// (or http://)`,
		"ftp://keys.example.com":          `must look like https://keys.example.com, got "ftp://keys.example.com"`,
		"":                                `must look like https://keys.example.com, got ""`,
		"https://u:p@keys.example.com":    "must not contain a user name or password",
		"https://keys.example.com/?k=abc": "without a query (?…) or fragment (#…)",
		"https://keys.example.com/#frag":  "without a query (?…) or fragment (#…)",
		"https://keys.example.com/v1":     `must be the server's address without /v1 (Keydesk adds the API's paths): use "https://keys.example.com"`,
		"https://example.com/keydesk/v1/": `use "https://example.com/keydesk"`,
		"http://127.0.0.1:8470/v1/whoami": `use "http://127.0.0.1:8470"`,
	} {
		_, err := client.ParseServerURL(raw)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseServerURL(%q) = %v, want %q", raw, err, want)
		}
	}
	// A server behind a proxy under a path is fine; a trailing slash goes.
	for raw, want := range map[string]string{
		"https://keys.example.com/":        "https://keys.example.com",
		"https://example.com/keydesk":      "https://example.com/keydesk",
		"http://127.0.0.1:8470":            "http://127.0.0.1:8470",
		"https://example.com/v1beta/keys/": "https://example.com/v1beta/keys",
	} {
		u, err := client.ParseServerURL(raw)
		if err != nil || u.String() != want {
			t.Errorf("ParseServerURL(%q) = %v, %v; want %s", raw, u, err, want)
		}
	}
}
