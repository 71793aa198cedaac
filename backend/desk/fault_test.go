package desk_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/client"
	"github.com/keydesk/keydesk/backend/desk"
	"github.com/keydesk/keydesk/backend/secrets"
)

// failingKeychain is a keychain that fails every call, as a locked one or
// one whose daemon went away does.
type failingKeychain struct{ err error }

func (f failingKeychain) Get(string) (string, error) { return "", f.err }
func (f failingKeychain) Set(string, string) error   { return f.err }
func (f failingKeychain) Delete(string) error        { return f.err }

// openWithRemote opens a desk on home with its Local workspace and a
// remote one on a server of its own.
func openWithRemote(t *testing.T, home string, store secrets.Store) (*remote, *desk.Desk, desk.WorkspaceView, desk.WorkspaceView) {
	t.Helper()
	r := startRemote(t)
	d := open(t, home, store, nil)
	local := localWorkspace(t, d)
	ws, err := d.AddWorkspace(context.Background(), desk.Connection{ServerURL: r.url(), AccessKey: r.admin})
	if err != nil {
		t.Fatal(err)
	}
	return r, d, local, ws
}

// TestFailingKeychainLosesNothing: with a keychain that fails every call
// the desk still opens, says in Settings what failed, keeps working for
// the Local workspace, and leaves the cache, the remembered secrets and the
// keychain as they were; with the keychain back, everything is there.
func TestFailingKeychainLosesNothing(t *testing.T) {
	ctx := context.Background()
	home, store := t.TempDir(), secrets.NewMemory()
	r, d, local, remote := openWithRemote(t, home, store)
	mine, _ := d.CreateKey(ctx, local.ID, api.CreateKeyRequest{Name: "mine"})
	theirs := r.key("api")
	d.Sync(ctx, remote.ID)
	if err := d.Remember(ctx, local.ID, mine.Key.ID, mine.Secret); err != nil {
		t.Fatal(err)
	}
	if err := d.Remember(ctx, remote.ID, theirs.Key.ID, theirs.Secret); err != nil {
		t.Fatal(err)
	}
	remoteBefore, _ := d.Keys(ctx, remote.ID)
	d.Close()

	locked := failingKeychain{errors.New("org.freedesktop.Secret.Error.IsLocked: the collection is locked")}
	d, err := desk.Open(ctx, desk.Options{Home: home, Secrets: locked, SecretsInfo: secrets.Info{Backend: "secret-service", Label: "Secret Service", Persistent: true}, LocalAddr: "127.0.0.1:0"})
	if err != nil {
		t.Fatalf("the desk does not open with a failing keychain: %v", err)
	}
	info := d.SecretsInfo()
	if info.Persistent || !strings.Contains(info.Problem, "Secret Service failed") || !strings.Contains(info.Problem, "collection is locked") {
		t.Fatalf("Settings would show %+v", info)
	}
	// Local still works: the desk owns that server and gets a key for this
	// session.
	if _, err := d.CreateKey(ctx, local.ID, api.CreateKeyRequest{Name: "made while locked"}); err != nil {
		t.Fatalf("create on Local with a failing keychain: %v", err)
	}
	// A remote workspace cannot be reached without its access key: it says
	// why and keeps its cache.
	if err := d.Sync(ctx, remote.ID); err == nil {
		t.Fatal("a sync without the access key succeeded")
	}
	view, _ := d.Workspace(ctx, remote.ID)
	if !strings.Contains(view.LastError, "collection is locked") {
		t.Fatalf("the workspace says %q", view.LastError)
	}
	if after, _ := d.Keys(ctx, remote.ID); !reflect.DeepEqual(after, remoteBefore) {
		t.Fatal("the remote cache changed while the keychain failed")
	}
	for _, w := range []struct{ ws, key string }{{local.ID, mine.Key.ID}, {remote.ID, theirs.Key.ID}} {
		if m, _ := d.RememberedKeys(ctx, w.ws); !m[w.key] {
			t.Fatalf("the remembered mark of %s was dropped", w.key)
		}
	}
	d.Close()

	d = open(t, home, store, nil)
	defer d.Close()
	if info := d.SecretsInfo(); info.Problem != "" {
		t.Fatalf("a working keychain still reports %q", info.Problem)
	}
	if err := d.Sync(ctx, remote.ID); err != nil {
		t.Fatalf("the remote workspace after the keychain came back: %v", err)
	}
	assertMirror(t, d, remote.ID, r.client(), r.ws)
	for _, w := range []struct{ ws, key, secret string }{{local.ID, mine.Key.ID, mine.Secret}, {remote.ID, theirs.Key.ID, theirs.Secret}} {
		if got, err := d.RememberedSecret(w.ws, w.key); err != nil || got != w.secret {
			t.Fatalf("remembered secret of %s after the keychain came back: %v", w.key, err)
		}
	}
	if got, _ := store.Get(secrets.WorkspaceAccessKey(remote.ID)); got != r.admin {
		t.Fatal("the remote access key changed in the keychain")
	}
	d.Sync(ctx, local.ID)
	names := map[string]bool{}
	cached, _ := d.Keys(ctx, local.ID)
	for _, k := range cached {
		names[k.Name] = true
	}
	if !names["mine"] || !names["made while locked"] {
		t.Fatalf("Local keys after the keychain came back: %v", names)
	}
}

// TestCorruptDeskDBIsRebuiltFromTheServers: garbage in desk.db — all of it,
// or the pages after the header — does not stop the app. It says so, moves
// the file aside, and rebuilds the cache from the servers: the workspaces,
// remembered secrets and settings come back from desk-backup.json, the
// keys from the servers, the secrets were never out of the keychain.
func TestCorruptDeskDBIsRebuiltFromTheServers(t *testing.T) {
	for _, tc := range []struct {
		name     string
		damage   func(data []byte)
		noBackup bool
	}{
		{"whole file", func(b []byte) { rand.Read(b) }, false},
		{"pages after the header", func(b []byte) { rand.Read(b[4096:]) }, false},
		{"no backup either", func(b []byte) { rand.Read(b) }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			home, store := t.TempDir(), secrets.NewMemory()
			r, d, local, remote := openWithRemote(t, home, store)
			mine, _ := d.CreateKey(ctx, local.ID, api.CreateKeyRequest{Name: "mine"})
			d.Remember(ctx, local.ID, mine.Key.ID, mine.Secret)
			theirs := r.key("member")
			for range 200 { // enough for pages past the header
				r.key("api")
			}
			d.Sync(ctx, remote.ID)
			d.Remember(ctx, remote.ID, theirs.Key.ID, theirs.Secret)
			d.SetSyncInterval(17)
			d.Close()

			path := filepath.Join(home, "desk.db")
			data, err := os.ReadFile(path)
			if err != nil || len(data) <= 4096 {
				t.Fatalf("desk.db: %d bytes, %v", len(data), err)
			}
			tc.damage(data)
			os.WriteFile(path, data, 0o600)
			if tc.noBackup {
				os.Remove(filepath.Join(home, "desk-backup.json"))
			}

			d = open(t, home, store, nil)
			defer d.Close()
			notice := d.CacheRebuilt()
			if !strings.Contains(notice, "desk.db") || !strings.Contains(notice, "moved aside") {
				t.Fatalf("CacheRebuilt = %q", notice)
			}
			aside, _ := filepath.Glob(path + ".corrupt-*")
			if len(aside) != 1 {
				t.Fatalf("moved aside: %v", aside)
			}
			if kept, _ := os.ReadFile(aside[0]); !bytes.Equal(kept, data) {
				t.Fatal("the damaged file was not kept as it was")
			}
			d.SyncAll(ctx)
			list, _ := d.Workspaces(ctx)
			if tc.noBackup {
				// Local comes back from local-server.db, with its keys; the
				// remote workspaces cannot be known, and the notice says so.
				if len(list) != 1 || list[0].Kind != desk.KindLocal || list[0].RemoteID != local.RemoteID {
					t.Fatalf("workspaces = %+v", list)
				}
				if !strings.Contains(notice, "add the remote workspaces again") {
					t.Fatalf("CacheRebuilt = %q", notice)
				}
				assertMirror(t, d, list[0].ID, localClient(t, d, store, list[0].ID), local.RemoteID)
				return
			}
			if len(list) != 2 || list[0].ID != local.ID || list[1].ID != remote.ID {
				t.Fatalf("workspaces = %+v", list)
			}
			assertMirror(t, d, local.ID, localClient(t, d, store, local.ID), local.RemoteID)
			assertMirror(t, d, remote.ID, r.client(), r.ws)
			for _, w := range []struct{ ws, key, secret string }{{local.ID, mine.Key.ID, mine.Secret}, {remote.ID, theirs.Key.ID, theirs.Secret}} {
				if m, _ := d.RememberedKeys(ctx, w.ws); !m[w.key] {
					t.Fatalf("%s is no longer marked remembered", w.key)
				}
				if got, _ := d.RememberedSecret(w.ws, w.key); got != w.secret {
					t.Fatalf("the remembered secret of %s is gone", w.key)
				}
			}
			if d.SyncInterval().Minutes() != 17 {
				t.Fatalf("sync interval = %v, want the 17 minutes set before", d.SyncInterval())
			}
		})
	}
}

func localClient(t *testing.T, d *desk.Desk, store secrets.Store, wsID string) *client.Client {
	t.Helper()
	key, err := store.Get(secrets.WorkspaceAccessKey(wsID))
	if err != nil {
		t.Fatal(err)
	}
	c, _ := client.New(d.LocalURL(), key)
	return c
}

// faultyServer stands in front of a real server and, when told, answers
// like a broken one.
type faultyServer struct {
	mode  atomic.Value // string
	proxy *httputil.ReverseProxy
}

func (f *faultyServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	mode, _ := f.mode.Load().(string)
	switch mode {
	case "500 html":
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(500)
		io.WriteString(w, "<html><body>Internal Server Error</body></html>")
	case "502 from a proxy":
		w.WriteHeader(502)
		io.WriteString(w, "Bad Gateway")
	case "500 problem":
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(500)
		io.WriteString(w, `{"status":500,"code":"internal","detail":"the server could not complete the request"}`)
	case "html 200":
		io.WriteString(w, "<html>Please sign in to the hotel wifi</html>")
	case "truncated JSON":
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"keyId":"key_`)
	case "empty 200":
	case "null":
		io.WriteString(w, "null")
	case "empty object":
		io.WriteString(w, "{}")
	case "connection reset":
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			conn.Close()
		}
	case "rolled back to nothing":
		// Answers like a Keydesk server whose workspace lost every key,
		// its revision back at 1.
		if strings.HasSuffix(r.URL.Path, "/keys") {
			io.WriteString(w, `{"items":[],"total":0,"revision":1}`)
			return
		}
		f.proxy.ServeHTTP(w, r)
	default:
		f.proxy.ServeHTTP(w, r)
	}
}

// TestBrokenServerKeepsTheCache: a server that answers 500s or garbage
// gets a sync failure that says what came back; the cached keys, the
// remembered secrets and the workspace stay as they were, and the next good
// answer syncs as usual.
func TestBrokenServerKeepsTheCache(t *testing.T) {
	r := startRemote(t)
	target, _ := url.Parse(r.url())
	faulty := &faultyServer{proxy: httputil.NewSingleHostReverseProxy(target)}
	front := httptest.NewServer(faulty)
	defer front.Close()
	ctx := context.Background()
	d := open(t, t.TempDir(), secrets.NewMemory(), nil)
	defer d.Close()
	ws, err := d.AddWorkspace(ctx, desk.Connection{ServerURL: front.URL, AccessKey: r.admin})
	if err != nil {
		t.Fatal(err)
	}
	kept := r.key("api")
	for range 5 {
		r.key("member")
	}
	if err := d.Sync(ctx, ws.ID); err != nil {
		t.Fatal(err)
	}
	d.Remember(ctx, ws.ID, kept.Key.ID, kept.Secret)
	before, _ := d.Keys(ctx, ws.ID)
	wsBefore, _ := d.Workspace(ctx, ws.ID)

	for _, tc := range []struct {
		mode, says string
	}{
		{mode: "500 html", says: "500 Internal Server Error"},
		{mode: "502 from a proxy", says: "502 Bad Gateway"},
		{mode: "500 problem", says: "could not complete the request"},
		{mode: "html 200", says: "not Keydesk JSON"},
		{mode: "truncated JSON", says: "not Keydesk JSON"},
		{mode: "empty 200", says: "not Keydesk JSON"},
		{mode: "null", says: "not Keydesk JSON"},
		{mode: "empty object", says: "not Keydesk JSON"},
		{mode: "connection reset", says: "cannot be reached"},
		// A full resync to a key list without the desk's own access key
		// is refused: it would empty the cache and forget secrets.
		{mode: "rolled back to nothing", says: "access key"},
	} {
		t.Run(tc.mode, func(t *testing.T) {
			faulty.mode.Store(tc.mode)
			defer faulty.mode.Store("")
			err := d.Sync(ctx, ws.ID)
			view, _ := d.Workspace(ctx, ws.ID)
			after, _ := d.Keys(ctx, ws.ID)
			if err == nil {
				t.Fatal("the sync succeeded")
			}
			if !strings.Contains(view.LastError, tc.says) {
				t.Fatalf("the workspace says %q, want it to say %q", view.LastError, tc.says)
			}
			if !reflect.DeepEqual(after, before) {
				t.Fatalf("the cache changed: %d keys, was %d", len(after), len(before))
			}
			if view.Name != wsBefore.Name || view.Role != wsBefore.Role || view.Cursor != wsBefore.Cursor || view.AccessKeyID != wsBefore.AccessKeyID {
				t.Fatalf("the workspace changed: %+v", view.Workspace)
			}
			if m, _ := d.RememberedKeys(ctx, ws.ID); !m[kept.Key.ID] {
				t.Fatal("the remembered mark was dropped")
			}
			// A change needs the server: it fails and says so, the cache
			// stays.
			if _, err := d.CreateKey(ctx, ws.ID, api.CreateKeyRequest{Name: "during " + tc.mode}); err == nil {
				t.Fatal("a create through a broken server succeeded")
			}
			if again, _ := d.Keys(ctx, ws.ID); !reflect.DeepEqual(again, before) {
				t.Fatal("a failed create changed the cache")
			}
		})
	}
	checkRecovered(t, d, ws.ID, faulty, r, kept)
}

// checkRecovered: once the server answers well again, the next sync is
// clean and the cache mirrors it, the remembered secret still there.
func checkRecovered(t *testing.T, d *desk.Desk, wsID string, faulty *faultyServer, r *remote, kept api.CreatedKey) {
	t.Helper()
	faulty.mode.Store("")
	if err := d.Sync(context.Background(), wsID); err != nil {
		t.Fatalf("sync once the server is well: %v", err)
	}
	if view, _ := d.Workspace(context.Background(), wsID); view.LastError != "" {
		t.Fatalf("the error stays after a good sync: %q", view.LastError)
	}
	assertMirror(t, d, wsID, r.client(), r.ws)
	if got, _ := d.RememberedSecret(wsID, kept.Key.ID); got != kept.Secret {
		t.Fatal("the remembered secret is gone")
	}
}
