package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"gorm.io/driver/postgres"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/client"
	"github.com/keydesk/keydesk/backend/server"
)

// call sends a JSON request as the admin and decodes the answer into out.
func (e *env) call(secret, method, path, body string, out any) int {
	e.t.Helper()
	status, _, raw := e.raw(method, path, bearer(secret), body)
	if out != nil {
		data, _ := json.Marshal(raw)
		if err := json.Unmarshal(data, out); err != nil {
			e.t.Fatalf("decode %s %s: %v", method, path, err)
		}
	}
	return status
}

func (e *env) keyPath(id string) string { return "/v1/workspaces/" + e.ws + "/keys/" + id }

func (e *env) verify(secret string) api.VerifyResponse {
	e.t.Helper()
	v, err := e.client("").Verify(e.ctx, secret)
	if err != nil {
		e.t.Fatal(err)
	}
	return v
}

func TestPatchKey(t *testing.T) {
	e := newEnv(t)
	created := e.create(e.admin, api.CreateKeyRequest{Name: "svc"})
	var k api.Key
	if s := e.call(e.admin, "PATCH", e.keyPath(created.Key.ID), `{"name":"renamed","enabled":false}`, &k); s != 200 {
		t.Fatalf("patch = %d", s)
	}
	if k.Name != "renamed" || k.Enabled || k.Status != "inactive" || k.Revision <= created.Key.Revision {
		t.Fatalf("patched = %+v", k)
	}
	if v := e.verify(created.Secret); v.Valid || v.Reason != api.ReasonDisabled {
		t.Fatalf("disabled key verifies: %+v", v)
	}
	e.call(e.admin, "PATCH", e.keyPath(created.Key.ID), `{"enabled":true}`, &k)
	if v := e.verify(created.Secret); !v.Valid {
		t.Fatalf("re-enabled key: %+v", v)
	}
	// A patch that changes nothing bumps nothing.
	rev := k.Revision
	e.call(e.admin, "PATCH", e.keyPath(created.Key.ID), `{"name":"renamed"}`, &k)
	if k.Revision != rev {
		t.Fatal("a no-op patch bumped the revision")
	}
	for body, field := range map[string]string{
		`{}`:                 "",
		`{"name":""}`:        "name",
		`{"enabled":"yes"}`:  "enabled",
		`{"profileId":"no"}`: "profileId",
		`{"secret":"x"}`:     "secret",
	} {
		status, _, problem := e.raw("PATCH", e.keyPath(created.Key.ID), bearer(e.admin), body)
		if status != 400 || problem["field"] != field && field != "" {
			t.Errorf("%s: %d %v", body, status, problem)
		}
	}
	if s := e.call(e.admin, "PATCH", e.keyPath("key_nope"), `{"name":"x"}`, nil); s != 404 {
		t.Fatalf("patch unknown = %d", s)
	}
}

func TestRegenerateKillsTheOldSecretAtOnce(t *testing.T) {
	e := newEnv(t)
	created := e.create(e.admin, api.CreateKeyRequest{Name: "svc", ExpiresInDays: days(30)})
	if created.Key.RegeneratedAt != nil || created.Key.ExpirySetAt != nil {
		t.Fatalf("a new key says it was regenerated: %+v", created.Key)
	}
	e.clock.Advance(time.Hour)
	var regen api.CreatedKey
	if s := e.call(e.admin, "POST", e.keyPath(created.Key.ID)+"/regenerate", `{}`, &regen); s != 200 {
		t.Fatalf("regenerate = %d", s)
	}
	// Reminders count the secret's age from the regeneration; the expiry it kept from the creation.
	if at := regen.Key.RegeneratedAt; at == nil || !at.Equal(e.clock.Now()) || regen.Key.ExpirySetAt != nil {
		t.Fatalf("regenerated at %v, expiry set at %v; want %v and null", at, regen.Key.ExpirySetAt, e.clock.Now())
	}
	if regen.Key.ID != created.Key.ID || regen.Secret == created.Secret || regen.Key.MaskedKey == created.Key.MaskedKey {
		t.Fatalf("regenerated = %+v", regen.Key)
	}
	if !regen.Key.ExpiresAt.Equal(*created.Key.ExpiresAt) {
		t.Fatal("regenerate without expiresInDays changed the expiry")
	}
	if v := e.verify(created.Secret); v.Valid {
		t.Fatal("the old secret still works")
	}
	if v := e.verify(regen.Secret); !v.Valid || v.KeyID != created.Key.ID {
		t.Fatalf("new secret: %+v", v)
	}
	e.call(e.admin, "POST", e.keyPath(created.Key.ID)+"/regenerate", `{"expiresInDays":null}`, &regen)
	if regen.Key.ExpiresAt != nil {
		t.Fatal("expiresInDays null should make the key never expire")
	}
	e.clock.Advance(time.Hour)
	e.call(e.admin, "POST", e.keyPath(created.Key.ID)+"/regenerate", `{"expiresInDays":90}`, &regen)
	if want := e.clock.Now().AddDate(0, 0, 90); regen.Key.ExpiresAt == nil || !regen.Key.ExpiresAt.Equal(want) {
		t.Fatalf("expiry = %v, want %v", regen.Key.ExpiresAt, want)
	}
	if now := e.clock.Now(); regen.Key.ExpirySetAt == nil || !regen.Key.ExpirySetAt.Equal(now) || !regen.Key.RegeneratedAt.Equal(now) {
		t.Fatalf("expiry set at %v, regenerated at %v; want both %v", regen.Key.ExpirySetAt, regen.Key.RegeneratedAt, now)
	}
	var listed api.Key
	if s := e.call(e.admin, "GET", e.keyPath(created.Key.ID), "", &listed); s != 200 || listed.ExpirySetAt == nil || !listed.ExpirySetAt.Equal(*regen.Key.ExpirySetAt) {
		t.Fatalf("read back = %d %+v", s, listed)
	}
	if s := e.call(e.admin, "POST", e.keyPath(created.Key.ID)+"/regenerate", `{"expiresInDays":400}`, nil); s != 400 {
		t.Fatalf("bad expiry = %d", s)
	}
	// An expired key needs a new expiry to come back.
	short := e.create(e.admin, api.CreateKeyRequest{Name: "short", ExpiresInDays: days(1)})
	e.clock.Advance(48 * time.Hour)
	if s := e.call(e.admin, "POST", e.keyPath(short.Key.ID)+"/regenerate", `{}`, nil); s != 409 {
		t.Fatalf("regenerate expired without expiry = %d", s)
	}
	if s := e.call(e.admin, "POST", e.keyPath(short.Key.ID)+"/regenerate", `{"expiresInDays":7}`, &regen); s != 200 || regen.Key.Status != "active" {
		t.Fatalf("regenerate expired with expiry = %d %+v", s, regen.Key)
	}
}

func TestRotateWithOverlapThenAutoRevoke(t *testing.T) {
	e := newEnv(t)
	old := e.create(e.admin, api.CreateKeyRequest{Name: "ci", Role: "api", ExpiresInDays: days(90)})
	e.clock.Advance(80 * 24 * time.Hour)
	var rot api.RotatedKey
	if s := e.call(e.admin, "POST", e.keyPath(old.Key.ID)+"/rotate", `{"overlapDays":3}`, &rot); s != 201 {
		t.Fatalf("rotate = %d", s)
	}
	now := e.clock.Now()
	if rot.Key.ID == old.Key.ID || rot.Key.Name != "ci" || rot.Key.Role != "api" || rot.Key.RotatedFrom != old.Key.ID {
		t.Fatalf("successor = %+v", rot.Key)
	}
	if rot.Key.ExpiresAt == nil || !rot.Key.ExpiresAt.Equal(now.AddDate(0, 0, 90)) {
		t.Fatalf("successor expiry = %v: it should get the old key's 90-day lifetime", rot.Key.ExpiresAt)
	}
	if rot.Previous.RevokesAt == nil || !rot.Previous.RevokesAt.Equal(now.AddDate(0, 0, 3)) || !rot.Previous.AutoRevoke || rot.Previous.Status != "active" {
		t.Fatalf("previous = %+v", rot.Previous)
	}
	// During the overlap both keys work.
	if !e.verify(old.Secret).Valid || !e.verify(rot.Secret).Valid {
		t.Fatal("both keys must work during the overlap")
	}
	if s := e.call(e.admin, "POST", e.keyPath(old.Key.ID)+"/rotate", `{}`, nil); s != 409 {
		t.Fatalf("rotating a rotating key = %d, want 409", s)
	}
	// After it, the old key is refused at once, even before the job runs.
	e.clock.Advance(3*24*time.Hour + time.Second)
	if v := e.verify(old.Secret); v.Valid || v.Reason != api.ReasonRevoked {
		t.Fatalf("old key after the overlap: %+v", v)
	}
	if !e.verify(rot.Secret).Valid {
		t.Fatal("successor stopped working")
	}
	n, err := e.srv.RevokeEndedOverlaps(e.ctx)
	if err != nil || n < 1 { // on a shared PostgreSQL, other tests' keys may be due too
		t.Fatalf("auto-revoke = %d, %v", n, err)
	}
	k, _ := e.client(e.admin).GetKey(e.ctx, e.ws, old.Key.ID)
	if k.Enabled || k.Status != "inactive" {
		t.Fatalf("old key after the job = %+v", k)
	}
	if n, _ := e.srv.RevokeEndedOverlaps(e.ctx); n != 0 {
		t.Fatal("the job revoked twice")
	}
	var audit api.AuditList
	e.call(e.admin, "GET", "/v1/workspaces/"+e.ws+"/audit?keyId="+old.Key.ID, "", &audit)
	if len(audit.Items) < 3 || audit.Items[0].Action != server.ActionKeyAutoRevoked || audit.Items[0].ActorKeyID != "" {
		t.Fatalf("audit = %+v", audit.Items)
	}
}

func TestRotateRules(t *testing.T) {
	e := newEnv(t)
	// The overlap never outlives the old key.
	soon := e.create(e.admin, api.CreateKeyRequest{Name: "soon", ExpiresInDays: days(2)})
	var rot api.RotatedKey
	e.call(e.admin, "POST", e.keyPath(soon.Key.ID)+"/rotate", `{"overlapDays":30}`, &rot)
	if !rot.Previous.RevokesAt.Equal(*soon.Key.ExpiresAt) {
		t.Fatalf("revokesAt %v past the expiry %v", rot.Previous.RevokesAt, soon.Key.ExpiresAt)
	}
	// Zero overlap: the old key stops now.
	k0 := e.create(e.admin, api.CreateKeyRequest{Name: "zero"})
	e.call(e.admin, "POST", e.keyPath(k0.Key.ID)+"/rotate", `{"overlapDays":0}`, &rot)
	if e.verify(k0.Secret).Valid || rot.Previous.Status != "inactive" {
		t.Fatal("an overlap of 0 must revoke the old key at once")
	}
	// Default: 7 days; autoRevoke false keeps the old key after the overlap.
	kept := e.create(e.admin, api.CreateKeyRequest{Name: "kept"})
	e.call(e.admin, "POST", e.keyPath(kept.Key.ID)+"/rotate", `{"autoRevoke":false}`, &rot)
	if !rot.Previous.RevokesAt.Equal(e.clock.Now().AddDate(0, 0, 7)) || rot.Previous.AutoRevoke {
		t.Fatalf("previous = %+v", rot.Previous)
	}
	e.clock.Advance(8 * 24 * time.Hour)
	if !e.verify(kept.Secret).Valid {
		t.Fatal("autoRevoke false: the old key must keep working until revoked by hand")
	}
	e.srv.RevokeEndedOverlaps(e.ctx)
	if k, _ := e.client(e.admin).GetKey(e.ctx, e.ws, kept.Key.ID); !k.Enabled || !e.verify(kept.Secret).Valid {
		t.Fatal("the job revoked a key with autoRevoke false")
	}
	for body, field := range map[string]string{`{"overlapDays":31}`: "overlapDays", `{"overlapDays":-1}`: "overlapDays", `{"autoRevoke":"no"}`: "autoRevoke"} {
		k := e.create(e.admin, api.CreateKeyRequest{Name: "x"})
		status, _, p := e.raw("POST", e.keyPath(k.Key.ID)+"/rotate", bearer(e.admin), body)
		if status != 400 || p["field"] != field {
			t.Errorf("%s: %d %v", body, status, p)
		}
	}
	disabled := e.create(e.admin, api.CreateKeyRequest{Name: "off"})
	e.call(e.admin, "PATCH", e.keyPath(disabled.Key.ID), `{"enabled":false}`, nil)
	if s := e.call(e.admin, "POST", e.keyPath(disabled.Key.ID)+"/rotate", `{}`, nil); s != 409 {
		t.Fatalf("rotating a disabled key = %d", s)
	}
}

func TestSelfRotate(t *testing.T) {
	e := newEnv(t)
	ci := e.create(e.admin, api.CreateKeyRequest{Name: "ci", Role: "api"})
	var rot api.RotatedKey
	if s := e.call(ci.Secret, "POST", "/v1/self/rotate", `{"overlapDays":1}`, &rot); s != 201 {
		t.Fatalf("self-rotate = %d", s)
	}
	if rot.Previous.ID != ci.Key.ID || rot.Key.RotatedFrom != ci.Key.ID || rot.Key.CreatedBy != ci.Key.ID {
		t.Fatalf("rotated = %+v / %+v", rot.Key, rot.Previous)
	}
	if !e.verify(ci.Secret).Valid || !e.verify(rot.Secret).Valid {
		t.Fatal("both must work during the overlap")
	}
	e.clock.Advance(25 * time.Hour)
	if e.verify(ci.Secret).Valid || !e.verify(rot.Secret).Valid {
		t.Fatal("after the overlap only the successor works")
	}
}

func TestCleanup(t *testing.T) {
	e := newEnv(t)
	active := e.create(e.admin, api.CreateKeyRequest{Name: "active"}).Key.ID
	exp := e.create(e.admin, api.CreateKeyRequest{Name: "expired", ExpiresInDays: days(1)}).Key.ID
	off := e.create(e.admin, api.CreateKeyRequest{Name: "revoked"}).Key.ID
	both := e.create(e.admin, api.CreateKeyRequest{Name: "both", ExpiresInDays: days(1)}).Key.ID
	e.call(e.admin, "PATCH", e.keyPath(off), `{"enabled":false}`, nil)
	e.call(e.admin, "PATCH", e.keyPath(both), `{"enabled":false}`, nil)
	e.clock.Advance(48 * time.Hour)

	path := "/v1/workspaces/" + e.ws + "/keys/cleanup"
	var counts api.CleanupCounts
	e.call(e.admin, "GET", path, "", &counts)
	if counts != (api.CleanupCounts{Expired: 2, Revoked: 2, Both: 1}) {
		t.Fatalf("counts = %+v", counts)
	}
	for body, field := range map[string]string{`{"both":true,"expired":true}`: "both", `{}`: "expired", `{"both":true,"revoked":true}`: "both"} {
		status, _, p := e.raw("POST", path, bearer(e.admin), body)
		if status != 400 || p["field"] != field {
			t.Errorf("%s: %d %v", body, status, p)
		}
	}
	var res api.CleanupResult
	if s := e.call(e.admin, "POST", path, `{"both":true}`, &res); s != 200 || res.Deleted != 1 {
		t.Fatalf("both = %d %+v", s, res)
	}
	e.call(e.admin, "POST", path, `{"expired":true,"revoked":true}`, &res)
	if res.Deleted != 2 {
		t.Fatalf("expired+revoked deleted %d", res.Deleted)
	}
	left := map[string]bool{}
	for _, k := range listAll(t, e).Items {
		left[k.ID] = true
	}
	if !left[active] || left[exp] || left[off] || left[both] {
		t.Fatalf("left = %v", left)
	}
	e.call(e.admin, "GET", path, "", &counts)
	if counts != (api.CleanupCounts{}) {
		t.Fatalf("counts after = %+v", counts)
	}
}

// A clean-up given the key IDs a confirmation named deletes only those of
// them that still match: not a key disabled since, nor one enabled again.
func TestCleanupOnlyNamedKeys(t *testing.T) {
	e := newEnv(t)
	ids := map[string]string{}
	for _, name := range []string{"zulu", "alpha", "delta"} {
		ids[name] = e.create(e.admin, api.CreateKeyRequest{Name: name}).Key.ID
	}
	e.call(e.admin, "PATCH", e.keyPath(ids["zulu"]), `{"enabled":false}`, nil)
	e.call(e.admin, "PATCH", e.keyPath(ids["alpha"]), `{"enabled":false}`, nil)
	// The dialog names zulu and alpha; meanwhile delta is disabled and alpha enabled again.
	e.call(e.admin, "PATCH", e.keyPath(ids["delta"]), `{"enabled":false}`, nil)
	e.call(e.admin, "PATCH", e.keyPath(ids["alpha"]), `{"enabled":true}`, nil)

	path := "/v1/workspaces/" + e.ws + "/keys/cleanup"
	var res api.CleanupResult
	body := fmt.Sprintf(`{"revoked":true,"keyIds":[%q,%q]}`, ids["zulu"], ids["alpha"])
	if s := e.call(e.admin, "POST", path, body, &res); s != 200 || res.Deleted != 1 {
		t.Fatalf("named clean-up = %d %+v", s, res)
	}
	left := map[string]bool{}
	for _, k := range listAll(t, e).Items {
		left[k.ID] = true
	}
	if left[ids["zulu"]] || !left[ids["alpha"]] || !left[ids["delta"]] {
		t.Fatalf("left = %v, ids = %v", left, ids)
	}

	tooMany := `{"revoked":true,"keyIds":[` + strings.Repeat(`"key_x",`, api.MaxCleanupKeyIDs) + `"key_y"]}`
	for body, rule := range map[string]string{
		tooMany:                                  "at most 10000 keys, got 10001",
		`{"revoked":true,"keyIds":["key_x",""]}`: "empty key ID",
	} {
		status, _, p := e.raw("POST", path, bearer(e.admin), body)
		if status != 400 || p["field"] != "keyIds" || !strings.Contains(fmt.Sprint(p["detail"]), rule) {
			t.Errorf("%.60s: %d %v", body, status, p)
		}
	}
	if !listed(t, e, ids["delta"]) {
		t.Fatal("a refused clean-up deleted a key")
	}
}

func listed(t *testing.T, e *env, id string) bool {
	t.Helper()
	for _, k := range listAll(t, e).Items {
		if k.ID == id {
			return true
		}
	}
	return false
}

func TestAPIAccessSwitch(t *testing.T) {
	e := newEnv(t)
	svc := e.create(e.admin, api.CreateKeyRequest{Name: "svc", Role: "api"})
	member := e.create(e.admin, api.CreateKeyRequest{Name: "reader", Role: "member"})
	var ws api.Workspace
	if s := e.call(e.admin, "PATCH", "/v1/workspaces/"+e.ws, `{"apiAccessEnabled":false}`, &ws); s != 200 || ws.APIAccessEnabled {
		t.Fatalf("patch workspace = %d %+v", s, ws)
	}
	if v := e.verify(svc.Secret); v.Valid || v.Reason != api.ReasonAPIDisabled {
		t.Fatalf("api key with API access off: %+v", v)
	}
	if !e.verify(member.Secret).Valid {
		t.Fatal("the switch only concerns api keys")
	}
	e.call(e.admin, "PATCH", "/v1/workspaces/"+e.ws, `{"apiAccessEnabled":true}`, nil)
	if !e.verify(svc.Secret).Valid {
		t.Fatal("api key after turning access back on")
	}
}

func TestWorkspacePolicy(t *testing.T) {
	e := newEnv(t)
	var ws api.Workspace
	e.call(e.admin, "PATCH", "/v1/workspaces/"+e.ws, `{"maxExpiryDays":90,"allowNeverExpires":false,"keyPrefix":"acme"}`, &ws)
	if ws.MaxExpiryDays != 90 || ws.AllowNeverExpires || ws.KeyPrefix != "acme" {
		t.Fatalf("ws = %+v", ws)
	}
	status, _, p := e.raw("POST", "/v1/workspaces/"+e.ws+"/keys", bearer(e.admin), `{"name":"x","expiresInDays":91}`)
	if status != 400 || !strings.Contains(p["detail"].(string), "1–90") {
		t.Fatalf("over the cap = %d %v", status, p)
	}
	status, _, p = e.raw("POST", "/v1/workspaces/"+e.ws+"/keys", bearer(e.admin), `{"name":"x","expiresInDays":null}`)
	if status != 400 || !strings.Contains(p["detail"].(string), "never expire") {
		t.Fatalf("never = %d %v", status, p)
	}
	// whoami tells every key what the workspace allows, for a client to offer only that.
	var who api.WhoAmI
	e.call(e.admin, "GET", "/v1/whoami", "", &who)
	if who.ExpiryPolicy == nil || *who.ExpiryPolicy != (api.ExpiryPolicy{MaxExpiryDays: 90, AllowNeverExpires: false}) {
		t.Fatalf("whoami's expiryPolicy = %+v", who.ExpiryPolicy)
	}
	created := e.create(e.admin, api.CreateKeyRequest{Name: "x", ExpiresInDays: days(90)})
	if !strings.HasPrefix(created.Secret, "acme_") {
		t.Fatalf("secret %q does not use the workspace prefix", created.Secret[:5])
	}
	for body, field := range map[string]string{`{"maxExpiryDays":0}`: "maxExpiryDays", `{"keyPrefix":"A"}`: "keyPrefix", `{}`: ""} {
		status, _, p := e.raw("PATCH", "/v1/workspaces/"+e.ws, bearer(e.admin), body)
		if status != 400 || (field != "" && p["field"] != field) {
			t.Errorf("%s: %d %v", body, status, p)
		}
	}
}

// Two profiles cannot share a name (whatever its case): a key's profile is
// picked by name. Saving a profile under its own name is fine.
func TestProfileNamesAreUnique(t *testing.T) {
	e := newEnv(t)
	base := "/v1/workspaces/" + e.ws + "/profiles"
	var echo, other api.Profile
	if s := e.call(e.admin, "POST", base, `{"name":"Echo"}`, &echo); s != 201 {
		t.Fatalf("create = %d", s)
	}
	if s := e.call(e.admin, "POST", base, `{"name":"Other"}`, &other); s != 201 {
		t.Fatalf("create = %d", s)
	}
	for method, path := range map[string]string{"POST": base, "PATCH": base + "/" + other.ID} {
		status, _, p := e.raw(method, path, bearer(e.admin), `{"name":" ECHO "}`)
		if status != 400 || p["field"] != "name" || !strings.Contains(fmt.Sprint(p["detail"]), "must not be that of another profile in this workspace: “") {
			t.Errorf("%s with a taken name = %d %v", method, status, p)
		}
	}
	if s := e.call(e.admin, "PATCH", base+"/"+echo.ID, `{"name":"Echo","description":"same name, new words"}`, nil); s != 200 {
		t.Fatalf("saving a profile under its own name = %d", s)
	}
	var list api.ProfileList
	e.call(e.admin, "GET", base, "", &list)
	if len(list.Items) != 2 {
		t.Fatalf("profiles = %+v", list.Items)
	}
}

func TestProfiles(t *testing.T) {
	e := newEnv(t)
	base := "/v1/workspaces/" + e.ws + "/profiles"
	var prof api.Profile
	body := `{"name":"CI","description":"pipelines","defaultExpiryDays":30,"keyPrefix":"ci","rotationDays":60,
		"reminderDays":[1,30,7,7],"testEndpoint":{"method":"get","url":"{server}/v1/whoami","auth":"header","name":"X-API-Key"},
		"metadata":{"tier":"gold","limits":{"rps":10}}}`
	if s := e.call(e.admin, "POST", base, body, &prof); s != 201 {
		t.Fatalf("create profile = %d", s)
	}
	if prof.Name != "CI" || *prof.DefaultExpiryDays != 30 || prof.KeyPrefix != "ci" || *prof.RotationDays != 60 ||
		len(prof.ReminderDays) != 3 || prof.ReminderDays[0] != 30 || prof.TestEndpoint.Method != "GET" {
		t.Fatalf("profile = %+v", prof)
	}
	// A key of the profile gets its prefix, its default expiry, and verify
	// returns its metadata.
	created := e.create(e.admin, api.CreateKeyRequest{Name: "pipeline", ProfileID: prof.ID})
	if !strings.HasPrefix(created.Secret, "ci_") || created.Key.ExpiresAt == nil || !created.Key.ExpiresAt.Equal(e.clock.Now().AddDate(0, 0, 30)) {
		t.Fatalf("key of profile = %+v (%s)", created.Key, created.Secret[:3])
	}
	v := e.verify(created.Secret)
	if v.Profile == nil || v.Profile.ID != prof.ID || !strings.Contains(string(v.Profile.Metadata), `"tier":"gold"`) {
		t.Fatalf("verify profile = %+v", v.Profile)
	}
	// An explicit null still means never.
	never := e.create(e.admin, api.CreateKeyRequest{Name: "forever", ProfileID: prof.ID, ExpiresInDays: api.Some[int](nil)})
	if never.Key.ExpiresAt != nil {
		t.Fatal("explicit null expiry ignored")
	}
	e.call(e.admin, "PATCH", base+"/"+prof.ID, `{"description":"changed","testEndpoint":null}`, &prof)
	if prof.Description != "changed" || prof.TestEndpoint != nil || prof.Name != "CI" || prof.KeyCount != 2 {
		t.Fatalf("patched = %+v", prof)
	}
	var list api.ProfileList
	e.call(e.admin, "GET", base, "", &list)
	if len(list.Items) != 1 {
		t.Fatalf("list = %+v", list)
	}
	// In use: refused unless told what to do with the keys.
	if s := e.call(e.admin, "DELETE", base+"/"+prof.ID, "", nil); s != 409 {
		t.Fatalf("delete in use = %d", s)
	}
	if s := e.call(e.admin, "DELETE", base+"/"+prof.ID+"?keys=detach", "", nil); s != 204 {
		t.Fatalf("delete detach = %d", s)
	}
	k, _ := e.client(e.admin).GetKey(e.ctx, e.ws, created.Key.ID)
	if k.ProfileID != "" {
		t.Fatal("key still has the deleted profile")
	}
	for body, field := range map[string]string{
		`{"description":"x"}`:                                              "name",
		`{"name":"x","defaultExpiryDays":0}`:                               "defaultExpiryDays",
		`{"name":"x","keyPrefix":"X_"}`:                                    "keyPrefix",
		`{"name":"x","reminderDays":[-1]}`:                                 "reminderDays",
		`{"name":"x","metadata":[1]}`:                                      "metadata",
		`{"name":"x","testEndpoint":{"url":"ftp://x"}}`:                    "testEndpoint.url",
		`{"name":"x","testEndpoint":{"url":"{server}/x","auth":"header"}}`: "testEndpoint.name",
	} {
		status, _, p := e.raw("POST", base, bearer(e.admin), body)
		if status != 400 || p["field"] != field {
			t.Errorf("%s: %d %v", body, status, p)
		}
	}
	// A password in a test URL is refused without being said back.
	if status, _, p := e.raw("POST", base, bearer(e.admin), `{"name":"x","testEndpoint":{"url":"https://ada:hunter2-secret@api.example/v1"}}`); status != 400 ||
		p["field"] != "testEndpoint.url" || strings.Contains(fmt.Sprint(p), "hunter2") {
		t.Errorf("test URL with a password: %d %v", status, p)
	}
	if s := e.call(e.admin, "POST", "/v1/workspaces/"+e.ws+"/keys", `{"name":"x","profileId":"prf_nope"}`, nil); s != 400 {
		t.Fatalf("unknown profile = %d", s)
	}
}

func TestAuditRecordsEveryMutationWithoutSecrets(t *testing.T) {
	e := newEnv(t)
	created := e.create(e.admin, api.CreateKeyRequest{Name: "audited"})
	var regen api.CreatedKey
	e.call(e.admin, "PATCH", e.keyPath(created.Key.ID), `{"name":"renamed"}`, nil)
	e.call(e.admin, "POST", e.keyPath(created.Key.ID)+"/regenerate", `{}`, &regen)
	e.call(e.admin, "DELETE", e.keyPath(created.Key.ID), "", nil)
	var audit api.AuditList
	if s := e.call(e.admin, "GET", "/v1/workspaces/"+e.ws+"/audit?pageSize=10", "", &audit); s != 200 {
		t.Fatalf("audit = %d", s)
	}
	var actions []string
	for _, ev := range audit.Items {
		actions = append(actions, ev.Action)
	}
	want := []string{"key.deleted", "key.regenerated", "key.updated", "key.created"}
	if strings.Join(actions[:4], ",") != strings.Join(want, ",") {
		t.Fatalf("actions = %v", actions)
	}
	who, _ := e.client(e.admin).WhoAmI(e.ctx)
	for _, ev := range audit.Items[:4] {
		if ev.ActorKeyID != who.KeyID || ev.ClientIP != "127.0.0.1" || ev.TargetKeyID != created.Key.ID {
			t.Errorf("event = %+v", ev)
		}
	}
	if !strings.Contains(string(audit.Items[2].Changes), `"name":{"from":"audited","to":"renamed"}`) {
		t.Errorf("changes = %s", audit.Items[2].Changes)
	}
	raw, _ := json.Marshal(audit)
	for _, s := range []string{created.Secret, regen.Secret} {
		if strings.Contains(string(raw), s[3:20]) {
			t.Fatal("the audit log holds a secret")
		}
	}
	member := e.create(e.admin, api.CreateKeyRequest{Name: "m", Role: "member"})
	if s := e.call(member.Secret, "GET", "/v1/workspaces/"+e.ws+"/audit", "", nil); s != 403 {
		t.Fatalf("member reads audit = %d", s)
	}
}

// After a clean-up of many keys, the log can show one action: the rest is
// still there, and the count is the filtered one.
func TestAuditFiltersByAction(t *testing.T) {
	e := newEnv(t)
	kept := e.create(e.admin, api.CreateKeyRequest{Name: "kept"})
	e.call(e.admin, "PATCH", e.keyPath(kept.Key.ID), `{"name":"kept, renamed"}`, nil)
	for i := range 3 {
		k := e.create(e.admin, api.CreateKeyRequest{Name: fmt.Sprintf("old %d", i)})
		e.call(e.admin, "PATCH", e.keyPath(k.Key.ID), `{"enabled":false}`, nil)
	}
	var cleaned api.CleanupResult
	if s := e.call(e.admin, "POST", "/v1/workspaces/"+e.ws+"/keys/cleanup", `{"revoked":true}`, &cleaned); s != 200 || cleaned.Deleted != 3 {
		t.Fatalf("cleanup = %d, %+v", s, cleaned)
	}

	var renames api.AuditList
	if s := e.call(e.admin, "GET", "/v1/workspaces/"+e.ws+"/audit?action=key.updated&pageSize=2", "", &renames); s != 200 {
		t.Fatalf("audit = %d", s)
	}
	// One rename and three disables: four updates, the newest two on the page.
	if renames.Total != 4 || len(renames.Items) != 2 {
		t.Fatalf("key.updated: total %d, %d on the page", renames.Total, len(renames.Items))
	}
	for _, ev := range renames.Items {
		if ev.Action != "key.updated" {
			t.Fatalf("filtered page holds %s", ev.Action)
		}
	}
	var mine api.AuditList
	e.call(e.admin, "GET", "/v1/workspaces/"+e.ws+"/audit?action=key.updated&keyId="+kept.Key.ID, "", &mine)
	if mine.Total != 1 || mine.Items[0].TargetName != "kept, renamed" {
		t.Fatalf("one key's updates: %+v", mine)
	}
	var all api.AuditList
	e.call(e.admin, "GET", "/v1/workspaces/"+e.ws+"/audit", "", &all)
	if all.Total < 4+4+3 {
		t.Fatalf("unfiltered total %d", all.Total)
	}
}

// The log names its actors and targets as they were: a key deleted since,
// or an admin key that is gone, is still named, not only by its ID.
func TestAuditKeepsTheNames(t *testing.T) {
	e := newEnv(t)
	second := e.create(e.admin, api.CreateKeyRequest{Name: "second admin", Role: "admin"})
	made := e.create(second.Secret, api.CreateKeyRequest{Name: "deploy"})
	e.call(e.admin, "DELETE", e.keyPath(made.Key.ID), "", nil)
	e.call(e.admin, "DELETE", e.keyPath(second.Key.ID), "", nil)
	var prof api.Profile
	e.call(e.admin, "POST", "/v1/workspaces/"+e.ws+"/profiles", `{"name":"Echo"}`, &prof)
	kept := e.create(e.admin, api.CreateKeyRequest{Name: "kept", ProfileID: prof.ID})
	if s := e.call(e.admin, "DELETE", "/v1/workspaces/"+e.ws+"/profiles/"+prof.ID+"?keys=detach", "", nil); s != 204 {
		t.Fatalf("delete profile = %d", s)
	}

	var audit api.AuditList
	e.call(e.admin, "GET", "/v1/workspaces/"+e.ws+"/audit?pageSize=20", "", &audit)
	find := func(action, target string) api.AuditEvent {
		t.Helper()
		for _, ev := range audit.Items {
			if ev.Action == action && (ev.TargetKeyID == target || ev.TargetID == target) {
				return ev
			}
		}
		t.Fatalf("no %s of %s in %+v", action, target, audit.Items)
		return api.AuditEvent{}
	}
	if ev := find("key.created", made.Key.ID); ev.ActorName != "second admin" || ev.TargetName != "deploy" {
		t.Errorf("created by a deleted admin: actor %q, target %q", ev.ActorName, ev.TargetName)
	}
	if ev := find("key.deleted", made.Key.ID); ev.TargetName != "deploy" || ev.ActorName == "" {
		t.Errorf("deleted: actor %q, target %q", ev.ActorName, ev.TargetName)
	}
	if ev := find("profile.deleted", prof.ID); ev.TargetName != "Echo" {
		t.Errorf("profile deleted: target %q", ev.TargetName)
	}
	// A key kept without the deleted profile has that in its own history.
	if ev := find("key.updated", kept.Key.ID); ev.TargetName != "kept" || !strings.Contains(string(ev.Changes), `"profileId":{"from":"`+prof.ID+`","to":""}`) ||
		!strings.Contains(string(ev.Changes), `"profileName":{"from":"Echo","to":""}`) {
		t.Errorf("detached key: %+v %s", ev, ev.Changes)
	}
	// Its creation with the profile names the profile too.
	if ev := find("key.created", kept.Key.ID); !strings.Contains(string(ev.Changes), `"profileName":"Echo"`) {
		t.Errorf("created with a profile: %s", ev.Changes)
	}
}

func TestUsageAndLastUsedAreFlushedInBatches(t *testing.T) {
	e := newEnv(t)
	created := e.create(e.admin, api.CreateKeyRequest{Name: "busy"})
	for range 5 {
		e.verify(created.Secret)
	}
	k, _ := e.client(e.admin).GetKey(e.ctx, e.ws, created.Key.ID)
	if k.LastUsedAt != nil {
		t.Fatal("lastUsedAt written before the flush: a write per verification")
	}
	if err := e.srv.FlushUsage(e.ctx); err != nil {
		t.Fatal(err)
	}
	k, _ = e.client(e.admin).GetKey(e.ctx, e.ws, created.Key.ID)
	if k.LastUsedAt == nil || !k.LastUsedAt.Equal(e.clock.Now()) || k.Revision <= created.Key.Revision {
		t.Fatalf("after flush = %+v", k)
	}
	e.clock.Advance(24 * time.Hour)
	e.verify(created.Secret)
	e.srv.FlushUsage(e.ctx)
	// A new revision, for desktops to sync the last use; updatedAt stays:
	// using a key changes nothing about it.
	used, _ := e.client(e.admin).GetKey(e.ctx, e.ws, created.Key.ID)
	if used.Revision <= k.Revision || !used.LastUsedAt.After(*k.LastUsedAt) || !used.UpdatedAt.Equal(created.Key.UpdatedAt) {
		t.Fatalf("after a later use: %+v, created %+v", used, created.Key)
	}
	var usage api.Usage
	if s := e.call(e.admin, "GET", "/v1/workspaces/"+e.ws+"/usage?keyId="+created.Key.ID+"&days=7", "", &usage); s != 200 {
		t.Fatalf("usage = %d", s)
	}
	if len(usage.Days) != 7 || usage.Days[6].Count != 1 || usage.Days[5].Count != 5 || usage.Total != 6 {
		t.Fatalf("usage = %+v", usage)
	}
	if s := e.call(e.admin, "GET", "/v1/workspaces/"+e.ws+"/usage?days=7", "", nil); s != 400 {
		t.Fatalf("usage without keyId = %d", s)
	}
}

func TestFailedVerificationsAreRateLimitedPerAddress(t *testing.T) {
	e := newEnv(t)
	good := e.create(e.admin, api.CreateKeyRequest{Name: "good"}).Secret
	var limited bool
	for i := 0; i < 40 && !limited; i++ {
		status, hdr, _ := e.raw("POST", "/v1/keys/verify", nil, `{"key":"kd_guess`+strings.Repeat("x", i)+`"}`)
		if status == http.StatusTooManyRequests {
			limited = hdr.Get("Retry-After") != ""
		}
	}
	if !limited {
		t.Fatal("40 failed verifications were not rate-limited with Retry-After")
	}
	// A good key from the same address is never slowed down; a bad one is
	// refused with 429 until time passes.
	if _, err := e.client(good).WhoAmI(e.ctx); err != nil {
		t.Fatalf("a good key while the address is limited: %v", err)
	}
	if v := e.verify(good); !v.Valid {
		t.Fatal("verifying a good key while the address is limited")
	}
	if status, _, _ := e.raw("GET", "/v1/whoami", bearer("kd_guess"), ""); status != http.StatusTooManyRequests {
		t.Fatalf("a bad key while limited = %d", status)
	}
	e.clock.Advance(time.Minute)
	if status, _, _ := e.raw("GET", "/v1/whoami", bearer("kd_guess"), ""); status != http.StatusUnauthorized {
		t.Fatalf("a bad key a minute later = %d, want 401 again", status)
	}
}

// TestTwoReplicasShareTheDatabase: a key disabled or deleted through one
// server is refused by another on the same database at once.
func TestTwoReplicasShareTheDatabase(t *testing.T) {
	e := newEnv(t)
	store2, err := server.OpenStore(e.dsn, postgres.Open, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer store2.Close()
	replica := httptest.NewServer(server.New(store2, server.Options{Now: e.clock.Now}).Handler())
	defer replica.Close()
	c2, _ := client.New(replica.URL, "")
	created := e.create(e.admin, api.CreateKeyRequest{Name: "shared"})
	if v, _ := c2.Verify(e.ctx, created.Secret); !v.Valid {
		t.Fatal("replica does not see the new key")
	}
	e.call(e.admin, "PATCH", e.keyPath(created.Key.ID), `{"enabled":false}`, nil)
	if v, _ := c2.Verify(e.ctx, created.Secret); v.Valid || v.Reason != api.ReasonDisabled {
		t.Fatalf("replica after disable: %+v", v)
	}
	e.call(e.admin, "PATCH", e.keyPath(created.Key.ID), `{"enabled":true}`, nil)
	if err := e.client(e.admin).DeleteKey(context.Background(), e.ws, created.Key.ID); err != nil {
		t.Fatal(err)
	}
	if v, _ := c2.Verify(e.ctx, created.Secret); v.Valid || v.Reason != api.ReasonNotFound {
		t.Fatalf("replica after delete: %+v", v)
	}
}

func TestRotationKeepsThePolicy(t *testing.T) {
	e := newEnv(t)
	long := e.create(e.admin, api.CreateKeyRequest{Name: "long", ExpiresInDays: days(300)})
	never := e.create(e.admin, api.CreateKeyRequest{Name: "never"})
	e.call(e.admin, "PATCH", "/v1/workspaces/"+e.ws, `{"maxExpiryDays":30,"allowNeverExpires":false}`, nil)
	cap := e.clock.Now().AddDate(0, 0, 30)
	for _, k := range []api.CreatedKey{long, never} {
		var rot api.RotatedKey
		e.call(e.admin, "POST", e.keyPath(k.Key.ID)+"/rotate", `{}`, &rot)
		if rot.Key.ExpiresAt == nil || rot.Key.ExpiresAt.After(cap) {
			t.Fatalf("successor of %s expires %v, past the 30-day policy", k.Key.Name, rot.Key.ExpiresAt)
		}
	}
}

func TestEnablingARotatedOutKeyKeepsIt(t *testing.T) {
	e := newEnv(t)
	old := e.create(e.admin, api.CreateKeyRequest{Name: "old"})
	e.call(e.admin, "POST", e.keyPath(old.Key.ID)+"/rotate", `{"overlapDays":1}`, nil)
	e.clock.Advance(49 * time.Hour)
	e.srv.RevokeEndedOverlaps(e.ctx)
	var k api.Key
	e.call(e.admin, "PATCH", e.keyPath(old.Key.ID), `{"enabled":true}`, &k)
	if k.Status != "active" || k.RevokesAt != nil || !e.verify(old.Secret).Valid {
		t.Fatalf("re-enabled = %+v", k)
	}
	if n, _ := e.srv.RevokeEndedOverlaps(e.ctx); n != 0 {
		t.Fatal("the job disabled the re-enabled key again")
	}
}

// A workspace keeps an active admin key: its last one can be neither
// disabled nor deleted, or no key could manage the workspace again.
func TestTheLastActiveAdminKeyStays(t *testing.T) {
	e := newEnv(t)
	var me api.WhoAmI
	if s := e.call(e.admin, "GET", "/v1/whoami", "", &me); s != 200 {
		t.Fatalf("whoami = %d", s)
	}
	refused := func(method, path, body, field string) {
		t.Helper()
		status, _, problem := e.raw(method, path, bearer(e.admin), body)
		if status != 409 || problem["code"] != api.CodeConflict || !strings.Contains(fmt.Sprint(problem["detail"]), "last active admin key") {
			t.Fatalf("%s %s %s = %d %v", method, path, body, status, problem)
		}
		if got, _ := problem["field"].(string); got != field {
			t.Fatalf("field = %q, want %q", got, field)
		}
	}
	refused("PATCH", e.keyPath(me.KeyID), `{"enabled":false}`, "enabled")
	refused("DELETE", e.keyPath(me.KeyID), "", "")
	if v := e.verify(e.admin); !v.Valid {
		t.Fatalf("the admin key stopped working: %+v", v)
	}

	// A disabled or expired admin key does not count; an active one does.
	off := e.create(e.admin, api.CreateKeyRequest{Name: "admin off", Role: "admin"})
	e.call(e.admin, "PATCH", e.keyPath(off.Key.ID), `{"enabled":false}`, nil)
	refused("PATCH", e.keyPath(me.KeyID), `{"enabled":false}`, "enabled")
	day := 1
	soon := e.create(e.admin, api.CreateKeyRequest{Name: "admin soon", Role: "admin", ExpiresInDays: api.Some(&day)})
	e.clock.Advance(25 * time.Hour)
	refused("DELETE", e.keyPath(me.KeyID), "", "")
	e.call(e.admin, "DELETE", e.keyPath(soon.Key.ID), "", nil)

	second := e.create(e.admin, api.CreateKeyRequest{Name: "second admin", Role: "admin"})
	if s := e.call(e.admin, "PATCH", e.keyPath(me.KeyID), `{"enabled":false}`, nil); s != 200 {
		t.Fatalf("disabling one of two admin keys = %d", s)
	}
	// Now the second is the last one; the first, disabled, may go.
	if s := e.call(second.Secret, "DELETE", e.keyPath(me.KeyID), "", nil); s != 204 {
		t.Fatalf("deleting a disabled admin key = %d", s)
	}
	status, _, _ := e.raw("DELETE", e.keyPath(second.Key.ID), bearer(second.Secret), "")
	if status != 409 {
		t.Fatalf("deleting the last admin key = %d", status)
	}
	// Keys of other roles come and go as before.
	member := e.create(second.Secret, api.CreateKeyRequest{Name: "member", Role: "member"})
	if s := e.call(second.Secret, "DELETE", e.keyPath(member.Key.ID), "", nil); s != 204 {
		t.Fatalf("delete member = %d", s)
	}
}

// The log says what changed and nothing more: a regeneration that keeps a
// never-expiring key's expiry records no expiry; a key cleaned up records
// whether it was also disabled, which an expired key's status does not say.
func TestAuditSaysOnlyWhatChanged(t *testing.T) {
	e := newEnv(t)
	never := e.create(e.admin, api.CreateKeyRequest{Name: "forever", ExpiresInDays: api.Some[int](nil)})
	e.call(e.admin, "POST", e.keyPath(never.Key.ID)+"/regenerate", `{"expiresInDays":null}`, nil)
	short := e.create(e.admin, api.CreateKeyRequest{Name: "short", ExpiresInDays: days(1)})
	e.call(e.admin, "PATCH", e.keyPath(short.Key.ID), `{"enabled":false}`, nil)
	e.clock.Advance(48 * time.Hour)
	if s := e.call(e.admin, "POST", "/v1/workspaces/"+e.ws+"/keys/cleanup", `{"expired":true}`, nil); s != 200 {
		t.Fatalf("cleanup = %d", s)
	}
	var audit api.AuditList
	e.call(e.admin, "GET", "/v1/workspaces/"+e.ws+"/audit?pageSize=20", "", &audit)
	byAction := map[string]string{}
	for _, ev := range audit.Items {
		if _, seen := byAction[ev.Action]; !seen {
			byAction[ev.Action] = string(ev.Changes)
		}
	}
	if regen := byAction["key.regenerated"]; !strings.Contains(regen, "maskedKey") || strings.Contains(regen, "expiresAt") {
		t.Errorf("regenerated, expiry kept as never: %s", regen)
	}
	if cleaned := byAction["key.cleaned_up"]; !strings.Contains(cleaned, `"status":"expired"`) || !strings.Contains(cleaned, `"enabled":false`) {
		t.Errorf("cleaned up: %s", cleaned)
	}
}
