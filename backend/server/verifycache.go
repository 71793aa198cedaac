package server

import (
	"crypto/sha256"
	"encoding/json"
	"sync"

	"github.com/keydesk/keydesk/backend/api"
)

// verifyCache keeps, per secret hash, what verification needs to know of
// a key, so that a verification is a hash and a map lookup instead of
// database reads.
//
// It is exact, not eventually consistent: an entry notes the store's
// change generation before its database read, and it is used only while no
// write committed since touched its key or its workspace (changeLog). A
// read that raced a write is therefore never used; a write is seen by every
// verification that starts after the write returned. Status is derived
// from the entry at each verification, so expiry and the end of a rotation
// overlap need no write.
//
// The guarantee holds for writes made through this process, so the cache is
// only used when the store has claimed its SQLite database (ClaimSQLite); on
// PostgreSQL several replicas share the data, so each verification reads
// the database.
type verifyCache struct {
	mu      sync.RWMutex
	entries map[[sha256.Size]byte]*verifyEntry
}

// verifyEntry is one key as verification sees it.
type verifyEntry struct {
	key     Key
	ws      Workspace
	profile *api.VerifiedProfile // nil when the key has no profile
	readAt  uint64               // the change generation before the read
}

// maxVerifyEntries bounds the cache; past it, it starts over. Hot keys are
// few; a key verified rarely costs one database read when it comes back.
const maxVerifyEntries = 1_000

func newVerifyCache() *verifyCache {
	return &verifyCache{entries: map[[sha256.Size]byte]*verifyEntry{}}
}

// get returns the entry for hash if nothing it holds changed since it was
// read.
func (c *verifyCache) get(hash [sha256.Size]byte, changes *changeLog) *verifyEntry {
	c.mu.RLock()
	e := c.entries[hash]
	c.mu.RUnlock()
	if e == nil || !changes.fresh(e.readAt, e.key.ID, e.key.WorkspaceID) {
		return nil
	}
	return e
}

// put stores an entry, replacing what was there for the hash.
func (c *verifyCache) put(hash [sha256.Size]byte, e *verifyEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= maxVerifyEntries {
		c.entries = map[[sha256.Size]byte]*verifyEntry{}
	}
	c.entries[hash] = e
}

func verifiedProfile(p Profile) *api.VerifiedProfile {
	return &api.VerifiedProfile{ID: p.ID, Name: p.Name, Metadata: json.RawMessage(p.Metadata)}
}
