package app

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/keydesk/keydesk/backend/server"
)

// hangingRemote is a remote workspace whose server answers everything but
// the audit log and usage, which it never answers.
func hangingRemote(t *testing.T, a *App) string {
	t.Helper()
	store, err := server.OpenStore("sqlite:"+filepath.Join(t.TempDir(), "remote.db"), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	srv := server.New(store, server.Options{})
	_, admin, err := srv.CreateWorkspace(context.Background(), "Acme", "admin")
	if err != nil {
		t.Fatal(err)
	}
	handler := srv.Handler()
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/audit") || strings.HasSuffix(r.URL.Path, "/usage") {
			<-r.Context().Done()
			return
		}
		handler.ServeHTTP(w, r)
	}))
	t.Cleanup(front.Close)
	ws, err := a.Workspaces.Add(WorkspaceRequest{ServerURL: front.URL, AccessKey: admin.Secret})
	if err != nil {
		t.Fatal(err)
	}
	return ws.ID
}

// A read that a panel only shows gives up after readTimeout, not the 30 s
// a change may take: the audit log and a key's use say "timeout" soon, and
// the panel offers Retry (the query does not retry a timeout by itself).
func TestServerReadsGiveUpSooner(t *testing.T) {
	saved := readTimeout
	t.Cleanup(func() { readTimeout = saved })
	readTimeout = 300 * time.Millisecond
	t.Setenv("KEYDESK_KEYRING", "memory")
	a := New(Config{Home: t.TempDir(), LocalAddr: "127.0.0.1:0"})
	if err := a.Startup(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Shutdown() })
	ws := hangingRemote(t, a)

	for name, read := range map[string]func() error{
		"audit": func() error { _, err := a.Keys.Audit(ws, "", "", 0, 25); return err },
		"usage": func() error { _, err := a.Keys.Usage(ws, "key_x"); return err },
	} {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			err := read()
			took := time.Since(start)
			var ae *Error
			if !errors.As(err, &ae) || ae.Code != CodeTimeout {
				t.Fatalf("err = %v, want code %s", err, CodeTimeout)
			}
			if took > 5*time.Second {
				t.Fatalf("gave up after %v, want about %v", took, readTimeout)
			}
		})
	}
}
