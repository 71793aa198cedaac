// Package api holds the JSON shapes of the Keydesk HTTP API. The server
// encodes them and the client decodes them, so the contract is written down
// once; openapi.yaml beside the server describes the same shapes.
package api

import (
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
	RevokesAt   *time.Time `json:"revokesAt"`
	RotatedFrom string     `json:"rotatedFrom"`
	CreatedBy   string     `json:"createdBy"`
	UpdatedAt   time.Time  `json:"updatedAt"`
	Revision    int64      `json:"revision"`
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
	Name          string `json:"name"`
	Role          string `json:"role,omitempty"`
	ProfileID     string `json:"profileId,omitempty"`
	ExpiresInDays *int   `json:"expiresInDays"` // null or absent: never
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
	Valid       bool       `json:"valid"`
	KeyID       string     `json:"keyId,omitempty"`
	WorkspaceID string     `json:"workspaceId,omitempty"`
	Role        string     `json:"role,omitempty"`
	Profile     any        `json:"profile,omitempty"`
	ExpiresAt   *time.Time `json:"expiresAt,omitempty"`
	Reason      string     `json:"reason,omitempty"`
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
