// Package api holds the JSON shapes of the Keydesk HTTP API. The server
// encodes them and the client decodes them, so the contract is written down
// once; openapi.yaml beside the server describes the same shapes.
package api

import (
	"bytes"
	"encoding/json"
	"time"
)

// Key is a key as the API returns it. The secret is never part of it.
type Key struct {
	ID          string     `json:"id"`
	Name        string     `json:"name"`
	Role        string     `json:"role"`
	MaskedKey   string     `json:"maskedKey"`
	Status      string     `json:"status"`
	Enabled     bool       `json:"enabled"`
	CreatedAt   time.Time  `json:"createdAt"`
	ExpiresAt   *time.Time `json:"expiresAt"`
	LastUsedAt  *time.Time `json:"lastUsedAt"`
	ProfileID   string     `json:"profileId"`
	RevokesAt   *time.Time `json:"revokesAt"`  // set while a rotation overlap runs
	AutoRevoke  bool       `json:"autoRevoke"` // whether the key stops at revokesAt
	RotatedFrom string     `json:"rotatedFrom"`
	CreatedBy   string     `json:"createdBy"`
	UpdatedAt   time.Time  `json:"updatedAt"`
	Revision    int64      `json:"revision"`
	// RegeneratedAt: when the key got its current secret, null if at its
	// creation. ExpirySetAt: when its expiry was last set, null if at its
	// creation. Reminders count a secret's age and a key's life from them.
	RegeneratedAt *time.Time `json:"regeneratedAt"`
	ExpirySetAt   *time.Time `json:"expirySetAt"`
	// Deleted marks a tombstone in a listing with updatedSince: only ID and
	// Revision are set.
	Deleted bool `json:"deleted,omitempty"`
}

type tombstone struct {
	ID       string `json:"id"`
	Deleted  bool   `json:"deleted"`
	Revision int64  `json:"revision"`
}

type plainKey Key // without the MarshalJSON method

// MarshalJSON writes a tombstone as {id, deleted: true, revision}.
func (k Key) MarshalJSON() ([]byte, error) {
	if k.Deleted {
		return json.Marshal(tombstone{ID: k.ID, Deleted: true, Revision: k.Revision})
	}
	return json.Marshal(plainKey(k))
}

// KeyList is one page of keys.
type KeyList struct {
	Items    []Key `json:"items"`
	Total    int64 `json:"total"`
	Revision int64 `json:"revision"`
}

// CreateKeyRequest is the body of POST /v1/workspaces/{ws}/keys.
type CreateKeyRequest struct {
	Name      string `json:"name"`
	Role      string `json:"role,omitempty"`
	ProfileID string `json:"profileId,omitempty"`
	// ExpiresInDays: 1–366, null for never; absent takes the profile's
	// default expiry, else never.
	ExpiresInDays Optional[int] `json:"expiresInDays,omitzero"`
}

// PatchKeyRequest is the body of PATCH /v1/workspaces/{ws}/keys/{id}; absent
// fields are left as they are.
type PatchKeyRequest struct {
	Name      *string          `json:"name,omitempty"`
	Enabled   *bool            `json:"enabled,omitempty"`
	ProfileID Optional[string] `json:"profileId,omitzero"` // "" or null: no profile
}

// RegenerateRequest is the body of POST …/keys/{id}/regenerate.
type RegenerateRequest struct {
	ExpiresInDays Optional[int] `json:"expiresInDays,omitzero"` // absent: keep the expiry
}

// RotateRequest is the body of POST …/keys/{id}/rotate and /v1/self/rotate.
type RotateRequest struct {
	OverlapDays *int  `json:"overlapDays,omitempty"` // 0–30, default 7
	AutoRevoke  *bool `json:"autoRevoke,omitempty"`  // default true
}

// RotatedKey is the successor with its secret, and the old key as it now is.
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

// CleanupRequest chooses what to delete; both excludes the other two.
// KeyIDs, when set, narrows it to those keys (the ones a confirmation
// named): a key that came to match since is left alone, and one of them
// that no longer matches is kept too. At most MaxCleanupKeyIDs.
type CleanupRequest struct {
	Expired bool     `json:"expired,omitempty"`
	Revoked bool     `json:"revoked,omitempty"`
	Both    bool     `json:"both,omitempty"`
	KeyIDs  []string `json:"keyIds,omitempty"`
}

// MaxCleanupKeyIDs bounds CleanupRequest.KeyIDs, so that a request body
// stays far under 1 MiB; a client sends more in several requests.
const MaxCleanupKeyIDs = 10000

// CleanupResult says how many keys were deleted.
type CleanupResult struct {
	Deleted int64 `json:"deleted"`
}

// Workspace is a workspace and its key policy.
type Workspace struct {
	ID                string `json:"id"`
	Name              string `json:"name"`
	APIAccessEnabled  bool   `json:"apiAccessEnabled"`
	MaxExpiryDays     int    `json:"maxExpiryDays"`
	AllowNeverExpires bool   `json:"allowNeverExpires"`
	KeyPrefix         string `json:"keyPrefix"`
	Revision          int64  `json:"revision"`
}

// PatchWorkspaceRequest changes a workspace's name or policy.
type PatchWorkspaceRequest struct {
	Name              *string `json:"name,omitempty"`
	APIAccessEnabled  *bool   `json:"apiAccessEnabled,omitempty"`
	MaxExpiryDays     *int    `json:"maxExpiryDays,omitempty"`
	AllowNeverExpires *bool   `json:"allowNeverExpires,omitempty"`
	KeyPrefix         *string `json:"keyPrefix,omitempty"`
}

// TestEndpoint is what a key test calls for keys of a profile.
type TestEndpoint struct {
	Method string `json:"method"`         // GET, POST, …
	URL    string `json:"url"`            // may use {server}, {workspace}, {keyId}
	Auth   string `json:"auth"`           // bearer, header or query
	Name   string `json:"name,omitempty"` // header or query parameter name
}

// Profile groups keys that share defaults and a policy.
type Profile struct {
	ID                string          `json:"id"`
	Name              string          `json:"name"`
	Description       string          `json:"description"`
	DefaultExpiryDays *int            `json:"defaultExpiryDays"` // null: never
	KeyPrefix         string          `json:"keyPrefix"`
	RotationDays      *int            `json:"rotationDays"` // rotate every N days; null: no policy
	ReminderDays      []int           `json:"reminderDays"`
	TestEndpoint      *TestEndpoint   `json:"testEndpoint"`
	Metadata          json.RawMessage `json:"metadata"`
	CreatedAt         time.Time       `json:"createdAt"`
	UpdatedAt         time.Time       `json:"updatedAt"`
	KeyCount          int64           `json:"keyCount"`
}

// ProfileRequest creates a profile (POST) or changes one (PATCH: absent
// fields are left as they are).
type ProfileRequest struct {
	Name              *string                   `json:"name,omitempty"`
	Description       *string                   `json:"description,omitempty"`
	DefaultExpiryDays Optional[int]             `json:"defaultExpiryDays,omitzero"`
	KeyPrefix         *string                   `json:"keyPrefix,omitempty"`
	RotationDays      Optional[int]             `json:"rotationDays,omitzero"`
	ReminderDays      *[]int                    `json:"reminderDays,omitempty"`
	TestEndpoint      Optional[TestEndpoint]    `json:"testEndpoint,omitzero"`
	Metadata          Optional[json.RawMessage] `json:"metadata,omitzero"`
}

// ProfileList is every profile of a workspace.
type ProfileList struct {
	Items []Profile `json:"items"`
}

// AuditEvent is one recorded mutation. It never holds a secret.
type AuditEvent struct {
	ID          int64           `json:"id"`
	At          time.Time       `json:"at"`
	ActorKeyID  string          `json:"actorKeyId"`          // "" for the server itself
	ActorName   string          `json:"actorName,omitempty"` // the actor key's name when the event was recorded
	Action      string          `json:"action"`
	TargetKeyID string          `json:"targetKeyId,omitempty"`
	TargetID    string          `json:"targetId,omitempty"`   // a profile or workspace
	TargetName  string          `json:"targetName,omitempty"` // the target's name when the event was recorded
	ClientIP    string          `json:"clientIp,omitempty"`
	Changes     json.RawMessage `json:"changes,omitempty"`
}

// AuditList is one page of the audit log, newest first.
type AuditList struct {
	Items []AuditEvent `json:"items"`
	Total int64        `json:"total"`
}

// UsageDay is one day's verification count of a key.
type UsageDay struct {
	Date  string `json:"date"` // YYYY-MM-DD, UTC
	Count int64  `json:"count"`
}

// Usage is a key's daily use over the last days, oldest first.
type Usage struct {
	KeyID string     `json:"keyId"`
	Days  []UsageDay `json:"days"`
	Total int64      `json:"total"`
}

// CreatedKey carries a new secret, the only time it is ever sent.
type CreatedKey struct {
	Key    Key    `json:"key"`
	Secret string `json:"secret"`
}

// WhoAmI describes the calling key.
type WhoAmI struct {
	KeyID         string     `json:"keyId"`
	KeyName       string     `json:"keyName"`
	WorkspaceID   string     `json:"workspaceId"`
	WorkspaceName string     `json:"workspaceName"`
	Role          string     `json:"role"`
	ProfileID     string     `json:"profileId"`
	ExpiresAt     *time.Time `json:"expiresAt"`
	// RevokesAt, set while the key is in a rotation overlap with auto-revoke
	// on, is when it stops working, before its expiry.
	RevokesAt *time.Time `json:"revokesAt,omitempty"`
	// CreatedAt tells how long the key was made to live: its successor
	// after a rotation lives as long.
	CreatedAt time.Time `json:"createdAt"`
	// ExpiryPolicy is what expiries the workspace allows, for a client to
	// offer only those; absent from servers before it was added.
	ExpiryPolicy *ExpiryPolicy `json:"expiryPolicy,omitempty"`
}

// ExpiryPolicy is what expiries a workspace allows its keys.
type ExpiryPolicy struct {
	MaxExpiryDays     int  `json:"maxExpiryDays"`
	AllowNeverExpires bool `json:"allowNeverExpires"`
}

// VerifyRequest is the body of POST /v1/keys/verify.
type VerifyRequest struct {
	Key string `json:"key"`
}

// Reasons a verification fails.
const (
	ReasonMalformed   = "malformed"
	ReasonNotFound    = "not_found"
	ReasonDisabled    = "disabled"
	ReasonExpired     = "expired"
	ReasonRevoked     = "revoked"
	ReasonAPIDisabled = "api_disabled"
)

// VerifyResponse says whether a key is valid, and why not.
type VerifyResponse struct {
	Valid       bool             `json:"valid"`
	KeyID       string           `json:"keyId,omitempty"`
	WorkspaceID string           `json:"workspaceId,omitempty"`
	Role        string           `json:"role,omitempty"`
	Profile     *VerifiedProfile `json:"profile,omitempty"`
	ExpiresAt   *time.Time       `json:"expiresAt,omitempty"`
	Reason      string           `json:"reason,omitempty"`
}

// VerifiedProfile is what verify tells about a valid key's profile: its
// free metadata, for the verifying service to act on.
type VerifiedProfile struct {
	ID       string          `json:"id"`
	Name     string          `json:"name"`
	Metadata json.RawMessage `json:"metadata,omitempty"`
}

// Health is the body of GET /healthz.
type Health struct {
	Status  string `json:"status"`
	Version string `json:"version"`
}

// Problem is an RFC 9457 problem document, the body of every error. Code is
// a stable machine-readable name for the error (clients map it to their own
// words); Field names the input that was wrong, when one was.
type Problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail,omitempty"`
	Code   string `json:"code"`
	Field  string `json:"field,omitempty"`
	// Reason and KeyID, on a 401, say why the key was refused, in verify's
	// words (expired, disabled, …), and which key it is when the server
	// knows it: a client need not ask verify, which would count as one more
	// failed attempt.
	Reason string `json:"reason,omitempty"`
	KeyID  string `json:"keyId,omitempty"`
}

// Problem codes.
const (
	CodeInvalidInput    = "invalid_input"
	CodeUnauthorized    = "unauthorized"
	CodeForbidden       = "forbidden"
	CodeNotFound        = "not_found"
	CodeConflict        = "conflict"
	CodeTooLarge        = "body_too_large"
	CodeTooManyRequests = "too_many_requests"
	CodeInternal        = "internal"
)

// Optional is a JSON field that may be absent, null or a value: PATCH and
// regenerate tell "leave it" (absent) from "never" (null).
type Optional[T any] struct {
	Set   bool // the field was present
	Value *T   // nil when it was null
}

// Some returns an Optional that is set to v (nil means null).
func Some[T any](v *T) Optional[T] { return Optional[T]{Set: true, Value: v} }

// UnmarshalJSON records that the field was present.
func (o *Optional[T]) UnmarshalJSON(b []byte) error {
	o.Set = true
	if string(b) == "null" {
		o.Value = nil
		return nil
	}
	var v T
	// As strict as the request around it: an unknown field inside (say, in
	// testEndpoint) is refused, not dropped.
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return err
	}
	o.Value = &v
	return nil
}

// MarshalJSON writes the value or null; with `omitzero` an unset field is
// left out.
func (o Optional[T]) MarshalJSON() ([]byte, error) {
	if o.Value == nil {
		return []byte("null"), nil
	}
	return json.Marshal(*o.Value)
}

// IsZero makes `omitzero` leave out an unset field.
func (o Optional[T]) IsZero() bool { return !o.Set }
