package server_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/keydesk/keydesk/backend/api"
)

// The audit log records enough about a profile for the desktop to say in
// words what changed (frontend/src/features/audit/describe.ts): a change as
// the whole profile before and after it, a deletion as its name and what
// became of its keys. Never a key's secret.
func TestProfileAuditSaysWhatChanged(t *testing.T) {
	e := newEnv(t)
	base := "/v1/workspaces/" + e.ws + "/profiles"
	var echo api.Profile
	if s := e.call(e.admin, "POST", base, `{"name":"Echo","defaultExpiryDays":30,"testEndpoint":{"url":"{server}/v1/whoami"}}`, &echo); s != 201 {
		t.Fatalf("create = %d", s)
	}
	key := e.create(e.admin, api.CreateKeyRequest{Name: "echo key", ProfileID: echo.ID})
	if s := e.call(e.admin, "PATCH", base+"/"+echo.ID, `{"defaultExpiryDays":90,"testEndpoint":{"url":"https://echo.example.com/ping"}}`, nil); s != 200 {
		t.Fatalf("update = %d", s)
	}
	if s := e.call(e.admin, "DELETE", base+"/"+echo.ID+"?keys=detach&expectKeys=1", "", nil); s != 204 {
		t.Fatalf("delete = %d", s)
	}

	var audit api.AuditList
	if s := e.call(e.admin, "GET", "/v1/workspaces/"+e.ws+"/audit?pageSize=10", "", &audit); s != 200 {
		t.Fatalf("audit = %d", s)
	}
	byAction := map[string]api.AuditEvent{}
	for _, ev := range audit.Items {
		if _, seen := byAction[ev.Action]; !seen {
			byAction[ev.Action] = ev
		}
	}

	var updated struct{ Before, After api.Profile }
	if err := json.Unmarshal(byAction["profile.updated"].Changes, &updated); err != nil {
		t.Fatalf("profile.updated changes %s: %v", byAction["profile.updated"].Changes, err)
	}
	if byAction["profile.updated"].TargetID != echo.ID || updated.Before.Name != "Echo" || updated.After.Name != "Echo" ||
		*updated.Before.DefaultExpiryDays != 30 || *updated.After.DefaultExpiryDays != 90 ||
		updated.Before.TestEndpoint.URL != "{server}/v1/whoami" || updated.After.TestEndpoint.URL != "https://echo.example.com/ping" {
		t.Fatalf("profile.updated = %s", byAction["profile.updated"].Changes)
	}

	var deleted struct {
		Name         string
		Keys         string
		AffectedKeys int
	}
	if err := json.Unmarshal(byAction["profile.deleted"].Changes, &deleted); err != nil || deleted.Name != "Echo" || deleted.Keys != "detach" || deleted.AffectedKeys != 1 {
		t.Fatalf("profile.deleted = %s (%v)", byAction["profile.deleted"].Changes, err)
	}

	raw, _ := json.Marshal(audit)
	if strings.Contains(string(raw), key.Secret[3:20]) {
		t.Fatal("the audit log holds a secret")
	}
}
