package desk_test

import (
	"context"
	"encoding/pem"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/client"
	"github.com/keydesk/keydesk/backend/desk"
	"github.com/keydesk/keydesk/backend/keys"
	"github.com/keydesk/keydesk/backend/keys/keystest"
	"github.com/keydesk/keydesk/backend/secrets"
	"github.com/keydesk/keydesk/backend/server"
)

// remote is a real Keydesk server on loopback with one workspace.
type remote struct {
	t     *testing.T
	srv   *server.Server
	http  *httptest.Server
	addr  string
	ws    string
	admin string
}

func startRemote(t *testing.T) *remote {
	t.Helper()
	store, err := server.OpenStore("sqlite:"+filepath.Join(t.TempDir(), "remote.db"), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	srv := server.New(store, server.Options{})
	ws, created, err := srv.CreateWorkspace(context.Background(), "Acme", "admin")
	if err != nil {
		t.Fatal(err)
	}
	r := &remote{t: t, srv: srv, ws: ws.ID, admin: created.Secret}
	r.http = httptest.NewServer(srv.Handler())
	r.addr = r.http.Listener.Addr().String()
	t.Cleanup(func() { r.http.Close() })
	return r
}

func (r *remote) url() string { return "http://" + r.addr }

// stop closes the server; restart brings it back on the same address.
func (r *remote) stop() { r.http.Close() }

func (r *remote) restart() {
	ln, err := net.Listen("tcp", r.addr)
	if err != nil {
		r.t.Fatal(err)
	}
	r.http = &httptest.Server{Listener: ln, Config: &http.Server{Handler: r.srv.Handler()}}
	r.http.Start()
}

func (r *remote) client() *client.Client {
	c, _ := client.New(r.url(), r.admin)
	return c
}

func (r *remote) key(role string) api.CreatedKey {
	r.t.Helper()
	created, err := r.client().CreateKey(context.Background(), r.ws, api.CreateKeyRequest{Name: role + " key", Role: role})
	if err != nil {
		r.t.Fatal(err)
	}
	return created
}

func fieldOf(err error) string {
	var fe *keys.FieldError
	if errors.As(err, &fe) {
		return fe.Field
	}
	return ""
}

func TestAddRemoteWorkspace(t *testing.T) {
	r := startRemote(t)
	ctx := context.Background()
	d := open(t, t.TempDir(), secrets.NewMemory(), nil)
	defer d.Close()

	bad := []struct {
		name  string
		conn  desk.Connection
		field string
	}{
		{"no url", desk.Connection{AccessKey: r.admin}, "serverUrl"},
		{"ftp", desk.Connection{ServerURL: "ftp://x", AccessKey: r.admin}, "serverUrl"},
		{"plain http elsewhere", desk.Connection{ServerURL: "http://keys.example.com", AccessKey: r.admin}, "serverUrl"},
		{"no key", desk.Connection{ServerURL: r.url()}, "accessKey"},
		{"mistyped key", desk.Connection{ServerURL: r.url(), AccessKey: keystest.Mistyped(r.admin)}, "accessKey"},
		{"unreachable", desk.Connection{ServerURL: "http://127.0.0.1:1", AccessKey: r.admin}, "serverUrl"},
		{"wrong workspace", desk.Connection{ServerURL: r.url(), AccessKey: r.admin, WorkspaceID: "ws_other"}, "workspaceId"},
		{"api key", desk.Connection{ServerURL: r.url(), AccessKey: r.key("api").Secret}, "accessKey"},
		{"missing CA file", desk.Connection{ServerURL: r.url(), AccessKey: r.admin, CAFile: "/nonexistent.pem"}, "caFile"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := d.AddWorkspace(ctx, tc.conn); fieldOf(err) != tc.field {
				t.Fatalf("err = %v, want a problem with %s", err, tc.field)
			}
		})
	}
	if list, _ := d.Workspaces(ctx); len(list) != 1 {
		t.Fatalf("failed adds left workspaces behind: %+v", list)
	}

	// An admin key: added, synced, can manage. The access key is only in the keychain.
	ws, err := d.AddWorkspace(ctx, desk.Connection{ServerURL: r.url() + "/", AccessKey: r.admin, WorkspaceID: r.ws})
	if err != nil {
		t.Fatal(err)
	}
	if ws.Name != "Acme" || ws.Role != "admin" || ws.Kind != desk.KindRemote || ws.ServerURL != r.url() || ws.LastSyncedAt == nil || ws.KeyCount != 2 {
		t.Fatalf("added = %+v", ws)
	}
	if _, err := d.AddWorkspace(ctx, desk.Connection{ServerURL: r.url(), AccessKey: r.admin}); fieldOf(err) != "serverUrl" {
		t.Fatalf("adding it twice: %v", err)
	}
	// A member key: read-only.
	member := r.key("member")
	d2 := open(t, t.TempDir(), secrets.NewMemory(), nil)
	defer d2.Close()
	mws, err := d2.AddWorkspace(ctx, desk.Connection{ServerURL: r.url(), AccessKey: member.Secret})
	if err != nil || mws.Role != "member" {
		t.Fatalf("member = %+v, %v", mws, err)
	}
	if _, err := d2.CreateKey(ctx, mws.ID, api.CreateKeyRequest{Name: "x"}); !errors.Is(err, client.ErrForbidden) {
		t.Fatalf("member creates: %v", err)
	}
	data, _ := os.ReadFile(filepath.Join(d.Home(), "desk.db"))
	if strings.Contains(string(data), r.admin[3:30]) {
		t.Fatal("desk.db holds the access key")
	}
}

func TestTrustedCAFile(t *testing.T) {
	store, _ := server.OpenStore("sqlite:"+filepath.Join(t.TempDir(), "tls.db"), nil, nil)
	defer store.Close()
	srv := server.New(store, server.Options{})
	_, created, _ := srv.CreateWorkspace(context.Background(), "Secure", "admin")
	ts := httptest.NewTLSServer(srv.Handler())
	defer ts.Close()
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ts.Certificate().Raw}), 0o600)

	d := open(t, t.TempDir(), secrets.NewMemory(), nil)
	defer d.Close()
	ctx := context.Background()
	if _, err := d.AddWorkspace(ctx, desk.Connection{ServerURL: ts.URL, AccessKey: created.Secret}); fieldOf(err) != "serverUrl" || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("untrusted certificate: %v", err)
	}
	notPEM := filepath.Join(t.TempDir(), "x.pem")
	os.WriteFile(notPEM, []byte("hello"), 0o600)
	if _, err := d.AddWorkspace(ctx, desk.Connection{ServerURL: ts.URL, AccessKey: created.Secret, CAFile: notPEM}); fieldOf(err) != "caFile" {
		t.Fatalf("not a PEM file: %v", err)
	}
	ws, err := d.AddWorkspace(ctx, desk.Connection{ServerURL: ts.URL, AccessKey: created.Secret, CAFile: caFile})
	if err != nil || ws.KeyCount != 1 {
		t.Fatalf("with the CA file: %+v, %v", ws, err)
	}
	// A path relative to where the app runs is kept absolute: the next start
	// may run elsewhere.
	t.Chdir(filepath.Dir(caFile))
	ws, err = d.UpdateWorkspace(ctx, ws.ID, desk.Connection{ServerURL: ts.URL, CAFile: " ca.pem "})
	if err != nil || ws.CAFile != caFile {
		t.Fatalf("relative CA file stored as %q (%v), want %q", ws.CAFile, err, caFile)
	}
}

// TestCacheMirrorsTheServer drives random creates, edits, rotations and
// deletes on a real server and checks after each sync that the cache equals
// the server, field by field.
func TestCacheMirrorsTheServer(t *testing.T) {
	r := startRemote(t)
	ctx := context.Background()
	d := open(t, t.TempDir(), secrets.NewMemory(), nil)
	defer d.Close()
	ws, err := d.AddWorkspace(ctx, desk.Connection{ServerURL: r.url(), AccessKey: r.admin})
	if err != nil {
		t.Fatal(err)
	}
	c := r.client()
	rng := rand.New(rand.NewPCG(1, 2))
	var ids []string
	for round := 0; round < 25; round++ {
		for op := 0; op < 1+rng.IntN(8); op++ {
			switch n := rng.IntN(10); {
			case n < 4 || len(ids) == 0:
				k, err := c.CreateKey(ctx, r.ws, api.CreateKeyRequest{Name: "k" + strings.Repeat("x", rng.IntN(5))})
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, k.Key.ID)
			case n < 6:
				enabled := rng.IntN(2) == 0
				name := "renamed"
				c.PatchKey(ctx, r.ws, ids[rng.IntN(len(ids))], api.PatchKeyRequest{Name: &name, Enabled: &enabled})
			case n < 7:
				if rot, err := c.RotateKey(ctx, r.ws, ids[rng.IntN(len(ids))], api.RotateRequest{}); err == nil {
					ids = append(ids, rot.Key.ID)
				}
			default:
				i := rng.IntN(len(ids))
				c.DeleteKey(ctx, r.ws, ids[i])
				ids = append(ids[:i], ids[i+1:]...)
			}
		}
		if rng.IntN(3) == 0 {
			r.srv.FlushUsage(ctx) // lastUsedAt changes too
		}
		if err := d.Sync(ctx, ws.ID); err != nil {
			t.Fatal(err)
		}
		assertMirror(t, d, ws.ID, c, r.ws)
	}
}

func assertMirror(t *testing.T, d *desk.Desk, wsID string, c *client.Client, remoteWS string) {
	t.Helper()
	page, err := c.ListKeys(context.Background(), remoteWS, client.ListParams{PageSize: 1000, Sort: "id"})
	if err != nil {
		t.Fatal(err)
	}
	cached, _ := d.Keys(context.Background(), wsID)
	sort.Slice(cached, func(i, j int) bool { return cached[i].ID < cached[j].ID })
	if len(cached) != len(page.Items) {
		t.Fatalf("cache has %d keys, server %d", len(cached), len(page.Items))
	}
	for i, k := range page.Items {
		got := cached[i]
		if got.ID != k.ID || got.Name != k.Name || got.Enabled != k.Enabled || got.MaskedKey != k.MaskedKey ||
			got.Revision != k.Revision || !sameTime(got.RevokesAt, k.RevokesAt) || !sameTime(got.LastUsedAt, k.LastUsedAt) ||
			!sameTime(got.ExpiresAt, k.ExpiresAt) || got.AutoRevoke != k.AutoRevoke || got.RotatedFrom != k.RotatedFrom {
			t.Fatalf("cached %+v\nserver %+v", got, k)
		}
	}
}

func sameTime(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Equal(*b)
}

func TestOfflineKeepsTheCacheAndComesBack(t *testing.T) {
	r := startRemote(t)
	ctx := context.Background()
	rec := &recorder{}
	d := open(t, t.TempDir(), secrets.NewMemory(), rec)
	defer d.Close()
	ws, err := d.AddWorkspace(ctx, desk.Connection{ServerURL: r.url(), AccessKey: r.admin})
	if err != nil {
		t.Fatal(err)
	}
	r.key("api")
	d.Sync(ctx, ws.ID)
	before, _ := d.Keys(ctx, ws.ID)

	r.stop()
	if err := d.Sync(ctx, ws.ID); !errors.Is(err, desk.ErrOffline) {
		t.Fatalf("sync while down: %v", err)
	}
	view, _ := d.Workspace(ctx, ws.ID)
	if view.OfflineSince == nil || !strings.Contains(view.LastError, "cannot be reached") {
		t.Fatalf("offline state = %+v", view)
	}
	after, _ := d.Keys(ctx, ws.ID)
	if len(after) != len(before) || len(after) == 0 {
		t.Fatal("the cache lost keys because the server was unreachable")
	}
	_, err = d.CreateKey(ctx, ws.ID, api.CreateKeyRequest{Name: "x"})
	if !errors.Is(err, desk.ErrOffline) || !strings.Contains(err.Error(), "needs the server") {
		t.Fatalf("create while offline: %v", err)
	}

	r.restart()
	r.key("member") // changed while we were offline
	d.SyncAll(ctx)
	view, _ = d.Workspace(ctx, ws.ID)
	if view.OfflineSince != nil || view.LastError != "" || view.KeyCount != len(before)+1 {
		t.Fatalf("back online = %+v", view)
	}
	if rec.count(desk.EventWorkspaceStatus) < 2 {
		t.Fatal("no workspace:status events for the UI")
	}
}

func TestRememberForgetAndDeletionForgets(t *testing.T) {
	store := secrets.NewMemory()
	d := open(t, t.TempDir(), store, nil)
	defer d.Close()
	ctx := context.Background()
	ws := localWorkspace(t, d)
	a, _ := d.CreateKey(ctx, ws.ID, api.CreateKeyRequest{Name: "a"})
	b, _ := d.CreateKey(ctx, ws.ID, api.CreateKeyRequest{Name: "b"})
	if err := d.Remember(ctx, ws.ID, a.Key.ID, b.Secret); fieldOf(err) != "secret" {
		t.Fatalf("remembering another key's secret: %v", err)
	}
	if err := d.Remember(ctx, ws.ID, a.Key.ID, "kd_nope"); fieldOf(err) != "secret" {
		t.Fatalf("remembering garbage: %v", err)
	}
	if err := d.Remember(ctx, ws.ID, a.Key.ID, a.Secret); err != nil {
		t.Fatal(err)
	}
	if got, _ := d.RememberedSecret(ws.ID, a.Key.ID); got != a.Secret {
		t.Fatal("secret not in the keychain")
	}
	if m, _ := d.RememberedKeys(ctx, ws.ID); !m[a.Key.ID] || m[b.Key.ID] {
		t.Fatalf("remembered = %v", m)
	}
	d.Remember(ctx, ws.ID, b.Key.ID, b.Secret)
	if err := d.Forget(ctx, ws.ID, b.Key.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Get(secrets.RememberedKey(ws.ID, b.Key.ID)); !errors.Is(err, secrets.ErrNotFound) {
		t.Fatal("Forget left the secret in the keychain")
	}
	// Deleting the key, here or anywhere else, forgets its secret at the next sync.
	if err := d.DeleteKey(ctx, ws.ID, a.Key.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Get(secrets.RememberedKey(ws.ID, a.Key.ID)); !errors.Is(err, secrets.ErrNotFound) {
		t.Fatal("a deleted key's secret is still remembered")
	}
}

func TestSearchAcrossWorkspaces(t *testing.T) {
	r := startRemote(t)
	ctx := context.Background()
	d := open(t, t.TempDir(), secrets.NewMemory(), nil)
	defer d.Close()
	local := localWorkspace(t, d)
	d.CreateKey(ctx, local.ID, api.CreateKeyRequest{Name: "Billing worker"})
	r.client().CreateKey(ctx, r.ws, api.CreateKeyRequest{Name: "billing-export"})
	other, _ := r.client().CreateKey(ctx, r.ws, api.CreateKeyRequest{Name: "deploy"})
	if _, err := d.AddWorkspace(ctx, desk.Connection{ServerURL: r.url(), AccessKey: r.admin}); err != nil {
		t.Fatal(err)
	}
	found, _ := d.Search(ctx, "BILLING", 50)
	if len(found) != 2 || found[0].Workspace.Name == found[1].Workspace.Name {
		t.Fatalf("found = %+v", found)
	}
	// A whole secret, pasted (with spaces around it), finds its key.
	for _, q := range []string{other.Key.ID, other.Key.MaskedKey[3:7], " " + other.Secret + "\n"} {
		found, _ = d.Search(ctx, q, 50)
		if len(found) != 1 || found[0].Key.ID != other.Key.ID {
			t.Fatalf("search %q = %+v", q, found)
		}
	}
	if found, _ := d.Search(ctx, "%", 50); len(found) != 0 {
		t.Fatal("% is a wildcard")
	}
	// Another secret with the same prefix finds nothing.
	stranger, _ := keys.NewSecret("kd", nil)
	if found, _ := d.Search(ctx, stranger, 50); len(found) != 0 {
		t.Fatalf("a stranger's secret found %+v", found)
	}
	// A mistyped one is said to be mistyped, never echoed.
	mistyped := keystest.Mistyped(other.Secret)
	_, err := d.Search(ctx, mistyped, 50)
	var fe *keys.FieldError
	if !errors.As(err, &fe) || fe.Field != "query" || !strings.Contains(err.Error(), "checksum does not match") || strings.Contains(err.Error(), mistyped[3:20]) {
		t.Fatalf("a mistyped secret: %v", err)
	}
}

func TestRemoveAndReorder(t *testing.T) {
	r1, r2 := startRemote(t), startRemote(t)
	ctx := context.Background()
	store := secrets.NewMemory()
	d := open(t, t.TempDir(), store, nil)
	defer d.Close()
	local := localWorkspace(t, d)
	w1, _ := d.AddWorkspace(ctx, desk.Connection{ServerURL: r1.url(), AccessKey: r1.admin})
	w2, _ := d.AddWorkspace(ctx, desk.Connection{ServerURL: r2.url(), AccessKey: r2.admin})
	if err := d.ReorderWorkspaces(ctx, []string{w2.ID, w1.ID}); err != nil {
		t.Fatal(err)
	}
	list, _ := d.Workspaces(ctx)
	if list[0].ID != local.ID || list[1].ID != w2.ID || list[2].ID != w1.ID {
		t.Fatalf("order = %v %v %v", list[0].Name, list[1].ID, list[2].ID)
	}
	if err := d.RemoveWorkspace(ctx, local.ID); !errors.Is(err, desk.ErrLocalWorkspace) {
		t.Fatalf("removing Local: %v", err)
	}
	if err := d.RemoveWorkspace(ctx, w1.ID); err != nil {
		t.Fatal(err)
	}
	if keys, _ := d.Keys(ctx, w1.ID); len(keys) != 0 {
		t.Fatal("removed workspace still cached")
	}
	if _, err := store.Get(secrets.WorkspaceAccessKey(w1.ID)); !errors.Is(err, secrets.ErrNotFound) {
		t.Fatal("removed workspace's access key still in the keychain")
	}
	if _, err := r1.client().WhoAmI(ctx); err != nil {
		t.Fatal("removing a workspace must not touch the server")
	}
}

func TestOwnAccessKeyIsProtected(t *testing.T) {
	d := open(t, t.TempDir(), secrets.NewMemory(), nil)
	defer d.Close()
	ctx := context.Background()
	ws := localWorkspace(t, d)
	off := false
	if _, err := d.UpdateKey(ctx, ws.ID, ws.AccessKeyID, api.PatchKeyRequest{Enabled: &off}); !errors.Is(err, desk.ErrOwnAccessKey) {
		t.Fatalf("disable own key: %v", err)
	}
	if _, err := d.RegenerateKey(ctx, ws.ID, ws.AccessKeyID, api.RegenerateRequest{}); !errors.Is(err, desk.ErrOwnAccessKey) {
		t.Fatalf("regenerate own key: %v", err)
	}
	if _, err := d.RotateKey(ctx, ws.ID, ws.AccessKeyID, api.RotateRequest{}); !errors.Is(err, desk.ErrOwnAccessKey) {
		t.Fatalf("rotate own key: %v", err)
	}
}

func TestEncryptedFileTakesOverFromMemory(t *testing.T) {
	home := t.TempDir()
	d := open(t, home, secrets.NewMemory(), nil)
	ctx := context.Background()
	ws := localWorkspace(t, d)
	created, _ := d.CreateKey(ctx, ws.ID, api.CreateKeyRequest{Name: "kept"})
	d.Remember(ctx, ws.ID, created.Key.ID, created.Secret)
	if err := d.UseEncryptedFile(ctx, "short"); fieldOf(err) != "passphrase" {
		t.Fatalf("short passphrase: %v", err)
	}
	if err := d.UseEncryptedFile(ctx, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	if info := d.SecretsInfo(); info.Backend != "file" || !info.Persistent {
		t.Fatalf("info = %+v", info)
	}
	d.Close()
	// After a restart the file still holds the access key and the secret.
	file, info := secrets.Open(secrets.Config{Dir: home, Backend: "file", Password: "correct horse battery"})
	if !info.Persistent {
		t.Fatal(info.Problem)
	}
	d = open(t, home, file, nil)
	defer d.Close()
	if again := localWorkspace(t, d); again.AccessKeyID != ws.AccessKeyID {
		t.Fatal("the access key was not kept: Keydesk had to make a new one")
	}
	if got, _ := d.RememberedSecret(ws.ID, created.Key.ID); got != created.Secret {
		t.Fatal("the remembered secret was not kept")
	}
}

// TestLockedEncryptedFileUnlocks: started again without the passphrase,
// the desk knows the remote workspace's access key is in the locked file
// (not lost) and says so; the wrong passphrase changes nothing; the right
// one brings the access key and the remembered secrets back, and the
// workspace syncs again by itself.
func TestLockedEncryptedFileUnlocks(t *testing.T) {
	r := startRemote(t)
	home, ctx := t.TempDir(), context.Background()
	const passphrase = "correct horse battery"
	file, info, err := secrets.OpenFile(home, passphrase)
	if err != nil {
		t.Fatal(err)
	}
	d, err := desk.Open(ctx, desk.Options{Home: home, Secrets: file, SecretsInfo: info, LocalAddr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	ws, err := d.AddWorkspace(ctx, desk.Connection{ServerURL: r.url(), AccessKey: r.admin})
	if err != nil {
		t.Fatal(err)
	}
	created, err := d.CreateKey(ctx, ws.ID, api.CreateKeyRequest{Name: "ci"})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Remember(ctx, ws.ID, created.Key.ID, created.Secret); err != nil {
		t.Fatal(err)
	}
	d.Close()

	locked, info := secrets.Open(secrets.Config{Dir: home, Backend: "file"})
	if !info.Locked {
		t.Fatalf("restarted without the passphrase: %+v", info)
	}
	d, err = desk.Open(ctx, desk.Options{Home: home, Secrets: locked, SecretsInfo: info, LocalAddr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.Sync(ctx, ws.ID); !errors.Is(err, desk.ErrKeychainLocked) {
		t.Fatalf("sync while locked: %v", err)
	}
	got := workspaceByID(t, d, ws.ID)
	if got.SyncProblem != desk.SyncProblemKeychainLocked || !strings.Contains(got.LastError, "passphrase") || got.OfflineSince != nil {
		t.Fatalf("while locked: problem %q, error %q, offline %v", got.SyncProblem, got.LastError, got.OfflineSince)
	}
	if ids, _ := d.RememberedKeys(ctx, ws.ID); ids[created.Key.ID] {
		t.Fatal("a locked secret counts as remembered")
	}
	// The key test says the secret may be locked away, not that there is none.
	if _, err := d.TestKey(ctx, desk.KeyTest{WorkspaceID: ws.ID, KeyID: created.Key.ID}); !errors.Is(err, desk.ErrNoSecretYet) || !errors.Is(err, desk.ErrNoSecret) {
		t.Fatalf("key test while locked: %v", err)
	}

	err = d.UseEncryptedFile(ctx, "wrong horse battery")
	if fieldOf(err) != "passphrase" || !strings.Contains(err.Error(), "does not open the encrypted file") {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if !d.SecretsInfo().Locked {
		t.Fatal("a wrong passphrase unlocked the file")
	}

	if err := d.UseEncryptedFile(ctx, passphrase); err != nil {
		t.Fatal(err)
	}
	if info := d.SecretsInfo(); info.Locked || !info.Persistent || info.Backend != "file" {
		t.Fatalf("after unlock: %+v", info)
	}
	deadline := time.Now().Add(10 * time.Second)
	for got = workspaceByID(t, d, ws.ID); got.SyncProblem != ""; got = workspaceByID(t, d, ws.ID) {
		if time.Now().After(deadline) {
			t.Fatalf("no sync after unlock: problem %q, error %q", got.SyncProblem, got.LastError)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if got.LastError != "" {
		t.Fatalf("after unlock: %q", got.LastError)
	}
	if secret, err := d.RememberedSecret(ws.ID, created.Key.ID); err != nil || secret != created.Secret {
		t.Fatalf("remembered secret after unlock: %v", err)
	}
	if ids, _ := d.RememberedKeys(ctx, ws.ID); !ids[created.Key.ID] {
		t.Fatal("the remembered secret is not marked after unlock")
	}
}

// TestMissingAccessKeyIsASyncProblem: an access key gone from the keychain
// is said as such (the app asks for it again), not as an offline server.
func TestMissingAccessKeyIsASyncProblem(t *testing.T) {
	r := startRemote(t)
	ctx, store, home := context.Background(), secrets.NewMemory(), t.TempDir()
	d := open(t, home, store, nil)
	ws, err := d.AddWorkspace(ctx, desk.Connection{ServerURL: r.url(), AccessKey: r.admin})
	if err != nil {
		t.Fatal(err)
	}
	// Editing with the key field left empty tests the stored key.
	if who, _, err := d.TestConnection(ctx, ws.ID, desk.Connection{ServerURL: r.url()}); err != nil || who.Role != "admin" || who.WorkspaceID != r.ws {
		t.Fatalf("testing the stored key: %+v, %v", who, err)
	}
	// Not to another host, though: the URL may be a typo, or someone else's server.
	elsewhere := strings.Replace(r.url(), "127.0.0.1", "localhost", 1)
	const another = "accessKey is required for another server: Keydesk sends the stored access key only to 127.0.0.1, where it was added"
	if _, _, err := d.TestConnection(ctx, ws.ID, desk.Connection{ServerURL: elsewhere}); fieldOf(err) != "accessKey" || err.Error() != another {
		t.Fatalf("testing the stored key on another host: %v", err)
	}
	if _, err := d.UpdateWorkspace(ctx, ws.ID, desk.Connection{ServerURL: elsewhere}); fieldOf(err) != "accessKey" || err.Error() != another {
		t.Fatalf("saving another host with the stored key: %v", err)
	}
	d.Close()
	if err := store.Delete(secrets.WorkspaceAccessKey(ws.ID)); err != nil {
		t.Fatal(err)
	}
	d = open(t, home, store, nil)
	defer d.Close()
	const gone = "accessKey is required: the stored one is no longer in the keychain"
	if _, _, err := d.TestConnection(ctx, ws.ID, desk.Connection{ServerURL: r.url()}); fieldOf(err) != "accessKey" || err.Error() != gone {
		t.Fatalf("testing a stored key that is gone: %v", err)
	}
	if err := d.Sync(ctx, ws.ID); !errors.Is(err, secrets.ErrNotFound) || errors.Is(err, desk.ErrKeychainLocked) {
		t.Fatalf("sync: %v", err)
	}
	if got := workspaceByID(t, d, ws.ID); got.SyncProblem != desk.SyncProblemAccessKey || got.OfflineSince != nil {
		t.Fatalf("problem %q, offline %v", got.SyncProblem, got.OfflineSince)
	}
	r.stop()
	_ = d.Sync(ctx, ws.ID)
	if got := workspaceByID(t, d, ws.ID); got.SyncProblem != desk.SyncProblemAccessKey {
		t.Fatalf("the missing key comes before the network: %q", got.SyncProblem)
	}
}

// A read that fails offline says so once: the window refreshes on the
// event and reads again, which fails again — each failure announcing
// itself made 500 calls a second.
func TestOfflineReadsAnnounceItOnce(t *testing.T) {
	r := startRemote(t)
	ctx, rec := context.Background(), &recorder{}
	d := open(t, t.TempDir(), secrets.NewMemory(), rec)
	defer d.Close()
	ws, err := d.AddWorkspace(ctx, desk.Connection{ServerURL: r.url(), AccessKey: r.admin})
	if err != nil {
		t.Fatal(err)
	}
	r.stop()
	statusBefore, doneBefore := rec.count(desk.EventWorkspaceStatus), rec.count(desk.EventSyncDone)
	for range 5 {
		if _, err := d.CleanupCounts(ctx, ws.ID); !errors.Is(err, desk.ErrOffline) && !strings.Contains(fmt.Sprint(err), "cannot be reached") {
			t.Fatalf("offline read: %v", err)
		}
	}
	if got := rec.count(desk.EventWorkspaceStatus) - statusBefore; got != 1 {
		t.Fatalf("%d status events for 5 failed reads, want 1 (going offline)", got)
	}
	if got := rec.count(desk.EventSyncDone) - doneBefore; got != 0 {
		t.Fatalf("%d sync:done events without a sync", got)
	}
	if view := workspaceByID(t, d, ws.ID); view.OfflineSince == nil {
		t.Fatal("not marked offline")
	}
}

func workspaceByID(t *testing.T, d *desk.Desk, id string) desk.WorkspaceView {
	t.Helper()
	list, err := d.Workspaces(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, ws := range list {
		if ws.ID == id {
			return ws
		}
	}
	t.Fatalf("no workspace %s", id)
	return desk.WorkspaceView{}
}

func TestSyncInterval(t *testing.T) {
	d := open(t, t.TempDir(), secrets.NewMemory(), nil)
	defer d.Close()
	if d.SyncInterval().Minutes() != 5 {
		t.Fatalf("default = %v", d.SyncInterval())
	}
	if err := d.SetSyncInterval(0); fieldOf(err) != "syncIntervalMinutes" {
		t.Fatalf("0 minutes: %v", err)
	}
	if err := d.SetSyncInterval(15); err != nil || d.SyncInterval().Minutes() != 15 {
		t.Fatalf("15 minutes: %v, %v", err, d.SyncInterval())
	}
}

// TestFullResyncKeepsRememberedSecrets: a server restored from a backup
// (its revision behind the cache) makes the desk resync in full; the
// secrets remembered for keys that still exist must survive it.
func TestFullResyncKeepsRememberedSecrets(t *testing.T) {
	r := startRemote(t)
	ctx := context.Background()
	store := secrets.NewMemory()
	d := open(t, t.TempDir(), store, nil)
	defer d.Close()
	ws, err := d.AddWorkspace(ctx, desk.Connection{ServerURL: r.url(), AccessKey: r.admin})
	if err != nil {
		t.Fatal(err)
	}
	kept := r.key("api")
	gone := r.key("api")
	d.Sync(ctx, ws.ID)
	d.Remember(ctx, ws.ID, kept.Key.ID, kept.Secret)
	d.Remember(ctx, ws.ID, gone.Key.ID, gone.Secret)
	r.client().DeleteKey(ctx, r.ws, gone.Key.ID)
	d.ForceFullResync(ws.ID)
	if err := d.Sync(ctx, ws.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := d.RememberedSecret(ws.ID, kept.Key.ID); got != kept.Secret {
		t.Fatal("a full resync forgot the secret of a key that still exists")
	}
	if _, err := d.RememberedSecret(ws.ID, gone.Key.ID); !errors.Is(err, secrets.ErrNotFound) {
		t.Fatal("the secret of a deleted key is still remembered")
	}
}

// TestAccessKeyErrorSaysItOnce: a pasted access key that is not a Keydesk
// key gets one sentence that names the field and the rule, without saying
// "not a Keydesk key" twice and without echoing what was pasted.
func TestAccessKeyErrorSaysItOnce(t *testing.T) {
	d := open(t, t.TempDir(), secrets.NewMemory(), nil)
	defer d.Close()
	good, err := keys.NewSecret("kd", nil)
	if err != nil {
		t.Fatal(err)
	}
	// The right shape with its last character changed: only the checksum is wrong.
	last := "A"
	if strings.HasSuffix(good, last) {
		last = "B"
	}
	mistyped := good[:len(good)-1] + last
	cases := []struct{ name, key, want string }{
		{"not shaped like a key", "hello-world-this-is-not-a-key", "accessKey must be a Keydesk key: a prefix such as kd, an underscore and 49 letters and digits"},
		{"a mistyped key", mistyped, "accessKey has a checksum that does not match: it was mistyped, cut short or is not a Keydesk key"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := d.TestConnection(context.Background(), "", desk.Connection{ServerURL: "http://127.0.0.1:1", AccessKey: tc.key})
			if fieldOf(err) != "accessKey" || err.Error() != tc.want {
				t.Fatalf("err = %q, want %q", err, tc.want)
			}
			if n := strings.Count(strings.ToLower(err.Error()), "keydesk key"); n != 1 {
				t.Fatalf("%q says \"Keydesk key\" %d times", err, n)
			}
			if strings.Contains(err.Error(), tc.key) {
				t.Fatalf("%q echoes the pasted key", err)
			}
		})
	}
}

// A change made with an access key the server no longer accepts says that
// the workspace's key was refused, not the key being made, and the header
// offers to enter it again at once, as after a sync.
func TestRefusedAccessKeyIsSaidAsSuch(t *testing.T) {
	r := startRemote(t)
	ctx := context.Background()
	d := open(t, t.TempDir(), secrets.NewMemory(), nil)
	defer d.Close()
	access := r.key("admin")
	ws, err := d.AddWorkspace(ctx, desk.Connection{ServerURL: r.url(), AccessKey: access.Secret})
	if err != nil {
		t.Fatal(err)
	}
	// Another admin deletes the desk's access key.
	if err := r.client().DeleteKey(ctx, r.ws, access.Key.ID); err != nil {
		t.Fatal(err)
	}

	_, err = d.CreateKey(ctx, ws.ID, api.CreateKeyRequest{Name: "billing"})
	if !errors.Is(err, desk.ErrAccessKeyRefused) || !errors.Is(err, client.ErrUnauthorized) {
		t.Fatalf("create with a refused access key: %v", err)
	}
	want := "The server refused this workspace's access key (the API key is not valid: it does not exist or was deleted). Creating a key needs one it accepts: enter it with Enter access key, above the key table, then try again."
	if err.Error() != want {
		t.Fatalf("err = %q\nwant  %q", err, want)
	}
	got := workspaceByID(t, d, ws.ID)
	if got.SyncProblem != desk.SyncProblemRejected || got.LastError != "The server says: the API key is not valid: it does not exist or was deleted." {
		t.Fatalf("problem %q, error %q", got.SyncProblem, got.LastError)
	}
}
