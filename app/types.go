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
	KeyCount     int     `json:"keyCount"`
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
	RevokesAt   *string `json:"revokesAt,omitempty"`
	RotatedFrom string  `json:"rotatedFrom"`
	CreatedBy   string  `json:"createdBy"`
	UpdatedAt   string  `json:"updatedAt"`
}

// CreateKeyRequest is what the Create API key dialog sends.
type CreateKeyRequest struct {
	Name          string `json:"name"`
	Role          string `json:"role"`          // "" means api
	ExpiresInDays *int   `json:"expiresInDays"` // nil means never
}

// CreatedKey carries the secret the one time it is shown.
type CreatedKey struct {
	Key    Key    `json:"key"`
	Secret string `json:"secret"`
}
