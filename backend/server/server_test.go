package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/client"
	"github.com/keydesk/keydesk/backend/keys"
	"github.com/keydesk/keydesk/backend/server"
)

// fakeClock is a settable clock shared by a test and its server.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

type env struct {
	t      *testing.T
	srv    *server.Server
	url    string
	dsn    string
	dbPath string
	clock  *fakeClock
	ws     string
	admin  string // admin secret
	ctx    context.Context
}

// TestMain migrates a shared PostgreSQL database once, before tests open
// it in parallel.
// Opening a store migrates it, which is slow on PostgreSQL: the tests share
// one store there (each still works in workspaces of its own).
var sharedPostgres *server.Store

func TestMain(m *testing.M) {
	if pg := os.Getenv("KEYDESK_TEST_POSTGRES"); pg != "" {
		var err error
		if sharedPostgres, err = server.OpenStore(pg, postgres.Open, nil); err != nil {
			panic(err)
		}
	}
	code := m.Run()
	if sharedPostgres != nil {
		sharedPostgres.Close()
	}
	os.Exit(code)
}

// testDSN lets the suite run against PostgreSQL when KEYDESK_TEST_POSTGRES
// names a database; every test then uses its own workspaces, so tests can
// share it.
func testDSN(t *testing.T) (dsn, path string) {
	if pg := os.Getenv("KEYDESK_TEST_POSTGRES"); pg != "" {
		return pg, ""
	}
	path = filepath.Join(t.TempDir(), "server.db")
	return "sqlite:" + path, path
}

func newEnv(t *testing.T) *env {
	t.Helper()
	return newEnvWith(t, server.Options{})
}

// newEnvWith is newEnv with options; its fake clock replaces opts.Now.
func newEnvWith(t *testing.T, opts server.Options) *env {
	t.Helper()
	dsn, path := testDSN(t)
	store := sharedPostgres
	if store == nil {
		var err error
		if store, err = server.OpenStore(dsn, postgres.Open, nil); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { store.Close() })
		// As `keydesk serve` does: the suite runs with the verify cache on
		// SQLite and without it on PostgreSQL.
		if err := store.ClaimSQLite(); err != nil {
			t.Fatal(err)
		}
	}
	clock := &fakeClock{now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	opts.Now = clock.Now
	srv := server.New(store, opts)
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	ctx := context.Background()
	ws, created, err := srv.CreateWorkspace(ctx, "Acme", "First admin")
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, srv: srv, url: hs.URL, dsn: dsn, dbPath: path, clock: clock, ws: ws.ID, admin: created.Secret, ctx: ctx}
}

func (e *env) client(secret string) *client.Client {
	c, err := client.New(e.url, secret)
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

func (e *env) create(secret string, req api.CreateKeyRequest) api.CreatedKey {
	e.t.Helper()
	created, err := e.client(secret).CreateKey(e.ctx, e.ws, req)
	if err != nil {
		e.t.Fatalf("create %q: %v", req.Name, err)
	}
	return created
}

// raw sends a request and decodes the answer, for checks of the wire format.
func (e *env) raw(method, path string, headers map[string]string, body string) (int, http.Header, map[string]any) {
	e.t.Helper()
	req, _ := http.NewRequest(method, e.url+path, strings.NewReader(body))
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var out map[string]any
	_ = json.Unmarshal(data, &out)
	return resp.StatusCode, resp.Header, out
}

func bearer(secret string) map[string]string {
	return map[string]string{"Authorization": "Bearer " + secret}
}

func intp(i int) *int { return &i }

func days(n int) api.Optional[int] { return api.Some(&n) }

func TestHealthz(t *testing.T) {
	e := newEnv(t)
	h, err := e.client("").Health(e.ctx)
	if err != nil || h.Status != "ok" {
		t.Fatalf("health = %+v, %v", h, err)
	}
}

func TestWhoAmIAcceptsBothAuthSchemes(t *testing.T) {
	e := newEnv(t)
	for _, h := range []map[string]string{bearer(e.admin), {"X-API-Key": e.admin}} {
		status, _, body := e.raw("GET", "/v1/whoami", h, "")
		if status != 200 || body["workspaceId"] != e.ws || body["role"] != "admin" || body["workspaceName"] != "Acme" {
			t.Fatalf("whoami with %v = %d %v", h, status, body)
		}
	}
}

// A problem reads as it was written: people see the raw body (curl, the
// desktop's key test), where HTML-escaped JSON turns <prefix> into \u003cprefix\u003e.
func TestProblemBodyIsNotHTMLEscaped(t *testing.T) {
	e := newEnv(t)
	req, _ := http.NewRequest("GET", e.url+"/v1/whoami", nil)
	req.Header.Set("Authorization", "Bearer kd_nope")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(body), "<prefix>_<49 base62") || strings.Contains(string(body), `\u003c`) {
		t.Fatalf("body = %s", body)
	}
}

func TestAuthenticationFailures(t *testing.T) {
	e := newEnv(t)
	other := strings.Replace(e.admin, e.admin[5:9], "AAAA", 1)
	cases := []struct {
		name    string
		headers map[string]string
		status  int
		detail  string
	}{
		{"missing", nil, 401, "an API key is required"},
		{"malformed", bearer("kd_nope"), 401, "malformed"},
		{"checksum", bearer(other), 401, "checksum"},
		{"wrong scheme", map[string]string{"Authorization": "Basic abc"}, 401, "Bearer"},
		{"both schemes", map[string]string{"Authorization": "Bearer " + e.admin, "X-API-Key": e.admin}, 400, "not both"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, hdr, body := e.raw("GET", "/v1/whoami", tc.headers, "")
			if status != tc.status {
				t.Fatalf("status = %d, want %d (%v)", status, tc.status, body)
			}
			if ct := hdr.Get("Content-Type"); ct != "application/problem+json" {
				t.Fatalf("content type %q", ct)
			}
			detail, _ := body["detail"].(string)
			if !strings.Contains(detail, tc.detail) || body["status"] != float64(tc.status) {
				t.Fatalf("problem = %v, want detail containing %q", body, tc.detail)
			}
			if strings.Contains(detail, e.admin[3:]) {
				t.Fatal("problem detail echoes the secret")
			}
		})
	}
}

func TestCreateKeyReturnsSecretOnceAndStoresOnlyItsHash(t *testing.T) {
	e := newEnv(t)
	created := e.create(e.admin, api.CreateKeyRequest{Name: "CI deploy", ExpiresInDays: days(30)})
	k := created.Key
	if !strings.HasPrefix(created.Secret, "kd_") || k.Role != "api" || k.Status != "active" || !k.Enabled {
		t.Fatalf("created = %+v", k)
	}
	if want := e.clock.Now().AddDate(0, 0, 30); k.ExpiresAt == nil || !k.ExpiresAt.Equal(want) {
		t.Fatalf("expiresAt = %v, want %v", k.ExpiresAt, want)
	}
	if !strings.HasPrefix(k.MaskedKey, created.Secret[:7]) || strings.Contains(k.MaskedKey, created.Secret[7:len(created.Secret)-4]) {
		t.Fatalf("masked key %q", k.MaskedKey)
	}
	who, _ := e.client(e.admin).WhoAmI(e.ctx)
	if k.CreatedBy != who.KeyID {
		t.Fatalf("createdBy = %q, want %q", k.CreatedBy, who.KeyID)
	}
	got, err := e.client(e.admin).GetKey(e.ctx, e.ws, k.ID)
	if err != nil || got.Name != "CI deploy" || got.MaskedKey != k.MaskedKey {
		t.Fatalf("get = %+v, %v", got, err)
	}
	raw, _ := json.Marshal(got)
	if bytes.Contains(raw, []byte(created.Secret)) {
		t.Fatal("GET returns the secret")
	}
	v, err := e.client("").Verify(e.ctx, created.Secret)
	if err != nil || !v.Valid || v.KeyID != k.ID || v.WorkspaceID != e.ws || v.Role != "api" {
		t.Fatalf("verify = %+v, %v", v, err)
	}
	assertNotInDatabase(t, e, created.Secret, e.admin)
}

// assertNotInDatabase scans the SQLite files, or every row of every table
// of PostgreSQL, for the secrets.
func assertNotInDatabase(t *testing.T, e *env, secrets ...string) {
	t.Helper()
	if e.dbPath == "" {
		assertNotInPostgres(t, e.dsn, secrets...)
		return
	}
	files, _ := filepath.Glob(e.dbPath + "*") // the database, its WAL and shm
	if len(files) == 0 {
		t.Fatal("no database files to scan")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range secrets {
			if bytes.Contains(data, []byte(s)) || bytes.Contains(data, []byte(s[3:30])) {
				t.Fatalf("%s holds a secret in plaintext", filepath.Base(f))
			}
		}
	}
}

// assertNotInPostgres reads every row of every Keydesk table as text.
func assertNotInPostgres(t *testing.T, dsn string, secrets ...string) {
	t.Helper()
	db, err := gorm.Open(postgres.Open(dsn), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	if sqlDB, err := db.DB(); err == nil {
		defer sqlDB.Close()
	}
	var tables []string
	if err := db.Raw("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").Scan(&tables).Error; err != nil || len(tables) == 0 {
		t.Fatalf("list tables: %v (%d)", err, len(tables))
	}
	for _, table := range tables {
		var rows []string
		if err := db.Raw("SELECT t::text FROM " + table + " t").Scan(&rows).Error; err != nil {
			t.Fatalf("read %s: %v", table, err)
		}
		for _, row := range rows {
			for _, s := range secrets {
				if strings.Contains(row, s[3:30]) {
					t.Fatalf("table %s holds a secret in plaintext", table)
				}
			}
		}
	}
}

func TestCreateKeyValidation(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		name, body string
		status     int
		field      string
		detail     string
	}{
		{"empty name", `{"name":"  "}`, 400, "name", "name must be 1–100 characters, got 0"},
		{"long name", `{"name":"` + strings.Repeat("x", 101) + `"}`, 400, "name", "got 101"},
		{"expiry too long", `{"name":"a","expiresInDays":367}`, 400, "expiresInDays", "expiresInDays must be 1–366 days; got 367"},
		{"expiry zero", `{"name":"a","expiresInDays":0}`, 400, "expiresInDays", "got 0"},
		{"expiry negative", `{"name":"a","expiresInDays":-1}`, 400, "expiresInDays", "got -1"},
		{"expiry wrong type", `{"name":"a","expiresInDays":"30"}`, 400, "expiresInDays", "expiresInDays must be an integer"},
		{"expiry huge", `{"name":"a","expiresInDays":1e40}`, 400, "expiresInDays", "must be an integer"},
		{"bad role", `{"name":"a","role":"root"}`, 400, "role", "role must be one of admin, member, api"},
		{"unknown field", `{"name":"a","secret":"mine"}`, 400, "secret", `unknown field "secret"`},
		{"not json", `{"name":`, 400, "", "not valid JSON"},
		{"array", `[1]`, 400, "", "must be a JSON object"},
		{"two objects", `{"name":"a"}{"name":"b"}`, 400, "", "single JSON object"},
		{"too large", `{"name":"` + strings.Repeat("x", 1<<20) + `"}`, 413, "", "larger than 1 MiB"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := listAll(t, e)
			status, _, body := e.raw("POST", "/v1/workspaces/"+e.ws+"/keys", bearer(e.admin), tc.body)
			if status != tc.status {
				t.Fatalf("status = %d, want %d: %v", status, tc.status, body)
			}
			if f, _ := body["field"].(string); f != tc.field {
				t.Fatalf("field = %q, want %q (%v)", f, tc.field, body)
			}
			if d, _ := body["detail"].(string); !strings.Contains(d, tc.detail) {
				t.Fatalf("detail = %q, want %q", d, tc.detail)
			}
			if after := listAll(t, e); after.Revision != before.Revision || after.Total != before.Total {
				t.Fatalf("a rejected request changed the store: %d→%d keys, revision %d→%d", before.Total, after.Total, before.Revision, after.Revision)
			}
		})
	}
}

func listAll(t *testing.T, e *env) api.KeyList {
	t.Helper()
	l, err := e.client(e.admin).ListKeys(e.ctx, e.ws, client.ListParams{PageSize: 1000})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestRoles(t *testing.T) {
	e := newEnv(t)
	member := e.create(e.admin, api.CreateKeyRequest{Name: "reader", Role: "member"}).Secret
	apiKey := e.create(e.admin, api.CreateKeyRequest{Name: "service"}).Secret
	_, otherAdmin, err := e.srv.CreateWorkspace(e.ctx, "Other", "admin")
	if err != nil {
		t.Fatal(err)
	}
	target := e.create(e.admin, api.CreateKeyRequest{Name: "target"}).Key.ID
	keysPath := "/v1/workspaces/" + e.ws + "/keys"
	type call struct{ method, path, body string }
	calls := map[string]call{
		"whoami": {"GET", "/v1/whoami", ""},
		"list":   {"GET", keysPath, ""},
		"get":    {"GET", keysPath + "/" + target, ""},
		"create": {"POST", keysPath, `{"name":"x"}`},
		"delete": {"DELETE", keysPath + "/nope", ""},
	}
	want := map[string]map[string]int{
		"admin":  {"whoami": 200, "list": 200, "get": 200, "create": 201, "delete": 404},
		"member": {"whoami": 200, "list": 200, "get": 200, "create": 403, "delete": 403},
		"api":    {"whoami": 200, "list": 403, "get": 403, "create": 403, "delete": 403},
		"other":  {"whoami": 200, "list": 403, "get": 403, "create": 403, "delete": 403},
		"none":   {"whoami": 401, "list": 401, "get": 401, "create": 401, "delete": 401},
	}
	secrets := map[string]string{"admin": e.admin, "member": member, "api": apiKey, "other": otherAdmin.Secret, "none": ""}
	for who, byCall := range want {
		for name, status := range byCall {
			t.Run(who+"/"+name, func(t *testing.T) {
				h := map[string]string{}
				if secrets[who] != "" {
					h = bearer(secrets[who])
				}
				c := calls[name]
				got, _, body := e.raw(c.method, c.path, h, c.body)
				if got != status {
					t.Fatalf("%s %s as %s = %d, want %d (%v)", c.method, c.path, who, got, status, body)
				}
			})
		}
	}
}

func TestListPagingSortingFiltering(t *testing.T) {
	e := newEnv(t)
	for _, n := range []string{"charlie", "alpha", "bravo", "delta_1"} {
		e.create(e.admin, api.CreateKeyRequest{Name: n, ExpiresInDays: days(10)})
		e.clock.Advance(time.Minute)
	}
	e.create(e.admin, api.CreateKeyRequest{Name: "short-lived", ExpiresInDays: days(1)})
	e.clock.Advance(48 * time.Hour)
	c := e.client(e.admin)

	page, err := c.ListKeys(e.ctx, e.ws, client.ListParams{PageSize: 2, Sort: "name"})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 6 || len(page.Items) != 2 || page.Items[0].Name != "alpha" || page.Items[1].Name != "bravo" || page.Revision == 0 {
		t.Fatalf("page 0 = %+v", page)
	}
	page, _ = c.ListKeys(e.ctx, e.ws, client.ListParams{PageIndex: 2, PageSize: 2, Sort: "-name"})
	if len(page.Items) != 2 || page.Items[0].Name != "bravo" || page.Items[1].Name != "alpha" {
		t.Fatalf("page 2 desc = %+v", names(page))
	}
	page, _ = c.ListKeys(e.ctx, e.ws, client.ListParams{Status: "expired"})
	if page.Total != 1 || page.Items[0].Name != "short-lived" || page.Items[0].Status != "expired" {
		t.Fatalf("expired = %v", names(page))
	}
	page, _ = c.ListKeys(e.ctx, e.ws, client.ListParams{Status: "active"})
	if page.Total != 5 {
		t.Fatalf("active = %v", names(page))
	}
	// Search matches name, id and masked key; LIKE wildcards are literal.
	// (No id or masked key can contain "a_": only "key_" and "kd_" hold one.)
	page, _ = c.ListKeys(e.ctx, e.ws, client.ListParams{Query: "DELTA_"})
	if page.Total != 1 || page.Items[0].Name != "delta_1" {
		t.Fatalf("q=DELTA_ = %v", names(page))
	}
	page, _ = c.ListKeys(e.ctx, e.ws, client.ListParams{Query: "a_1"})
	if page.Total != 1 {
		t.Fatalf("q=a_1 = %v", names(page))
	}
	id := page.Items[0].ID
	page, _ = c.ListKeys(e.ctx, e.ws, client.ListParams{Query: id})
	if page.Total != 1 || page.Items[0].ID != id {
		t.Fatalf("q=id = %v", names(page))
	}

	for _, bad := range []string{"pageSize=0", "pageSize=1001", "pageIndex=-1", "status=gone", "sort=hash", "updatedSince=-2", "pageSize=abc"} {
		status, _, body := e.raw("GET", "/v1/workspaces/"+e.ws+"/keys?"+bad, bearer(e.admin), "")
		field := strings.SplitN(bad, "=", 2)[0]
		if status != 400 || body["field"] != field {
			t.Errorf("%s: %d %v", bad, status, body)
		}
	}
}

func names(l api.KeyList) []string {
	var out []string
	for _, k := range l.Items {
		out = append(out, k.Name)
	}
	return out
}

func TestUpdatedSinceReturnsChangesAndTombstonesInRevisionOrder(t *testing.T) {
	e := newEnv(t)
	c := e.client(e.admin)
	start := listAll(t, e).Revision
	a := e.create(e.admin, api.CreateKeyRequest{Name: "a"}).Key
	b := e.create(e.admin, api.CreateKeyRequest{Name: "b"}).Key
	if err := c.DeleteKey(e.ctx, e.ws, a.ID); err != nil {
		t.Fatal(err)
	}
	page, err := c.ListKeys(e.ctx, e.ws, client.ListParams{UpdatedSince: &start, PageSize: 10})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 2 || len(page.Items) != 2 {
		t.Fatalf("changes = %+v", page.Items)
	}
	if page.Items[0].ID != b.ID || page.Items[0].Deleted || page.Items[1].ID != a.ID || !page.Items[1].Deleted {
		t.Fatalf("changes out of order: %+v", page.Items)
	}
	if page.Revision != page.Items[1].Revision || page.Revision != start+3 {
		t.Fatalf("revision = %d, items %+v", page.Revision, page.Items)
	}
	// The wire form of a tombstone is just {id, deleted, revision}.
	_, _, body := e.raw("GET", "/v1/workspaces/"+e.ws+"/keys?updatedSince="+itoa(b.Revision), bearer(e.admin), "")
	items := body["items"].([]any)
	if tomb := items[0].(map[string]any); len(tomb) != 3 || tomb["deleted"] != true || tomb["id"] != a.ID {
		t.Fatalf("tombstone = %v", tomb)
	}
	// Nothing after the latest revision.
	last := page.Revision
	page, _ = c.ListKeys(e.ctx, e.ws, client.ListParams{UpdatedSince: &last})
	if page.Total != 0 || len(page.Items) != 0 {
		t.Fatalf("changes after the last revision: %+v", page.Items)
	}
}

// Sync pages through changes; each page's total is what is left from its
// start, also when the count of a page comes from the page before it, and
// also after a change made between two pages.
func TestChangePagesCountWhatIsLeft(t *testing.T) {
	e := newEnv(t)
	c := e.client(e.admin)
	since := listAll(t, e).Revision
	var made []api.Key
	for _, name := range []string{"a", "b", "c", "d", "e"} {
		made = append(made, e.create(e.admin, api.CreateKeyRequest{Name: name}).Key)
	}
	if err := c.DeleteKey(e.ctx, e.ws, made[1].ID); err != nil {
		t.Fatal(err)
	}
	left := 5 // a, c, d, e and b's tombstone
	for page := 0; ; page++ {
		if page == 1 {
			e.create(e.admin, api.CreateKeyRequest{Name: "late"})
			left++
		}
		got, err := c.ListKeys(e.ctx, e.ws, client.ListParams{UpdatedSince: &since, PageSize: 2})
		if err != nil {
			t.Fatal(err)
		}
		if got.Total != int64(left) {
			t.Fatalf("page %d from revision %d: total %d, want %d", page, since, got.Total, left)
		}
		if len(got.Items) == 0 {
			break
		}
		left -= len(got.Items)
		since = got.Items[len(got.Items)-1].Revision
	}
	if left != 0 {
		t.Fatalf("%d changes never listed", left)
	}
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

func TestDeleteStopsTheKeyAtOnce(t *testing.T) {
	e := newEnv(t)
	created := e.create(e.admin, api.CreateKeyRequest{Name: "doomed", Role: "member"})
	doomed := e.client(created.Secret)
	if _, err := doomed.WhoAmI(e.ctx); err != nil {
		t.Fatal(err)
	}
	if err := e.client(e.admin).DeleteKey(e.ctx, e.ws, created.Key.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := doomed.WhoAmI(e.ctx); !errors.Is(err, client.ErrUnauthorized) {
		t.Fatalf("deleted key: err = %v, want 401", err)
	}
	v, err := e.client("").Verify(e.ctx, created.Secret)
	if err != nil || v.Valid || v.Reason != api.ReasonNotFound {
		t.Fatalf("verify after delete = %+v, %v", v, err)
	}
	if err := e.client(e.admin).DeleteKey(e.ctx, e.ws, created.Key.ID); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("second delete: %v", err)
	}
}

func TestVerifyReasons(t *testing.T) {
	e := newEnv(t)
	shortLived := e.create(e.admin, api.CreateKeyRequest{Name: "short", ExpiresInDays: days(1)}).Secret
	c := e.client("")
	v, _ := c.Verify(e.ctx, shortLived)
	if !v.Valid || v.ExpiresAt == nil {
		t.Fatalf("verify = %+v", v)
	}
	e.clock.Advance(25 * time.Hour)
	v, _ = c.Verify(e.ctx, shortLived)
	if v.Valid || v.Reason != api.ReasonExpired {
		t.Fatalf("expired verify = %+v", v)
	}
	if _, err := e.client(shortLived).WhoAmI(e.ctx); !errors.Is(err, client.ErrUnauthorized) || !strings.Contains(err.Error(), "expired") {
		t.Fatalf("expired key: %v", err)
	}
	v, _ = c.Verify(e.ctx, "kd_garbage")
	if v.Valid || v.Reason != api.ReasonMalformed {
		t.Fatalf("garbage verify = %+v", v)
	}
	status, _, body := e.raw("POST", "/v1/keys/verify", nil, `{}`)
	if status != 400 || body["field"] != "key" {
		t.Fatalf("empty verify = %d %v", status, body)
	}
}

func TestUnknownRoutesAreProblems(t *testing.T) {
	e := newEnv(t)
	status, hdr, body := e.raw("GET", "/v2/nothing", nil, "")
	if status != 404 || hdr.Get("Content-Type") != "application/problem+json" || body["code"] != "not_found" {
		t.Fatalf("= %d %v", status, body)
	}
}

func TestCreateWorkspaceValidatesName(t *testing.T) {
	e := newEnv(t)
	if _, _, err := e.srv.CreateWorkspace(e.ctx, "", "admin"); err == nil || !strings.Contains(err.Error(), "name must be") {
		t.Fatalf("err = %v", err)
	}
	_ = httptest.NewRecorder
}

// TestNoSecretAtRestAfterEveryStep: after every kind of change that shows a
// secret — create, regenerate, rotate, self-rotate — and a usage flush, no
// table holds any of them (SQLite files, or PostgreSQL rows).
func TestNoSecretAtRestAfterEveryStep(t *testing.T) {
	e := newEnv(t)
	admin := e.client(e.admin)
	created := e.create(e.admin, api.CreateKeyRequest{Name: "step"})
	regenerated, err := admin.RegenerateKey(e.ctx, e.ws, created.Key.ID, api.RegenerateRequest{})
	if err != nil {
		t.Fatal(err)
	}
	rotated, err := admin.RotateKey(e.ctx, e.ws, created.Key.ID, api.RotateRequest{})
	if err != nil {
		t.Fatal(err)
	}
	self, err := e.client(rotated.Secret).SelfRotate(e.ctx, api.RotateRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{created.Secret, regenerated.Secret, rotated.Secret, self.Secret} {
		e.verify(s)
	}
	if err := e.srv.FlushUsage(e.ctx); err != nil {
		t.Fatal(err)
	}
	assertNotInDatabase(t, e, e.admin, created.Secret, regenerated.Secret, rotated.Secret, self.Secret)
}

// A path the API has, asked with another method, is a 404 (the contract's)
// that says which methods it answers.
func TestUnknownEndpointSaysWhatThePathTakes(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct{ method, path, says string }{
		{"DELETE", "/v1/whoami", "no such endpoint: DELETE /v1/whoami (it answers GET)"},
		{"PUT", e.keyPath("key_x"), "(it answers GET, PATCH, DELETE)"},
		{"GET", "/v1/nothing", "no such endpoint: GET /v1/nothing"},
	} {
		status, _, problem := e.raw(c.method, c.path, bearer(e.admin), "")
		detail := fmt.Sprint(problem["detail"])
		if status != 404 || !strings.Contains(detail, c.says) || (c.path == "/v1/nothing" && strings.Contains(detail, "answers")) {
			t.Errorf("%s %s = %d %q", c.method, c.path, status, detail)
		}
	}
}

// The debug access log writes each request's path: a secret pasted where a
// key ID belongs is masked there, as in the answer.
func TestAccessLogMasksAKeyInThePath(t *testing.T) {
	var logged safeBuffer
	e := newEnvWith(t, server.Options{Log: slog.New(slog.NewTextHandler(&logged, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	status, _, _ := e.raw("GET", "/v1/workspaces/"+e.ws+"/keys/"+e.admin, bearer(e.admin), "")
	if status != http.StatusNotFound {
		t.Fatalf("status %d", status)
	}
	out := logged.String()
	if !strings.Contains(out, "msg=http") || !strings.Contains(out, "/keys/"+keys.Mask(e.admin)) {
		t.Fatalf("the request is not logged with its key masked:\n%s", out)
	}
	if strings.Contains(out, e.admin[3:30]) {
		t.Fatalf("the log holds the secret:\n%s", out)
	}
}

// Disabling and enabling a key are logged, as its creation and deletion are.
func TestEnableAndDisableAreLogged(t *testing.T) {
	var logged safeBuffer
	e := newEnvWith(t, server.Options{Log: slog.New(slog.NewTextHandler(&logged, nil))})
	k := e.create(e.admin, api.CreateKeyRequest{Name: "switch"})
	for _, enabled := range []bool{false, true} {
		if _, err := e.client(e.admin).PatchKey(e.ctx, e.ws, k.Key.ID, api.PatchKeyRequest{Enabled: &enabled}); err != nil {
			t.Fatal(err)
		}
	}
	out := logged.String()
	if !strings.Contains(out, `msg="key disabled" workspace=`+e.ws+` key=`+k.Key.ID) || !strings.Contains(out, `msg="key enabled"`) {
		t.Fatalf("the log does not say it:\n%s", out)
	}
}

// safeBuffer is a bytes.Buffer for a logger written from the server's goroutines.
type safeBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *safeBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *safeBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
