package desk_test

import (
	"context"
	"encoding/pem"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/desk"
	"github.com/keydesk/keydesk/backend/secrets"
	"github.com/keydesk/keydesk/backend/server"
)

// goWords are bits of Go's own error texts that a user must not read.
var goWords = []string{"dial tcp", "context deadline exceeded", "x509:", "tls:", "open /", "invalid character", "Get \""}

// closedAddr is a loopback address where nothing listens.
func closedAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// quietTLSServer is a TLS server that does not log the handshakes these
// tests fail on purpose.
func quietTLSServer(h http.Handler) *httptest.Server {
	ts := httptest.NewUnstartedServer(h)
	ts.Config.ErrorLog = log.New(io.Discard, "", 0)
	ts.StartTLS()
	return ts
}

// TestConnectionProblemsAreSaidInWords: when a workspace cannot be added,
// the error names the field at fault and says in words what happened, the
// technical cause in parentheses, and what to check.
func TestConnectionProblemsAreSaidInWords(t *testing.T) {
	r := startRemote(t)
	d := open(t, t.TempDir(), secrets.NewMemory(), nil)
	defer d.Close()
	tlsSrv := quietTLSServer(http.NotFoundHandler())
	defer tlsSrv.Close()
	tlsHost := strings.TrimPrefix(tlsSrv.URL, "https://")
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer slow.Close()
	defer close(release)
	html := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<!doctype html><title>Sign in</title>"))
	}))
	defer html.Close()
	dead := closedAddr(t)
	missingCA := filepath.Join(t.TempDir(), "company-ca.pem")

	cases := []struct {
		name     string
		conn     desk.Connection
		deadline time.Duration
		field    string
		says     string // how the error starts
		then     string // what it says after that, when the start leaves out a number
	}{
		{
			name:  "nothing listens",
			conn:  desk.Connection{ServerURL: "http://" + dead},
			field: "serverUrl",
			says:  "serverUrl cannot be reached: nothing answers at " + dead + " (connection refused). Check the address and that the server is running.",
		},
		{
			name:  "https:// to a plain http server",
			conn:  desk.Connection{ServerURL: "https://" + r.addr},
			field: "serverUrl",
			says:  "serverUrl does not work: " + r.addr + " speaks plain http://, not https:// (server gave HTTP response to HTTPS client). Use http://, or turn on HTTPS on the server.",
		},
		{
			name:  "http:// to an https server",
			conn:  desk.Connection{ServerURL: "http://" + tlsHost},
			field: "serverUrl",
			says:  "serverUrl does not work: " + tlsHost + " speaks https://, not plain http:// (it answered 400 Bad Request: an HTTP request to an HTTPS server). Use https://.",
		},
		{
			name:  "untrusted certificate",
			conn:  desk.Connection{ServerURL: tlsSrv.URL},
			field: "serverUrl",
			says:  "serverUrl does not work: the certificate of " + tlsHost + " is not trusted (certificate signed by unknown authority",
		},
		{
			name:     "no answer in time",
			conn:     desk.Connection{ServerURL: slow.URL},
			deadline: 300 * time.Millisecond,
			field:    "serverUrl",
			says:     "serverUrl cannot be reached: " + strings.TrimPrefix(slow.URL, "http://") + " did not answer within ",
			then:     "ms. Check the address, your network connection and that the server is running.", // about 300ms: the time it had
		},
		{
			name:  "not a Keydesk server",
			conn:  desk.Connection{ServerURL: html.URL},
			field: "serverUrl",
			says:  "serverUrl did not answer like a Keydesk server: the server at " + html.URL + " sent a response that is not Keydesk JSON: an HTML page (HTTP 200)",
		},
		{
			name:  "CA file missing",
			conn:  desk.Connection{ServerURL: r.url(), CAFile: missingCA},
			field: "caFile",
			says:  "caFile cannot be read: there is no file " + missingCA,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			if tc.deadline > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tc.deadline)
				defer cancel()
			}
			tc.conn.AccessKey = r.admin
			_, _, err := d.TestConnection(ctx, "", tc.conn)
			if fieldOf(err) != tc.field || !strings.HasPrefix(err.Error(), tc.says) || !strings.Contains(err.Error(), tc.then) {
				t.Fatalf("err = %q\nwant a problem with %s that starts %q and says %q", err, tc.field, tc.says, tc.then)
			}
			for _, w := range append(goWords, r.admin[3:20]) {
				if strings.Contains(err.Error(), w) {
					t.Fatalf("err = %q: it says %q", err, w)
				}
			}
		})
	}
}

// TestTestConnectionRefusesAWorkspaceAddedAlready: "Test connection" finds
// the duplicate that "Add" would refuse, in the same words, and writes
// nothing — also under another name for the same server (localhost for
// 127.0.0.1, the host in capitals, the default port written out) and for
// Local itself; the workspace being edited is not a duplicate of itself,
// but editing another workspace into it is refused too.
func TestTestConnectionRefusesAWorkspaceAddedAlready(t *testing.T) {
	r := startRemote(t)
	ctx := context.Background()
	store := secrets.NewMemory()
	d := open(t, t.TempDir(), store, nil)
	defer d.Close()
	local := localWorkspace(t, d)
	conn := desk.Connection{ServerURL: r.url(), AccessKey: r.admin}
	ws, err := d.AddWorkspace(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	// Another workspace of the same server is another entry, and so is
	// the same workspace on another server (a replica, a copy).
	_, beta, err := r.srv.CreateWorkspace(ctx, "Beta", "admin")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.AddWorkspace(ctx, desk.Connection{ServerURL: r.url(), AccessKey: beta.Secret}); err != nil {
		t.Fatal(err)
	}
	replica := httptest.NewServer(r.srv.Handler())
	defer replica.Close()
	ws2, err := d.AddWorkspace(ctx, desk.Connection{ServerURL: replica.URL, AccessKey: r.admin})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := d.Workspaces(ctx)
	duplicate := "serverUrl and access key lead to a workspace Keydesk has already: “Acme” (" + r.ws + "). To reach it with this access key instead, choose Edit connection in its menu in the sidebar"
	_, port, _ := net.SplitHostPort(r.addr)
	for _, again := range []string{r.url(), "http://localhost:" + port, "HTTP://LocalHost:" + port + "/"} {
		_, addErr := d.AddWorkspace(ctx, desk.Connection{ServerURL: again, AccessKey: r.admin, AllowInsecure: true})
		if fieldOf(addErr) != "serverUrl" || addErr.Error() != duplicate {
			t.Fatalf("adding it again as %s: %v", again, addErr)
		}
	}
	localAdmin, err := d.CreateKey(ctx, local.ID, api.CreateKeyRequest{Name: "local admin", Role: "admin"})
	if err != nil {
		t.Fatal(err)
	}
	localURL := strings.Replace(d.LocalURL(), "127.0.0.1", "localhost", 1)
	_, addErr := d.AddWorkspace(ctx, desk.Connection{ServerURL: localURL, AccessKey: localAdmin.Secret})
	if want := "serverUrl and access key lead to a workspace Keydesk has already: “Local” (" + local.RemoteID + ")"; addErr == nil || addErr.Error() != want {
		t.Fatalf("adding Local as a remote workspace: %v", addErr)
	}

	cases := []struct {
		name    string
		editing string
		says    string // "" when it connects
		is      error
	}{
		{name: "adding it again", editing: "", says: duplicate},
		{name: "editing another workspace into it", editing: ws2.ID, says: duplicate},
		{name: "editing it", editing: ws.ID},
		{name: "editing Local", editing: local.ID, is: desk.ErrLocalWorkspace},
		{name: "editing a workspace that is gone", editing: "wsl_gone", is: desk.ErrUnknownWorkspace},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			who, _, err := d.TestConnection(ctx, tc.editing, conn)
			switch {
			case tc.is != nil:
				if !errors.Is(err, tc.is) {
					t.Fatalf("err = %v, want %v", err, tc.is)
				}
			case tc.says != "":
				if fieldOf(err) != "serverUrl" || err.Error() != tc.says {
					t.Fatalf("err = %v, want %q, as adding says", err, tc.says)
				}
			case err != nil || who.WorkspaceID != r.ws:
				t.Fatalf("= %+v, %v; want the workspace itself", who, err)
			}
		})
	}
	if _, err := d.UpdateWorkspace(ctx, ws2.ID, conn); err == nil || err.Error() != duplicate {
		t.Fatalf("saving another workspace into it: %v", err)
	}
	after, _ := d.Workspaces(ctx)
	if len(after) != len(before) || after[3].ID != ws2.ID || after[3].ServerURL != replica.URL {
		t.Fatalf("a refused test or edit changed the workspaces: %+v", after)
	}
}

// TestSyncFailureIsSaidInWords: the sentence the workspace header shows
// when a sync fails says what is wrong and what to check, not Go's error.
func TestSyncFailureIsSaidInWords(t *testing.T) {
	t.Run("the server stopped", func(t *testing.T) {
		r := startRemote(t)
		d := open(t, t.TempDir(), secrets.NewMemory(), nil)
		defer d.Close()
		ws, err := d.AddWorkspace(context.Background(), desk.Connection{ServerURL: r.url(), AccessKey: r.admin})
		if err != nil {
			t.Fatal(err)
		}
		r.stop()
		d.Sync(context.Background(), ws.ID)
		assertLastError(t, d, ws.ID, "The server cannot be reached: nothing answers at "+r.addr+" (connection refused). Check the address and that the server is running.")
		if view, _ := d.Workspace(context.Background(), ws.ID); view.SyncProblem != desk.SyncProblemOffline {
			t.Fatalf("sync problem %q", view.SyncProblem)
		}
	})

	t.Run("the server does not answer in time", func(t *testing.T) {
		r := startRemote(t)
		var hang atomic.Bool
		release := make(chan struct{})
		defer close(release)
		front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			if hang.Load() {
				select {
				case <-release:
				case <-req.Context().Done():
				}
				return
			}
			r.srv.Handler().ServeHTTP(w, req)
		}))
		defer front.Close()
		d := open(t, t.TempDir(), secrets.NewMemory(), nil)
		defer d.Close()
		ws, err := d.AddWorkspace(context.Background(), desk.Connection{ServerURL: front.URL, AccessKey: r.admin})
		if err != nil {
			t.Fatal(err)
		}
		hang.Store(true)
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		d.Sync(ctx, ws.ID)
		assertLastError(t, d, ws.ID, "The sync stopped: "+strings.TrimPrefix(front.URL, "http://")+" did not answer within ")
		if view, _ := d.Workspace(context.Background(), ws.ID); !strings.HasSuffix(view.LastError, "ms. Check the address, your network connection and that the server is running.") {
			t.Fatalf("the header says %q: want how long it waited", view.LastError)
		}
	})

	t.Run("the trusted CA file is gone", func(t *testing.T) {
		store, _ := server.OpenStore("sqlite:"+filepath.Join(t.TempDir(), "tls.db"), nil, nil)
		defer store.Close()
		srv := server.New(store, server.Options{})
		_, created, _ := srv.CreateWorkspace(context.Background(), "Secure", "admin")
		ts := quietTLSServer(srv.Handler())
		defer ts.Close()
		caFile := filepath.Join(t.TempDir(), "ca.pem")
		os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ts.Certificate().Raw}), 0o600)
		home, secretStore := t.TempDir(), secrets.NewMemory()
		d := open(t, home, secretStore, nil)
		ws, err := d.AddWorkspace(context.Background(), desk.Connection{ServerURL: ts.URL, AccessKey: created.Secret, CAFile: caFile})
		if err != nil {
			t.Fatal(err)
		}
		d.Close()
		os.Remove(caFile)
		d = open(t, home, secretStore, nil)
		defer d.Close()
		d.Sync(context.Background(), ws.ID)
		assertLastError(t, d, ws.ID, "The trusted CA file of this workspace cannot be read: there is no file "+caFile+". Edit the workspace to choose it again.")
		// The header offers to edit the connection.
		if view, _ := d.Workspace(context.Background(), ws.ID); view.SyncProblem != desk.SyncProblemConnection {
			t.Fatalf("sync problem %q", view.SyncProblem)
		}
	})
}

func assertLastError(t *testing.T, d *desk.Desk, id, want string) {
	t.Helper()
	view, err := d.Workspace(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(view.LastError, want) {
		t.Fatalf("the header says %q\nwant it to start %q", view.LastError, want)
	}
	for _, w := range goWords {
		if strings.Contains(view.LastError, w) {
			t.Fatalf("the header says %q: it says %q", view.LastError, w)
		}
	}
}
