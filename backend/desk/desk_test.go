package desk_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/client"
	"github.com/keydesk/keydesk/backend/desk"
	"github.com/keydesk/keydesk/backend/secrets"
)

type recorder struct {
	mu     sync.Mutex
	events []string
	data   []any
}

func (r *recorder) Emit(event string, data any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, event)
	r.data = append(r.data, data)
}

func (r *recorder) count(event string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, e := range r.events {
		if e == event {
			n++
		}
	}
	return n
}

func open(t *testing.T, home string, store secrets.Store, em desk.Emitter) *desk.Desk {
	t.Helper()
	d, err := desk.Open(context.Background(), desk.Options{Home: home, Secrets: store, Emitter: em, LocalAddr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func localWorkspace(t *testing.T, d *desk.Desk) desk.WorkspaceView {
	t.Helper()
	list, err := d.Workspaces(context.Background())
	if err != nil || len(list) != 1 || list[0].Kind != desk.KindLocal || list[0].Name != "Local" {
		t.Fatalf("workspaces = %+v, %v", list, err)
	}
	return list[0]
}

func TestFirstStartCreatesLocalAndSecondStartReusesIt(t *testing.T) {
	home, store := t.TempDir(), secrets.NewMemory()
	ctx := context.Background()
	d := open(t, home, store, nil)
	ws := localWorkspace(t, d)
	if ws.Role != "admin" || !strings.HasPrefix(ws.ServerURL, "http://127.0.0.1:") {
		t.Fatalf("local = %+v", ws)
	}
	if err := d.Sync(ctx, ws.ID); err != nil {
		t.Fatal(err)
	}
	access, err := store.Get(secrets.WorkspaceAccessKey(ws.ID))
	if err != nil {
		t.Fatalf("access key not in the keychain: %v", err)
	}
	d.Close()

	d = open(t, home, store, nil)
	defer d.Close()
	again := localWorkspace(t, d)
	if again.ID != ws.ID || again.RemoteID != ws.RemoteID || again.AccessKeyID != ws.AccessKeyID {
		t.Fatalf("second start made a new workspace: %+v vs %+v", again, ws)
	}
	if got, _ := store.Get(secrets.WorkspaceAccessKey(ws.ID)); got != access {
		t.Fatal("second start replaced a working access key")
	}
	for _, f := range []string{"desk.db", "local-server.db"} {
		if _, err := os.Stat(filepath.Join(home, f)); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCreateListDeleteThroughTheCache(t *testing.T) {
	home, store, rec := t.TempDir(), secrets.NewMemory(), &recorder{}
	ctx := context.Background()
	d := open(t, home, store, rec)
	defer d.Close()
	ws := localWorkspace(t, d)

	days := 30
	created, err := d.CreateKey(ctx, ws.ID, api.CreateKeyRequest{Name: "CI deploy", ExpiresInDays: api.Some(&days)})
	if err != nil {
		t.Fatal(err)
	}
	cached, err := d.Keys(ctx, ws.ID)
	if err != nil {
		t.Fatal(err)
	}
	var found *desk.CachedKey
	for i := range cached {
		if cached[i].ID == created.Key.ID {
			found = &cached[i]
		}
	}
	if found == nil || found.MaskedKey != created.Key.MaskedKey || found.Name != "CI deploy" || found.ExpiresAt == nil {
		t.Fatalf("cache after create = %+v", cached)
	}
	if rec.count(desk.EventKeysChanged) == 0 || rec.count(desk.EventSyncDone) == 0 {
		t.Fatalf("events = %v", rec.events)
	}
	c, _ := client.New(d.LocalURL(), "")
	if v, err := c.Verify(ctx, created.Secret); err != nil || !v.Valid {
		t.Fatalf("verify = %+v, %v", v, err)
	}

	if err := d.DeleteKey(ctx, ws.ID, created.Key.ID); err != nil {
		t.Fatal(err)
	}
	cached, _ = d.Keys(ctx, ws.ID)
	for _, k := range cached {
		if k.ID == created.Key.ID {
			t.Fatal("deleted key still cached")
		}
	}
	if v, _ := c.Verify(ctx, created.Secret); v.Valid {
		t.Fatal("deleted key still verifies")
	}
	if err := d.DeleteKey(ctx, ws.ID, ws.AccessKeyID); !errors.Is(err, desk.ErrOwnAccessKey) {
		t.Fatalf("deleting the desktop's own key: %v", err)
	}
	access, _ := store.Get(secrets.WorkspaceAccessKey(ws.ID))
	d.Close()
	for _, f := range []string{"desk.db", "desk.db-wal", "local-server.db", "local-server.db-wal"} {
		data, err := os.ReadFile(filepath.Join(home, f))
		if err != nil {
			continue
		}
		for _, s := range []string{created.Secret, access} {
			if bytes.Contains(data, []byte(s[3:30])) {
				t.Fatalf("%s holds a secret", f)
			}
		}
	}
	for _, data := range rec.data {
		if b, _ := json.Marshal(data); bytes.Contains(b, []byte(created.Secret[3:30])) {
			t.Fatal("an event carries the secret")
		}
	}
}

// withKey opens a desk on home with a memory keychain and creates a key in
// its Local workspace.
func withKey(t *testing.T, home string) (*desk.Desk, desk.WorkspaceView, api.CreatedKey) {
	t.Helper()
	d := open(t, home, secrets.NewMemory(), nil)
	ws := localWorkspace(t, d)
	created, err := d.CreateKey(context.Background(), ws.ID, api.CreateKeyRequest{Name: "kept"})
	if err != nil {
		t.Fatal(err)
	}
	return d, ws, created
}

func TestLostKeychainEntryIsReplaced(t *testing.T) {
	home := t.TempDir()
	ctx := context.Background()
	d, ws, created := withKey(t, home)
	before, _ := d.Keys(ctx, ws.ID)
	d.Close()

	// A fresh keychain (memory backend after a restart, a locked file) has
	// no access key: the same key gets a new secret, so its ID and the
	// table's "this app" row stay, and no key piles up.
	store := secrets.NewMemory()
	d = open(t, home, store, nil)
	defer d.Close()
	again := localWorkspace(t, d)
	if again.ID != ws.ID || again.AccessKeyID != ws.AccessKeyID {
		t.Fatalf("after losing the key: %+v", again)
	}
	if _, err := store.Get(secrets.WorkspaceAccessKey(ws.ID)); err != nil {
		t.Fatalf("the new secret is not in the keychain: %v", err)
	}
	if err := d.Sync(ctx, ws.ID); err != nil {
		t.Fatalf("sync with the new secret: %v", err)
	}
	cached, _ := d.Keys(ctx, ws.ID)
	ids := map[string]bool{}
	for _, k := range cached {
		ids[k.ID] = true
	}
	if !ids[created.Key.ID] || !ids[ws.AccessKeyID] || len(cached) != len(before) {
		t.Fatalf("keys after the new secret = %v (before %d)", ids, len(before))
	}
}

// Secrets kept in memory are gone after a restart: the keys they belonged
// to are no longer shown as remembered, though the table still lists them.
func TestRememberedInMemoryOnlyUntilRestart(t *testing.T) {
	home := t.TempDir()
	ctx := context.Background()
	d, ws, created := withKey(t, home)
	if err := d.Remember(ctx, ws.ID, created.Key.ID, created.Secret); err != nil {
		t.Fatal(err)
	}
	if got, _ := d.RememberedKeys(ctx, ws.ID); !got[created.Key.ID] {
		t.Fatalf("remembered = %v", got)
	}
	d.Close()

	d = open(t, home, secrets.NewMemory(), nil)
	defer d.Close()
	if got, _ := d.RememberedKeys(ctx, ws.ID); got[created.Key.ID] {
		t.Fatalf("after a restart with a memory keychain, remembered = %v", got)
	}
}

func TestLocalServerTakesTheNextFreePort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	d, err := desk.Open(context.Background(), desk.Options{Home: t.TempDir(), Secrets: secrets.NewMemory(), LocalAddr: ln.Addr().String()})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if d.LocalURL() == "http://"+ln.Addr().String() {
		t.Fatal("embedded server shares a taken port")
	}
	c, _ := client.New(d.LocalURL(), "")
	if _, err := c.Health(context.Background()); err != nil {
		t.Fatal(err)
	}
}
