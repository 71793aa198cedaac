package server

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/keydesk/keydesk/backend/api"
)

// usageRecorder counts key uses in memory; flush writes them in one batch
// per workspace, so a verification never costs a database write.
type usageRecorder struct {
	mu      sync.Mutex
	pending map[string]*pendingUse // by key id
}

type pendingUse struct {
	workspaceID string
	lastUsed    time.Time
	perDay      map[int64]int64 // by UTC day number since 1970: no string per use
}

const secondsPerDay = 24 * 60 * 60

func newUsageRecorder() *usageRecorder {
	return &usageRecorder{pending: map[string]*pendingUse{}}
}

func (u *usageRecorder) record(workspaceID, keyID string, at time.Time) {
	day := at.Unix() / secondsPerDay
	u.mu.Lock()
	p, ok := u.pending[keyID]
	if !ok {
		p = &pendingUse{workspaceID: workspaceID, perDay: map[int64]int64{}}
		u.pending[keyID] = p
	}
	if at.After(p.lastUsed) {
		p.lastUsed = at
	}
	p.perDay[day]++
	u.mu.Unlock()
}

func (u *usageRecorder) take() map[string]*pendingUse {
	u.mu.Lock()
	defer u.mu.Unlock()
	out := u.pending
	u.pending = map[string]*pendingUse{}
	return out
}

// FlushUsage writes the uses recorded since the last flush: lastUsedAt of
// each key (which bumps its revision, so desktops see it on their next
// sync) and the per-day counts. Uses of keys deleted meanwhile are dropped.
func (s *Server) FlushUsage(ctx context.Context) error {
	pending := s.usage.take()
	byWorkspace := map[string][]string{}
	for keyID, p := range pending {
		byWorkspace[p.workspaceID] = append(byWorkspace[p.workspaceID], keyID)
	}
	var errs []error
	for wsID, keyIDs := range byWorkspace {
		sort.Strings(keyIDs)
		err := s.store.updateUsage(ctx, wsID, s.clock(), func(w *WorkspaceTx) error {
			for _, id := range keyIDs {
				p := pending[id]
				k, err := w.Key(id)
				if errors.Is(err, ErrNotFound) {
					continue
				}
				if err != nil {
					return err
				}
				if k.LastUsedAt == nil || p.lastUsed.After(*k.LastUsedAt) {
					t := p.lastUsed.UTC().Truncate(time.Second)
					k.LastUsedAt = &t
					if err := w.SaveKeyUse(&k); err != nil {
						return err
					}
				}
				for day, n := range p.perDay {
					date := time.Unix(day*secondsPerDay, 0).UTC().Format(time.DateOnly)
					row := Usage{KeyID: id, Day: date, WorkspaceID: wsID, Count: n}
					err := w.tx.Clauses(clause.OnConflict{
						Columns:   []clause.Column{{Name: "key_id"}, {Name: "day"}},
						DoUpdates: clause.Assignments(map[string]any{"count": gorm.Expr("usages.count + ?", n)}),
					}).Create(&row).Error
					if err != nil {
						return fmt.Errorf("count usage: %w", err)
					}
				}
			}
			return nil
		})
		if err != nil && !errors.Is(err, ErrNotFound) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Usage returns a key's daily use over the last days (today included).
func (s *Server) Usage(ctx context.Context, workspaceID, keyID string, days int) (api.Usage, error) {
	if _, err := s.store.Key(ctx, workspaceID, keyID); err != nil {
		return api.Usage{}, err
	}
	today := s.clock().Truncate(24 * time.Hour)
	from := today.AddDate(0, 0, -(days - 1)).Format(time.DateOnly)
	var rows []Usage
	err := s.store.read.WithContext(ctx).Where("key_id = ? AND day >= ?", keyID, from).Find(&rows).Error
	if err != nil {
		return api.Usage{}, err
	}
	counts := map[string]int64{}
	for _, r := range rows {
		counts[r.Day] = r.Count
	}
	out := api.Usage{KeyID: keyID, Days: make([]api.UsageDay, days)}
	for i := range days {
		day := today.AddDate(0, 0, i-(days-1)).Format(time.DateOnly)
		out.Days[i] = api.UsageDay{Date: day, Count: counts[day]}
		out.Total += counts[day]
	}
	return out, nil
}

// AuditFilter narrows the audit log; its zero value keeps every event.
type AuditFilter struct {
	KeyID  string // only the events about this key
	Action string // only the events of this action (AuditActions)
}

// Audit returns a page of a workspace's audit log, newest first.
func (s *Server) Audit(ctx context.Context, workspaceID string, filter AuditFilter, pageIndex, pageSize int) (api.AuditList, error) {
	q := s.store.read.WithContext(ctx).Model(&AuditEvent{}).Where("workspace_id = ?", workspaceID)
	if filter.KeyID != "" {
		q = q.Where("target_key_id = ? OR target_id = ?", filter.KeyID, filter.KeyID)
	}
	if filter.Action != "" {
		q = q.Where("action = ?", filter.Action)
	}
	var out api.AuditList
	if err := q.Count(&out.Total).Error; err != nil {
		return out, err
	}
	var rows []AuditEvent
	if err := q.Order("id DESC").Offset(pageIndex * pageSize).Limit(pageSize).Find(&rows).Error; err != nil {
		return out, err
	}
	out.Items = make([]api.AuditEvent, len(rows))
	for i, e := range rows {
		out.Items[i] = api.AuditEvent{
			ID: e.ID, At: e.At.UTC(), ActorKeyID: e.ActorKeyID, ActorName: e.ActorName, Action: e.Action,
			TargetKeyID: e.TargetKeyID, TargetID: e.TargetID, TargetName: e.TargetName, ClientIP: e.ClientIP,
		}
		if e.Changes != "" {
			out.Items[i].Changes = []byte(e.Changes)
		}
	}
	return out, nil
}
