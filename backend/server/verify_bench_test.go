package server

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/keydesk/keydesk/backend/api"
)

// BenchmarkVerifyCached is a verification as the hot path runs it once the
// key is in the verify cache: parse, hash, lookup, status, usage count.
func BenchmarkVerifyCached(b *testing.B) {
	ctx := context.Background()
	store, err := OpenStore("sqlite:"+filepath.Join(b.TempDir(), "bench.db"), nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	if err := store.ClaimSQLite(); err != nil {
		b.Fatal(err)
	}
	s := New(store, Options{})
	ws, _, err := s.CreateWorkspace(ctx, "Bench", "admin")
	if err != nil {
		b.Fatal(err)
	}
	created, err := s.IssueKey(ctx, ws.ID, api.CreateKeyRequest{Name: "hot"}, Actor{})
	if err != nil {
		b.Fatal(err)
	}
	secret := created.Secret
	if _, reason, err := s.checkSecret(ctx, secret); err != nil || reason != "" {
		b.Fatal(reason, err)
	}
	b.ReportAllocs()
	for b.Loop() {
		e, reason, _ := s.checkSecret(ctx, secret)
		if reason != "" {
			b.Fatal(reason)
		}
		s.usage.record(e.key.WorkspaceID, e.key.ID, s.clock())
	}
}
