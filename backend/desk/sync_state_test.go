package desk_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/desk"
	"github.com/keydesk/keydesk/backend/secrets"
	"github.com/keydesk/keydesk/backend/server"
)

// TestSyncRecordsItsStateAndTheWorkspacesName: every sync notes when it
// ran and clears the last failure, and a workspace renamed on the server is
// renamed in the desk and in its backup.
func TestSyncRecordsItsStateAndTheWorkspacesName(t *testing.T) {
	r := startRemote(t)
	ctx := context.Background()
	home := t.TempDir()
	d := open(t, home, secrets.NewMemory(), nil)
	defer d.Close()
	ws, err := d.AddWorkspace(ctx, desk.Connection{ServerURL: r.url(), AccessKey: r.admin})
	if err != nil {
		t.Fatal(err)
	}
	r.stop()
	if err := d.Sync(ctx, ws.ID); err == nil {
		t.Fatal("a sync without the server succeeded")
	}
	r.restart()
	offline, _ := d.Workspace(ctx, ws.ID)
	if offline.LastError == "" || offline.OfflineSince == nil {
		t.Fatalf("offline: %+v", offline.Workspace)
	}

	if err := d.Sync(ctx, ws.ID); err != nil {
		t.Fatal(err)
	}
	back, _ := d.Workspace(ctx, ws.ID)
	if back.LastError != "" || back.OfflineSince != nil || !back.LastSyncedAt.After(*ws.LastSyncedAt) {
		t.Fatalf("after a good sync: %+v", back.Workspace)
	}

	name := "Acme Corp"
	if _, err := r.srv.PatchWorkspace(ctx, r.ws, api.PatchWorkspaceRequest{Name: &name}, server.Actor{}); err != nil {
		t.Fatal(err)
	}
	if err := d.Sync(ctx, ws.ID); err != nil {
		t.Fatal(err)
	}
	renamed, _ := d.Workspace(ctx, ws.ID)
	if renamed.Name != name || !renamed.LastSyncedAt.After(*back.LastSyncedAt) {
		t.Fatalf("after the rename: %+v", renamed.Workspace)
	}
	d.Workspaces(ctx) // the backup is written at the next statement outside a transaction
	if backup, _ := os.ReadFile(filepath.Join(home, "desk-backup.json")); !strings.Contains(string(backup), name) {
		t.Fatalf("the backup does not have the new name:\n%s", backup)
	}

	// The expiry policy comes with every sync, for the dialogs to offer only what it allows.
	if renamed.MaxExpiryDays != 366 || !renamed.AllowNeverExpires {
		t.Fatalf("policy before a change: %d, %v", renamed.MaxExpiryDays, renamed.AllowNeverExpires)
	}
	ninety, never := 90, false
	if _, err := r.srv.PatchWorkspace(ctx, r.ws, api.PatchWorkspaceRequest{MaxExpiryDays: &ninety, AllowNeverExpires: &never}, server.Actor{}); err != nil {
		t.Fatal(err)
	}
	if err := d.Sync(ctx, ws.ID); err != nil {
		t.Fatal(err)
	}
	if strict, _ := d.Workspace(ctx, ws.ID); strict.MaxExpiryDays != 90 || strict.AllowNeverExpires {
		t.Fatalf("policy after a change: %d, %v", strict.MaxExpiryDays, strict.AllowNeverExpires)
	}
}

// A server that cannot be reached is offline for every workspace it serves:
// one sync that finds out marks them all, and each comes back with its own.
func TestAnUnreachableServerIsOfflineForEachOfItsWorkspaces(t *testing.T) {
	r := startRemote(t)
	ctx := context.Background()
	d := open(t, t.TempDir(), secrets.NewMemory(), nil)
	defer d.Close()
	local := localWorkspace(t, d)
	beta, betaAdmin, err := r.srv.CreateWorkspace(ctx, "Beta", "admin")
	if err != nil {
		t.Fatal(err)
	}
	acme, err := d.AddWorkspace(ctx, desk.Connection{ServerURL: r.url(), AccessKey: r.admin})
	if err != nil {
		t.Fatal(err)
	}
	second, err := d.AddWorkspace(ctx, desk.Connection{ServerURL: r.url(), WorkspaceID: beta.ID, AccessKey: betaAdmin.Secret})
	if err != nil {
		t.Fatal(err)
	}

	r.stop()
	if err := d.Sync(ctx, acme.ID); !errors.Is(err, desk.ErrOffline) {
		t.Fatalf("sync with the server down: %v", err)
	}
	for _, id := range []string{acme.ID, second.ID} {
		if ws, _ := d.Workspace(ctx, id); ws.OfflineSince == nil || ws.SyncProblem != desk.SyncProblemOffline {
			t.Fatalf("%s after its server went away: %+v", id, ws.Workspace)
		}
	}
	if ws, _ := d.Workspace(ctx, local.ID); ws.OfflineSince != nil {
		t.Fatal("Local went offline with a remote server")
	}

	r.restart()
	if err := d.Sync(ctx, second.ID); err != nil {
		t.Fatal(err)
	}
	if ws, _ := d.Workspace(ctx, second.ID); ws.OfflineSince != nil {
		t.Fatalf("back: %+v", ws.Workspace)
	}
}
