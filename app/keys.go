package app

import (
	"time"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/desk"
	"github.com/keydesk/keydesk/backend/keys"
)

// KeysAPI is the key table and its actions.
type KeysAPI struct {
	app *App
}

// List returns the cached keys of a workspace; it works offline.
func (k *KeysAPI) List(workspaceID string) ([]Key, error) {
	d, err := k.app.started()
	if err != nil {
		return nil, err
	}
	ctx, cancel := callContext()
	defer cancel()
	cached, err := d.Keys(ctx, workspaceID)
	if err != nil {
		return nil, wrap(err)
	}
	now := time.Now()
	out := make([]Key, len(cached))
	for i, c := range cached {
		out[i] = keyView(c, now)
	}
	return out, nil
}

// Create creates a key; the secret in the result is shown once.
func (k *KeysAPI) Create(workspaceID string, req CreateKeyRequest) (CreatedKey, error) {
	name, err := keys.ValidateName(req.Name)
	if err != nil {
		return CreatedKey{}, wrap(err)
	}
	if _, err := keys.ParseRole(req.Role); err != nil {
		return CreatedKey{}, wrap(err)
	}
	// The server applies the workspace policy; this catches what is wrong
	// under every policy before a round trip.
	if _, err := keys.DefaultExpiryPolicy.ExpiresAt(time.Now(), req.ExpiresInDays); err != nil {
		return CreatedKey{}, wrap(err)
	}
	d, err := k.app.started()
	if err != nil {
		return CreatedKey{}, err
	}
	ctx, cancel := callContext()
	defer cancel()
	created, err := d.CreateKey(ctx, workspaceID, api.CreateKeyRequest{Name: name, Role: req.Role, ExpiresInDays: api.Some(req.ExpiresInDays)})
	if err != nil {
		return CreatedKey{}, wrap(err)
	}
	return CreatedKey{Key: apiKeyView(created.Key), Secret: created.Secret}, nil
}

// Delete deletes a key at once.
func (k *KeysAPI) Delete(workspaceID, keyID string) error {
	d, err := k.app.started()
	if err != nil {
		return err
	}
	ctx, cancel := callContext()
	defer cancel()
	return wrap(d.DeleteKey(ctx, workspaceID, keyID))
}

func keyView(c desk.CachedKey, now time.Time) Key {
	return Key{
		ID: c.ID, Name: c.Name, Role: c.Role, MaskedKey: c.MaskedKey, Status: string(c.Status(now)),
		Enabled: c.Enabled, CreatedAt: formatTime(c.CreatedAt), ExpiresAt: formatTimePtr(c.ExpiresAt),
		LastUsedAt: formatTimePtr(c.LastUsedAt), ProfileID: c.ProfileID, RevokesAt: formatTimePtr(c.RevokesAt),
		RotatedFrom: c.RotatedFrom, CreatedBy: c.CreatedBy, UpdatedAt: formatTime(c.UpdatedAt),
	}
}

func apiKeyView(k api.Key) Key {
	return Key{
		ID: k.ID, Name: k.Name, Role: k.Role, MaskedKey: k.MaskedKey, Status: k.Status,
		Enabled: k.Enabled, CreatedAt: formatTime(k.CreatedAt), ExpiresAt: formatTimePtr(k.ExpiresAt),
		LastUsedAt: formatTimePtr(k.LastUsedAt), ProfileID: k.ProfileID, RevokesAt: formatTimePtr(k.RevokesAt),
		RotatedFrom: k.RotatedFrom, CreatedBy: k.CreatedBy, UpdatedAt: formatTime(k.UpdatedAt),
	}
}
