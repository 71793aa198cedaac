package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Actor is who makes a change, for the audit log. An empty KeyID is the
// server itself (a scheduled job).
type Actor struct {
	KeyID string
	Name  string // the key's name, recorded with its events
	IP    string
}

// WorkspaceTx is one transaction over one workspace. It holds the
// workspace's write lock from the start, hands out consecutive revisions to
// every change, and writes the audit events of the change in the same
// transaction: a change and its record commit together or not at all.
type WorkspaceTx struct {
	tx    *gorm.DB
	ws    Workspace
	now   time.Time
	actor Actor
	rev   int64
	// What the transaction changed that verification reads.
	touchedKeys      []string
	touchedWorkspace bool
}

// Update runs fn in a transaction over the workspace. Revisions are
// committed in the order they are handed out, which is what lets a client
// sync by "everything after revision N".
func (s *Store) Update(ctx context.Context, workspaceID string, now time.Time, actor Actor, fn func(*WorkspaceTx) error) error {
	w, err := s.update(ctx, workspaceID, now, actor, fn)
	// Recorded after the commit, and even when it reports an error: it
	// may have landed.
	if w != nil {
		s.changes.record(workspaceID, w.touchedKeys, w.touchedWorkspace)
	}
	return err
}

// updateUsage is Update for writes that change nothing verification reads
// (last use and counts), so they keep the verify cache.
func (s *Store) updateUsage(ctx context.Context, workspaceID string, now time.Time, fn func(*WorkspaceTx) error) error {
	_, err := s.update(ctx, workspaceID, now, Actor{}, fn)
	return err
}

func (s *Store) update(ctx context.Context, workspaceID string, now time.Time, actor Actor, fn func(*WorkspaceTx) error) (*WorkspaceTx, error) {
	var w *WorkspaceTx
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// On PostgreSQL a write first takes the row lock before any read;
		// SQLite's writer began the transaction IMMEDIATE, which holds the
		// database's write lock already.
		if s.kind != "sqlite" {
			res := tx.Model(&Workspace{}).Where("id = ?", workspaceID).UpdateColumn("revision", gorm.Expr("revision"))
			if res.Error != nil {
				return fmt.Errorf("lock workspace: %w", res.Error)
			}
		}
		var ws Workspace
		if err := tx.Where("id = ?", workspaceID).Take(&ws).Error; errors.Is(err, gorm.ErrRecordNotFound) {
			return fmt.Errorf("workspace %s: %w", workspaceID, ErrNotFound)
		} else if err != nil {
			return err
		}
		w = &WorkspaceTx{tx: tx, ws: ws, now: now.UTC(), actor: actor, rev: ws.Revision}
		if err := fn(w); err != nil {
			return err
		}
		if w.rev != ws.Revision {
			if err := tx.Model(&Workspace{}).Where("id = ?", ws.ID).UpdateColumn("revision", w.rev).Error; err != nil {
				return fmt.Errorf("save revision: %w", err)
			}
		}
		return nil
	})
	return w, err
}

// Workspace is the workspace as it is inside the transaction.
func (w *WorkspaceTx) Workspace() Workspace { return w.ws }

func (w *WorkspaceTx) nextRevision() int64 {
	w.rev++
	return w.rev
}

// Key loads a key of this workspace.
func (w *WorkspaceTx) Key(id string) (Key, error) {
	var k Key
	err := w.tx.Where("workspace_id = ? AND id = ?", w.ws.ID, id).Take(&k).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return k, fmt.Errorf("key %s: %w", id, ErrNotFound)
	}
	return k, err
}

// Keys loads the keys of this workspace that match a condition.
func (w *WorkspaceTx) Keys(query string, args ...any) ([]Key, error) {
	var out []Key
	err := w.tx.Where("workspace_id = ?", w.ws.ID).Where(query, args...).Order("id").Find(&out).Error
	return out, err
}

// InsertKey stores a new key with the next revision.
func (w *WorkspaceTx) InsertKey(k *Key) error {
	k.WorkspaceID, k.Revision = w.ws.ID, w.nextRevision()
	k.CreatedAt, k.UpdatedAt = w.now, w.now
	if err := w.tx.Create(k).Error; err != nil {
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return fmt.Errorf("key %s: %w", k.ID, ErrConflict)
		}
		return fmt.Errorf("insert key: %w", err)
	}
	return nil
}

// SaveKey writes a changed key with the next revision.
func (w *WorkspaceTx) SaveKey(k *Key) error { return w.saveKey(k, w.now) }

// SaveKeyUse writes a key's last use with the next revision, so that
// desktops sync it, and leaves its updatedAt: using a key changes nothing
// about it.
func (w *WorkspaceTx) SaveKeyUse(k *Key) error { return w.saveKey(k, k.UpdatedAt) }

func (w *WorkspaceTx) saveKey(k *Key, updatedAt time.Time) error {
	w.touchedKeys = append(w.touchedKeys, k.ID)
	k.Revision, k.UpdatedAt = w.nextRevision(), updatedAt
	if err := w.tx.Save(k).Error; err != nil {
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return fmt.Errorf("key %s: %w", k.ID, ErrConflict)
		}
		return fmt.Errorf("save key: %w", err)
	}
	return nil
}

// DeleteKey removes a key and leaves a tombstone for sync.
func (w *WorkspaceTx) DeleteKey(id string) error {
	w.touchedKeys = append(w.touchedKeys, id)
	res := w.tx.Where("workspace_id = ? AND id = ?", w.ws.ID, id).Delete(&Key{})
	if res.Error != nil {
		return fmt.Errorf("delete key: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("key %s: %w", id, ErrNotFound)
	}
	if err := w.tx.Where("usages.key_id = ?", id).Delete(&Usage{}).Error; err != nil {
		return err
	}
	return w.tx.Save(&Tombstone{WorkspaceID: w.ws.ID, KeyID: id, Revision: w.nextRevision(), DeletedAt: w.now}).Error
}

// Profile loads a profile of this workspace.
func (w *WorkspaceTx) Profile(id string) (Profile, error) {
	var p Profile
	err := w.tx.Where("workspace_id = ? AND id = ?", w.ws.ID, id).Take(&p).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return p, fmt.Errorf("profile %s: %w", id, ErrNotFound)
	}
	return p, err
}

// ProfileNameTaken reports whether another profile than exceptID has this
// name, whatever its case.
func (w *WorkspaceTx) ProfileNameTaken(name, exceptID string) (bool, error) {
	var n int64
	err := w.tx.Model(&Profile{}).Where("workspace_id = ? AND id <> ? AND LOWER(name) = LOWER(?)", w.ws.ID, exceptID, name).Count(&n).Error
	return n > 0, err
}

// SaveProfile creates or updates a profile.
func (w *WorkspaceTx) SaveProfile(p *Profile) error {
	w.touchedWorkspace = true // verify returns the profile of the workspace's keys
	p.WorkspaceID, p.UpdatedAt = w.ws.ID, w.now
	if p.CreatedAt.IsZero() {
		p.CreatedAt = w.now
	}
	return w.tx.Save(p).Error
}

// DeleteProfile removes a profile.
func (w *WorkspaceTx) DeleteProfile(id string) error {
	w.touchedWorkspace = true
	return w.tx.Where("workspace_id = ? AND id = ?", w.ws.ID, id).Delete(&Profile{}).Error
}

// SaveWorkspace writes the workspace's name and policy.
func (w *WorkspaceTx) SaveWorkspace(ws Workspace) error {
	w.touchedWorkspace = true
	err := w.tx.Model(&Workspace{}).Where("id = ?", w.ws.ID).Updates(map[string]any{
		"name": ws.Name, "api_access_enabled": ws.APIAccessEnabled, "max_expiry_days": ws.MaxExpiryDays,
		"allow_never": ws.AllowNever, "key_prefix": ws.KeyPrefix,
	}).Error
	if err == nil {
		ws.Revision = w.ws.Revision
		w.ws = ws
	}
	return err
}

// Audit records an event of this transaction, with the names of its actor
// and target as they are now: the log still names them once they are
// renamed or deleted. changes is marshalled to JSON and must never hold a
// secret.
func (w *WorkspaceTx) Audit(action, targetKeyID, targetID, targetName string, changes any) error {
	ev := AuditEvent{
		WorkspaceID: w.ws.ID, At: w.now, ActorKeyID: w.actor.KeyID, ActorName: w.actor.Name, Action: action,
		TargetKeyID: targetKeyID, TargetID: targetID, TargetName: targetName, ClientIP: w.actor.IP,
	}
	if changes != nil {
		data, err := json.Marshal(changes)
		if err != nil {
			return err
		}
		ev.Changes = string(data)
	}
	// A plain INSERT: gorm's Create would ask for the new id back, which
	// made the audit record the costliest statement of a create.
	return w.tx.Exec("INSERT INTO audit_events (workspace_id, at, actor_key_id, actor_name, action, target_key_id, target_id, target_name, client_ip, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		ev.WorkspaceID, ev.At, ev.ActorKeyID, ev.ActorName, ev.Action, ev.TargetKeyID, ev.TargetID, ev.TargetName, ev.ClientIP, ev.Changes).Error
}

// change is one changed field in an audit event.
type change struct {
	From any `json:"from"`
	To   any `json:"to"`
}
