package desk_test

// Benchmarks for `make bench` (scripts/bench.sh runs them with
// -benchtime=1x -count=5): sync and the reminder scan against a workspace
// of 100,000 keys on a real server over loopback.

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/keydesk/keydesk/backend/desk"
	"github.com/keydesk/keydesk/backend/secrets"
	"github.com/keydesk/keydesk/backend/server"
	"github.com/keydesk/keydesk/backend/server/servertest"
)

const bigWorkspace = 100_000

// bigRemote is one server with 100,000 keys for the whole process.
var bigRemote struct {
	once  sync.Once
	url   string
	admin string
	err   error
}

func startBigRemote(b *testing.B) (url, admin string) {
	b.Helper()
	bigRemote.once.Do(func() {
		dir, err := os.MkdirTemp("", "keydesk-bench-")
		if err != nil {
			bigRemote.err = err
			return
		}
		store, err := server.OpenStore("sqlite:"+filepath.Join(dir, "big.db"), nil, nil)
		if err != nil {
			bigRemote.err = err
			return
		}
		if err := store.ClaimSQLite(); err != nil {
			bigRemote.err = err
			return
		}
		srv := server.New(store, server.Options{})
		ws, created, err := srv.CreateWorkspace(context.Background(), "Big", "admin")
		if err != nil {
			bigRemote.err = err
			return
		}
		if bigRemote.err = servertest.SeedKeys(context.Background(), store, ws.ID, bigWorkspace, time.Now()); bigRemote.err != nil {
			return
		}
		// Left running for the benchmarks that follow in this process.
		bigRemote.url, bigRemote.admin = httptest.NewServer(srv.Handler()).URL, created.Secret
	})
	if bigRemote.err != nil {
		b.Fatal(bigRemote.err)
	}
	return bigRemote.url, bigRemote.admin
}

// syncedDesk is a fresh desk that has added the big workspace: the add
// is its full sync, timed.
func syncedDesk(b *testing.B) (*desk.Desk, string, time.Duration) {
	b.Helper()
	url, admin := startBigRemote(b)
	d, err := desk.Open(context.Background(), desk.Options{Home: b.TempDir(), Secrets: secrets.NewMemory(), LocalAddr: "127.0.0.1:0"})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { d.Close() })
	start := time.Now()
	ws, err := d.AddWorkspace(context.Background(), desk.Connection{ServerURL: url, AccessKey: admin})
	took := time.Since(start)
	if err != nil {
		b.Fatal(err)
	}
	if ws.KeyCount != bigWorkspace+1 || ws.LastError != "" {
		b.Fatalf("after the full sync: %d keys cached, error %q", ws.KeyCount, ws.LastError)
	}
	return d, ws.ID, took
}

func BenchmarkFullSync100k(b *testing.B) {
	for range b.N {
		_, _, took := syncedDesk(b)
		b.ReportMetric(took.Seconds(), "s")
	}
}

func BenchmarkIncrementalSync100k(b *testing.B) {
	d, ws, _ := syncedDesk(b)
	reportMedian(b, 21, func() error { return d.Sync(context.Background(), ws) })
}

func BenchmarkReminderScan100k(b *testing.B) {
	d, _, _ := syncedDesk(b)
	reportMedian(b, 5, func() error {
		_, err := d.ScanReminders(context.Background())
		return err
	})
}

// reportMedian reports, for each iteration, the median time of n calls.
func reportMedian(b *testing.B, n int, call func() error) {
	for range b.N {
		var times []time.Duration
		for range n {
			start := time.Now()
			if err := call(); err != nil {
				b.Fatal(err)
			}
			times = append(times, time.Since(start))
		}
		b.ReportMetric(medianMs(times), "ms")
	}
}

func medianMs(times []time.Duration) float64 {
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	return float64(times[len(times)/2].Microseconds()) / 1000
}
