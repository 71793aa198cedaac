package desk

import (
	"context"
	"testing"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/secrets"
	"github.com/keydesk/keydesk/backend/server"
)

// The desktop's Local key gone from the server too (not only from the
// keychain): a new one is made, and the workspace works with it.
func TestLostLocalKeyIsReplaced(t *testing.T) {
	home, ctx := t.TempDir(), context.Background()
	d, err := Open(ctx, Options{Home: home, Secrets: secrets.NewMemory(), LocalAddr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	var ws Workspace
	if err := d.db.Where("kind = ?", KindLocal).Take(&ws).Error; err != nil {
		t.Fatal(err)
	}
	// Someone with another admin key deleted it (the server keeps a
	// workspace's last admin key).
	if _, err := d.local.srv.IssueKey(ctx, ws.RemoteID, api.CreateKeyRequest{Name: "ops", Role: "admin"}, server.Actor{}); err != nil {
		t.Fatal(err)
	}
	if err := d.local.srv.DeleteKey(ctx, ws.RemoteID, ws.AccessKeyID, server.Actor{}); err != nil {
		t.Fatal(err)
	}
	d.Close()

	d, err = Open(ctx, Options{Home: home, Secrets: secrets.NewMemory(), LocalAddr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var again Workspace
	if err := d.db.Where("kind = ?", KindLocal).Take(&again).Error; err != nil {
		t.Fatal(err)
	}
	if again.AccessKeyID == ws.AccessKeyID || again.AccessKeyID == "" {
		t.Fatalf("access key %q after losing %q", again.AccessKeyID, ws.AccessKeyID)
	}
	if err := d.Sync(ctx, again.ID); err != nil {
		t.Fatal(err)
	}
}
