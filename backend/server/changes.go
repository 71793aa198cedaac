package server

import "sync"

// changeLog records which keys and workspaces each committed write touched,
// numbered by a generation, so that the verify cache can tell whether what
// it read is still current (see verifyCache) without forgetting everything
// on every write.
type changeLog struct {
	mu    sync.RWMutex
	gen   uint64
	floor uint64            // entries read before it are stale
	keys  map[string]uint64 // key id → generation of its last change
	wss   map[string]uint64 // workspace id → generation of its last change
}

// maxTrackedChanges bounds the log; past it, it starts over from a floor
// (which makes every cached entry stale: they are read again once).
const maxTrackedChanges = 1_000

func newChangeLog() *changeLog {
	return &changeLog{keys: map[string]uint64{}, wss: map[string]uint64{}}
}

// current is the generation to note before reading the database.
func (c *changeLog) current() uint64 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.gen
}

// record notes a committed write: called after the commit, so a read that
// started after it returns sees the write.
func (c *changeLog) record(workspaceID string, keyIDs []string, workspace bool) {
	if len(keyIDs) == 0 && !workspace {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	if len(c.keys) >= maxTrackedChanges {
		c.keys, c.wss, c.floor = map[string]uint64{}, map[string]uint64{}, c.gen
	}
	for _, id := range keyIDs {
		c.keys[id] = c.gen
	}
	if workspace {
		c.wss[workspaceID] = c.gen
	}
}

// fresh reports whether what was read at generation readAt about a key of
// a workspace is still current.
func (c *changeLog) fresh(readAt uint64, keyID, workspaceID string) bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return readAt >= c.floor && readAt >= c.keys[keyID] && readAt >= c.wss[workspaceID]
}
