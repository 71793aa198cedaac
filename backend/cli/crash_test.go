//go:build unix

package cli_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/glebarez/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/client"
)

// TestKilledServerKeepsEveryAnsweredKey runs up to 640 creates and
// rotations (with overlap) from 32 clients against `keydesk serve` on
// SQLite, kills the server with SIGKILL after 450 answers, with requests in
// flight, and checks the database it leaves: it passes integrity_check, no
// rotation is half-done (a successor without its predecessor's revokesAt,
// or the reverse), every key has its audit event, and after a restart every
// secret a client got a 2xx for verifies.
func TestKilledServerKeepsEveryAnsweredKey(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "k.db")
	out, err := exec.Command(binary, "admin", "create-workspace", "Crash", "--db", "sqlite:"+dbPath, "--json").Output()
	if err != nil {
		t.Fatal(err)
	}
	var ws struct{ WorkspaceID, AdminKey string }
	if err := json.Unmarshal(out, &ws); err != nil {
		t.Fatal(err)
	}
	cmd, url := serveProcess(t, dbPath)
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	admin, _ := client.New(url, ws.AdminKey, client.WithHTTPClient(hc))

	const workers, opsPerWorker, killAfter = 32, 20, 450
	var (
		mu                   sync.Mutex
		answered             []string // secrets a client got a 2xx for
		creates, rotations   atomic.Int64
		done                 atomic.Int64
		killed               = make(chan struct{})
		killOnce             sync.Once
		unexpected           []error
		creates2xx, rotate2x int
	)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx := context.Background()
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			current := "" // the key this client rotates next
			for i := range opsPerWorker {
				var secret, keyID string
				var err error
				if current == "" || rng.IntN(2) == 0 {
					creates.Add(1)
					req := api.CreateKeyRequest{Name: fmt.Sprintf("client %d key %d", w, i), Role: []string{"api", "member"}[rng.IntN(2)]}
					if rng.IntN(2) == 0 {
						d := 30 + rng.IntN(337)
						req.ExpiresInDays = api.Some(&d)
					}
					var created api.CreatedKey
					created, err = admin.CreateKey(ctx, ws.WorkspaceID, req)
					secret, keyID = created.Secret, created.Key.ID
					if err == nil {
						mu.Lock()
						creates2xx++
						mu.Unlock()
					}
				} else {
					rotations.Add(1)
					overlap, auto := 1+rng.IntN(30), rng.IntN(2) == 0
					var rot api.RotatedKey
					rot, err = admin.RotateKey(ctx, ws.WorkspaceID, current, api.RotateRequest{OverlapDays: &overlap, AutoRevoke: &auto})
					secret, keyID = rot.Secret, rot.Key.ID
					if err == nil {
						mu.Lock()
						rotate2x++
						mu.Unlock()
					}
				}
				if err != nil {
					if !errors.Is(err, client.ErrUnreachable) {
						mu.Lock()
						unexpected = append(unexpected, err)
						mu.Unlock()
					}
					select {
					case <-killed: // the server is gone: this client stops
						return
					default:
						if errors.Is(err, client.ErrUnreachable) {
							return
						}
						continue
					}
				}
				mu.Lock()
				answered = append(answered, secret)
				mu.Unlock()
				current = keyID
				if done.Add(1) == killAfter {
					killOnce.Do(func() {
						cmd.Process.Signal(syscall.SIGKILL)
						close(killed)
					})
				}
			}
		}()
	}
	wg.Wait()
	cmd.Wait()
	select {
	case <-killed:
	default:
		t.Fatal("the clients finished before the kill")
	}
	for _, err := range unexpected {
		// Answers the server gave before it died: none may be an error.
		var ce *client.Error
		if errors.As(err, &ce) {
			t.Errorf("an answer before the kill was an error: %v", err)
		}
	}

	// The database as the kill left it.
	db, err := gorm.Open(sqlite.Open(dbPath), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	var integrity string
	db.Raw("PRAGMA integrity_check").Scan(&integrity)
	if integrity != "ok" {
		t.Fatalf("integrity_check: %s", integrity)
	}
	checks := map[string]string{
		"successors whose predecessor has no revokesAt": `SELECT COUNT(*) FROM keys s WHERE s.rotated_from <> ''
			AND NOT EXISTS (SELECT 1 FROM keys p WHERE p.id = s.rotated_from AND p.revokes_at IS NOT NULL)`,
		"predecessors with revokesAt but no successor": `SELECT COUNT(*) FROM keys p WHERE p.revokes_at IS NOT NULL
			AND NOT EXISTS (SELECT 1 FROM keys s WHERE s.rotated_from = p.id)`,
		"keys without their audit event": `SELECT COUNT(*) FROM keys k WHERE NOT EXISTS
			(SELECT 1 FROM audit_events a WHERE (a.action = 'key.created' AND a.target_key_id = k.id) OR (a.action = 'key.rotated' AND a.target_id = k.id))`,
		"keys with a revision past the workspace's": `SELECT COUNT(*) FROM keys k JOIN workspaces w ON w.id = k.workspace_id WHERE k.revision > w.revision`,
	}
	for what, query := range checks {
		var n int64
		if err := db.Raw(query).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%d %s", n, what)
		}
	}
	var stored int64
	db.Raw("SELECT COUNT(*) FROM keys").Scan(&stored)
	if sqlDB, err := db.DB(); err == nil {
		sqlDB.Close()
	}

	// Restarted on the same database, every answered secret verifies.
	cmd, url = serveProcess(t, dbPath)
	anon, _ := client.New(url, "", client.WithHTTPClient(hc))
	var verified atomic.Int64
	sem := make(chan struct{}, 16)
	var vg sync.WaitGroup
	for _, secret := range answered {
		vg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; vg.Done() }()
			v, err := anon.Verify(context.Background(), secret)
			if err != nil || !v.Valid {
				t.Errorf("a secret answered before the kill does not verify after the restart: %+v, %v", v, err)
				return
			}
			verified.Add(1)
		}()
	}
	vg.Wait()
	t.Logf("issued %d creates and %d rotations; %d creates and %d rotations answered 2xx before the kill; %d keys stored; %d of %d answered secrets verify after the restart",
		creates.Load(), rotations.Load(), creates2xx, rotate2x, stored, verified.Load(), len(answered))
}

// serveProcess starts `keydesk serve` on a SQLite file and returns it with
// its URL; the test kills or stops it.
func serveProcess(t *testing.T, dbPath string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(binary, "serve", "--addr", "127.0.0.1:0", "--db", "sqlite:"+dbPath)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd, waitForURL(t, stderr)
}
