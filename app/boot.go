package app

import (
	"encoding/json"
	"net/http"
)

// BootPath is the script index.html loads before the frontend's bundle: it
// sets window.__KEYDESK_BOOT__ to what the first screen shows, so the key
// table paints without waiting for two calls over the bridge (each a trip
// through the window's main loop while it is busiest).
const BootPath = "/boot.js"

// Boot is what the first screen shows: the workspaces, and the first keys
// of the one it opens (Local, else the first).
type Boot struct {
	Workspaces []Workspace `json:"workspaces"`
	FirstKeys  *BootKeys   `json:"firstKeys,omitempty"`
}

// BootKeys are the first keys of a workspace, as KeysAPI.ListFirst
// returns them for Limit, and its profiles, as ProfilesAPI.List does (the
// table shows their names).
type BootKeys struct {
	WorkspaceID string    `json:"workspaceId"`
	Limit       int       `json:"limit"`
	Page        KeyPage   `json:"page"`
	Profiles    []Profile `json:"profiles"`
}

// BootKeysLimit is the frontend's FIRST_KEYS (frontend/src/features/keys/tableLayout.ts).
const BootKeysLimit = 100

// Boot reads what the first screen shows. It does not wait for Startup
// (the error then says Keydesk is still starting): Wails serves the
// window's files one after the other, so waiting here would hold back the
// bundle too.
func (a *App) Boot() (Boot, error) {
	list, err := a.Workspaces.List()
	if err != nil {
		return Boot{}, err
	}
	boot := Boot{Workspaces: list}
	if len(list) == 0 {
		return boot, nil
	}
	first := list[0]
	for _, ws := range list {
		if ws.Kind == "local" {
			first = ws
			break
		}
	}
	page, err := a.Keys.ListFirst(first.ID, BootKeysLimit)
	if err != nil {
		return Boot{}, err
	}
	profiles, err := a.Profiles.List(first.ID)
	if err != nil {
		return Boot{}, err
	}
	boot.FirstKeys = &BootKeys{WorkspaceID: first.ID, Limit: BootKeysLimit, Page: page, Profiles: profiles}
	return boot, nil
}

// ServeBoot answers BootPath. Whatever goes wrong, the script is valid and
// sets null: the frontend then asks over the bridge and shows any error.
func (a *App) ServeBoot(w http.ResponseWriter, r *http.Request) {
	body := []byte("null")
	if boot, err := a.Boot(); err != nil {
		if a.cfg.Log != nil {
			a.cfg.Log.Warn("the first screen is read over the bridge instead", "err", err)
		}
	} else if b, err := json.Marshal(boot); err == nil {
		// json.Marshal escapes <, > and & (and U+2028/9): safe inside a script.
		body = b
	}
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write([]byte("window.__KEYDESK_BOOT__ = "))
	w.Write(body)
	w.Write([]byte(";\n"))
}

// BootMiddleware serves BootPath in front of the assets, to the app's own
// page only: a page of another site may not include it (browsers say where
// a request comes from in Sec-Fetch-Site; the desktop's web view reaches no
// other site, but the browser bridge's page lives among others).
func (a *App) BootMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != BootPath {
			next.ServeHTTP(w, r)
			return
		}
		if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
			http.Error(w, "only the Keydesk page may read this", http.StatusForbidden)
			return
		}
		a.ServeBoot(w, r)
	})
}
