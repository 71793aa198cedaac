package app

import (
	"time"
)

// OverviewAPI is the dashboard.
type OverviewAPI struct {
	app *App
}

// StatusCounts counts keys by status; rotating keys are also active.
type StatusCounts struct {
	Total    int `json:"total"`
	Active   int `json:"active"`
	Inactive int `json:"inactive"`
	Expired  int `json:"expired"`
	Rotating int `json:"rotating"`
}

// WeekCount is how many active keys expire in the week starting weekStart.
type WeekCount struct {
	WeekStart string `json:"weekStart"` // a date, YYYY-MM-DD
	Count     int    `json:"count"`
}

// StaleKey is an active key that has gone unused the longest.
type StaleKey struct {
	WorkspaceID   string `json:"workspaceId"`
	WorkspaceName string `json:"workspaceName"`
	Key           Key    `json:"key"`
	IdleSince     string `json:"idleSince"` // last use, or creation when never used
	IdleDays      int    `json:"idleDays"`
}

// WorkspaceCounts are one workspace's counts.
type WorkspaceCounts struct {
	WorkspaceID   string       `json:"workspaceId"`
	WorkspaceName string       `json:"workspaceName"`
	Online        bool         `json:"online"`
	SyncProblem   string       `json:"syncProblem"` // as Workspace's
	Counts        StatusCounts `json:"counts"`
}

// Overview is the dashboard of one workspace or of all.
type Overview struct {
	Counts     StatusCounts      `json:"counts"`
	Expiring   []WeekCount       `json:"expiring"` // 13 weeks from today
	Stalest    []StaleKey        `json:"stalest"`
	Workspaces []WorkspaceCounts `json:"workspaces"`
}

// Get returns the overview of a workspace, or of all workspaces when
// workspaceID is "". It reads only the cache, so it works offline.
func (o *OverviewAPI) Get(workspaceID string) (Overview, error) {
	d, ctx, cancel, err := o.app.call()
	if err != nil {
		return Overview{}, err
	}
	defer cancel()
	now := time.Now()
	ov, err := d.Overview(ctx, workspaceID, now)
	if err != nil {
		return Overview{}, wrap(err)
	}
	out := Overview{
		Counts: StatusCounts(ov.Counts), Expiring: make([]WeekCount, len(ov.Expiring)),
		Stalest: make([]StaleKey, len(ov.Stalest)), Workspaces: make([]WorkspaceCounts, len(ov.Workspaces)),
	}
	for i, w := range ov.Expiring {
		out.Expiring[i] = WeekCount{WeekStart: w.Start.Format(time.DateOnly), Count: w.Count}
	}
	for i, s := range ov.Stalest {
		out.Stalest[i] = StaleKey{
			WorkspaceID: s.Workspace.ID, WorkspaceName: s.Workspace.Name,
			Key: keyView(s.Key, now, false, s.Key.ID == s.Workspace.AccessKeyID), IdleSince: formatTime(s.IdleSince),
			IdleDays: int(now.Sub(s.IdleSince).Hours() / 24),
		}
	}
	for i, w := range ov.Workspaces {
		out.Workspaces[i] = WorkspaceCounts{
			WorkspaceID: w.Workspace.ID, WorkspaceName: w.Workspace.Name,
			Online: w.Workspace.OfflineSince == nil, SyncProblem: w.Workspace.SyncProblem, Counts: StatusCounts(w.Counts),
		}
	}
	return out, nil
}
