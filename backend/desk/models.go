package desk

import (
	"encoding/json"
	"time"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/keys"
)

// Workspace kinds.
const (
	KindLocal  = "local"  // served by the embedded server
	KindRemote = "remote" // served by a `keydesk serve` somewhere
)

// Workspace is a workspace the desktop knows. Its access key lives in the
// keychain, never here.
type Workspace struct {
	ID            string `gorm:"primaryKey;size:40"`
	Name          string `gorm:"not null"`
	Kind          string `gorm:"size:10;not null"`
	ServerURL     string `gorm:"not null"` // empty for Local: its port is chosen at start
	AllowInsecure bool   `gorm:"not null"` // plain http:// to a host that is not this computer
	CAFile        string `gorm:"not null"` // PEM file of a CA trusted for this server
	RemoteID      string `gorm:"size:40;not null"`
	AccessKeyID   string `gorm:"size:40;not null"` // id of the desktop's own key there
	Role          string `gorm:"size:16;not null"`
	Position      int    `gorm:"not null"`
	Cursor        int64  `gorm:"not null"` // the server revision the cache mirrors
	LastSyncedAt  *time.Time
	OfflineSince  *time.Time
	LastError     string `gorm:"not null"`
	SyncProblem   string `gorm:"size:24;not null;default:''"` // what the last sync failure asks of the user (SyncProblem*), "" after a good sync
	// The workspace's expiry policy as its server last said (whoami), for
	// the dialogs to offer only what it allows: 0 and true until a server
	// says (or for one too old to say). Set by saveSyncState; a new
	// workspace starts from the defaults.
	MaxExpiryDays     int       `gorm:"not null;default:0"`
	AllowNeverExpires bool      `gorm:"not null;default:true"`
	CreatedAt         time.Time `gorm:"not null;autoCreateTime:false"`
}

// CachedKey is the local mirror of a server key. idx_cached_keys_table_order
// is the key table's order (keyTableOrder): the first screen's 100 keys out
// of 10,000 are read from it in well under a millisecond, not sorted from a
// scan (~10 ms, while the window waits for them).
type CachedKey struct {
	WorkspaceID string     `gorm:"primaryKey;size:40;index:idx_cached_keys_table_order,priority:1"`
	ID          string     `gorm:"primaryKey;size:40;index:idx_cached_keys_table_order,priority:3"`
	Name        string     `gorm:"not null"`
	Role        string     `gorm:"size:16;not null"`
	MaskedKey   string     `gorm:"not null"`
	Enabled     bool       `gorm:"not null"`
	CreatedAt   time.Time  `gorm:"not null;autoCreateTime:false;index:idx_cached_keys_table_order,priority:2,sort:desc"`
	ExpiresAt   *time.Time ``
	LastUsedAt  *time.Time ``
	ProfileID   string     `gorm:"not null"`
	RevokesAt   *time.Time ``
	AutoRevoke  bool       `gorm:"not null"`
	RotatedFrom string     `gorm:"not null"`
	CreatedBy   string     `gorm:"not null"`
	UpdatedAt   time.Time  `gorm:"not null;autoUpdateTime:false"`
	Revision    int64      `gorm:"not null"`
	// As in api.Key: nil for a key whose secret and expiry date from its creation.
	RegeneratedAt *time.Time ``
	ExpirySetAt   *time.Time ``
}

// cachedKeyColumns are the columns of cached_keys, in the order
// appendValues gives their values. The sync writes a statement per row
// (see cacheWriter), too many to have gorm build each one.
var cachedKeyColumns = []string{
	"workspace_id", "id", "name", "role", "masked_key", "enabled", "created_at", "expires_at", "last_used_at",
	"profile_id", "revokes_at", "auto_revoke", "rotated_from", "created_by", "updated_at", "revision",
	"regenerated_at", "expiry_set_at",
}

// appendValues appends the key's values in the order of cachedKeyColumns.
func (k *CachedKey) appendValues(args []any) []any {
	return append(args, k.WorkspaceID, k.ID, k.Name, k.Role, k.MaskedKey, k.Enabled, k.CreatedAt, k.ExpiresAt, k.LastUsedAt,
		k.ProfileID, k.RevokesAt, k.AutoRevoke, k.RotatedFrom, k.CreatedBy, k.UpdatedAt, k.Revision,
		k.RegeneratedAt, k.ExpirySetAt)
}

// State is what the key rules need of a cached key.
func (k CachedKey) State() keys.State {
	return keys.State{Enabled: k.Enabled, ExpiresAt: k.ExpiresAt, RevokesAt: k.RevokesAt, AutoRevoke: k.AutoRevoke}
}

// Status derives the key's status at now; the cache never stores it, so it
// stays right while offline.
func (k CachedKey) Status(now time.Time) keys.Status { return k.State().Status(now) }

// CachedProfile is the local copy of a server profile.
type CachedProfile struct {
	WorkspaceID       string `gorm:"primaryKey;size:40"`
	ID                string `gorm:"primaryKey;size:40"`
	Name              string `gorm:"not null"`
	Description       string `gorm:"not null"`
	DefaultExpiryDays *int
	KeyPrefix         string `gorm:"not null"`
	RotationDays      *int
	ReminderDays      string `gorm:"not null"` // JSON array
	TestEndpoint      string `gorm:"not null"` // JSON, "" when none
	Metadata          string `gorm:"not null"` // JSON object verify returns, "" when none
	KeyCount          int64  `gorm:"not null"`
}

// Remembered marks a key whose secret the user chose to keep in the
// keychain. The secret itself is only in the keychain.
type Remembered struct {
	WorkspaceID string `gorm:"primaryKey;size:40"`
	KeyID       string `gorm:"primaryKey;size:40"`
}

// Setting is one of the desk's settings.
type Setting struct {
	Name  string `gorm:"primaryKey;size:64"`
	Value string `gorm:"not null"`
}

// CachedFromAPI is the cache form of a key the server sent.
func CachedFromAPI(workspaceID string, k api.Key) CachedKey {
	return CachedKey{
		WorkspaceID: workspaceID, ID: k.ID, Name: k.Name, Role: k.Role, MaskedKey: k.MaskedKey,
		Enabled: k.Enabled, CreatedAt: k.CreatedAt.UTC(), ExpiresAt: k.ExpiresAt, LastUsedAt: k.LastUsedAt,
		ProfileID: k.ProfileID, RevokesAt: k.RevokesAt, AutoRevoke: k.AutoRevoke, RotatedFrom: k.RotatedFrom, CreatedBy: k.CreatedBy,
		UpdatedAt: k.UpdatedAt.UTC(), Revision: k.Revision, RegeneratedAt: k.RegeneratedAt, ExpirySetAt: k.ExpirySetAt,
	}
}

// CachedProfileFromAPI is the cache form of a profile the server sent.
func CachedProfileFromAPI(workspaceID string, p api.Profile) CachedProfile {
	reminders, _ := json.Marshal(p.ReminderDays)
	out := CachedProfile{
		WorkspaceID: workspaceID, ID: p.ID, Name: p.Name, Description: p.Description,
		DefaultExpiryDays: p.DefaultExpiryDays, KeyPrefix: p.KeyPrefix, RotationDays: p.RotationDays,
		ReminderDays: string(reminders), KeyCount: p.KeyCount, Metadata: string(p.Metadata),
	}
	if p.TestEndpoint != nil {
		te, _ := json.Marshal(p.TestEndpoint)
		out.TestEndpoint = string(te)
	}
	return out
}
