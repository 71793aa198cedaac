package app_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/keydesk/keydesk/app"
)

// bootScript serves the boot script through the middleware and returns
// what it sets window.__KEYDESK_BOOT__ to.
func bootScript(t *testing.T, a *app.App) json.RawMessage {
	t.Helper()
	assets := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { http.Error(w, "an asset", http.StatusTeapot) })
	rec := httptest.NewRecorder()
	a.BootMiddleware(assets).ServeHTTP(rec, httptest.NewRequest("GET", app.BootPath, nil))
	body := rec.Body.String()
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/javascript") {
		t.Fatalf("boot script: %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	value, ok := strings.CutPrefix(body, "window.__KEYDESK_BOOT__ = ")
	if !ok || !strings.HasSuffix(value, ";\n") {
		t.Fatalf("boot script = %q", body)
	}
	return json.RawMessage(strings.TrimSuffix(value, ";\n"))
}

func TestBootScriptHoldsTheFirstScreen(t *testing.T) {
	a := newApp(t)
	list, _ := a.Workspaces.List()
	ws := list[0].ID
	// A name that would end the script tag if it were not escaped.
	if _, err := a.Keys.Create(ws, app.CreateKeyRequest{Name: "</script><b>"}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Profiles.Create(ws, app.ProfileRequest{Name: "Billing", ReminderDays: []int{7}}); err != nil {
		t.Fatal(err)
	}
	list, _ = a.Workspaces.List()
	raw := bootScript(t, a)
	if strings.Contains(string(raw), "</script>") {
		t.Fatalf("the boot data can end its script: %s", raw)
	}
	var boot app.Boot
	if err := json.Unmarshal(raw, &boot); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(boot.Workspaces, list) {
		t.Fatalf("workspaces = %+v, want %+v", boot.Workspaces, list)
	}
	first, err := a.Keys.ListFirst(ws, app.BootKeysLimit)
	if err != nil {
		t.Fatal(err)
	}
	if boot.FirstKeys == nil || boot.FirstKeys.WorkspaceID != ws || boot.FirstKeys.Limit != app.BootKeysLimit ||
		!reflect.DeepEqual(boot.FirstKeys.Page, first) {
		t.Fatalf("first keys = %+v, want %+v", boot.FirstKeys, first)
	}
	profiles, err := a.Profiles.List(ws)
	if err != nil {
		t.Fatal(err)
	}
	if len(profiles) == 0 || !reflect.DeepEqual(boot.FirstKeys.Profiles, profiles) {
		t.Fatalf("profiles = %+v, want %+v", boot.FirstKeys.Profiles, profiles)
	}

	// A page of another site may not include it.
	for _, site := range []string{"cross-site", "same-site"} {
		req := httptest.NewRequest("GET", app.BootPath, nil)
		req.Header.Set("Sec-Fetch-Site", site)
		rec := httptest.NewRecorder()
		a.BootMiddleware(http.NotFoundHandler()).ServeHTTP(rec, req)
		if rec.Code != http.StatusForbidden || strings.Contains(rec.Body.String(), ws) {
			t.Errorf("from a %s page: %d %s", site, rec.Code, rec.Body)
		}
	}

	// Other paths go to the assets.
	rec := httptest.NewRecorder()
	a.BootMiddleware(http.NotFoundHandler()).ServeHTTP(rec, httptest.NewRequest("GET", "/index.html", nil))
	if rec.Code != http.StatusNotFound {
		t.Fatalf("/index.html: %d", rec.Code)
	}
}

// Before Startup is done the script sets null, at once: the frontend then
// asks over the bridge.
func TestBootScriptBeforeStartupIsNull(t *testing.T) {
	a := app.New(app.Config{Home: t.TempDir()})
	if raw := bootScript(t, a); string(raw) != "null" {
		t.Fatalf("boot before startup = %s", raw)
	}
}
