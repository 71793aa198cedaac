package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/keydesk/keydesk/backend/api"
)

// TestEveryEndpointForEveryKindOfCaller runs each endpoint once for each
// kind of caller, each time on a fresh server so that no call depends on
// another, and checks the status.
func TestEveryEndpointForEveryKindOfCaller(t *testing.T) {
	type endpoint struct {
		method, path, body string
		public             bool     // no credential needed
		inWorkspace        bool     // under /v1/workspaces/{ws}
		roles              []string // who may call it
		ok                 int
	}
	all := []string{"admin", "member", "api"}
	readers := []string{"admin", "member"}
	admins := []string{"admin"}
	endpoints := []endpoint{
		{"GET", "/healthz", "", true, false, nil, 200},
		{"POST", "/v1/keys/verify", `{"key":"{target-secret}"}`, true, false, nil, 200},
		{"GET", "/v1/whoami", "", false, false, all, 200},
		{"POST", "/v1/self/rotate", `{}`, false, false, all, 201},
		{"GET", "/v1/workspaces/{ws}", "", false, true, readers, 200},
		{"PATCH", "/v1/workspaces/{ws}", `{"name":"Renamed"}`, false, true, admins, 200},
		{"GET", "/v1/workspaces/{ws}/keys", "", false, true, readers, 200},
		{"POST", "/v1/workspaces/{ws}/keys", `{"name":"new"}`, false, true, admins, 201},
		{"GET", "/v1/workspaces/{ws}/keys/cleanup", "", false, true, admins, 200},
		{"POST", "/v1/workspaces/{ws}/keys/cleanup", `{"expired":true}`, false, true, admins, 200},
		{"GET", "/v1/workspaces/{ws}/keys/{key}", "", false, true, readers, 200},
		{"PATCH", "/v1/workspaces/{ws}/keys/{key}", `{"name":"renamed"}`, false, true, admins, 200},
		{"DELETE", "/v1/workspaces/{ws}/keys/{key}", "", false, true, admins, 204},
		{"POST", "/v1/workspaces/{ws}/keys/{key}/regenerate", `{}`, false, true, admins, 200},
		{"POST", "/v1/workspaces/{ws}/keys/{key}/rotate", `{}`, false, true, admins, 201},
		{"GET", "/v1/workspaces/{ws}/profiles", "", false, true, readers, 200},
		{"POST", "/v1/workspaces/{ws}/profiles", `{"name":"p2"}`, false, true, admins, 201},
		{"GET", "/v1/workspaces/{ws}/profiles/{profile}", "", false, true, readers, 200},
		{"PATCH", "/v1/workspaces/{ws}/profiles/{profile}", `{"description":"d"}`, false, true, admins, 200},
		{"DELETE", "/v1/workspaces/{ws}/profiles/{profile}", "", false, true, admins, 204},
		{"GET", "/v1/workspaces/{ws}/audit", "", false, true, admins, 200},
		{"GET", "/v1/workspaces/{ws}/usage?keyId={key}", "", false, true, readers, 200},
	}
	callers := []string{"admin", "member", "api", "other", "disabled", "expired", "malformed", "missing"}

	for _, ep := range endpoints {
		for _, caller := range callers {
			t.Run(ep.method+" "+ep.path+"/"+caller, func(t *testing.T) {
				t.Parallel()
				e := newEnv(t)
				target := e.create(e.admin, api.CreateKeyRequest{Name: "target"})
				var prof api.Profile
				e.call(e.admin, "POST", "/v1/workspaces/"+e.ws+"/profiles", `{"name":"p"}`, &prof)
				secret := map[string]string{
					"admin":     e.create(e.admin, api.CreateKeyRequest{Name: "a", Role: "admin"}).Secret,
					"member":    e.create(e.admin, api.CreateKeyRequest{Name: "m", Role: "member"}).Secret,
					"api":       e.create(e.admin, api.CreateKeyRequest{Name: "s", Role: "api"}).Secret,
					"malformed": "kd_not-a-key",
				}
				_, otherAdmin, err := e.srv.CreateWorkspace(e.ctx, "Other", "admin")
				if err != nil {
					t.Fatal(err)
				}
				secret["other"] = otherAdmin.Secret
				off := e.create(e.admin, api.CreateKeyRequest{Name: "off", Role: "admin"})
				e.call(e.admin, "PATCH", e.keyPath(off.Key.ID), `{"enabled":false}`, nil)
				secret["disabled"] = off.Secret
				secret["expired"] = e.create(e.admin, api.CreateKeyRequest{Name: "old", Role: "admin", ExpiresInDays: days(1)}).Secret
				e.clock.Advance(25 * time.Hour) // the one-day key expires; nothing else does

				path := strings.NewReplacer("{ws}", e.ws, "{key}", target.Key.ID, "{profile}", prof.ID).Replace(ep.path)
				body := strings.ReplaceAll(ep.body, "{target-secret}", target.Secret)
				headers := map[string]string{}
				if s := secret[caller]; s != "" {
					headers = bearer(s)
				}
				role := caller
				if caller == "other" {
					role = "admin" // an admin, of another workspace
				}
				want := ep.ok
				switch {
				case ep.public:
				case caller == "disabled" || caller == "expired" || caller == "malformed" || caller == "missing":
					want = 401
				case ep.inWorkspace && caller == "other":
					want = 403
				case !contains(ep.roles, role):
					want = 403
				}
				got, _, problem := e.raw(ep.method, path, headers, body)
				if got != want {
					t.Fatalf("%s %s as %s = %d, want %d: %v", ep.method, path, caller, got, want, problem)
				}
				if got >= 400 && problem["code"] == nil {
					t.Fatalf("error without a problem document: %v", problem)
				}
			})
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
