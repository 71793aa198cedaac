package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/keydesk/keydesk/backend/api"
)

// FuzzEndpoints sends fuzzed bodies, queries, ids and credentials to every
// route of the route table, each input in a fresh workspace, and asserts
// what every answer must be: never a 5xx or a dropped connection (a
// panic), a problem document for every 4xx that changed nothing, JSON for
// every 2xx, and never the caller's secret in a body.
//
// One store per fuzzing process, a fresh workspace per input: opening and
// migrating a SQLite store takes tens of milliseconds, a workspace one
// transaction.
func FuzzEndpoints(f *testing.F) {
	store, err := OpenStore("sqlite:"+filepath.Join(f.TempDir(), "fuzz.db"), nil, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { store.Close() })
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	// No failure limit: fuzzed keys fail on purpose, and a 429 would hide
	// every path behind it.
	srv := New(store, Options{Now: func() time.Time { return now }, FailureBurst: 1 << 30, FailuresPerMinute: 1 << 30})
	hs := httptest.NewServer(srv.Handler())
	f.Cleanup(hs.Close)
	routes := srv.routes()

	// A seed per route with a body it accepts, and a few it refuses.
	good := map[string]string{
		"POST /v1/keys/verify": `{"key":"{secret}"}`, "POST /v1/self/rotate": `{"overlapDays":1}`,
		"PATCH /v1/workspaces/{ws}": `{"name":"Renamed","maxExpiryDays":90}`, "POST /v1/workspaces/{ws}/keys": `{"name":"new","role":"member","expiresInDays":30}`,
		"POST /v1/workspaces/{ws}/keys/cleanup": `{"expired":true,"revoked":true}`, "PATCH /v1/workspaces/{ws}/keys/{id}": `{"name":"renamed","enabled":false}`,
		"POST /v1/workspaces/{ws}/keys/{id}/regenerate": `{"expiresInDays":null}`, "POST /v1/workspaces/{ws}/keys/{id}/rotate": `{"overlapDays":0,"autoRevoke":false}`,
		"POST /v1/workspaces/{ws}/profiles":       `{"name":"p2","testEndpoint":{"url":"{server}/x","auth":"query","name":"k"},"metadata":{"a":[1]}}`,
		"PATCH /v1/workspaces/{ws}/profiles/{id}": `{"description":"d","reminderDays":[7,1]}`,
	}
	queries := map[string]string{
		"GET /v1/workspaces/{ws}/keys": "pageSize=5&sort=-expiresAt&status=active&q=a_", "GET /v1/workspaces/{ws}/audit": "pageIndex=0&pageSize=2",
		"GET /v1/workspaces/{ws}/usage": "keyId={key}&days=7", "DELETE /v1/workspaces/{ws}/profiles/{id}": "keys=detach",
	}
	for i, rt := range routes {
		f.Add(uint8(i), uint8(0), queries[rt.pattern], []byte(good[rt.pattern]), uint8(0))
		f.Add(uint8(i), uint8(3), "pageSize=0&updatedSince=-1&keys=x", []byte(`{"name":1,"expiresInDays":"x","overlapDays":31}`), uint8(1))
	}
	f.Add(uint8(3), uint8(0), "", []byte(`{"name":"a","NAME":"b","x":1}`), uint8(2))
	f.Add(uint8(7), uint8(1), "q=%00%ff", []byte("{\"name\":\"\xff\\u202e\"}"), uint8(3))

	f.Fuzz(func(t *testing.T, route, ids uint8, query string, body []byte, auth uint8) {
		ctx := context.Background()
		ws, admin, err := srv.CreateWorkspace(ctx, "Fuzz", "admin")
		if err != nil {
			t.Fatal(err)
		}
		target, err := srv.IssueKey(ctx, ws.ID, api.CreateKeyRequest{Name: "target", Role: "api"}, Actor{})
		if err != nil {
			t.Fatal(err)
		}
		member, err := srv.IssueKey(ctx, ws.ID, api.CreateKeyRequest{Name: "reader", Role: "member"}, Actor{})
		if err != nil {
			t.Fatal(err)
		}
		prof, err := srv.SaveProfile(ctx, ws.ID, "", api.ProfileRequest{Name: ptr("p")}, Actor{})
		if err != nil {
			t.Fatal(err)
		}

		rt := routes[int(route)%len(routes)]
		method, pattern, _ := strings.Cut(rt.pattern, " ")
		wsID := []string{ws.ID, "ws_nope", "", "..%2F"}[ids%4]
		id := []string{target.Key.ID, prof.ID, admin.Key.ID, "key_nope"}[(ids/4)%4]
		path := strings.NewReplacer("{ws}", url.PathEscape(wsID), "{id}", url.PathEscape(id)).Replace(pattern)
		// The fuzzed query as parameters: any names and values, properly
		// encoded (a raw space would be refused by net/http before any
		// handler runs).
		params, _ := url.ParseQuery(strings.NewReplacer("{key}", target.Key.ID).Replace(query))
		reqBody := bytes.ReplaceAll(body, []byte("{secret}"), []byte(target.Secret))
		req, err := http.NewRequest(method, hs.URL+path+"?"+params.Encode(), bytes.NewReader(reqBody))
		if err != nil {
			t.Fatal(err)
		}
		secret := admin.Secret
		switch auth % 5 {
		case 0:
			req.Header.Set("Authorization", "Bearer "+secret)
		case 1:
			req.Header.Set("X-API-Key", secret)
		case 2:
			req.Header.Set("Authorization", "Bearer "+secret)
			req.Header.Set("X-API-Key", secret)
		case 3:
			secret = member.Secret
			req.Header.Set("Authorization", "Bearer "+secret)
		case 4:
			secret = target.Secret
			req.Header.Set("X-API-Key", secret)
		}

		before := fuzzSnapshot(t, store, ws.ID)
		resp, err := hs.Client().Do(req)
		if err != nil {
			t.Fatalf("%s %s: no answer (a panic?): %v", method, path, err)
		}
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
		switch s := resp.StatusCode; {
		case s >= 500:
			t.Fatalf("%s %s?%s %q = %d %s", method, path, params.Encode(), reqBody, s, data)
		case s >= 400:
			var p api.Problem
			if ct != "application/problem+json" || json.Unmarshal(data, &p) != nil || p.Status != s || p.Code == "" || p.Detail == "" {
				t.Fatalf("%s %s = %d, not a problem document: %s %s", method, path, s, ct, data)
			}
			if after := fuzzSnapshot(t, store, ws.ID); after != before {
				t.Fatalf("%s %s %q = %d but changed the store:\n%s\n%s", method, path, reqBody, s, before, after)
			}
		case s == http.StatusNoContent:
		default:
			if ct != "application/json" || !json.Valid(data) {
				t.Fatalf("%s %s = %d, not JSON: %s %s", method, path, s, ct, data)
			}
		}
		if bytes.Contains(data, []byte(secret[3:])) {
			t.Fatalf("%s %s answered with the caller's secret: %s", method, path, data)
		}
	})
}

// fuzzSnapshot is what a request could change in a workspace: the
// workspace row (its revision moves with every key change), its keys,
// profiles and audit log.
func fuzzSnapshot(t *testing.T, s *Store, wsID string) string {
	t.Helper()
	var ws Workspace
	var nKeys, nProfiles, nAudit int64
	var lastProfile time.Time
	db := s.read
	err := db.Where("id = ?", wsID).Take(&ws).Error
	if err == nil {
		err = db.Model(&Key{}).Where("workspace_id = ?", wsID).Count(&nKeys).Error
	}
	if err == nil {
		err = db.Model(&Profile{}).Where("workspace_id = ?", wsID).Count(&nProfiles).Error
	}
	if err == nil {
		err = db.Model(&AuditEvent{}).Where("workspace_id = ?", wsID).Count(&nAudit).Error
	}
	if err == nil && nProfiles > 0 {
		var p Profile
		if err = db.Where("workspace_id = ?", wsID).Order("updated_at DESC").Take(&p).Error; err == nil {
			lastProfile = p.UpdatedAt
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%+v keys=%d profiles=%d (%v) audit=%d", ws, nKeys, nProfiles, lastProfile, nAudit)
}

func ptr[T any](v T) *T { return &v }
