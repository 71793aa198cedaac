package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/keys"
)

// Audit actions.
const (
	ActionKeyCreated       = "key.created"
	ActionKeyUpdated       = "key.updated"
	ActionKeyDeleted       = "key.deleted"
	ActionKeyRegenerated   = "key.regenerated"
	ActionKeyRotated       = "key.rotated"
	ActionKeyAutoRevoked   = "key.auto_revoked"
	ActionKeyCleanedUp     = "key.cleaned_up"
	ActionProfileCreated   = "profile.created"
	ActionProfileUpdated   = "profile.updated"
	ActionProfileDeleted   = "profile.deleted"
	ActionWorkspaceUpdated = "workspace.updated"
)

// AuditActions are the actions the audit log may be filtered by, in the
// order a filter lists them.
var AuditActions = []string{
	ActionKeyCreated, ActionKeyUpdated, ActionKeyRegenerated, ActionKeyRotated, ActionKeyAutoRevoked,
	ActionKeyDeleted, ActionKeyCleanedUp,
	ActionProfileCreated, ActionProfileUpdated, ActionProfileDeleted, ActionWorkspaceUpdated,
}

// sameTime reports whether two optional times are both unset or equal.
func sameTime(a, b *time.Time) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && a.Equal(*b))
}

func conflict(detail string) error {
	return &apiError{status: http.StatusConflict, code: api.CodeConflict, detail: detail}
}

// keepAnAdmin refuses to stop k working (disabling or deleting it) when it
// is the workspace's last active admin key: no one could manage the
// workspace after that, and nothing could give it an admin key again (the
// CLI's admin commands create workspaces, not keys). what is the change,
// for the message ("disable", "delete"); field names the request's field,
// if any. Runs under the workspace's write lock, so two requests cannot
// each take away one of the last two.
func keepAnAdmin(w *WorkspaceTx, k Key, what, field string) error {
	now := w.now
	if k.Role != keys.RoleAdmin || k.Status(now) != keys.StatusActive {
		return nil
	}
	others, err := w.Keys("role = ? AND enabled = ? AND id <> ?", keys.RoleAdmin, true, k.ID)
	if err != nil {
		return err
	}
	for _, o := range others {
		if o.Status(now) == keys.StatusActive {
			return nil
		}
	}
	return &apiError{
		status: http.StatusConflict, code: api.CodeConflict, field: field,
		detail: fmt.Sprintf("%s is the workspace's last active admin key: %s it and no key could manage the workspace any more; create another admin key first", k.ID, what),
	}
}

// newSecret draws a secret with the prefix of the key's profile, else of
// the workspace.
func (s *Server) newSecret(w *WorkspaceTx, profileID string) (string, error) {
	prefix := w.Workspace().prefix()
	if profileID != "" {
		p, err := w.Profile(profileID)
		if err != nil {
			return "", err
		}
		if p.KeyPrefix != "" {
			prefix = p.KeyPrefix
		}
	}
	return keys.NewSecret(prefix, s.rand)
}

// checkProfile makes sure a profile id names a profile of the workspace.
// profileName is the name of a profile of the workspace, "" for none: key
// events record it beside the ID, so that they still read once the
// profile is deleted.
func profileName(w *WorkspaceTx, profileID string) string {
	if profileID == "" {
		return ""
	}
	p, err := w.Profile(profileID)
	if err != nil {
		return ""
	}
	return p.Name
}

func checkProfile(w *WorkspaceTx, profileID string) (Profile, error) {
	p, err := w.Profile(profileID)
	if errors.Is(err, ErrNotFound) {
		return p, badRequest("profileId", fmt.Sprintf("profileId %q is not a profile of this workspace", profileID))
	}
	return p, err
}

// IssueKey validates a create request and stores a new key. The secret is
// generated here and leaves only in the returned value.
func (s *Server) IssueKey(ctx context.Context, workspaceID string, req api.CreateKeyRequest, actor Actor) (api.CreatedKey, error) {
	name, err := keys.ValidateName(req.Name)
	if err != nil {
		return api.CreatedKey{}, err
	}
	role, err := keys.ParseRole(req.Role)
	if err != nil {
		return api.CreatedKey{}, err
	}
	id, err := keys.NewID("key", s.rand)
	if err != nil {
		return api.CreatedKey{}, err
	}
	now := s.clock()
	k := Key{ID: id, Name: name, Role: role, Enabled: true, ProfileID: req.ProfileID, CreatedBy: actor.KeyID}
	var secret string
	err = s.store.Update(ctx, workspaceID, now, actor, func(w *WorkspaceTx) error {
		days := req.ExpiresInDays.Value
		if req.ProfileID != "" {
			p, err := checkProfile(w, req.ProfileID)
			if err != nil {
				return err
			}
			if !req.ExpiresInDays.Set {
				days = p.DefaultExpiryDays
			}
		}
		if k.ExpiresAt, err = w.Workspace().expiryPolicy().ExpiresAt(now, days); err != nil {
			if !req.ExpiresInDays.Set && req.ProfileID != "" {
				return badRequest("expiresInDays", "the profile's defaultExpiryDays is past the workspace's maximum: give expiresInDays, or lower the profile's default ("+err.Error()+")")
			}
			return err
		}
		if secret, err = s.newSecret(w, k.ProfileID); err != nil {
			return err
		}
		k.Hash, k.MaskedKey = keys.Hash(secret), keys.Mask(secret)
		if err := w.InsertKey(&k); err != nil {
			return err
		}
		created := map[string]any{"name": k.Name, "role": k.Role, "profileId": k.ProfileID, "expiresAt": k.ExpiresAt}
		if name := profileName(w, k.ProfileID); name != "" {
			created["profileName"] = name
		}
		return w.Audit(ActionKeyCreated, k.ID, "", k.Name, created)
	})
	if err != nil {
		return api.CreatedKey{}, err
	}
	s.log.Info("key created", "workspace", workspaceID, "key", k.ID, "masked", k.MaskedKey, "actor", actor.KeyID)
	return api.CreatedKey{Key: s.keyJSON(k, now), Secret: secret}, nil
}

// DeleteKey deletes a key at once: the next request with it gets 401.
func (s *Server) DeleteKey(ctx context.Context, workspaceID, keyID string, actor Actor) error {
	err := s.store.Update(ctx, workspaceID, s.clock(), actor, func(w *WorkspaceTx) error {
		k, err := w.Key(keyID)
		if err != nil {
			return err
		}
		if err := keepAnAdmin(w, k, "delete", ""); err != nil {
			return err
		}
		if err := w.DeleteKey(keyID); err != nil {
			return err
		}
		return w.Audit(ActionKeyDeleted, keyID, "", k.Name, map[string]any{"name": k.Name, "maskedKey": k.MaskedKey})
	})
	if err != nil {
		return err
	}
	s.log.Info("key deleted", "workspace", workspaceID, "key", keyID, "actor", actor.KeyID)
	return nil
}

// PatchKey changes a key's name, enabled flag or profile.
func (s *Server) PatchKey(ctx context.Context, workspaceID, keyID string, req api.PatchKeyRequest, actor Actor) (api.Key, error) {
	if req.Name == nil && req.Enabled == nil && !req.ProfileID.Set {
		return api.Key{}, badRequest("", "send at least one of name, enabled, profileId")
	}
	var name string
	if req.Name != nil {
		var err error
		if name, err = keys.ValidateName(*req.Name); err != nil {
			return api.Key{}, err
		}
	}
	now := s.clock()
	var k Key
	var switched bool
	err := s.store.Update(ctx, workspaceID, now, actor, func(w *WorkspaceTx) error {
		var err error
		if k, err = w.Key(keyID); err != nil {
			return err
		}
		changes := map[string]change{}
		if req.Name != nil && name != k.Name {
			changes["name"] = change{k.Name, name}
			k.Name = name
		}
		if req.Enabled != nil && *req.Enabled != k.Enabled {
			if !*req.Enabled {
				if err := keepAnAdmin(w, k, "disable", "enabled"); err != nil {
					return err
				}
			}
			changes["enabled"] = change{k.Enabled, *req.Enabled}
			k.Enabled = *req.Enabled
		}
		if req.Enabled != nil && *req.Enabled && k.State().OverlapEnded(now) {
			// Enabling a key its rotation revoked means keeping it: the
			// overlap no longer applies.
			changes["revokesAt"] = change{k.RevokesAt, nil}
			k.RevokesAt, k.AutoRevoke = nil, false
		}
		if req.ProfileID.Set {
			profileID := ""
			if req.ProfileID.Value != nil {
				profileID = *req.ProfileID.Value
			}
			if profileID != "" {
				if _, err := checkProfile(w, profileID); err != nil {
					return err
				}
			}
			if profileID != k.ProfileID {
				changes["profileId"] = change{k.ProfileID, profileID}
				changes["profileName"] = change{profileName(w, k.ProfileID), profileName(w, profileID)}
				k.ProfileID = profileID
			}
		}
		if len(changes) == 0 {
			return nil // nothing changed: no revision, no event
		}
		if err := w.SaveKey(&k); err != nil {
			return err
		}
		_, switched = changes["enabled"]
		return w.Audit(ActionKeyUpdated, k.ID, "", k.Name, changes)
	})
	if err != nil {
		return api.Key{}, err
	}
	// As create, delete and rotate are: the log says a key was switched off or on.
	if switched {
		what := "key disabled"
		if k.Enabled {
			what = "key enabled"
		}
		s.log.Info(what, "workspace", workspaceID, "key", k.ID, "actor", actor.KeyID)
	}
	return s.keyJSON(k, now), nil
}

// RegenerateKey gives a key a new secret under the same id; the old secret
// stops working at once. The expiry changes only when asked.
func (s *Server) RegenerateKey(ctx context.Context, workspaceID, keyID string, req api.RegenerateRequest, actor Actor) (api.CreatedKey, error) {
	now := s.clock()
	var k Key
	var secret string
	err := s.store.Update(ctx, workspaceID, now, actor, func(w *WorkspaceTx) error {
		var err error
		if k, err = w.Key(keyID); err != nil {
			return err
		}
		oldMasked := k.MaskedKey
		changes := map[string]any{}
		if req.ExpiresInDays.Set {
			expiresAt, err := w.Workspace().expiryPolicy().ExpiresAt(now, req.ExpiresInDays.Value)
			if err != nil {
				return err
			}
			if !sameTime(k.ExpiresAt, expiresAt) { // "never → never" says nothing
				changes["expiresAt"] = change{k.ExpiresAt, expiresAt}
			}
			k.ExpiresAt, k.ExpirySetAt = expiresAt, &now
		} else if k.Status(now) == keys.StatusExpired {
			return conflict("the key has expired: regenerate it with a new expiry (expiresInDays)")
		}
		if secret, err = s.newSecret(w, k.ProfileID); err != nil {
			return err
		}
		k.Hash, k.MaskedKey, k.RegeneratedAt = keys.Hash(secret), keys.Mask(secret), &now
		changes["maskedKey"] = change{oldMasked, k.MaskedKey}
		if err := w.SaveKey(&k); err != nil {
			return err
		}
		return w.Audit(ActionKeyRegenerated, k.ID, "", k.Name, changes)
	})
	if err != nil {
		return api.CreatedKey{}, err
	}
	s.log.Info("key regenerated", "workspace", workspaceID, "key", k.ID, "masked", k.MaskedKey, "actor", actor.KeyID)
	return api.CreatedKey{Key: s.keyJSON(k, now), Secret: secret}, nil
}

// RotateKey creates a successor (new id, same name, role and profile) and
// keeps the old key working for the overlap; both happen in one transaction,
// so a crash never leaves a rotation half-done.
func (s *Server) RotateKey(ctx context.Context, workspaceID, keyID string, req api.RotateRequest, actor Actor) (api.RotatedKey, error) {
	now := s.clock()
	autoRevoke := req.AutoRevoke == nil || *req.AutoRevoke
	if req.OverlapDays != nil {
		if _, err := keys.OverlapEnd(now, req.OverlapDays, nil); err != nil {
			return api.RotatedKey{}, err
		}
	}
	id, err := keys.NewID("key", s.rand)
	if err != nil {
		return api.RotatedKey{}, err
	}
	var old, next Key
	var secret string
	err = s.store.Update(ctx, workspaceID, now, actor, func(w *WorkspaceTx) error {
		var err error
		if old, err = w.Key(keyID); err != nil {
			return err
		}
		switch {
		case old.Status(now) != keys.StatusActive:
			return conflict(fmt.Sprintf("only an active key can be rotated; this key is %s", old.Status(now)))
		case old.RevokesAt != nil:
			return conflict("this key is already being rotated: rotate its successor instead")
		}
		end, err := keys.OverlapEnd(now, req.OverlapDays, old.ExpiresAt)
		if err != nil {
			return err
		}
		next = Key{
			ID: id, Name: old.Name, Role: old.Role, Enabled: true, ProfileID: old.ProfileID,
			ExpiresAt:   w.Workspace().expiryPolicy().Clamp(now, keys.SuccessorExpiry(now, old.CreatedAt, old.ExpiresAt)),
			RotatedFrom: old.ID, CreatedBy: actor.KeyID,
		}
		if secret, err = s.newSecret(w, next.ProfileID); err != nil {
			return err
		}
		next.Hash, next.MaskedKey = keys.Hash(secret), keys.Mask(secret)
		if err := w.InsertKey(&next); err != nil {
			return err
		}
		old.RevokesAt, old.AutoRevoke = &end, autoRevoke
		if autoRevoke && !end.After(now) {
			old.Enabled = false // an overlap of 0 days: the old key stops now
		}
		if err := w.SaveKey(&old); err != nil {
			return err
		}
		return w.Audit(ActionKeyRotated, old.ID, next.ID, old.Name, map[string]any{
			"successor": next.ID, "revokesAt": end, "autoRevoke": autoRevoke,
		})
	})
	if err != nil {
		return api.RotatedKey{}, err
	}
	s.log.Info("key rotated", "workspace", workspaceID, "key", old.ID, "successor", next.ID, "actor", actor.KeyID)
	return api.RotatedKey{Key: s.keyJSON(next, now), Secret: secret, Previous: s.keyJSON(old, now)}, nil
}

// CleanupKeys deletes the expired and/or revoked keys of a workspace.
func (s *Server) CleanupKeys(ctx context.Context, workspaceID string, req api.CleanupRequest, actor Actor) (int64, error) {
	choice := keys.Cleanup{Expired: req.Expired, Revoked: req.Revoked, Both: req.Both, Only: req.KeyIDs}
	if err := choice.Validate(); err != nil {
		return 0, err
	}
	if len(req.KeyIDs) > api.MaxCleanupKeyIDs {
		return 0, badRequest("keyIds", fmt.Sprintf("keyIds must list at most %d keys, got %d", api.MaxCleanupKeyIDs, len(req.KeyIDs)))
	}
	var only map[string]bool // nil: every key that matches
	if req.KeyIDs != nil {
		only = make(map[string]bool, len(req.KeyIDs))
		for _, id := range req.KeyIDs {
			only[id] = true
		}
	}
	now := s.clock()
	var deleted int64
	err := s.store.Update(ctx, workspaceID, now, actor, func(w *WorkspaceTx) error {
		var candidates []Key
		var err error
		switch {
		case choice.Both:
			candidates, err = w.Keys(expired+" AND "+revoked, now, now)
		case choice.Expired && choice.Revoked:
			candidates, err = w.Keys(expired+" OR "+revoked, now, now)
		case choice.Expired:
			candidates, err = w.Keys(expired, now)
		default:
			candidates, err = w.Keys(revoked, now)
		}
		if err != nil {
			return err
		}
		for _, k := range candidates {
			if only != nil && !only[k.ID] {
				continue
			}
			if !choice.Matches(k.State(), now) { // the SQL and the domain rule must agree
				return fmt.Errorf("clean-up selected key %s, which does not match", k.ID)
			}
			if err := w.DeleteKey(k.ID); err != nil {
				return err
			}
			// enabled too: an expired key's status does not say it was also disabled.
			if err := w.Audit(ActionKeyCleanedUp, k.ID, "", k.Name, map[string]any{"name": k.Name, "maskedKey": k.MaskedKey, "status": k.Status(now), "enabled": k.Enabled}); err != nil {
				return err
			}
			deleted++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	s.log.Info("keys cleaned up", "workspace", workspaceID, "deleted", deleted, "actor", actor.KeyID)
	return deleted, nil
}

// RevokeEndedOverlaps disables the old keys of rotations whose overlap has
// ended with auto-revoke on. Verification already refuses them from the
// instant the overlap ends; this makes the table say so too.
func (s *Server) RevokeEndedOverlaps(ctx context.Context) (int, error) {
	now := s.clock()
	var due []Key
	err := s.store.read.WithContext(ctx).
		Where("enabled = ? AND auto_revoke = ? AND revokes_at IS NOT NULL AND revokes_at <= ?", true, true, now).
		Find(&due).Error
	if err != nil {
		return 0, err
	}
	n := 0
	for _, d := range due {
		err := s.store.Update(ctx, d.WorkspaceID, now, Actor{}, func(w *WorkspaceTx) error {
			k, err := w.Key(d.ID)
			if errors.Is(err, ErrNotFound) || (err == nil && !(k.Enabled && k.State().OverlapEnded(now))) {
				return nil // deleted or changed meanwhile
			}
			if err != nil {
				return err
			}
			k.Enabled = false
			if err := w.SaveKey(&k); err != nil {
				return err
			}
			n++
			return w.Audit(ActionKeyAutoRevoked, k.ID, "", k.Name, map[string]any{"enabled": change{true, false}, "revokesAt": k.RevokesAt})
		})
		if err != nil {
			return n, err
		}
	}
	if n > 0 {
		s.log.Info("revoked keys at the end of their rotation overlap", "keys", n)
	}
	return n, nil
}

// PatchWorkspace changes a workspace's name or key policy.
func (s *Server) PatchWorkspace(ctx context.Context, workspaceID string, req api.PatchWorkspaceRequest, actor Actor) (api.Workspace, error) {
	var out Workspace
	err := s.store.Update(ctx, workspaceID, s.clock(), actor, func(w *WorkspaceTx) error {
		ws := w.Workspace()
		changes := map[string]change{}
		if req.Name != nil {
			name, err := keys.ValidateName(*req.Name)
			if err != nil {
				return err
			}
			changes["name"] = change{ws.Name, name}
			ws.Name = name
		}
		if req.APIAccessEnabled != nil {
			changes["apiAccessEnabled"] = change{ws.APIAccessEnabled, *req.APIAccessEnabled}
			ws.APIAccessEnabled = *req.APIAccessEnabled
		}
		if req.MaxExpiryDays != nil {
			if *req.MaxExpiryDays < 1 || *req.MaxExpiryDays > keys.MaxExpiryDays {
				return badRequest("maxExpiryDays", fmt.Sprintf("maxExpiryDays must be 1–%d, got %d", keys.MaxExpiryDays, *req.MaxExpiryDays))
			}
			changes["maxExpiryDays"] = change{ws.MaxExpiryDays, *req.MaxExpiryDays}
			ws.MaxExpiryDays = *req.MaxExpiryDays
		}
		if req.AllowNeverExpires != nil {
			changes["allowNeverExpires"] = change{ws.AllowNever, *req.AllowNeverExpires}
			ws.AllowNever = *req.AllowNeverExpires
		}
		if req.KeyPrefix != nil {
			if err := keys.ValidatePrefix(*req.KeyPrefix); err != nil {
				return badRequest("keyPrefix", "keyPrefix must be a lowercase letter followed by 1–11 lowercase letters or digits, got "+fmt.Sprintf("%q", *req.KeyPrefix))
			}
			changes["keyPrefix"] = change{ws.KeyPrefix, *req.KeyPrefix}
			ws.KeyPrefix = *req.KeyPrefix
		}
		if len(changes) == 0 {
			return badRequest("", "send at least one of name, apiAccessEnabled, maxExpiryDays, allowNeverExpires, keyPrefix")
		}
		if err := w.SaveWorkspace(ws); err != nil {
			return err
		}
		out = w.Workspace()
		return w.Audit(ActionWorkspaceUpdated, "", ws.ID, ws.Name, changes)
	})
	if err != nil {
		return api.Workspace{}, err
	}
	return s.workspaceJSON(out), nil
}
