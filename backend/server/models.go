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
	WorkspaceID string     `gorm:"size:40;not null;index:idx_keys_ws_revision,priority:1;index:idx_keys_ws_created,priority:1;index:idx_keys_ws_profile,priority:1"`
	Name        string     `gorm:"size:400;not null"`
	Role        keys.Role  `gorm:"size:16;not null"`
	Hash        string     `gorm:"size:64;not null;uniqueIndex"`
	MaskedKey   string     `gorm:"size:80;not null"`
	Enabled     bool       `gorm:"not null"`
	CreatedAt   time.Time  `gorm:"not null;autoCreateTime:false;index:idx_keys_ws_created,priority:2"`
	ExpiresAt   *time.Time ``
	LastUsedAt  *time.Time ``
	ProfileID   string     `gorm:"size:40;not null;index:idx_keys_ws_profile,priority:2"`
	RevokesAt   *time.Time ``
	AutoRevoke  bool       `gorm:"not null"`
	RotatedFrom string     `gorm:"size:40;not null"`
	CreatedBy   string     `gorm:"size:40;not null"`
	UpdatedAt   time.Time  `gorm:"not null;autoUpdateTime:false"`
	Revision    int64      `gorm:"not null;index:idx_keys_ws_revision,priority:2"`

	// RegeneratedAt is when the key got its current secret, if not at its
	// creation; ExpirySetAt when its expiry was last set, if not at its
	// creation (a regeneration with a new expiry). Reminders count from them.
	RegeneratedAt *time.Time ``
	ExpirySetAt   *time.Time ``
}

// Tombstone records a deletion so that incremental sync can pass it on.
type Tombstone struct {
	WorkspaceID string    `gorm:"primaryKey;size:40;index:idx_tombstones_ws_revision,priority:1"`
	KeyID       string    `gorm:"primaryKey;size:40"`
	Revision    int64     `gorm:"not null;index:idx_tombstones_ws_revision,priority:2"`
	DeletedAt   time.Time `gorm:"not null"`
}

// State is what the key rules need of a key.
func (k Key) State() keys.State {
	return keys.State{Enabled: k.Enabled, ExpiresAt: k.ExpiresAt, RevokesAt: k.RevokesAt, AutoRevoke: k.AutoRevoke}
}

// Status derives the key's status at now.
func (k Key) Status(now time.Time) keys.Status { return k.State().Status(now) }

// Profile groups keys that share defaults and a policy.
type Profile struct {
	ID                string    `gorm:"primaryKey;size:40"`
	WorkspaceID       string    `gorm:"size:40;not null;index"`
	Name              string    `gorm:"size:400;not null"`
	Description       string    `gorm:"size:4000;not null"`
	DefaultExpiryDays *int      ``
	KeyPrefix         string    `gorm:"size:12;not null"`
	RotationDays      *int      ``
	ReminderDays      string    `gorm:"size:200;not null"`   // JSON array of lead times in days
	TestEndpoint      string    `gorm:"size:4000;not null"`  // JSON, "" when none
	Metadata          string    `gorm:"size:65536;not null"` // JSON object
	CreatedAt         time.Time `gorm:"not null;autoCreateTime:false"`
	UpdatedAt         time.Time `gorm:"not null;autoUpdateTime:false"`
}

// AuditEvent records one mutation: who, what, when, from where, and which
// fields changed. It never holds a secret.
type AuditEvent struct {
	ID          int64     `gorm:"primaryKey;autoIncrement"`
	WorkspaceID string    `gorm:"size:40;not null;index:idx_audit_ws_id,priority:1"`
	At          time.Time `gorm:"not null"`
	ActorKeyID  string    `gorm:"size:40;not null"`
	ActorName   string    `gorm:"size:400;not null;default:''"` // the actor key's name then: the key may be gone since
	Action      string    `gorm:"size:40;not null"`
	TargetKeyID string    `gorm:"size:40;not null;index"`
	TargetID    string    `gorm:"size:40;not null"`
	TargetName  string    `gorm:"size:400;not null;default:''"` // the target's name then (key, profile or workspace)
	ClientIP    string    `gorm:"size:64;not null"`
	Changes     string    `gorm:"size:65536;not null"` // JSON object, "" when none
}

// Usage counts a key's successful uses per UTC day.
type Usage struct {
	KeyID       string `gorm:"primaryKey;size:40"`
	Day         string `gorm:"primaryKey;size:10"` // YYYY-MM-DD
	WorkspaceID string `gorm:"size:40;not null;index"`
	Count       int64  `gorm:"not null"`
}
