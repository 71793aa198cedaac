package cli_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"testing"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/client"
)

// TestTwoServeReplicasOnOnePostgres runs two `keydesk serve` processes on
// one PostgreSQL: a key disabled through one is refused by the other at
// once. scripts/test-go.sh sets KEYDESK_TEST_POSTGRES.
func TestTwoServeReplicasOnOnePostgres(t *testing.T) {
	dsn := os.Getenv("KEYDESK_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("set KEYDESK_TEST_POSTGRES to a PostgreSQL DSN")
	}
	out, err := exec.Command(binary, "admin", "create-workspace", "Replicated", "--db", dsn, "--json").Output()
	if err != nil {
		t.Fatal(err)
	}
	var ws struct{ WorkspaceID, AdminKey string }
	json.Unmarshal(out, &ws)
	var urls []string
	for range 2 {
		cmd := exec.Command(binary, "serve", "--addr", "127.0.0.1:0", "--db", dsn)
		stderr, _ := cmd.StderrPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		defer func() { cmd.Process.Signal(os.Interrupt); cmd.Wait() }()
		urls = append(urls, waitForURL(t, stderr))
	}
	ctx := context.Background()
	one, _ := client.New(urls[0], ws.AdminKey)
	anonTwo, _ := client.New(urls[1], "")
	created, err := one.CreateKey(ctx, ws.WorkspaceID, api.CreateKeyRequest{Name: "shared"})
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := anonTwo.Verify(ctx, created.Secret); !v.Valid {
		t.Fatalf("replica two does not know the key: %+v", v)
	}
	off := false
	if _, err := one.PatchKey(ctx, ws.WorkspaceID, created.Key.ID, api.PatchKeyRequest{Enabled: &off}); err != nil {
		t.Fatal(err)
	}
	if v, _ := anonTwo.Verify(ctx, created.Secret); v.Valid || v.Reason != api.ReasonDisabled {
		t.Fatalf("replica two after the disable on replica one: %+v", v)
	}
}
