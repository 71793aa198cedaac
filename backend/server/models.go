package server

import (
	"time"

	"github.com/keydesk/keydesk/backend/keys"
)

// Workspace is a tenant: its keys, its policy and its revision counter.
type Workspace struct {
	ID               string    `gorm:"primaryKey;size:40"`
	Name             string    `gorm:"size:400;not null"`
	Revision         int64     `gorm:"not null"`
	APIAccessEnabled bool      `gorm:"not null"`
	MaxExpiryDays    int       `gorm:"not null"` // 0 = the global maximum
	AllowNever       bool      `gorm:"not null"`
	KeyPrefix        string    `gorm:"size:12;not null"`
	CreatedAt        time.Time `gorm:"not null;autoCreateTime:false"`
}

func (w Workspace) expiryPolicy() keys.ExpiryPolicy {
	return keys.ExpiryPolicy{MaxDays: w.MaxExpiryDays, AllowNever: w.AllowNever}
}

func (w Workspace) prefix() string {
	if w.KeyPrefix == "" {
		return keys.DefaultPrefix
	}
	return w.KeyPrefix
}

// Key is a stored key. Only the SHA-256 of the secret and its masked form
// are kept; the secret itself never reaches the database.
type Key struct {
	ID          string     `gorm:"primaryKey;size:40"`
	WorkspaceID string     `gorm:"size:40;not null;index:idx_keys_ws_revision,priority:1;index:idx_keys_ws_created,priority:1"`
	Name        string     `gorm:"size:400;not null"`
	Role        keys.Role  `gorm:"size:16;not null"`
	Hash        string     `gorm:"size:64;not null;uniqueIndex"`
	MaskedKey   string     `gorm:"size:80;not null"`
	Enabled     bool       `gorm:"not null"`
	CreatedAt   time.Time  `gorm:"not null;autoCreateTime:false;index:idx_keys_ws_created,priority:2"`
	ExpiresAt   *time.Time ``
	LastUsedAt  *time.Time ``
	ProfileID   string     `gorm:"size:40;not null"`
	RevokesAt   *time.Time ``
	AutoRevoke  bool       `gorm:"not null"`
	RotatedFrom string     `gorm:"size:40;not null"`
	CreatedBy   string     `gorm:"size:40;not null"`
	UpdatedAt   time.Time  `gorm:"not null;autoUpdateTime:false"`
	Revision    int64      `gorm:"not null;index:idx_keys_ws_revision,priority:2"`
}

// Tombstone records a deletion so that incremental sync can pass it on.
type Tombstone struct {
	WorkspaceID string    `gorm:"primaryKey;size:40;index:idx_tombstones_ws_revision,priority:1"`
	KeyID       string    `gorm:"primaryKey;size:40"`
	Revision    int64     `gorm:"not null;index:idx_tombstones_ws_revision,priority:2"`
	DeletedAt   time.Time `gorm:"not null"`
}

// Status derives the key's status at now.
func (k Key) Status(now time.Time) keys.Status {
	return keys.StatusAt(k.Enabled, k.ExpiresAt, now)
}
