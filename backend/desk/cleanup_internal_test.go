package desk

import (
	"fmt"
	"testing"

	"github.com/keydesk/keydesk/backend/api"
)

// A clean-up naming more keys than the server takes in one request goes in
// several, each with the same choice; one without IDs stays one request.
func TestCleanupBatches(t *testing.T) {
	ids := make([]string, 2*api.MaxCleanupKeyIDs+1)
	for i := range ids {
		ids[i] = fmt.Sprintf("key_%d", i)
	}
	batches := cleanupBatches(api.CleanupRequest{Revoked: true, KeyIDs: ids})
	if len(batches) != 3 {
		t.Fatalf("%d batches, want 3", len(batches))
	}
	var seen []string
	for _, b := range batches {
		if !b.Revoked || b.Expired || b.Both || len(b.KeyIDs) > api.MaxCleanupKeyIDs {
			t.Fatalf("batch %+v", api.CleanupRequest{Expired: b.Expired, Revoked: b.Revoked, Both: b.Both})
		}
		seen = append(seen, b.KeyIDs...)
	}
	if len(seen) != len(ids) || seen[0] != ids[0] || seen[len(seen)-1] != ids[len(ids)-1] {
		t.Fatalf("the batches hold %d IDs, want %d in order", len(seen), len(ids))
	}
	if b := cleanupBatches(api.CleanupRequest{Both: true}); len(b) != 1 || b[0].KeyIDs != nil || !b[0].Both {
		t.Fatalf("without IDs: %+v", b)
	}
}
