package app_test

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/keydesk/keydesk/app"
	"github.com/keydesk/keydesk/backend/client"
	"github.com/keydesk/keydesk/backend/keys"
)

// TestWorkspaceFormErrorsSayTheField: what the workspace form gets back
// names the field for the form to put the message under, and the message
// names it too, in the form's words, for where it is read on its own.
func TestWorkspaceFormErrorsSayTheField(t *testing.T) {
	a := newApp(t)
	list, _ := a.Workspaces.List()
	local := list[0]
	created, err := a.Keys.Create(local.ID, app.CreateKeyRequest{Name: "desk", Role: "admin"})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := ln.Addr().String()
	ln.Close()
	wellFormed, _ := keys.NewSecret("kd", nil)
	// Local, asked for once more as a remote workspace.
	again := app.WorkspaceRequest{ServerURL: local.ServerURL, AccessKey: created.Secret}

	cases := []struct {
		name    string
		editing string
		req     app.WorkspaceRequest
		field   string
		says    string
	}{
		{
			name: "nothing listens", req: app.WorkspaceRequest{ServerURL: "http://" + dead, AccessKey: wellFormed}, field: "serverUrl",
			says: "Server URL cannot be reached: nothing answers at " + dead + " (connection refused). Check the address and that the server is running.",
		},
		{
			name: "no access key", req: app.WorkspaceRequest{ServerURL: "http://" + dead}, field: "accessKey",
			says: "Access key is required",
		},
		{
			name: "a CA file that is not there", req: app.WorkspaceRequest{ServerURL: "http://" + dead, AccessKey: wellFormed, CAFile: "/nonexistent/ca.pem"}, field: "caFile",
			says: "Trusted CA file cannot be read: there is no file /nonexistent/ca.pem",
		},
		{
			name: "added already", req: again, field: "serverUrl",
			says: "Server URL and access key lead to a workspace Keydesk has already: “Local” (" + local.WorkspaceID + ")",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := a.Workspaces.TestConnection(tc.editing, tc.req)
			if e := appError(t, err); e.Code != app.CodeInvalidInput || e.Field != tc.field || e.Message != tc.says {
				t.Fatalf("= %+v\nwant field %s and the message %q", e, tc.field, tc.says)
			}
		})
	}
}

// A call whose server did not answer in time says how long it waited, not
// "context deadline exceeded".
func TestTimeoutSaysHowLong(t *testing.T) {
	got := app.FormatError(&client.TimeoutError{URL: "https://keys.acme.example", After: 30 * time.Second}).(string)
	want := `"The server at https://keys.acme.example did not answer within 30 seconds. It may still have done what you asked`
	if !strings.Contains(got, want) || !strings.Contains(got, `"code":"timeout"`) {
		t.Fatalf("= %s\nwant %s…", got, want)
	}
}
