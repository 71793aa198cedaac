//go:build unix

package desk_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/client"
	"github.com/keydesk/keydesk/backend/desk"
	"github.com/keydesk/keydesk/backend/keys"
	"github.com/keydesk/keydesk/backend/secrets"
	"github.com/keydesk/keydesk/backend/server"
)

const crashKeyringPassword = "sync crash test"

// TestKilledSyncLeavesTheOldOrTheNewCache kills (SIGKILL) a process that
// syncs thousands of changes into desk.db — while it fetches, while it
// writes, and after it wrote — and checks that the cache it leaves is
// entirely the old state or entirely the new one (cursor and keys
// together), and that the next sync makes it mirror the server.
func TestKilledSyncLeavesTheOldOrTheNewCache(t *testing.T) {
	r := startRemote(t)
	ctx := context.Background()
	insertKeys(t, r, 500)
	home := t.TempDir()
	wsID := strings.TrimSpace(runSyncChild(t, home, "add", r.url(), r.admin))
	oldKeys, oldRev := serverKeys(t, r)

	// What the killed syncs bring: thousands of new keys, edits, deletions.
	insertKeys(t, r, 3000)
	c := r.client()
	// Never the admin key: the test and the desk both sign in with it.
	who, err := c.WhoAmI(ctx)
	if err != nil {
		t.Fatal(err)
	}
	off, i := false, 0
	for id := range oldKeys {
		if id == who.KeyID {
			continue
		}
		if i++; i > 150 {
			break
		}
		if i%3 == 0 {
			c.DeleteKey(ctx, r.ws, id)
		} else {
			c.PatchKey(ctx, r.ws, id, api.PatchKeyRequest{Enabled: &off})
		}
	}
	newKeys, newRev := serverKeys(t, r)

	for _, when := range []string{"while fetching", "while writing", "after writing"} {
		t.Run(when, func(t *testing.T) {
			dir := copyDir(t, home)
			cmd, lines := startSyncChild(t, dir, wsID)
			wal := filepath.Join(dir, "desk.db-wal")
			waitFor(t, lines, "READY")
			switch when {
			case "while fetching":
				waitFor(t, lines, "EVENT "+desk.EventSyncProgress)
			case "while writing":
				// The first write to the WAL after READY is the sync's
				// transaction: kill as soon as it shows.
				start := fileState(wal)
				for fileState(wal) == start {
					time.Sleep(50 * time.Microsecond)
				}
			case "after writing":
				waitFor(t, lines, "SYNCED")
			}
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()

			d := openCrashDesk(t, dir)
			defer d.Close()
			view, err := d.Workspace(ctx, wsID)
			if err != nil {
				t.Fatal(err)
			}
			cached, _ := d.Keys(ctx, wsID)
			got := map[string]int64{}
			for _, k := range cached {
				got[k.ID] = k.Revision
			}
			switch {
			case view.Cursor == oldRev && sameKeys(got, oldKeys):
				t.Logf("killed %s: the old state (%d keys at revision %d)", when, len(got), oldRev)
			case view.Cursor == newRev && sameKeys(got, newKeys):
				t.Logf("killed %s: the new state (%d keys at revision %d)", when, len(got), newRev)
			default:
				t.Fatalf("killed %s: cursor %d with %d keys: neither the old state (%d keys at %d) nor the new (%d keys at %d)",
					when, view.Cursor, len(got), len(oldKeys), oldRev, len(newKeys), newRev)
			}
			if when == "after writing" && view.Cursor != newRev {
				t.Fatal("a sync that reported success was lost")
			}
			if err := d.Sync(ctx, wsID); err != nil {
				t.Fatal(err)
			}
			assertMirrorAll(t, d, wsID, r)
		})
	}
}

// TestSyncChild is the process TestKilledSyncLeavesTheOldOrTheNewCache
// kills: it opens a desk on KEYDESK_TEST_SYNC_HOME and either adds a
// workspace or syncs one, printing what it does.
func TestSyncChild(t *testing.T) {
	home := os.Getenv("KEYDESK_TEST_SYNC_HOME")
	if home == "" {
		t.Skip("run by TestKilledSyncLeavesTheOldOrTheNewCache in a child process")
	}
	d := openCrashDesk(t, home)
	ctx := context.Background()
	switch os.Getenv("KEYDESK_TEST_SYNC_MODE") {
	case "add":
		ws, err := d.AddWorkspace(ctx, desk.Connection{ServerURL: os.Getenv("KEYDESK_TEST_SYNC_SERVER"), AccessKey: os.Getenv("KEYDESK_TEST_SYNC_KEY")})
		if err != nil {
			t.Fatal(err)
		}
		d.Close()
		fmt.Println(ws.ID)
	case "sync":
		fmt.Println("READY")
		if err := d.Sync(ctx, os.Getenv("KEYDESK_TEST_SYNC_WORKSPACE")); err != nil {
			t.Fatal(err)
		}
		fmt.Println("SYNCED")
		io.Copy(io.Discard, os.Stdin) // until killed
	}
}

type printEvents struct{}

func (printEvents) Emit(event string, _ any) { fmt.Println("EVENT " + event) }

// openCrashDesk opens a desk whose secrets live in the encrypted file, so
// that every process of the test finds the access key.
func openCrashDesk(t *testing.T, home string) *desk.Desk {
	t.Helper()
	store, info := secrets.Open(secrets.Config{Dir: home, Backend: "file", Password: crashKeyringPassword})
	if !info.Persistent {
		t.Fatal(info.Problem)
	}
	d, err := desk.Open(context.Background(), desk.Options{Home: home, Secrets: store, SecretsInfo: info, Emitter: printEvents{}, LocalAddr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func syncChild(t *testing.T, home, mode string, env ...string) *exec.Cmd {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^TestSyncChild$")
	cmd.Env = append(os.Environ(), append(env, "KEYDESK_TEST_SYNC_HOME="+home, "KEYDESK_TEST_SYNC_MODE="+mode)...)
	return cmd
}

func runSyncChild(t *testing.T, home, mode, serverURL, key string) string {
	t.Helper()
	cmd := syncChild(t, home, mode, "KEYDESK_TEST_SYNC_SERVER="+serverURL, "KEYDESK_TEST_SYNC_KEY="+key)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child %s: %v\n%s", mode, err, out)
	}
	// The child prints the id as the last line before the test's PASS.
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "wsl_") {
			return line
		}
	}
	t.Fatalf("child %s printed no workspace id:\n%s", mode, out)
	return ""
}

func startSyncChild(t *testing.T, home, wsID string) (*exec.Cmd, <-chan string) {
	t.Helper()
	cmd := syncChild(t, home, "sync", "KEYDESK_TEST_SYNC_WORKSPACE="+wsID)
	stdout, _ := cmd.StdoutPipe()
	stdin, _ := cmd.StdinPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stdin.Close(); cmd.Process.Kill(); cmd.Wait() })
	lines := make(chan string, 1024)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	return cmd, lines
}

func waitFor(t *testing.T, lines <-chan string, prefix string) {
	t.Helper()
	timeout := time.After(30 * time.Second)
	for {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatalf("the child ended before %q", prefix)
			}
			if strings.HasPrefix(line, prefix) {
				return
			}
		case <-timeout:
			t.Fatalf("no %q from the child", prefix)
		}
	}
}

// fileState changes with every write to the file.
func fileState(path string) string {
	fi, err := os.Stat(path)
	if err != nil {
		return "none"
	}
	return fmt.Sprint(fi.Size(), fi.ModTime().UnixNano())
}

func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if fi.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), fi.Mode().Perm())
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, fi.Mode().Perm())
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// insertKeys adds n keys to the remote workspace in one transaction, as
// fast as a test needs thousands.
func insertKeys(t *testing.T, r *remote, n int) {
	t.Helper()
	err := r.srv.Store().Update(context.Background(), r.ws, time.Now(), server.Actor{}, func(w *server.WorkspaceTx) error {
		for i := 0; i < n; i++ {
			secret, err := keys.NewSecret("kd", nil)
			if err != nil {
				return err
			}
			id, err := keys.NewID("key", nil)
			if err != nil {
				return err
			}
			k := server.Key{ID: id, Name: fmt.Sprintf("bulk %d", i), Role: keys.RoleAPI, Enabled: true, Hash: keys.Hash(secret), MaskedKey: keys.Mask(secret)}
			if err := w.InsertKey(&k); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// serverKeys is every key of the remote workspace (id → revision) and the
// workspace's revision.
func serverKeys(t *testing.T, r *remote) (map[string]int64, int64) {
	t.Helper()
	out := map[string]int64{}
	var rev int64
	for page := 0; ; page++ {
		l, err := r.client().ListKeys(context.Background(), r.ws, client.ListParams{PageIndex: page, PageSize: 1000, Sort: "id"})
		if err != nil {
			t.Fatal(err)
		}
		if page == 0 {
			rev = l.Revision
		}
		for _, k := range l.Items {
			out[k.ID] = k.Revision
		}
		if len(l.Items) < 1000 {
			return out, rev
		}
	}
}

func sameKeys(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for id, rev := range a {
		if b[id] != rev {
			return false
		}
	}
	return true
}

// assertMirrorAll is assertMirror for workspaces of more than one page.
func assertMirrorAll(t *testing.T, d *desk.Desk, wsID string, r *remote) {
	t.Helper()
	want, _ := serverKeys(t, r)
	cached, _ := d.Keys(context.Background(), wsID)
	got := map[string]int64{}
	for _, k := range cached {
		got[k.ID] = k.Revision
	}
	if !sameKeys(got, want) {
		t.Fatalf("after the next sync the cache has %d keys, the server %d", len(got), len(want))
	}
}
