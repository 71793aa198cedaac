package app

// The types below are what the frontend sees through the generated bindings.
// Times are RFC 3339 strings in UTC; an absent optional time means "never".

// Workspace is one workspace in the sidebar.
type Workspace struct {
	ID           string  `json:"id"`          // desktop-local id
	Name         string  `json:"name"`        // the server's workspace name
	Kind         string  `json:"kind"`        // "local" (embedded server) or "remote"
	ServerURL    string  `json:"serverUrl"`   // base URL of its Keydesk server
	WorkspaceID  string  `json:"workspaceId"` // the server's workspace id (ws_…)
	Role         string  `json:"role"`        // role of the desktop's access key: admin or member
	Online       bool    `json:"online"`
	OfflineSince *string `json:"offlineSince,omitempty"`
	LastSyncedAt *string `json:"lastSyncedAt,omitempty"`
	LastError    string  `json:"lastError"` // why the last sync failed, in words a user understands
	// What the last sync failure asks of the user, "" after a good sync:
	// offline, keychainLocked, accessKeyMissing, accessKeyRejected, forbidden, connection, failed.
	SyncProblem   string `json:"syncProblem"`
	KeyCount      int    `json:"keyCount"`
	CanManage     bool   `json:"canManage"` // false for a member key: every management action is unavailable
	AllowInsecure bool   `json:"allowInsecure"`
	CAFile        string `json:"caFile"`
	// The expiries the workspace allows, as its server last said: the
	// longest in days (0 until it says) and whether a key may never expire.
	MaxExpiryDays     int  `json:"maxExpiryDays"`
	AllowNeverExpires bool `json:"allowNeverExpires"`
}

// Key is a cached key as the table shows it. The secret is never part of it.
type Key struct {
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	Role        string  `json:"role"`
	MaskedKey   string  `json:"maskedKey"`
	Status      string  `json:"status"` // active, inactive or expired, derived when listed
	Enabled     bool    `json:"enabled"`
	CreatedAt   string  `json:"createdAt"`
	ExpiresAt   *string `json:"expiresAt,omitempty"`
	LastUsedAt  *string `json:"lastUsedAt,omitempty"`
	ProfileID   string  `json:"profileId"`
	RevokesAt   *string `json:"revokesAt,omitempty"` // set during a rotation overlap
	AutoRevoke  bool    `json:"autoRevoke"`          // the key stops at revokesAt
	Rotating    bool    `json:"rotating"`            // in a rotation overlap and still working
	RotatedFrom string  `json:"rotatedFrom"`
	CreatedBy   string  `json:"createdBy"`
	UpdatedAt   string  `json:"updatedAt"`
	Remembered  bool    `json:"remembered"` // its secret is in the keychain
	Own         bool    `json:"own"`        // the key Keydesk itself uses for this workspace
	// RegeneratedAt is when the key got its current secret, absent if at its creation.
	RegeneratedAt *string `json:"regeneratedAt,omitempty"`
}

// KeyPage is the first keys of a workspace and how many it has.
type KeyPage struct {
	Keys  []Key `json:"keys"`
	Total int   `json:"total"`
}

// CreateKeyRequest is what the Create API key dialog sends.
type CreateKeyRequest struct {
	Name          string `json:"name"`
	Role          string `json:"role"`          // "" means api
	ProfileID     string `json:"profileId"`     // "" means none
	ExpiresInDays *int   `json:"expiresInDays"` // nil means never
	// ExpiryFromProfile leaves the expiry to the profile's default (or the
	// workspace's); ExpiresInDays is then ignored.
	ExpiryFromProfile bool `json:"expiryFromProfile"`
}

// CreatedKey carries the secret the one time it is shown.
type CreatedKey struct {
	Key    Key    `json:"key"`
	Secret string `json:"secret"`
}

// UpdateKeyRequest changes a key; nil fields are left as they are.
type UpdateKeyRequest struct {
	Name      *string `json:"name,omitempty"`
	Enabled   *bool   `json:"enabled,omitempty"`
	ProfileID *string `json:"profileId,omitempty"` // "" removes the profile
}

// RegenerateRequest: with ChangeExpiry, ExpiresInDays (nil = never) replaces
// the expiry; without, the expiry stays.
type RegenerateRequest struct {
	ChangeExpiry  bool `json:"changeExpiry"`
	ExpiresInDays *int `json:"expiresInDays"`
}

// RotateRequest is what the Rotate dialog sends.
type RotateRequest struct {
	OverlapDays int  `json:"overlapDays"` // 0–30
	AutoRevoke  bool `json:"autoRevoke"`
}

// RotatedKey is the successor with its secret (shown once) and the old key.
type RotatedKey struct {
	Key      Key    `json:"key"`
	Secret   string `json:"secret"`
	Previous Key    `json:"previous"`
}

// CleanupCounts are the keys each clean-up choice would delete.
type CleanupCounts struct {
	Expired int64 `json:"expired"`
	Revoked int64 `json:"revoked"`
	Both    int64 `json:"both"`
}

// CleanupRequest chooses what to delete; Both excludes the other two.
// KeyIDs are the keys the confirmation named: only those of them that
// still match are deleted (null: every key that matches).
type CleanupRequest struct {
	Expired bool     `json:"expired"`
	Revoked bool     `json:"revoked"`
	Both    bool     `json:"both"`
	KeyIDs  []string `json:"keyIds"`
}

// Profile is a workspace's key profile, as cached.
type Profile struct {
	ID                string        `json:"id"`
	Name              string        `json:"name"`
	Description       string        `json:"description"`
	DefaultExpiryDays *int          `json:"defaultExpiryDays,omitempty"` // absent: keys never expire by default
	KeyPrefix         string        `json:"keyPrefix"`
	RotationDays      *int          `json:"rotationDays,omitempty"` // absent: no rotation policy
	ReminderDays      []int         `json:"reminderDays"`
	TestEndpoint      *TestEndpoint `json:"testEndpoint,omitempty"`
	Metadata          string        `json:"metadata"` // JSON object verify returns; "" when none
	KeyCount          int64         `json:"keyCount"`
}

// TestEndpoint is where a profile's keys are tested.
type TestEndpoint struct {
	Method string `json:"method"`
	URL    string `json:"url"`  // may use {server}, {workspace}, {keyId}
	Auth   string `json:"auth"` // bearer, header or query
	Name   string `json:"name"` // header or query parameter name
}

// ProfileRequest is what the profile form sends, whole, for create and edit.
type ProfileRequest struct {
	Name              string        `json:"name"`
	Description       string        `json:"description"`
	DefaultExpiryDays *int          `json:"defaultExpiryDays"` // nil: never
	KeyPrefix         string        `json:"keyPrefix"`         // "" uses the workspace's
	RotationDays      *int          `json:"rotationDays"`      // nil: no policy
	ReminderDays      []int         `json:"reminderDays"`
	TestEndpoint      *TestEndpoint `json:"testEndpoint"` // nil: the default target
	Metadata          string        `json:"metadata"`     // JSON object; "" for none
}

// AuditEvent is one entry of a workspace's audit log.
type AuditEvent struct {
	ID          int64  `json:"id"`
	At          string `json:"at"`
	ActorKeyID  string `json:"actorKeyId"` // "" for the server itself
	ActorName   string `json:"actorName"`  // the actor key's name when cached
	Action      string `json:"action"`     // key.created, key.rotated, …
	TargetKeyID string `json:"targetKeyId"`
	TargetName  string `json:"targetName"` // its name when the event was recorded (today's for events that recorded none)
	// TargetNameNow is the key's or profile's name today, when it was
	// renamed since: the log says what happened under the old name and
	// which row of the table that is.
	TargetNameNow string `json:"targetNameNow,omitempty"`
	TargetID      string `json:"targetId"`
	ClientIP      string `json:"clientIp"`
	Changes       string `json:"changes"` // JSON object of changed fields, never a secret
}

// AuditPage is one page of the audit log, newest first.
type AuditPage struct {
	Items []AuditEvent `json:"items"`
	Total int64        `json:"total"`
}

// UsageDay is one day's use of a key.
type UsageDay struct {
	Date  string `json:"date"`
	Count int64  `json:"count"`
}

// Usage is a key's use over the last 30 days, oldest first.
type Usage struct {
	Days  []UsageDay `json:"days"`
	Total int64      `json:"total"`
}

// SearchResult is a key found by the search across all workspaces.
type SearchResult struct {
	WorkspaceID   string `json:"workspaceId"`
	WorkspaceName string `json:"workspaceName"`
	Key           Key    `json:"key"`
}

// WorkspaceRequest adds a remote workspace or changes one. On update, an
// empty AccessKey keeps the stored one.
type WorkspaceRequest struct {
	ServerURL     string `json:"serverUrl"`
	WorkspaceID   string `json:"workspaceId"` // optional: the access key tells it
	AccessKey     string `json:"accessKey"`
	AllowInsecure bool   `json:"allowInsecure"` // plain http:// to a host that is not this computer
	CAFile        string `json:"caFile"`        // PEM file of a CA to trust for this server
}

// ConnectionInfo is what a successful connection test learned.
type ConnectionInfo struct {
	WorkspaceID   string `json:"workspaceId"`
	WorkspaceName string `json:"workspaceName"`
	Role          string `json:"role"`    // admin or member
	KeyName       string `json:"keyName"` // the access key's name
	CanManage     bool   `json:"canManage"`
}

// Settings is what the Settings view shows and changes.
type Settings struct {
	DataDir             string `json:"dataDir"`
	KeychainBackend     string `json:"keychainBackend"`    // e.g. secret-service, file, memory
	KeychainLabel       string `json:"keychainLabel"`      // words for the user
	KeychainPersistent  bool   `json:"keychainPersistent"` // false: secrets are forgotten when Keydesk quits
	KeychainProblem     string `json:"keychainProblem"`    // why the OS keychain is not used, or since when it fails
	KeychainLocked      bool   `json:"keychainLocked"`     // the encrypted file holds the secrets and waits for its passphrase
	CacheRebuilt        string `json:"cacheRebuilt"`       // why desk.db was rebuilt at this start, "" when it was not
	SyncIntervalMinutes int    `json:"syncIntervalMinutes"`
}

// TestResult is one key test: what was called and what came back. It never
// holds the secret (URL and cURL are masked); Body is the full answer up to
// 1 MiB, only in the result of a run, not in the history.
type TestResult struct {
	At            string            `json:"at"`
	Method        string            `json:"method"`
	URL           string            `json:"url"`
	Status        int               `json:"status"` // 0 when no answer came
	StatusText    string            `json:"statusText"`
	DurationMs    int64             `json:"durationMs"`
	Headers       map[string]string `json:"headers"`
	ContentType   string            `json:"contentType"`
	Body          string            `json:"body"`
	BodyBytes     int64             `json:"bodyBytes"`
	BodyTruncated bool              `json:"bodyTruncated"`
	IsJSON        bool              `json:"isJson"`
	Preview       string            `json:"preview"` // first 800 characters, pretty JSON
	Curl          string            `json:"curl"`    // secret masked
	Error         string            `json:"error"`   // DNS, refused, TLS, timeout, redirect — in words
	ErrorKind     string            `json:"errorKind"`
	Location      string            `json:"location"` // where a redirect pointed, masked
}

// Reminder is one entry of the reminder center.
type Reminder struct {
	ID          int64  `json:"id"`
	WorkspaceID string `json:"workspaceId"`
	KeyID       string `json:"keyId"`
	KeyName     string `json:"keyName"`
	Kind        string `json:"kind"` // expiring, expired, overlap_ending, rotation_due, unused
	Threshold   int    `json:"threshold"`
	DueAt       string `json:"dueAt"`
	// The key's times the wording counts from, "" when the kind has none:
	// when it got its secret (rotation due: its creation or last
	// regeneration), its creation (never used) and its last use (unused).
	SecretSince   string `json:"secretSince"`
	KeyCreatedAt  string `json:"keyCreatedAt"`
	KeyLastUsedAt string `json:"keyLastUsedAt"`
	NeverUsed     bool   `json:"neverUsed"` // an unused reminder about a key never used
	// Worded as a notification says it, at the moment of listing.
	Title   string `json:"title"`
	Message string `json:"message"`
	Action  string `json:"action"` // the fitting action: rotate, regenerate, disable
}

// ReminderSettings are the reminder settings.
type ReminderSettings struct {
	QuietStart int             `json:"quietStart"` // hour 0–23; equal to quietEnd: none
	QuietEnd   int             `json:"quietEnd"`
	LeadDays   []int           `json:"leadDays"`
	Kinds      map[string]bool `json:"kinds"`
}

// NotificationStatus says whether desktop notifications can be shown.
type NotificationStatus struct {
	Unavailable bool   `json:"unavailable"` // the last one could not be shown: reminders are in the reminder center only
	FailedAt    string `json:"failedAt"`    // when it failed; "" when it was shown, or none was tried
}
