package server_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/driver/postgres"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/client"
	"github.com/keydesk/keydesk/backend/server"
)

// TestNoVerificationSucceedsAfterDisableReturns hammers verify from many
// goroutines while a key is disabled: a verification that started after
// the disable returned must never say valid. On SQLite this runs through
// the verify cache, on PostgreSQL through the database.
func TestNoVerificationSucceedsAfterDisableReturns(t *testing.T) {
	// Every refused verification counts against the address: lift the limit.
	e := newEnvWith(t, server.Options{FailureBurst: 1 << 30, FailuresPerMinute: 1 << 30})
	for round := range 5 {
		created := e.create(e.admin, api.CreateKeyRequest{Name: "hot"})
		probe := startRevocationProbe(t, e.ctx, func(int) *client.Client { return e.client("") }, created.Secret, 16)
		time.Sleep(20 * time.Millisecond) // let the cache fill and the verifiers run
		e.call(e.admin, "PATCH", e.keyPath(created.Key.ID), `{"enabled":false}`, nil)
		probe.disabled()
		deadline := time.Now().Add(10 * time.Second)
		for probe.after.Load() < 200 && time.Now().Before(deadline) && !t.Failed() {
			time.Sleep(time.Millisecond)
		}
		probe.finish()
		if probe.late.Load() != 0 {
			t.Fatalf("round %d: %d of %d verifications after the disable returned said valid", round, probe.late.Load(), probe.after.Load())
		}
	}
}

// revocationProbe verifies one secret from many goroutines, each with a
// client of its own (clientFor), until finish; it counts the
// verifications, those that started after disabled was called, and those
// of them that said valid.
type revocationProbe struct {
	disabledAt            atomic.Int64 // unix nanoseconds; 0 until disabled
	verified, after, late atomic.Int64
	stop                  chan struct{}
	wg                    sync.WaitGroup
}

func startRevocationProbe(tb testing.TB, ctx context.Context, clientFor func(i int) *client.Client, secret string, goroutines int) *revocationProbe {
	p := &revocationProbe{stop: make(chan struct{})}
	for i := range goroutines {
		c := clientFor(i)
		p.wg.Go(func() {
			for {
				select {
				case <-p.stop:
					return
				default:
				}
				started := time.Now().UnixNano()
				v, err := c.Verify(ctx, secret)
				if err != nil {
					tb.Error(err)
					return
				}
				p.verified.Add(1)
				if d := p.disabledAt.Load(); d != 0 && started > d {
					p.after.Add(1)
					if v.Valid {
						p.late.Add(1)
					}
				}
			}
		})
	}
	return p
}

// disabled marks the moment the disable returned.
func (p *revocationProbe) disabled() { p.disabledAt.Store(time.Now().UnixNano()) }

// finish stops the verifications and waits for them.
func (p *revocationProbe) finish() {
	close(p.stop)
	p.wg.Wait()
}

func TestOneServerPerSQLiteDatabase(t *testing.T) {
	dsn, path := testDSN(t)
	if path == "" {
		t.Skip("PostgreSQL is shared by design")
	}
	first, err := server.OpenStore(dsn, postgres.Open, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := first.ClaimSQLite(); err != nil {
		t.Fatal(err)
	}
	second, err := server.OpenStore(dsn, postgres.Open, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	if err := second.ClaimSQLite(); !errors.Is(err, server.ErrDatabaseInUse) {
		t.Fatalf("second claim = %v, want ErrDatabaseInUse", err)
	}
	first.Close()
	if err := second.ClaimSQLite(); err != nil {
		t.Fatalf("claim after the first closed: %v", err)
	}
}

// A program built without the PostgreSQL driver (the desktop) says so for a
// postgres:// database, and opens SQLite as before.
func TestOpenStoreWithoutThePostgresDriver(t *testing.T) {
	_, err := server.OpenStore("postgres://keydesk@localhost/keydesk", nil, nil)
	if err == nil || !strings.Contains(err.Error(), "opens only SQLite databases") {
		t.Fatalf("postgres:// without the driver: %v", err)
	}
	store, err := server.OpenStore("sqlite:"+filepath.Join(t.TempDir(), "k.db"), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	store.Close()
}
