package desk

import (
	"context"
	"sort"
	"time"

	"github.com/keydesk/keydesk/backend/keys"
)

// Overview horizon: the expiry chart covers 13 weeks, about 90 days. The
// stalest keys are those unused for a week or more: a key made yesterday and
// not used yet is not a candidate to disable.
const (
	OverviewWeeks     = 13
	OverviewStalest   = 10
	OverviewStaleDays = 7
)

// StatusCounts counts keys by status; Rotating keys are also Active.
type StatusCounts struct {
	Total, Active, Inactive, Expired, Rotating int
}

func (c *StatusCounts) add(k CachedKey, now time.Time) {
	c.Total++
	state := k.State()
	switch state.Status(now) {
	case keys.StatusActive:
		c.Active++
		if state.Rotating(now) {
			c.Rotating++
		}
	case keys.StatusInactive:
		c.Inactive++
	case keys.StatusExpired:
		c.Expired++
	}
}

// WeekCount is how many active keys expire in the week that starts at Start.
type WeekCount struct {
	Start time.Time
	Count int
}

// StaleKey is an active key with how long it has gone unused (since it was
// created when it never was): OverviewStaleDays or more.
type StaleKey struct {
	Workspace Workspace
	Key       CachedKey
	IdleSince time.Time
}

// WorkspaceCounts are one workspace's counts, for the all-workspaces view.
type WorkspaceCounts struct {
	Workspace Workspace
	Counts    StatusCounts
}

// Overview is the dashboard of one workspace or of all of them.
type Overview struct {
	Counts     StatusCounts
	Expiring   []WeekCount // OverviewWeeks weeks from today
	Stalest    []StaleKey  // at most OverviewStalest, stalest first
	Workspaces []WorkspaceCounts
}

// Overview summarises the cached keys of workspaceID, or of every workspace
// when it is "". It reads only the cache, so it works offline.
func (d *Desk) Overview(ctx context.Context, workspaceID string, now time.Time) (Overview, error) {
	var list []Workspace
	q := d.db.WithContext(ctx).Order(sidebarOrder)
	if workspaceID != "" {
		if _, err := d.workspace(workspaceID); err != nil {
			return Overview{}, err
		}
		q = q.Where("id = ?", workspaceID)
	}
	if err := q.Find(&list).Error; err != nil {
		return Overview{}, err
	}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	horizon := today.AddDate(0, 0, 7*OverviewWeeks)
	staleBefore := now.AddDate(0, 0, -OverviewStaleDays)
	out := Overview{Expiring: make([]WeekCount, OverviewWeeks)}
	for i := range out.Expiring {
		out.Expiring[i].Start = today.AddDate(0, 0, 7*i)
	}
	for _, ws := range list {
		var cached []CachedKey
		if err := d.db.WithContext(ctx).Where("workspace_id = ?", ws.ID).Find(&cached).Error; err != nil {
			return Overview{}, err
		}
		counts := WorkspaceCounts{Workspace: ws}
		for _, k := range cached {
			counts.Counts.add(k, now)
			out.Counts.add(k, now)
			if k.State().Status(now) != keys.StatusActive {
				continue
			}
			// An old key in a rotation overlap that ends by itself is being
			// replaced already: its expiry needs nothing done, and it is no
			// candidate to disable or delete.
			if k.RevokesAt != nil && k.AutoRevoke {
				continue
			}
			if k.ExpiresAt != nil && k.ExpiresAt.Before(horizon) {
				week := int(k.ExpiresAt.Sub(today) / (7 * 24 * time.Hour))
				out.Expiring[week].Count++
			}
			// Nor is the key this app works with: disabling it would lock the
			// app out, and a Local workspace's is used in-process, unrecorded.
			if k.ID == ws.AccessKeyID {
				continue
			}
			idle := k.CreatedAt
			if k.LastUsedAt != nil {
				idle = *k.LastUsedAt
			}
			if idle.After(staleBefore) {
				continue
			}
			out.Stalest = append(out.Stalest, StaleKey{Workspace: ws, Key: k, IdleSince: idle})
		}
		out.Workspaces = append(out.Workspaces, counts)
	}
	sort.Slice(out.Stalest, func(i, j int) bool {
		if !out.Stalest[i].IdleSince.Equal(out.Stalest[j].IdleSince) {
			return out.Stalest[i].IdleSince.Before(out.Stalest[j].IdleSince)
		}
		return out.Stalest[i].Key.ID < out.Stalest[j].Key.ID
	})
	if len(out.Stalest) > OverviewStalest {
		out.Stalest = out.Stalest[:OverviewStalest]
	}
	return out, nil
}
