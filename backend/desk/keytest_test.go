package desk_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/desk"
	"github.com/keydesk/keydesk/backend/keys"
	"github.com/keydesk/keydesk/backend/secrets"
)

func TestKeyTestOnTheLocalWorkspace(t *testing.T) {
	d := open(t, t.TempDir(), secrets.NewMemory(), nil)
	defer d.Close()
	ctx := context.Background()
	ws := localWorkspace(t, d)
	admin, _ := d.CreateKey(ctx, ws.ID, api.CreateKeyRequest{Name: "ops", Role: "admin"})
	svc, _ := d.CreateKey(ctx, ws.ID, api.CreateKeyRequest{Name: "svc", Role: "api"})

	// Not remembered: the test asks for the secret.
	if _, err := d.TestKey(ctx, desk.KeyTest{WorkspaceID: ws.ID, KeyID: admin.Key.ID}); !errors.Is(err, desk.ErrNoSecret) {
		t.Fatalf("without a secret: %v", err)
	}
	d.Remember(ctx, ws.ID, admin.Key.ID, admin.Secret)
	res, err := d.TestKey(ctx, desk.KeyTest{WorkspaceID: ws.ID, KeyID: admin.Key.ID})
	if err != nil || res.Status != 200 || !strings.Contains(res.URL, "/v1/workspaces/"+ws.RemoteID+"/keys?pageIndex=0&pageSize=5") {
		t.Fatalf("admin test = %+v, %v", res, err)
	}
	// Keydesk's own key tests with the access key it keeps, nothing to paste.
	if res, err := d.TestKey(ctx, desk.KeyTest{WorkspaceID: ws.ID, KeyID: ws.AccessKeyID}); err != nil || res.Status != 200 {
		t.Fatalf("own key test = %+v, %v", res, err)
	}
	// A pasted secret with a control character (a stray BEL, NUL) is said
	// in words, before anything is sent.
	for _, pasted := range []string{"kd_abc\x00def", "kd_abc\adef"} {
		if _, err := d.TestKey(ctx, desk.KeyTest{WorkspaceID: ws.ID, Secret: pasted}); fieldOf(err) != "secret" || !strings.Contains(err.Error(), "control character") {
			t.Fatalf("pasted %q: %v", pasted, err)
		}
	}
	// An api key tests with whoami; a pasted secret must be that key's.
	if _, err := d.TestKey(ctx, desk.KeyTest{WorkspaceID: ws.ID, KeyID: svc.Key.ID, Secret: admin.Secret}); fieldOf(err) != "secret" {
		t.Fatalf("wrong pasted secret: %v", err)
	}
	res, _ = d.TestKey(ctx, desk.KeyTest{WorkspaceID: ws.ID, KeyID: svc.Key.ID, Secret: svc.Secret})
	if res.Status != 200 || !strings.HasSuffix(res.URL, "/v1/whoami") {
		t.Fatalf("api test = %+v", res)
	}
	// A disabled key: 401, kept in the history like any result.
	off := false
	d.UpdateKey(ctx, ws.ID, svc.Key.ID, api.PatchKeyRequest{Enabled: &off})
	res, _ = d.TestKey(ctx, desk.KeyTest{WorkspaceID: ws.ID, KeyID: svc.Key.ID, Secret: svc.Secret})
	if res.Status != 401 {
		t.Fatalf("disabled key test = %+v", res)
	}
	// A pasted key the cache knows is tested as its row would be: an admin
	// key lists keys; one it does not know calls whoami.
	res, err = d.TestKey(ctx, desk.KeyTest{WorkspaceID: ws.ID, Secret: admin.Secret})
	if err != nil || res.Status != 200 || !strings.Contains(res.URL, "/v1/workspaces/"+ws.RemoteID+"/keys?pageIndex=0&pageSize=5") {
		t.Fatalf("pasted admin key = %+v, %v", res, err)
	}
	stranger, _ := keys.NewSecret("kd", nil)
	if res, _ := d.TestKey(ctx, desk.KeyTest{WorkspaceID: ws.ID, Secret: stranger}); res.Status != 401 || !strings.HasSuffix(res.URL, "/v1/whoami") {
		t.Fatalf("pasted stranger = %+v", res)
	}
	// A pasted garbage key.
	res, err = d.TestKey(ctx, desk.KeyTest{WorkspaceID: ws.ID, Secret: "kd_garbage"})
	if err != nil || res.Status != 401 {
		t.Fatalf("garbage = %+v, %v", res, err)
	}
	for i := 0; i < 25; i++ {
		d.TestKey(ctx, desk.KeyTest{WorkspaceID: ws.ID, KeyID: admin.Key.ID})
	}
	history, _ := d.TestHistory(ctx, ws.ID, admin.Key.ID)
	if len(history) != 20 {
		t.Fatalf("history has %d results, want the last 20", len(history))
	}
	svcHistory, _ := d.TestHistory(ctx, ws.ID, svc.Key.ID)
	if len(svcHistory) != 2 || svcHistory[0].Status != 401 || svcHistory[1].Status != 200 {
		t.Fatalf("svc history = %+v", svcHistory)
	}
	curl, _ := d.TestCurl(ctx, desk.KeyTest{WorkspaceID: ws.ID, KeyID: admin.Key.ID}, false)
	revealed, _ := d.TestCurl(ctx, desk.KeyTest{WorkspaceID: ws.ID, KeyID: admin.Key.ID}, true)
	if strings.Contains(curl, admin.Secret) || !strings.Contains(revealed, admin.Secret) {
		t.Fatalf("curl = %s / %s", curl, revealed)
	}
	raw, _ := json.Marshal(history)
	if strings.Contains(string(raw), admin.Secret[3:]) {
		t.Fatal("the history holds the secret")
	}
	d.Close()
	for _, f := range []string{"desk.db", "desk.db-wal"} {
		data, _ := os.ReadFile(filepath.Join(d.Home(), f))
		for _, s := range []string{admin.Secret, svc.Secret} {
			if strings.Contains(string(data), s[3:30]) {
				t.Fatalf("%s holds a tested secret", f)
			}
		}
	}
}

// A pasted key the cache knows fills its profile's test URL as its row's
// test does: {keyId} is its ID, not empty (a request to the wrong place
// could pass for a working key).
func TestPastedKnownKeyFillsItsTestURL(t *testing.T) {
	var paths []string
	endpoint := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.Path)
		w.Write([]byte(`{"ok":true}`))
	}))
	defer endpoint.Close()
	d := open(t, t.TempDir(), secrets.NewMemory(), nil)
	defer d.Close()
	ctx := context.Background()
	ws := localWorkspace(t, d)
	name := "payments"
	profile, err := d.CreateProfile(ctx, ws.ID, api.ProfileRequest{
		Name:         &name,
		TestEndpoint: api.Some(&api.TestEndpoint{Method: "GET", URL: endpoint.URL + "/check/{workspace}/{keyId}", Auth: "bearer"}),
	})
	if err != nil {
		t.Fatal(err)
	}
	created, err := d.CreateKey(ctx, ws.ID, api.CreateKeyRequest{Name: "pay", ProfileID: profile.ID})
	if err != nil {
		t.Fatal(err)
	}
	want := "/check/" + ws.RemoteID + "/" + created.Key.ID
	for _, test := range []desk.KeyTest{
		{WorkspaceID: ws.ID, KeyID: created.Key.ID, Secret: created.Secret}, // its row's Test, secret pasted
		{WorkspaceID: ws.ID, Secret: created.Secret},                        // Test API key, the secret alone
	} {
		if res, err := d.TestKey(ctx, test); err != nil || res.Status != 200 {
			t.Fatalf("%+v: %+v, %v", test, res, err)
		}
	}
	if len(paths) != 2 || paths[0] != want || paths[1] != want {
		t.Fatalf("requested %q, want %q twice", paths, want)
	}
}
