package server_test

// Macro benchmarks for `make bench` (scripts/bench.sh runs them with
// -benchtime=1x -count=5 and takes medians). Each reports its figures as
// metrics; the ones with a target are checked in the table benchtable
// prints.

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/driver/postgres"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/client"
	"github.com/keydesk/keydesk/backend/server"
	"github.com/keydesk/keydesk/backend/server/servertest"
)

// benchServer is a server on a claimed SQLite database (as `keydesk serve`
// runs it) behind a real loopback listener.
type benchServer struct {
	store *server.Store
	srv   *server.Server
	http  *httptest.Server
	ws    string
	admin string
}

func newBenchServer(b *testing.B, dsn string) *benchServer {
	b.Helper()
	s := newBenchServerOn(b, dsn)
	ws, admin, err := s.srv.CreateWorkspace(context.Background(), "Bench", "admin")
	if err != nil {
		b.Fatal(err)
	}
	s.ws, s.admin = ws.ID, admin.Secret
	return s
}

func sqliteDSN(b *testing.B) string {
	return "sqlite:" + filepath.Join(b.TempDir(), "bench.db")
}

// wrkResult is what one wrk run measured.
type wrkResult struct {
	rps   float64
	p99ms float64
}

var (
	wrkRPS = regexp.MustCompile(`Requests/sec:\s+([\d.]+)`)
	wrkP99 = regexp.MustCompile(`\s99%\s+([\d.]+)(us|ms|s)`)
)

// runWrk posts body to url at concurrency 32 for d with wrk (Debian's).
func runWrk(b *testing.B, url, body string, d time.Duration) wrkResult {
	b.Helper()
	script := filepath.Join(b.TempDir(), "post.lua")
	lua := fmt.Sprintf("wrk.method = \"POST\"\nwrk.body = %q\nwrk.headers[\"Content-Type\"] = \"application/json\"\n", body)
	if err := os.WriteFile(script, []byte(lua), 0o600); err != nil {
		b.Fatal(err)
	}
	out, err := exec.Command("wrk", "-t2", "-c32", fmt.Sprintf("-d%ds", int(d.Seconds())), "--latency", "-s", script, url).CombinedOutput()
	if err != nil {
		b.Fatalf("wrk: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "Non-2xx") {
		b.Fatalf("wrk saw errors:\n%s", out)
	}
	rps := wrkRPS.FindStringSubmatch(string(out))
	p99 := wrkP99.FindStringSubmatch(string(out))
	if rps == nil || p99 == nil {
		b.Fatalf("cannot read wrk's output:\n%s", out)
	}
	r := wrkResult{}
	r.rps, _ = strconv.ParseFloat(rps[1], 64)
	r.p99ms, _ = strconv.ParseFloat(p99[1], 64)
	switch p99[2] {
	case "us":
		r.p99ms /= 1000
	case "s":
		r.p99ms *= 1000
	}
	return r
}

// BenchmarkVerifyHTTP compares POST /v1/keys/verify with a bare net/http
// handler answering a fixed 200 JSON, with the same load generator in the
// same run.
func BenchmarkVerifyHTTP(b *testing.B) {
	if _, err := exec.LookPath("wrk"); err != nil {
		b.Skip("wrk is not installed (apt-get install wrk)")
	}
	s := newBenchServer(b, sqliteDSN(b))
	created, err := s.srv.IssueKey(context.Background(), s.ws, api.CreateKeyRequest{Name: "hot"}, server.Actor{})
	if err != nil {
		b.Fatal(err)
	}
	fixed := []byte(`{"valid":true,"keyId":"key_000000000000","workspaceId":"ws_000000000000","role":"api"}` + "\n")
	bare := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(fixed)
	}))
	defer bare.Close()
	body := `{"key":"` + created.Secret + `"}`
	const d = 4 * time.Second
	var base, verify wrkResult
	for range b.N {
		base = runWrk(b, bare.URL, body, d)
		verify = runWrk(b, s.http.URL+"/v1/keys/verify", body, d)
	}
	b.ReportMetric(verify.rps, "verify-req/s")
	b.ReportMetric(verify.p99ms, "verify-p99-ms")
	b.ReportMetric(base.rps, "bare-req/s")
	b.ReportMetric(base.p99ms, "bare-p99-ms")
	b.ReportMetric(verify.rps/base.rps, "rps-ratio")
	b.ReportMetric(verify.p99ms/base.p99ms, "p99-ratio")
}

// BenchmarkCreateHTTP creates keys one after another over HTTP.
func BenchmarkCreateHTTP(b *testing.B) {
	s := newBenchServer(b, sqliteDSN(b))
	c, _ := client.New(s.http.URL, s.admin)
	ctx := context.Background()
	const n = 2000
	for range b.N {
		start := time.Now()
		for i := range n {
			if _, err := c.CreateKey(ctx, s.ws, api.CreateKeyRequest{Name: "key " + strconv.Itoa(i)}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(n/time.Since(start).Seconds(), "keys/s")
	}
}

// seeded100k is a database file with a workspace of 100,000 keys, made once
// per process and copied for each run.
var seeded100k struct {
	once     sync.Once
	path, ws string
	admin    string
	err      error
}

const bigWorkspace = 100_000

func big100k(b *testing.B) *benchServer {
	b.Helper()
	seeded100k.once.Do(func() {
		dir, err := os.MkdirTemp("", "keydesk-bench-")
		if err != nil {
			seeded100k.err = err
			return
		}
		seeded100k.path = filepath.Join(dir, "seed.db")
		store, err := server.OpenStore("sqlite:"+seeded100k.path, nil, nil)
		if err != nil {
			seeded100k.err = err
			return
		}
		defer store.Close()
		ws, admin, err := server.New(store, server.Options{}).CreateWorkspace(context.Background(), "Big", "admin")
		if err != nil {
			seeded100k.err = err
			return
		}
		seeded100k.ws, seeded100k.admin = ws.ID, admin.Secret
		seeded100k.err = servertest.SeedKeys(context.Background(), store, ws.ID, bigWorkspace, time.Now())
	})
	if seeded100k.err != nil {
		b.Fatal(seeded100k.err)
	}
	path := filepath.Join(b.TempDir(), "big.db")
	copyFile(b, seeded100k.path, path)
	s := newBenchServerOn(b, "sqlite:"+path)
	s.ws, s.admin = seeded100k.ws, seeded100k.admin
	return s
}

// newBenchServerOn serves an existing database; failed verifications are
// not limited, since benchmarks send them on purpose.
func newBenchServerOn(b *testing.B, dsn string) *benchServer {
	b.Helper()
	store, err := server.OpenStore(dsn, postgres.Open, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	if err := store.ClaimSQLite(); err != nil {
		b.Fatal(err)
	}
	srv := server.New(store, server.Options{FailureBurst: 1 << 30, FailuresPerMinute: 1 << 30})
	hs := httptest.NewServer(srv.Handler())
	b.Cleanup(hs.Close)
	return &benchServer{store: store, srv: srv, http: hs}
}

func copyFile(b *testing.B, from, to string) {
	b.Helper()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		src, err := os.Open(from + suffix)
		if err != nil {
			continue
		}
		dst, err := os.Create(to + suffix)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.Copy(dst, bufio.NewReader(src)); err != nil {
			b.Fatal(err)
		}
		src.Close()
		dst.Close()
	}
}

// BenchmarkList100k lists a page of 50 keys, filtered by status and name
// and sorted by expiry, out of a workspace of 100,000.
func BenchmarkList100k(b *testing.B) {
	s := big100k(b)
	c, _ := client.New(s.http.URL, s.admin)
	ctx := context.Background()
	queries := []client.ListParams{
		{PageSize: 50, Status: "active", Query: "service-01", Sort: "-expiresAt"},
		{PageSize: 50, Status: "active", Sort: "name"},
		{PageSize: 50, Status: "expired", Sort: "-createdAt", PageIndex: 3},
		{PageSize: 50, Query: "service-099", Sort: "lastUsedAt"},
	}
	for range b.N {
		var times []time.Duration
		for i := range 200 {
			start := time.Now()
			page, err := c.ListKeys(ctx, s.ws, queries[i%len(queries)])
			if err != nil {
				b.Fatal(err)
			}
			if len(page.Items) == 0 {
				b.Fatalf("query %+v found nothing", queries[i%len(queries)])
			}
			times = append(times, time.Since(start))
		}
		sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
		b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
		b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
	}
}

// BenchmarkRevocation disables a key while 32 clients verify it as fast as
// they can, on every replica given: a verification that starts after the
// disable returned must never succeed. With KEYDESK_BENCH_POSTGRES it runs
// on two servers sharing PostgreSQL, else on one SQLite server (through its
// verify cache).
func BenchmarkRevocation(b *testing.B) {
	var urls []string
	var admin, ws string
	if dsn := os.Getenv("KEYDESK_BENCH_POSTGRES"); dsn != "" {
		for i := range 2 {
			store, err := server.OpenStore(dsn, postgres.Open, nil)
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { store.Close() })
			srv := server.New(store, server.Options{FailureBurst: 1 << 30, FailuresPerMinute: 1 << 30})
			if i == 0 {
				w, created, err := srv.CreateWorkspace(context.Background(), "Revocation", "admin")
				if err != nil {
					b.Fatal(err)
				}
				ws, admin = w.ID, created.Secret
			}
			hs := httptest.NewServer(srv.Handler())
			b.Cleanup(hs.Close)
			urls = append(urls, hs.URL)
		}
	} else {
		s := newBenchServer(b, sqliteDSN(b))
		urls, admin, ws = []string{s.http.URL}, s.admin, s.ws
	}
	ctx := context.Background()
	adminClient, _ := client.New(urls[0], admin)
	clientFor := func(i int) *client.Client {
		c, _ := client.New(urls[i%len(urls)], "")
		return c
	}
	var after, late int64
	for range b.N {
		for range 20 {
			created, err := adminClient.CreateKey(ctx, ws, api.CreateKeyRequest{Name: "revoked"})
			if err != nil {
				b.Fatal(err)
			}
			probe := startRevocationProbe(b, ctx, clientFor, created.Secret, 32)
			time.Sleep(50 * time.Millisecond)
			off := false
			if _, err := adminClient.PatchKey(ctx, ws, created.Key.ID, api.PatchKeyRequest{Enabled: &off}); err != nil {
				b.Fatal(err)
			}
			probe.disabled()
			time.Sleep(50 * time.Millisecond)
			probe.finish()
			after += probe.after.Load()
			late += probe.late.Load()
		}
	}
	b.ReportMetric(float64(len(urls)), "replicas")
	b.ReportMetric(float64(after), "verifies-after-disable")
	b.ReportMetric(float64(late), "successes-after-disable")
}
