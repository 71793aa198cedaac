package desk

import (
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
	ID           string `gorm:"primaryKey;size:40"`
	Name         string `gorm:"not null"`
	Kind         string `gorm:"size:10;not null"`
	ServerURL    string `gorm:"not null"` // empty for Local: its port is chosen at start
	RemoteID     string `gorm:"size:40;not null"`
	AccessKeyID  string `gorm:"size:40;not null"` // id of the desktop's own key there
	Role         string `gorm:"size:16;not null"`
	Position     int    `gorm:"not null"`
	Cursor       int64  `gorm:"not null"` // the server revision the cache mirrors
	LastSyncedAt *time.Time
	OfflineSince *time.Time
	LastError    string    `gorm:"not null"`
	CreatedAt    time.Time `gorm:"not null;autoCreateTime:false"`
}

// CachedKey is the local mirror of a server key.
type CachedKey struct {
	WorkspaceID string     `gorm:"primaryKey;size:40"`
	ID          string     `gorm:"primaryKey;size:40"`
	Name        string     `gorm:"not null"`
	Role        string     `gorm:"size:16;not null"`
	MaskedKey   string     `gorm:"not null"`
	Enabled     bool       `gorm:"not null"`
	CreatedAt   time.Time  `gorm:"not null;autoCreateTime:false"`
	ExpiresAt   *time.Time ``
	LastUsedAt  *time.Time ``
	ProfileID   string     `gorm:"not null"`
	RevokesAt   *time.Time ``
	RotatedFrom string     `gorm:"not null"`
	CreatedBy   string     `gorm:"not null"`
	UpdatedAt   time.Time  `gorm:"not null;autoUpdateTime:false"`
	Revision    int64      `gorm:"not null"`
}

// Status derives the key's status at now; the cache never stores it, so it
// stays right while offline.
func (k CachedKey) Status(now time.Time) keys.Status {
	return keys.StatusAt(k.Enabled, k.ExpiresAt, now)
}

func cachedFromAPI(workspaceID string, k api.Key) CachedKey {
	return CachedKey{
		WorkspaceID: workspaceID, ID: k.ID, Name: k.Name, Role: k.Role, MaskedKey: k.MaskedKey,
		Enabled: k.Enabled, CreatedAt: k.CreatedAt.UTC(), ExpiresAt: k.ExpiresAt, LastUsedAt: k.LastUsedAt,
		ProfileID: k.ProfileID, RevokesAt: k.RevokesAt, RotatedFrom: k.RotatedFrom, CreatedBy: k.CreatedBy,
		UpdatedAt: k.UpdatedAt.UTC(), Revision: k.Revision,
	}
}
