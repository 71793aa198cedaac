package app_test

import (
	"strings"
	"testing"

	"github.com/keydesk/keydesk/app"
)

func TestProfileFormRoundTrip(t *testing.T) {
	a := newApp(t)
	list, _ := a.Workspaces.List()
	ws := list[0].ID
	expiry, rotation := 60, 30
	req := app.ProfileRequest{
		Name: "Partners", Description: "Keys we give to partner apps", DefaultExpiryDays: &expiry,
		KeyPrefix: "pt", RotationDays: &rotation, ReminderDays: []int{14, 3},
		TestEndpoint: &app.TestEndpoint{Method: "GET", URL: "{server}/v1/whoami", Auth: "header", Name: "X-Api-Key"},
		Metadata:     `{"team":"payments"}`,
	}
	created, err := a.Profiles.Create(ws, req)
	if err != nil {
		t.Fatal(err)
	}
	profiles, err := a.Profiles.List(ws)
	if err != nil || len(profiles) != 1 {
		t.Fatalf("profiles = %+v, %v", profiles, err)
	}
	got := profiles[0]
	if got.ID != created.ID || got.Name != "Partners" || *got.DefaultExpiryDays != 60 || *got.RotationDays != 30 ||
		len(got.ReminderDays) != 2 || got.TestEndpoint == nil || got.TestEndpoint.Name != "X-Api-Key" || got.Metadata != `{"team":"payments"}` {
		t.Fatalf("cached profile = %+v", got)
	}

	// The form sends every field: clearing one in the form clears it.
	req.DefaultExpiryDays, req.RotationDays, req.TestEndpoint, req.Metadata = nil, nil, nil, ""
	if _, err := a.Profiles.Update(ws, created.ID, req); err != nil {
		t.Fatal(err)
	}
	profiles, _ = a.Profiles.List(ws)
	if p := profiles[0]; p.DefaultExpiryDays != nil || p.RotationDays != nil || p.TestEndpoint != nil || p.Metadata != "" {
		t.Fatalf("after clearing = %+v", p)
	}

	// A key created with "the profile's expiry" takes it; none here: never.
	key, err := a.Keys.Create(ws, app.CreateKeyRequest{Name: "acme", ProfileID: created.ID, ExpiryFromProfile: true})
	if err != nil || key.Key.ExpiresAt != nil || key.Key.ProfileID != created.ID {
		t.Fatalf("created = %+v, %v", key.Key, err)
	}
	if e := appError(t, a.Profiles.Delete(ws, created.ID, "", -1)); e.Code != app.CodeConflict {
		t.Fatalf("deleting a profile in use = %+v", e)
	}
	// The dialog counted no key: one more uses the profile now, so nothing goes.
	if e := appError(t, a.Profiles.Delete(ws, created.ID, "delete", 0)); e.Code != app.CodeConflict || !strings.Contains(e.Message, "1 key uses this profile now, not 0") {
		t.Fatalf("deleting with a stale count = %+v", e)
	}
	if keys, _ := a.Keys.List(ws); len(keys) != 2 {
		t.Fatalf("a refused delete deleted keys: %d left", len(keys))
	}
	if err := a.Profiles.Delete(ws, created.ID, "delete", 1); err != nil {
		t.Fatal(err)
	}
	keys, _ := a.Keys.List(ws)
	for _, k := range keys {
		if k.ID == key.Key.ID {
			t.Fatal("the profile's key survived delete with keys=delete")
		}
	}
}

func TestProfileBadInputNamesTheField(t *testing.T) {
	a := newApp(t)
	list, _ := a.Workspaces.List()
	ws := list[0].ID
	zero := 0
	cases := []struct {
		req   app.ProfileRequest
		field string
	}{
		{app.ProfileRequest{Name: ""}, "name"},
		{app.ProfileRequest{Name: "x", Metadata: "[1,2]"}, "metadata"},
		{app.ProfileRequest{Name: "x", Metadata: "{"}, "metadata"},
		{app.ProfileRequest{Name: "x", DefaultExpiryDays: &zero}, "defaultExpiryDays"},
		{app.ProfileRequest{Name: "x", RotationDays: &zero}, "rotationDays"},
		{app.ProfileRequest{Name: "x", KeyPrefix: "NOT OK"}, "keyPrefix"},
		{app.ProfileRequest{Name: "x", ReminderDays: []int{-1}}, "reminderDays"},
		{app.ProfileRequest{Name: "x", TestEndpoint: &app.TestEndpoint{Method: "GET", URL: "ftp://x", Auth: "bearer"}}, "testEndpoint.url"},
	}
	for _, tc := range cases {
		_, err := a.Profiles.Create(ws, tc.req)
		if e := appError(t, err); e.Code != app.CodeInvalidInput || e.Field != tc.field || e.Message == "" {
			t.Errorf("%+v: %+v", tc.req, e)
		}
	}
	if profiles, _ := a.Profiles.List(ws); len(profiles) != 0 {
		t.Fatalf("rejected input created %+v", profiles)
	}
	if e := appError(t, a.Profiles.Delete(ws, "prf_x", "keep", -1)); e.Field != "keys" {
		t.Fatalf("bad keys action = %+v", e)
	}
}

func TestOverviewOfAllWorkspaces(t *testing.T) {
	a := newApp(t)
	list, _ := a.Workspaces.List()
	ws := list[0].ID
	days := 5
	if _, err := a.Keys.Create(ws, app.CreateKeyRequest{Name: "soon", ExpiresInDays: &days}); err != nil {
		t.Fatal(err)
	}
	o, err := a.Overview.Get("")
	if err != nil {
		t.Fatal(err)
	}
	// No key is stale: that takes a week unused, and the app's own key never is.
	if o.Counts.Active != 2 || len(o.Expiring) != 13 || o.Expiring[0].Count != 1 || len(o.Workspaces) != 1 ||
		o.Workspaces[0].WorkspaceName != "Local" || len(o.Stalest) != 0 {
		t.Fatalf("overview = %+v", o)
	}
}

// The audit log names what an event was done to: a profile by its name, as
// it names keys, not by its ID.
func TestAuditNamesProfiles(t *testing.T) {
	a := newApp(t)
	list, _ := a.Workspaces.List()
	ws := list[0].ID
	created, err := a.Profiles.Create(ws, app.ProfileRequest{Name: "Partners"})
	if err != nil {
		t.Fatal(err)
	}
	page, err := a.Keys.Audit(ws, "", "", 0, 20)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range page.Items {
		if e.TargetID == created.ID {
			if e.TargetName != "Partners" {
				t.Fatalf("event %s on the profile is named %q", e.Action, e.TargetName)
			}
			return
		}
	}
	t.Fatalf("no event on profile %s in %+v", created.ID, page.Items)
}
