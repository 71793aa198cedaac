package server_test

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/keydesk/keydesk/backend/api"
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
		c := e.client("")
		var disabledAt atomic.Int64 // unix nanoseconds; 0 until the disable returned
		var late, checked atomic.Int64
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for range 16 {
			wg.Go(func() {
				for {
					select {
					case <-stop:
						return
					default:
					}
					started := time.Now().UnixNano()
					v, err := c.Verify(e.ctx, created.Secret)
					if err != nil {
						t.Error(err)
						return
					}
					if d := disabledAt.Load(); d != 0 && started > d {
						checked.Add(1)
						if v.Valid {
							late.Add(1)
						}
					}
				}
			})
		}
		time.Sleep(20 * time.Millisecond) // let the cache fill and the verifiers run
		e.call(e.admin, "PATCH", e.keyPath(created.Key.ID), `{"enabled":false}`, nil)
		disabledAt.Store(time.Now().UnixNano())
		deadline := time.Now().Add(10 * time.Second)
		for checked.Load() < 200 && time.Now().Before(deadline) && !t.Failed() {
			time.Sleep(time.Millisecond)
		}
		close(stop)
		wg.Wait()
		if late.Load() != 0 {
			t.Fatalf("round %d: %d of %d verifications after the disable returned said valid", round, late.Load(), checked.Load())
		}
	}
}

func TestOneServerPerSQLiteDatabase(t *testing.T) {
	dsn, path := testDSN(t)
	if path == "" {
		t.Skip("PostgreSQL is shared by design")
	}
	first, err := server.OpenStore(dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := first.ClaimSQLite(); err != nil {
		t.Fatal(err)
	}
	second, err := server.OpenStore(dsn, nil)
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
