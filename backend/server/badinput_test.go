package server_test

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/keydesk/keydesk/backend/api"
)

// TestBadInputIsRefusedAndChangesNothing sends malformed requests to every
// endpoint that reads input — wrong types, huge names, unicode tricks,
// negative and huge numbers, overlap > 30, expiry > 366, unknown fields,
// bodies over 1 MiB, both auth schemes — and checks that each gets its
// documented 4xx as a problem naming the field, and that the store (keys,
// profiles, workspace, audit log) is byte for byte what it was.
func TestBadInputIsRefusedAndChangesNothing(t *testing.T) {
	e := newEnv(t)
	target := e.create(e.admin, api.CreateKeyRequest{Name: "target", Role: "api", ExpiresInDays: days(30)})
	member := e.create(e.admin, api.CreateKeyRequest{Name: "reader", Role: "member"})
	var prof api.Profile
	if s := e.call(e.admin, "POST", "/v1/workspaces/"+e.ws+"/profiles", `{"name":"p"}`, &prof); s != 201 {
		t.Fatalf("create profile = %d", s)
	}
	ws := "/v1/workspaces/" + e.ws
	keys, key := ws+"/keys", e.keyPath(target.Key.ID)
	profiles, profile := ws+"/profiles", ws+"/profiles/"+prof.ID
	huge := strings.Repeat("x", 1<<20)
	long := func(n int) string { return strings.Repeat("n", n) }

	type row struct {
		name, method, path string
		headers            map[string]string // nil: the admin's bearer
		body               string
		status             int
		field, detail      string
	}
	rows := []row{
		// Wrong types.
		{name: "name is a number", method: "POST", path: keys, body: `{"name":123}`, status: 400, field: "name", detail: "name must be a string"},
		{name: "role is a bool", method: "POST", path: keys, body: `{"name":"a","role":true}`, status: 400, field: "role"},
		{name: "profileId is an array", method: "POST", path: keys, body: `{"name":"a","profileId":[]}`, status: 400, field: "profileId"},
		{name: "expiry is a string", method: "POST", path: keys, body: `{"name":"a","expiresInDays":"30"}`, status: 400, field: "expiresInDays", detail: "must be an integer"},
		{name: "expiry is a fraction", method: "POST", path: keys, body: `{"name":"a","expiresInDays":30.5}`, status: 400, field: "expiresInDays"},
		{name: "body is an array", method: "POST", path: keys, body: `[{"name":"a"}]`, status: 400, detail: "JSON object"},
		{name: "body is a string", method: "POST", path: keys, body: `"a"`, status: 400, detail: "JSON object"},
		{name: "body is not JSON", method: "POST", path: keys, body: `name=a`, status: 400, detail: "not valid JSON"},
		{name: "enabled is a string", method: "PATCH", path: key, body: `{"enabled":"false"}`, status: 400, field: "enabled", detail: "true or false"},
		{name: "enabled is a number", method: "PATCH", path: key, body: `{"enabled":0}`, status: 400, field: "enabled"},
		{name: "patch profileId is a number", method: "PATCH", path: key, body: `{"profileId":42}`, status: 400, field: "profileId"},
		{name: "autoRevoke is a string", method: "POST", path: key + "/rotate", body: `{"autoRevoke":"no"}`, status: 400, field: "autoRevoke"},
		{name: "overlap is a string", method: "POST", path: key + "/rotate", body: `{"overlapDays":"7"}`, status: 400, field: "overlapDays"},
		{name: "verify key is a number", method: "POST", path: "/v1/keys/verify", body: `{"key":123}`, status: 400, field: "key"},
		{name: "apiAccessEnabled is a string", method: "PATCH", path: ws, body: `{"apiAccessEnabled":"no"}`, status: 400, field: "apiAccessEnabled"},
		{name: "reminderDays is an object", method: "POST", path: profiles, body: `{"name":"x","reminderDays":{"a":1}}`, status: 400, field: "reminderDays"},
		{name: "cleanup expired is a string", method: "POST", path: keys + "/cleanup", body: `{"expired":"yes"}`, status: 400, field: "expired"},

		// Huge names.
		{name: "name of 101 characters", method: "POST", path: keys, body: `{"name":"` + long(101) + `"}`, status: 400, field: "name", detail: "got 101"},
		{name: "name of 500000 characters", method: "POST", path: keys, body: `{"name":"` + long(500000) + `"}`, status: 400, field: "name", detail: "got 500000"},
		{name: "rename to 101 characters", method: "PATCH", path: key, body: `{"name":"` + long(101) + `"}`, status: 400, field: "name"},
		{name: "workspace name of 101 characters", method: "PATCH", path: ws, body: `{"name":"` + long(101) + `"}`, status: 400, field: "name"},
		{name: "profile name of 101 characters", method: "POST", path: profiles, body: `{"name":"` + long(101) + `"}`, status: 400, field: "name"},
		{name: "profile description of 1001 characters", method: "PATCH", path: profile, body: `{"description":"` + long(1001) + `"}`, status: 400, field: "description"},
		{name: "metadata over 16 KiB", method: "PATCH", path: profile, body: `{"metadata":{"a":"` + long(17<<10) + `"}}`, status: 400, field: "metadata"},
		{name: "test endpoint URL with a password", method: "PATCH", path: profile, body: `{"testEndpoint":{"url":"https://ada:pw@api.example/v1"}}`, status: 400, field: "testEndpoint.url", detail: "must not hold a user name or password"},
		{name: "test endpoint URL with a mistyped placeholder", method: "PATCH", path: profile, body: `{"testEndpoint":{"url":"https://api.example.com/check/{keyID}"}}`, status: 400, field: "testEndpoint.url", detail: `testEndpoint.url may use only the placeholders {server}, {workspace} and {keyId}, got “{keyID}”`},
		{name: "test endpoint header name with a space", method: "PATCH", path: profile, body: `{"testEndpoint":{"url":"https://api.example.com","auth":"header","name":"X API"}}`, status: 400, field: "testEndpoint.name", detail: "testEndpoint.name must be letters, digits and !#$%&'*+-.^_`|~ only, as header and parameter names are, got “X API”"},
		{name: "test endpoint URL that is a Windows path", method: "PATCH", path: profile, body: `{"testEndpoint":{"url":"C:\\keys\\ping"}}`, status: 400, field: "testEndpoint.url", detail: `testEndpoint.url must be an http:// or https:// URL, or start with {server}, got “C:\keys\ping”`},
		{name: "reminder on the expiry day", method: "PATCH", path: profile, body: `{"reminderDays":[7,0]}`, status: 400, field: "reminderDays", detail: "reminderDays must be days from 1 to 366, got 0"},
		{name: "key name with a bell", method: "POST", path: keys, body: `{"name":"ding\u0007"}`, status: 400, field: "name", detail: "character 5 is U+0007, a control character"},
		{name: "test endpoint URL of 5000 characters", method: "PATCH", path: profile, body: `{"testEndpoint":{"url":"{server}/` + long(5000) + `"}}`, status: 400, field: "testEndpoint.url"},
		{name: "search of 100000 characters", method: "GET", path: keys + "?q=" + long(100000), status: 400, field: "q"},

		// Unicode tricks.
		{name: "right-to-left override", method: "POST", path: keys, body: `{"name":"invoice\u202etxt.exe"}`, status: 400, field: "name", detail: "control characters"},
		{name: "right-to-left isolate", method: "POST", path: keys, body: `{"name":"a\u2067b"}`, status: 400, field: "name", detail: "U+2067"},
		{name: "zero-width space", method: "POST", path: keys, body: `{"name":"ad\u200bmin"}`, status: 400, field: "name", detail: "U+200B"},
		{name: "only a zero-width space", method: "POST", path: keys, body: `{"name":"\u200b"}`, status: 400, field: "name"},
		{name: "byte order mark", method: "POST", path: keys, body: `{"name":"\ufeffci"}`, status: 400, field: "name"},
		{name: "NUL", method: "POST", path: keys, body: `{"name":"a\u0000b"}`, status: 400, field: "name", detail: "control characters"},
		{name: "raw NUL byte", method: "POST", path: keys, body: "{\"name\":\"a\x00b\"}", status: 400, detail: "not valid JSON"},
		{name: "line separator", method: "POST", path: keys, body: `{"name":"a\u2028b"}`, status: 400, field: "name"},
		{name: "invalid UTF-8", method: "POST", path: keys, body: "{\"name\":\"a\xff\xfeb\"}", status: 400, field: "name", detail: "UTF-8"},
		{name: "lone surrogate", method: "POST", path: keys, body: `{"name":"a\ud800b"}`, status: 400, field: "name", detail: "UTF-8"},
		{name: "rename with an override", method: "PATCH", path: key, body: `{"name":"x\u202ey"}`, status: 400, field: "name"},
		{name: "workspace rename with a zero-width space", method: "PATCH", path: ws, body: `{"name":"Ac\u200bme"}`, status: 400, field: "name"},
		{name: "profile name with an override", method: "POST", path: profiles, body: `{"name":"p\u202eq"}`, status: 400, field: "name"},
		{name: "status with an override", method: "GET", path: keys + "?status=%E2%80%AEactive", status: 400, field: "status"},
		{name: "look-alike role", method: "POST", path: keys, body: `{"name":"a","role":"аdmin"}`, status: 400, field: "role"}, // Cyrillic а
		{name: "NUL in a description", method: "PATCH", path: profile, body: `{"description":"a\u0000b"}`, status: 400, field: "description"},
		{name: "NUL in a profile id", method: "POST", path: keys, body: `{"name":"a","profileId":"p\u0000"}`, status: 400, field: "profileId"},
		{name: "NUL in a key id", method: "GET", path: keys + "/key_a%00b", status: 400},
		{name: "NUL in the search", method: "GET", path: keys + "?q=a%00", status: 400},

		// Negative and huge numbers.
		{name: "expiry 0", method: "POST", path: keys, body: `{"name":"a","expiresInDays":0}`, status: 400, field: "expiresInDays", detail: "got 0"},
		{name: "expiry -1", method: "POST", path: keys, body: `{"name":"a","expiresInDays":-1}`, status: 400, field: "expiresInDays", detail: "got -1"},
		{name: "expiry 367", method: "POST", path: keys, body: `{"name":"a","expiresInDays":367}`, status: 400, field: "expiresInDays", detail: "1–366 days; got 367"},
		{name: "expiry 2^63", method: "POST", path: keys, body: `{"name":"a","expiresInDays":9223372036854775808}`, status: 400, field: "expiresInDays"},
		{name: "expiry -2^63", method: "POST", path: keys, body: `{"name":"a","expiresInDays":-9223372036854775808}`, status: 400, field: "expiresInDays"},
		{name: "expiry 1e400", method: "POST", path: keys, body: `{"name":"a","expiresInDays":1e400}`, status: 400, field: "expiresInDays"},
		{name: "regenerate expiry 367", method: "POST", path: key + "/regenerate", body: `{"expiresInDays":367}`, status: 400, field: "expiresInDays", detail: "got 367"},
		{name: "regenerate expiry -5", method: "POST", path: key + "/regenerate", body: `{"expiresInDays":-5}`, status: 400, field: "expiresInDays"},
		{name: "regenerate expiry 2^31", method: "POST", path: key + "/regenerate", body: `{"expiresInDays":2147483648}`, status: 400, field: "expiresInDays"},
		{name: "overlap 31", method: "POST", path: key + "/rotate", body: `{"overlapDays":31}`, status: 400, field: "overlapDays", detail: "31"},
		{name: "overlap -1", method: "POST", path: key + "/rotate", body: `{"overlapDays":-1}`, status: 400, field: "overlapDays"},
		{name: "overlap 1e10", method: "POST", path: key + "/rotate", body: `{"overlapDays":10000000000}`, status: 400, field: "overlapDays"},
		{name: "self-rotate overlap 31", method: "POST", path: "/v1/self/rotate", headers: bearer(target.Secret), body: `{"overlapDays":31}`, status: 400, field: "overlapDays"},
		{name: "max expiry 367", method: "PATCH", path: ws, body: `{"maxExpiryDays":367}`, status: 400, field: "maxExpiryDays"},
		{name: "max expiry -1", method: "PATCH", path: ws, body: `{"maxExpiryDays":-1}`, status: 400, field: "maxExpiryDays"},
		{name: "profile default expiry 367", method: "POST", path: profiles, body: `{"name":"x","defaultExpiryDays":367}`, status: 400, field: "defaultExpiryDays"},
		{name: "profile rotation -1", method: "POST", path: profiles, body: `{"name":"x","rotationDays":-1}`, status: 400, field: "rotationDays"},
		{name: "profile rotation 3651", method: "POST", path: profiles, body: `{"name":"x","rotationDays":3651}`, status: 400, field: "rotationDays"},
		{name: "reminder -1", method: "POST", path: profiles, body: `{"name":"x","reminderDays":[-1]}`, status: 400, field: "reminderDays"},
		{name: "eleven reminders", method: "POST", path: profiles, body: `{"name":"x","reminderDays":[1,2,3,4,5,6,7,8,9,10,11]}`, status: 400, field: "reminderDays"},
		{name: "page size 0", method: "GET", path: keys + "?pageSize=0", status: 400, field: "pageSize"},
		{name: "page size 2^64", method: "GET", path: keys + "?pageSize=18446744073709551616", status: 400, field: "pageSize"},
		{name: "page index -1", method: "GET", path: keys + "?pageIndex=-1", status: 400, field: "pageIndex"},
		{name: "updatedSince -1", method: "GET", path: keys + "?updatedSince=-1", status: 400, field: "updatedSince"},
		{name: "updatedSince 2^63", method: "GET", path: keys + "?updatedSince=9223372036854775808", status: 400, field: "updatedSince"},
		{name: "audit page size 1001", method: "GET", path: ws + "/audit?pageSize=1001", status: 400, field: "pageSize"},
		{name: "audit of an unknown action", method: "GET", path: ws + "/audit?action=key.eaten", status: 400, field: "action"},
		{name: "usage 367 days", method: "GET", path: ws + "/usage?keyId=" + target.Key.ID + "&days=367", status: 400, field: "days"},
		{name: "usage -1 days", method: "GET", path: ws + "/usage?keyId=" + target.Key.ID + "&days=-1", status: 400, field: "days"},

		// Unknown fields.
		{name: "create with a secret", method: "POST", path: keys, body: `{"name":"a","secret":"kd_mine"}`, status: 400, field: "secret", detail: `unknown field "secret"`},
		{name: "create with a hash", method: "POST", path: keys, body: `{"name":"a","hash":"00"}`, status: 400, field: "hash"},
		{name: "patch a revision", method: "PATCH", path: key, body: `{"name":"b","revision":1}`, status: 400, field: "revision"},
		{name: "patch a status", method: "PATCH", path: key, body: `{"status":"active"}`, status: 400, field: "status"},
		{name: "rotate with a successor", method: "POST", path: key + "/rotate", body: `{"successor":"key_x"}`, status: 400, field: "successor"},
		{name: "verify with a workspace", method: "POST", path: "/v1/keys/verify", body: `{"key":"` + target.Secret + `","workspaceId":"x"}`, status: 400, field: "workspaceId"},
		// A key sent as a field's name comes back masked, in the field and the detail.
		{name: "verify with the key as a field", method: "POST", path: "/v1/keys/verify", body: `{"` + target.Secret + `":0}`, status: 400, field: target.Key.MaskedKey, detail: `unknown field "` + target.Key.MaskedKey + `"`},
		{name: "create with the key as a field", method: "POST", path: keys, body: `{"name":"a","` + target.Secret + `":1}`, status: 400, field: target.Key.MaskedKey},
		// A secret pasted into a name would be stored and listed in plain text.
		{name: "create with a key as its name", method: "POST", path: keys, body: `{"name":"` + target.Secret + `"}`, status: 400, field: "name",
			detail: "name must not hold an API key's secret (" + target.Key.MaskedKey + "): a name is stored and shown in plain text"},
		{name: "rename to a key", method: "PATCH", path: key, body: `{"name":"old key ` + target.Secret + `"}`, status: 400, field: "name"},
		{name: "a profile named as a key", method: "POST", path: profiles, body: `{"name":"` + target.Secret + `"}`, status: 400, field: "name"},
		{name: "test endpoint with an extra field", method: "POST", path: profiles, body: `{"name":"x","testEndpoint":{"url":"{server}/x","proxy":"evil"}}`, status: 400, field: "proxy"},
		{name: "field in another case", method: "POST", path: keys, body: `{"name":"a","NAME":"b"}`, status: 400, field: "NAME"},
		{name: "field given twice", method: "POST", path: keys, body: `{"name":"a","name":"b"}`, status: 400, field: "name"},

		// Bodies over 1 MiB.
		{name: "create over 1 MiB", method: "POST", path: keys, body: `{"name":"` + huge + `"}`, status: 413, detail: "1 MiB"},
		{name: "verify over 1 MiB", method: "POST", path: "/v1/keys/verify", body: `{"key":"` + huge + `"}`, status: 413},
		{name: "profile over 1 MiB", method: "POST", path: profiles, body: `{"name":"x","metadata":{"a":"` + huge + `"}}`, status: 413},
		{name: "patch over 1 MiB of spaces", method: "PATCH", path: key, body: `{"name":"b"` + strings.Repeat(" ", 1<<20) + `}`, status: 413},

		// Both authentication schemes, and neither.
		{name: "bearer and X-API-Key", method: "POST", path: keys, headers: map[string]string{"Authorization": "Bearer " + e.admin, "X-API-Key": e.admin},
			body: `{"name":"a"}`, status: 400, field: "Authorization", detail: "not both"},
		{name: "bearer and another key", method: "DELETE", path: key, headers: map[string]string{"Authorization": "Bearer " + e.admin, "X-API-Key": member.Secret},
			status: 400, field: "Authorization"},
		{name: "basic scheme", method: "POST", path: keys, headers: map[string]string{"Authorization": "Basic " + e.admin}, body: `{"name":"a"}`, status: 401, detail: "Bearer"},
		{name: "no key", method: "DELETE", path: key, headers: map[string]string{}, status: 401},
		{name: "member writes", method: "POST", path: keys, headers: bearer(member.Secret), body: `{"name":"a"}`, status: 403},

		// Choices outside their sets.
		{name: "cleanup both with expired", method: "POST", path: keys + "/cleanup", body: `{"both":true,"expired":true}`, status: 400, field: "both"},
		{name: "delete profile keys=nuke", method: "DELETE", path: profile + "?keys=nuke", status: 400, field: "keys"},
		{name: "test endpoint method with a command", method: "POST", path: profiles, body: `{"name":"x","testEndpoint":{"method":"GET;rm -rf ~","url":"{server}/x"}}`, status: 400, field: "testEndpoint.method"},
		{name: "test endpoint header with a newline", method: "POST", path: profiles, body: `{"name":"x","testEndpoint":{"url":"{server}/x","auth":"header","name":"X\nY"}}`, status: 400, field: "testEndpoint.name"},
		{name: "key prefix in capitals", method: "PATCH", path: ws, body: `{"keyPrefix":"KD"}`, status: 400, field: "keyPrefix"},
	}
	for _, tc := range rows {
		t.Run(tc.name, func(t *testing.T) {
			headers := tc.headers
			if headers == nil {
				headers = bearer(e.admin)
			}
			before := storeSnapshot(t, e)
			status, hdr, body := e.raw(tc.method, tc.path, headers, tc.body)
			field, _ := body["field"].(string)
			detail, _ := body["detail"].(string)
			ok := status == tc.status && field == tc.field && strings.Contains(detail, tc.detail)
			if !ok {
				t.Fatalf("= %d field %q detail %q, want %d field %q detail containing %q", status, field, detail, tc.status, tc.field, tc.detail)
			}
			if ct := hdr.Get("Content-Type"); ct != "application/problem+json" || body["code"] == nil || body["status"] != float64(status) {
				t.Fatalf("not a problem document: %s %v", ct, body)
			}
			if after := storeSnapshot(t, e); after != before {
				t.Fatalf("a refused request changed the store:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// storeSnapshot is everything of the workspace a request could change:
// every key with every field, the profiles, the workspace's name, policy
// and revision, and the audit log.
func storeSnapshot(t *testing.T, e *env) string {
	t.Helper()
	var parts []string
	for _, path := range []string{
		"/v1/workspaces/" + e.ws,
		"/v1/workspaces/" + e.ws + "/keys?pageSize=1000&sort=id",
		"/v1/workspaces/" + e.ws + "/profiles",
		"/v1/workspaces/" + e.ws + "/audit?pageSize=1000",
	} {
		status, _, body := e.raw("GET", path, bearer(e.admin), "")
		if status != 200 {
			t.Fatalf("GET %s = %d %v", path, status, body)
		}
		data, _ := json.Marshal(body)
		parts = append(parts, strconv.Quote(path)+": "+string(data))
	}
	return strings.Join(parts, "\n")
}
