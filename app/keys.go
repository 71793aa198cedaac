package app

import (
	"cmp"
	"context"
	"fmt"
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
	d, ctx, cancel, err := k.app.call()
	if err != nil {
		return nil, err
	}
	defer cancel()
	ws, err := d.Workspace(ctx, workspaceID)
	if err != nil {
		return nil, wrap(err)
	}
	cached, err := d.Keys(ctx, workspaceID)
	if err != nil {
		return nil, wrap(err)
	}
	if len(cached) >= bigList {
		k.app.releaseMemorySoon()
	}
	return keyViews(ctx, d, ws.Workspace, cached)
}

// maxFirstKeys bounds ListFirst: a screenful or two, never the whole list.
const maxFirstKeys = 500

// ListFirst returns the keys the table shows first (newest first) and how
// many there are, so that the table paints at once while List loads all of
// them; it works offline.
func (k *KeysAPI) ListFirst(workspaceID string, limit int) (KeyPage, error) {
	if limit < 1 || limit > maxFirstKeys {
		return KeyPage{}, &Error{Code: CodeInvalidInput, Field: "limit", Message: fmt.Sprintf("limit must be 1–%d, got %d", maxFirstKeys, limit)}
	}
	d, ctx, cancel, err := k.app.call()
	if err != nil {
		return KeyPage{}, err
	}
	defer cancel()
	ws, err := d.Workspace(ctx, workspaceID)
	if err != nil {
		return KeyPage{}, wrap(err)
	}
	cached, err := d.FirstKeys(ctx, workspaceID, limit)
	if err != nil {
		return KeyPage{}, wrap(err)
	}
	views, err := keyViews(ctx, d, ws.Workspace, cached)
	if err != nil {
		return KeyPage{}, err
	}
	return KeyPage{Keys: views, Total: ws.KeyCount}, nil
}

// keyViews turns cached keys into the table's rows.
func keyViews(ctx context.Context, d *desk.Desk, ws desk.Workspace, cached []desk.CachedKey) ([]Key, error) {
	remembered, err := d.RememberedKeys(ctx, ws.ID)
	if err != nil {
		return nil, wrap(err)
	}
	now := time.Now()
	out := make([]Key, len(cached))
	for i, c := range cached {
		out[i] = keyView(c, now, remembered[c.ID], c.ID == ws.AccessKeyID)
	}
	return out, nil
}

// Search finds keys by name, id or masked fragment in every workspace.
func (k *KeysAPI) Search(query string) ([]SearchResult, error) {
	d, ctx, cancel, err := k.app.call()
	if err != nil {
		return nil, err
	}
	defer cancel()
	// One more than the box shows: that one says there are more.
	found, err := d.Search(ctx, query, SearchShown+1)
	if err != nil {
		return nil, wrap(err)
	}
	now := time.Now()
	out := make([]SearchResult, len(found))
	for i, f := range found {
		out[i] = SearchResult{WorkspaceID: f.Workspace.ID, WorkspaceName: f.Workspace.Name, Key: keyView(f.Key, now, false, f.Key.ID == f.Workspace.AccessKeyID)}
	}
	return out, nil
}

// SearchShown is how many results the search box shows; Search returns one
// more when there are more (frontend: SearchBox's SEARCH_SHOWN).
const SearchShown = 50

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
	body := api.CreateKeyRequest{Name: name, Role: req.Role, ProfileID: req.ProfileID}
	if !req.ExpiryFromProfile {
		if _, err := keys.DefaultExpiryPolicy.ExpiresAt(time.Now(), req.ExpiresInDays); err != nil {
			return CreatedKey{}, wrap(err)
		}
		body.ExpiresInDays = api.Some(req.ExpiresInDays)
	}
	d, ctx, cancel, err := k.app.call()
	if err != nil {
		return CreatedKey{}, err
	}
	defer cancel()
	created, err := d.CreateKey(ctx, workspaceID, body)
	if err != nil {
		return CreatedKey{}, wrap(err)
	}
	return CreatedKey{Key: apiKeyView(created.Key), Secret: created.Secret}, nil
}

// Update renames, enables or disables a key, or changes its profile.
func (k *KeysAPI) Update(workspaceID, keyID string, req UpdateKeyRequest) (Key, error) {
	if req.Name != nil {
		name, err := keys.ValidateName(*req.Name)
		if err != nil {
			return Key{}, wrap(err)
		}
		req.Name = &name
	}
	d, ctx, cancel, err := k.app.call()
	if err != nil {
		return Key{}, err
	}
	defer cancel()
	patch := api.PatchKeyRequest{Name: req.Name, Enabled: req.Enabled}
	if req.ProfileID != nil {
		patch.ProfileID = api.Some(req.ProfileID)
	}
	updated, err := d.UpdateKey(ctx, workspaceID, keyID, patch)
	return apiKeyView(updated), wrap(err)
}

// Regenerate gives a key a new secret, shown once; the old one stops at once.
func (k *KeysAPI) Regenerate(workspaceID, keyID string, req RegenerateRequest) (CreatedKey, error) {
	var body api.RegenerateRequest
	if req.ChangeExpiry {
		if _, err := keys.DefaultExpiryPolicy.ExpiresAt(time.Now(), req.ExpiresInDays); err != nil {
			return CreatedKey{}, wrap(err)
		}
		body.ExpiresInDays = api.Some(req.ExpiresInDays)
	}
	d, ctx, cancel, err := k.app.call()
	if err != nil {
		return CreatedKey{}, err
	}
	defer cancel()
	created, err := d.RegenerateKey(ctx, workspaceID, keyID, body)
	if err != nil {
		return CreatedKey{}, wrap(err)
	}
	return CreatedKey{Key: apiKeyView(created.Key), Secret: created.Secret}, nil
}

// Rotate creates a successor, shown once, and keeps the old key for the
// overlap.
func (k *KeysAPI) Rotate(workspaceID, keyID string, req RotateRequest) (RotatedKey, error) {
	if _, err := keys.OverlapEnd(time.Now(), &req.OverlapDays, nil); err != nil {
		return RotatedKey{}, wrap(err)
	}
	d, ctx, cancel, err := k.app.call()
	if err != nil {
		return RotatedKey{}, err
	}
	defer cancel()
	rotated, err := d.RotateKey(ctx, workspaceID, keyID, api.RotateRequest{OverlapDays: &req.OverlapDays, AutoRevoke: &req.AutoRevoke})
	if err != nil {
		return RotatedKey{}, wrap(err)
	}
	return RotatedKey{Key: apiKeyView(rotated.Key), Secret: rotated.Secret, Previous: apiKeyView(rotated.Previous)}, nil
}

// Delete deletes a key at once.
func (k *KeysAPI) Delete(workspaceID, keyID string) error {
	d, ctx, cancel, err := k.app.call()
	if err != nil {
		return err
	}
	defer cancel()
	if err := d.DeleteKey(ctx, workspaceID, keyID); err != nil {
		return wrap(err)
	}
	_ = d.Forget(ctx, workspaceID, keyID) // the key is gone either way; the next sync forgets too
	return nil
}

// CleanupCounts says how many keys each clean-up choice would delete.
func (k *KeysAPI) CleanupCounts(workspaceID string) (CleanupCounts, error) {
	d, ctx, cancel, err := k.app.call()
	if err != nil {
		return CleanupCounts{}, err
	}
	defer cancel()
	c, err := d.CleanupCounts(ctx, workspaceID)
	return CleanupCounts{Expired: c.Expired, Revoked: c.Revoked, Both: c.Both}, wrap(err)
}

// Cleanup deletes expired and/or revoked keys and returns how many.
func (k *KeysAPI) Cleanup(workspaceID string, req CleanupRequest) (int64, error) {
	// Any number of IDs: desk.Cleanup sends them in requests the server takes.
	choice := keys.Cleanup{Expired: req.Expired, Revoked: req.Revoked, Both: req.Both, Only: req.KeyIDs}
	if err := choice.Validate(); err != nil {
		return 0, wrap(err)
	}
	d, ctx, cancel, err := k.app.call()
	if err != nil {
		return 0, err
	}
	defer cancel()
	n, err := d.Cleanup(ctx, workspaceID, api.CleanupRequest{Expired: req.Expired, Revoked: req.Revoked, Both: req.Both, KeyIDs: req.KeyIDs})
	return n, wrap(err)
}

// Remember keeps a key's secret in the OS keychain.
func (k *KeysAPI) Remember(workspaceID, keyID, secret string) error {
	d, ctx, cancel, err := k.app.call()
	if err != nil {
		return err
	}
	defer cancel()
	return wrap(d.Remember(ctx, workspaceID, keyID, secret))
}

// Forget removes a key's secret from the keychain.
func (k *KeysAPI) Forget(workspaceID, keyID string) error {
	d, ctx, cancel, err := k.app.call()
	if err != nil {
		return err
	}
	defer cancel()
	return wrap(d.Forget(ctx, workspaceID, keyID))
}

// Audit returns a page of the audit log: keyID "" for the whole workspace,
// action "" for every action (else one of the server's, like "key.created").
func (k *KeysAPI) Audit(workspaceID, keyID, action string, pageIndex, pageSize int) (AuditPage, error) {
	d, ctx, cancel, err := k.app.callWithin(readTimeout)
	if err != nil {
		return AuditPage{}, err
	}
	defer cancel()
	list, err := d.Audit(ctx, workspaceID, keyID, action, pageIndex, pageSize)
	if err != nil {
		return AuditPage{}, wrap(err)
	}
	// Names from the cache: the log itself holds IDs (a key or a profile).
	cached, _ := d.Keys(ctx, workspaceID)
	names := map[string]string{}
	for _, c := range cached {
		names[c.ID] = c.Name
	}
	profiles, _ := d.Profiles(ctx, workspaceID)
	for _, p := range profiles {
		names[p.ID] = p.Name
	}
	out := AuditPage{Total: list.Total, Items: make([]AuditEvent, len(list.Items))}
	for i, e := range list.Items {
		target := e.TargetKeyID
		if target == "" {
			target = e.TargetID
		}
		// The name the server recorded with the event (an audit log does not
		// rewrite history), and today's when it differs; today's only for
		// events that recorded none.
		recorded, today := e.TargetName, names[target]
		nameNow := ""
		if recorded != "" && today != "" && today != recorded {
			nameNow = today
		}
		out.Items[i] = AuditEvent{
			ID: e.ID, At: formatTime(e.At), ActorKeyID: e.ActorKeyID, ActorName: cmp.Or(names[e.ActorKeyID], e.ActorName), Action: e.Action,
			TargetKeyID: e.TargetKeyID, TargetName: cmp.Or(recorded, today), TargetNameNow: nameNow, TargetID: e.TargetID, ClientIP: e.ClientIP,
			Changes: string(e.Changes),
		}
	}
	return out, nil
}

// Usage returns a key's use over the last 30 days.
func (k *KeysAPI) Usage(workspaceID, keyID string) (Usage, error) {
	d, ctx, cancel, err := k.app.callWithin(readTimeout)
	if err != nil {
		return Usage{}, err
	}
	defer cancel()
	u, err := d.Usage(ctx, workspaceID, keyID, 30)
	if err != nil {
		return Usage{}, wrap(err)
	}
	out := Usage{Total: u.Total, Days: make([]UsageDay, len(u.Days))}
	for i, day := range u.Days {
		out.Days[i] = UsageDay{Date: day.Date, Count: day.Count}
	}
	return out, nil
}

func keyView(c desk.CachedKey, now time.Time, remembered, own bool) Key {
	state := c.State()
	return Key{
		ID: c.ID, Name: c.Name, Role: c.Role, MaskedKey: c.MaskedKey, Status: string(state.Status(now)),
		Enabled: c.Enabled, CreatedAt: formatTime(c.CreatedAt), ExpiresAt: formatTimePtr(c.ExpiresAt),
		LastUsedAt: formatTimePtr(c.LastUsedAt), ProfileID: c.ProfileID, RevokesAt: formatTimePtr(c.RevokesAt),
		AutoRevoke: c.AutoRevoke, Rotating: state.Rotating(now), RotatedFrom: c.RotatedFrom, CreatedBy: c.CreatedBy,
		UpdatedAt: formatTime(c.UpdatedAt), Remembered: remembered, Own: own, RegeneratedAt: formatTimePtr(c.RegeneratedAt),
	}
}

// apiKeyView shows a key the server just returned (create, regenerate,
// rotate) exactly as the table would once it is cached.
func apiKeyView(k api.Key) Key {
	if k.ID == "" {
		return Key{}
	}
	return keyView(desk.CachedFromAPI("", k), time.Now(), false, false)
}
