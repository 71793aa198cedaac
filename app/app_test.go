package app_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/keydesk/keydesk/app"
	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/client"
	"github.com/keydesk/keydesk/backend/desk"
	"github.com/keydesk/keydesk/backend/secrets"
)

func newApp(t *testing.T) *app.App {
	t.Helper()
	t.Setenv("KEYDESK_KEYRING", "memory")
	a := app.New(app.Config{Home: t.TempDir(), LocalAddr: "127.0.0.1:0"})
	if err := a.Startup(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Shutdown() })
	return a
}

func appError(t *testing.T, err error) *app.Error {
	t.Helper()
	var ae *app.Error
	if !errors.As(err, &ae) {
		t.Fatalf("error %v (%T) is not an app.Error", err, err)
	}
	return ae
}

func TestCallsBeforeStartupExplainThemselves(t *testing.T) {
	a := app.New(app.Config{Home: t.TempDir()})
	_, err := a.Keys.List("wsl_x")
	if e := appError(t, err); e.Code != app.CodeNotStarted {
		t.Fatalf("= %+v", e)
	}
}

func TestCreateListDelete(t *testing.T) {
	a := newApp(t)
	list, err := a.Workspaces.List()
	if err != nil || len(list) != 1 || list[0].Name != "Local" || list[0].Kind != "local" || list[0].Role != "admin" {
		t.Fatalf("workspaces = %+v, %v", list, err)
	}
	ws := list[0].ID
	// What the Local workspace allows, as its sync says, for the dialogs: anything up to 366 days, or never.
	if synced, err := a.Workspaces.Sync(ws); err != nil || synced.MaxExpiryDays != 366 || !synced.AllowNeverExpires {
		t.Fatalf("Local's policy = %d, %v (%v)", synced.MaxExpiryDays, synced.AllowNeverExpires, err)
	}
	days := 7
	created, err := a.Keys.Create(ws, app.CreateKeyRequest{Name: "  deploy  ", Role: "member", ExpiresInDays: &days})
	if err != nil {
		t.Fatal(err)
	}
	if created.Key.Name != "deploy" || created.Key.Role != "member" || created.Key.ExpiresAt == nil || created.Secret == "" {
		t.Fatalf("created = %+v", created.Key)
	}
	keys, err := a.Keys.List(ws)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, k := range keys {
		found = found || (k.ID == created.Key.ID && k.MaskedKey == created.Key.MaskedKey && k.Status == "active")
	}
	if !found {
		t.Fatalf("created key not listed: %+v", keys)
	}
	if err := a.Keys.Delete(ws, created.Key.ID); err != nil {
		t.Fatal(err)
	}
	err = a.Keys.Delete(ws, created.Key.ID)
	if e := appError(t, err); e.Code != app.CodeNotFound {
		t.Fatalf("second delete = %+v", e)
	}
}

func TestBadInputNamesTheField(t *testing.T) {
	a := newApp(t)
	list, _ := a.Workspaces.List()
	ws := list[0].ID
	// The first sync runs in the background: let it finish before the
	// snapshot, so that only the rejected calls could change the keys.
	if _, err := a.Workspaces.Sync(ws); err != nil {
		t.Fatal(err)
	}
	before, _ := a.Keys.List(ws)
	zero, tooMany := 0, 400
	cases := []struct {
		req   app.CreateKeyRequest
		field string
	}{
		{app.CreateKeyRequest{Name: ""}, "name"},
		{app.CreateKeyRequest{Name: "x", Role: "owner"}, "role"},
		{app.CreateKeyRequest{Name: "x", ExpiresInDays: &zero}, "expiresInDays"},
		{app.CreateKeyRequest{Name: "x", ExpiresInDays: &tooMany}, "expiresInDays"},
	}
	for _, tc := range cases {
		_, err := a.Keys.Create(ws, tc.req)
		if e := appError(t, err); e.Code != app.CodeInvalidInput || e.Field != tc.field || e.Message == "" {
			t.Errorf("%+v: %+v", tc.req, e)
		}
	}
	if _, err := a.Keys.Create("wsl_nope", app.CreateKeyRequest{Name: "x"}); appError(t, err).Code != app.CodeNotFound {
		t.Errorf("unknown workspace: %v", err)
	}
	after, _ := a.Keys.List(ws)
	if len(after) != len(before) {
		t.Fatal("rejected input changed the keys")
	}
}

// TestListFirstIsTheTopOfList: the rows painted first are the rows the
// whole list starts with, and the total is the whole list's length.
func TestListFirstIsTheTopOfList(t *testing.T) {
	a := newApp(t)
	list, _ := a.Workspaces.List()
	ws := list[0].ID
	for _, name := range []string{"one", "two", "three", "four", "five"} {
		if _, err := a.Keys.Create(ws, app.CreateKeyRequest{Name: name}); err != nil {
			t.Fatal(err)
		}
	}
	all, err := a.Keys.List(ws)
	if err != nil {
		t.Fatal(err)
	}
	first, err := a.Keys.ListFirst(ws, 3)
	if err != nil {
		t.Fatal(err)
	}
	if first.Total != len(all) || len(first.Keys) != 3 {
		t.Fatalf("first = %d keys of %d, list has %d", len(first.Keys), first.Total, len(all))
	}
	for i, k := range first.Keys {
		if !reflect.DeepEqual(k, all[i]) {
			t.Fatalf("row %d: first %+v, list %+v", i, k, all[i])
		}
	}
	for _, limit := range []int{0, -1, 501} {
		_, err := a.Keys.ListFirst(ws, limit)
		if e := appError(t, err); e.Code != app.CodeInvalidInput || e.Field != "limit" {
			t.Errorf("limit %d: %+v", limit, e)
		}
	}
	if _, err := a.Keys.ListFirst("wsl_nope", 10); appError(t, err).Code != app.CodeNotFound {
		t.Errorf("unknown workspace: %v", err)
	}
}

// The clean-up deletes the keys its confirmation named, of them only those
// that still match, and refuses an empty ID without deleting anything.
func TestCleanupNamedKeys(t *testing.T) {
	a := newApp(t)
	list, _ := a.Workspaces.List()
	ws := list[0].ID
	off := false
	ids := map[string]string{}
	for _, name := range []string{"zulu", "alpha", "delta"} {
		created, err := a.Keys.Create(ws, app.CreateKeyRequest{Name: name})
		if err != nil {
			t.Fatal(err)
		}
		ids[name] = created.Key.ID
		if _, err := a.Keys.Update(ws, created.Key.ID, app.UpdateKeyRequest{Enabled: &off}); err != nil {
			t.Fatal(err)
		}
	}
	_, err := a.Keys.Cleanup(ws, app.CleanupRequest{Revoked: true, KeyIDs: []string{ids["zulu"], ""}})
	if e := appError(t, err); e.Code != app.CodeInvalidInput || e.Field != "keyIds" {
		t.Fatalf("empty ID: %+v", e)
	}
	n, err := a.Keys.Cleanup(ws, app.CleanupRequest{Revoked: true, KeyIDs: []string{ids["zulu"], ids["alpha"]}})
	if err != nil || n != 2 {
		t.Fatalf("cleanup = %d, %v", n, err)
	}
	keys, err := a.Keys.List(ws)
	if err != nil {
		t.Fatal(err)
	}
	left := map[string]bool{}
	for _, k := range keys {
		left[k.Name] = true
	}
	if left["zulu"] || left["alpha"] || !left["delta"] {
		t.Fatalf("left = %v", left)
	}
}

// A pasted secret that is not a key is refused with the field and the rule,
// said once, and without echoing what was pasted.
func TestRememberRefusesWhatIsNotAKey(t *testing.T) {
	a := newApp(t)
	list, _ := a.Workspaces.List()
	ws := list[0].ID
	created, err := a.Keys.Create(ws, app.CreateKeyRequest{Name: "deploy"})
	if err != nil {
		t.Fatal(err)
	}
	err = a.Keys.Remember(ws, created.Key.ID, "hello-this-is-not-a-key")
	e := appError(t, err)
	want := "Secret must be a Keydesk key: a prefix such as kd, an underscore and 49 letters and digits"
	if e.Code != app.CodeInvalidInput || e.Field != "secret" || e.Message != want {
		t.Fatalf("= %+v, want the message %q", e, want)
	}
}

// Search returns one result more than the box shows when there are more,
// and no more than there are otherwise.
func TestSearchSaysThereAreMore(t *testing.T) {
	a := newApp(t)
	list, _ := a.Workspaces.List()
	ws := list[0].ID
	for i := range app.SearchShown + 2 {
		if _, err := a.Keys.Create(ws, app.CreateKeyRequest{Name: fmt.Sprintf("bulk-%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if found, err := a.Keys.Search("bulk"); err != nil || len(found) != app.SearchShown+1 {
		t.Fatalf("search with more = %d results, %v", len(found), err)
	}
	if found, err := a.Keys.Search("bulk-1"); err != nil || len(found) != 11 { // bulk-1, bulk-10 … bulk-19
		t.Fatalf("search without more = %d results, %v", len(found), err)
	}
}

// Wails' runtime rejects a call with `new Error(formatted)`: the error must
// be text (JSON) to reach the page, not an object ("[object Object]").
func TestFormatErrorIsJSONText(t *testing.T) {
	got, ok := app.FormatError(fmt.Errorf("test: %w", desk.ErrNoSecret)).(string)
	if !ok {
		t.Fatalf("FormatError gave %T, want a string", app.FormatError(desk.ErrNoSecret))
	}
	var e app.Error
	if err := json.Unmarshal([]byte(got), &e); err != nil || e.Code != app.CodeNeedSecret || e.Field != "secret" || e.Message == "" {
		t.Fatalf("FormatError = %s (%v)", got, err)
	}
	// A timeout loses the answer, not necessarily the change: it says so.
	timeout := app.FormatError(context.DeadlineExceeded).(string)
	if !strings.Contains(timeout, "may still have done what you asked") {
		t.Fatalf("timeout = %s", timeout)
	}
}

// The passphrase's rule reads as a sentence under its field.
func TestPassphraseErrorSaysTheField(t *testing.T) {
	_, err := newApp(t).Settings.UseEncryptedFile("short")
	e := appError(t, err)
	if e.Field != "passphrase" || e.Message != "Passphrase must be at least 8 characters" {
		t.Fatalf("%+v", e)
	}
}

// A workspace's access key that is locked or gone is said as such, with what
// to do, not as "no such secret in the keychain".
func TestFormatErrorOfAMissingAccessKey(t *testing.T) {
	cases := map[string]struct {
		err        error
		code, says string
	}{
		"locked":            {fmt.Errorf("create key: %w", desk.ErrKeychainLocked), app.CodeKeychainLocked, "Unlock it with its passphrase"},
		"missing":           {fmt.Errorf("create key: %w", secrets.ErrNotFound), app.CodeAccessKeyMissing, "Enter it again (Edit connection)"},
		"key secret locked": {fmt.Errorf("test: %w", desk.ErrNoSecretYet), app.CodeNeedSecret, "may be in the encrypted file, which is locked"},
	}
	for name, c := range cases {
		var e app.Error
		if err := json.Unmarshal([]byte(app.FormatError(c.err).(string)), &e); err != nil {
			t.Fatal(err)
		}
		if e.Code != c.code || !strings.Contains(e.Message, c.says) || strings.Contains(e.Message, "no such secret") {
			t.Errorf("%s: %+v", name, e)
		}
	}
}

// The server names a field by its JSON name (the API's contract); the
// desktop says it with the form's label.
func TestServerFieldErrorsSayTheLabel(t *testing.T) {
	a := newApp(t)
	list, _ := a.Workspaces.List()
	_, err := a.Keys.Create(list[0].ID, app.CreateKeyRequest{Name: strings.Repeat("n", 101)})
	e := appError(t, err)
	if e.Field != "name" || !strings.HasPrefix(e.Message, "Name must be") {
		t.Fatalf("%+v", e)
	}
}

// A start that failed says why on every call, with its own code: the
// window stops asking again (it does while Keydesk is still starting).
func TestFailedStartIsNotStillStarting(t *testing.T) {
	home := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(home, []byte("not a directory"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("KEYDESK_KEYRING", "memory")
	a := app.New(app.Config{Home: home, LocalAddr: "127.0.0.1:0"})
	if err := a.Startup(context.Background()); err == nil {
		t.Fatal("started on a file")
	}
	_, err := a.Workspaces.List()
	if e := appError(t, err); e.Code != app.CodeStartFailed || !strings.HasPrefix(e.Message, "Keydesk could not start: ") {
		t.Fatalf("%+v", e)
	}
}

// createAndDelete makes a key in the Local workspace and deletes it, for
// the audit log; it returns the workspace's id and the key as created.
func createAndDelete(t *testing.T, a *app.App, name string) (string, app.CreatedKey) {
	t.Helper()
	list, _ := a.Workspaces.List()
	ws := list[0].ID
	created, err := a.Keys.Create(ws, app.CreateKeyRequest{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Keys.Delete(ws, created.Key.ID); err != nil {
		t.Fatal(err)
	}
	return ws, created
}

// The audit log names a key deleted since, and the admin key that acted
// though it is gone: by the names the server recorded with the events.
func TestAuditNamesWhatIsGone(t *testing.T) {
	a := newApp(t)
	ws, created := createAndDelete(t, a, "short-lived")
	page, err := a.Keys.Audit(ws, "", "", 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range page.Items {
		if e.TargetKeyID == created.Key.ID && (e.TargetName != "short-lived" || e.ActorName == "") {
			t.Fatalf("%s: target %q, actor %q", e.Action, e.TargetName, e.ActorName)
		}
	}
}

// The Action filter reaches the workspace's server; an unknown action is
// refused by name.
func TestAuditOfOneAction(t *testing.T) {
	a := newApp(t)
	ws, created := createAndDelete(t, a, "short-lived")
	page, err := a.Keys.Audit(ws, "", "key.deleted", 0, 10)
	if err != nil || page.Total != 1 || page.Items[0].Action != "key.deleted" || page.Items[0].TargetKeyID != created.Key.ID {
		t.Fatalf("key.deleted: %+v, %v", page, err)
	}
	_, err = a.Keys.Audit(ws, "", "key.eaten", 0, 10)
	if e := appError(t, err); e.Code != app.CodeInvalidInput || e.Field != "action" || !strings.Contains(e.Message, "key.cleaned_up") {
		t.Fatalf("unknown action: %+v", e)
	}
}

// The audit log keeps the name a key had when each event was recorded, and
// says today's name beside it once the key was renamed.
func TestAuditKeepsTheNameAnEventRecorded(t *testing.T) {
	a := newApp(t)
	list, _ := a.Workspaces.List()
	ws := list[0].ID
	created, err := a.Keys.Create(ws, app.CreateKeyRequest{Name: "reporting job"})
	if err != nil {
		t.Fatal(err)
	}
	renamed := "reporting job (nightly)"
	if _, err := a.Keys.Update(ws, created.Key.ID, app.UpdateKeyRequest{Name: &renamed}); err != nil {
		t.Fatal(err)
	}
	page, err := a.Keys.Audit(ws, "", "", 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]app.AuditEvent{}
	for _, e := range page.Items {
		if e.TargetKeyID == created.Key.ID {
			seen[e.Action] = e
		}
	}
	if e := seen["key.created"]; e.TargetName != "reporting job" || e.TargetNameNow != renamed {
		t.Fatalf("created: name %q, now %q", e.TargetName, e.TargetNameNow)
	}
	if e := seen["key.updated"]; e.TargetName != renamed || e.TargetNameNow != "" {
		t.Fatalf("renamed: name %q, now %q", e.TargetName, e.TargetNameNow)
	}
}

// A refused access key is said in the desk's words (whose key, what to do),
// not as the server's bare "the API key is not valid", which under Create
// key reads as if the new key were at fault.
func TestFormatErrorOfARefusedAccessKey(t *testing.T) {
	refused := &client.Error{Status: 401, Problem: api.Problem{Code: "unauthorized", Detail: "the API key is not valid: it does not exist or was deleted"}}
	err := fmt.Errorf("The server refused this workspace's access key (%s): %w%w", refused.Problem.Detail, desk.ErrAccessKeyRefused, refused)
	var e app.Error
	if jerr := json.Unmarshal([]byte(app.FormatError(err).(string)), &e); jerr != nil {
		t.Fatal(jerr)
	}
	if e.Code != app.CodeUnauthorized || e.Message != err.Error() || e.Field != "" {
		t.Fatalf("%+v", e)
	}
}
