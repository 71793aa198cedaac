//go:build unix

// Unix only, as the crash test whose helpers it shares.

package desk_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/keydesk/keydesk/backend/desk"
	"github.com/keydesk/keydesk/backend/secrets"
)

// TestSyncStoppedBetweenPagesKeepsTheCache: a sync writes pages while it
// fetches the next ones; when the server fails on a later page, or the app
// cancels the sync while it writes, the pages already written are rolled
// back and the workspace keeps its cache and cursor. The next sync mirrors
// the server.
func TestSyncStoppedBetweenPagesKeepsTheCache(t *testing.T) {
	r := startRemote(t)
	ctx := context.Background()
	insertKeys(t, r, 1500)
	target, _ := url.Parse(r.url())
	proxy := httputil.NewSingleHostReverseProxy(target)
	var failPagesAfterFirst atomic.Bool
	var pages atomic.Int32
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if strings.HasSuffix(req.URL.Path, "/keys") && req.URL.Query().Has("updatedSince") {
			if pages.Add(1) > 1 && failPagesAfterFirst.Load() {
				http.Error(w, "the second page failed", http.StatusBadGateway)
				return
			}
		}
		proxy.ServeHTTP(w, req)
	}))
	defer front.Close()
	cancelAtProgress := &cancellingEmitter{}
	d := open(t, t.TempDir(), secrets.NewMemory(), cancelAtProgress)
	defer d.Close()
	ws, err := d.AddWorkspace(ctx, desk.Connection{ServerURL: front.URL, AccessKey: r.admin})
	if err != nil {
		t.Fatal(err)
	}
	insertKeys(t, r, 2500) // three pages of changes
	before, _ := d.Keys(ctx, ws.ID)
	wsBefore, _ := d.Workspace(ctx, ws.ID)
	kept := func(t *testing.T) {
		t.Helper()
		after, _ := d.Keys(ctx, ws.ID)
		view, _ := d.Workspace(ctx, ws.ID)
		if !reflect.DeepEqual(after, before) || view.Cursor != wsBefore.Cursor {
			t.Fatalf("the cache changed: %d keys at revision %d, was %d at %d", len(after), view.Cursor, len(before), wsBefore.Cursor)
		}
	}

	t.Run("the server fails on a later page", func(t *testing.T) {
		pages.Store(0)
		failPagesAfterFirst.Store(true)
		defer failPagesAfterFirst.Store(false)
		if err := d.Sync(ctx, ws.ID); err == nil {
			t.Fatal("the sync succeeded")
		}
		if view, _ := d.Workspace(ctx, ws.ID); !strings.Contains(view.LastError, "502") {
			t.Fatalf("the workspace says %q", view.LastError)
		}
		kept(t)
	})
	t.Run("the app cancels the sync", func(t *testing.T) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		cancelAtProgress.cancel.Store(&cancel)
		defer cancelAtProgress.cancel.Store(nil)
		if err := d.Sync(ctx, ws.ID); !errors.Is(err, context.Canceled) {
			t.Fatalf("sync: %v", err)
		}
		kept(t)
	})
	if err := d.Sync(ctx, ws.ID); err != nil {
		t.Fatal(err)
	}
	assertMirrorAll(t, d, ws.ID, r)
}

// cancellingEmitter cancels a sync at its first progress event, once the
// fetch has had the time to run ahead of the writes.
type cancellingEmitter struct {
	cancel atomic.Pointer[context.CancelFunc]
}

func (e *cancellingEmitter) Emit(event string, _ any) {
	if cancel := e.cancel.Load(); cancel != nil && event == desk.EventSyncProgress {
		time.Sleep(300 * time.Millisecond)
		(*cancel)()
	}
}
