package desk

import (
	"context"
	"encoding/json"
	"time"

	"github.com/keydesk/keydesk/backend/reminders"
)

// EventReminderNew announces new reminders ({count}).
const EventReminderNew = "reminder:new"

const settingReminders = "reminders"

// ReminderSettings returns the user's reminder settings.
func (d *Desk) ReminderSettings() reminders.Settings {
	s := reminders.DefaultSettings()
	var row Setting
	if d.db.Where("name = ?", settingReminders).Take(&row).Error == nil {
		_ = json.Unmarshal([]byte(row.Value), &s)
	}
	return s
}

// SetReminderSettings validates and stores the reminder settings, then
// scans again under them.
func (d *Desk) SetReminderSettings(ctx context.Context, s reminders.Settings) error {
	if s.QuietStart < 0 || s.QuietStart > 23 || s.QuietEnd < 0 || s.QuietEnd > 23 {
		return fieldError("quietHours", "must be hours from 0 to 23")
	}
	if len(s.LeadDays) == 0 || len(s.LeadDays) > 10 {
		return fieldError("leadDays", "must hold 1 to 10 lead times")
	}
	for _, l := range s.LeadDays {
		if l < 1 || l > 366 {
			return fieldError("leadDays", "must be days from 1 to 366, got %d", l)
		}
	}
	data, _ := json.Marshal(s)
	if err := d.db.WithContext(ctx).Save(&Setting{Name: settingReminders, Value: string(data)}).Error; err != nil {
		return err
	}
	_, err := d.ScanReminders(ctx)
	return err
}

// ScanReminders evaluates every cached key of every workspace.
func (d *Desk) ScanReminders(ctx context.Context) ([]reminders.Reminder, error) {
	var profiles []CachedProfile
	if err := d.db.WithContext(ctx).Find(&profiles).Error; err != nil {
		return nil, err
	}
	byProfile := map[string]CachedProfile{}
	for _, p := range profiles {
		byProfile[p.WorkspaceID+"/"+p.ID] = p
	}
	now := d.now()
	list, err := d.reminderKeys(ctx, now, func(rk *reminders.Key, profileID string) {
		if p, ok := byProfile[rk.WorkspaceID+"/"+profileID]; ok {
			rk.RotationDays = p.RotationDays
			var lead []int
			if json.Unmarshal([]byte(p.ReminderDays), &lead) == nil && len(lead) > 0 {
				rk.LeadDays = lead
			}
		}
	})
	if err != nil {
		return nil, err
	}
	fresh, err := d.reminders.Scan(ctx, list, d.ReminderSettings())
	if err != nil {
		return nil, err
	}
	if len(fresh) > 0 {
		d.emit(EventReminderNew, map[string]int{"count": len(fresh)})
	}
	return fresh, nil
}

// reminderKeys reads what the reminder rules need of every cached key. It
// scans rows by hand, only the columns it needs: a scan runs hourly over
// every cached key, and gorm's per-row reflection was most of its time.
func (d *Desk) reminderKeys(ctx context.Context, now time.Time, withProfile func(*reminders.Key, string)) ([]reminders.Key, error) {
	rows, err := d.db.WithContext(ctx).Model(&CachedKey{}).
		Select("workspace_id, id, name, enabled, created_at, expires_at, last_used_at, revokes_at, auto_revoke, profile_id").Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []reminders.Key
	for rows.Next() {
		var k CachedKey
		if err := rows.Scan(&k.WorkspaceID, &k.ID, &k.Name, &k.Enabled, &k.CreatedAt, &k.ExpiresAt, &k.LastUsedAt, &k.RevokesAt, &k.AutoRevoke, &k.ProfileID); err != nil {
			return nil, err
		}
		state := k.State()
		rk := reminders.Key{
			WorkspaceID: k.WorkspaceID, ID: k.ID, Name: k.Name, Active: state.Status(now) == "active", Enabled: k.Enabled,
			CreatedAt: k.CreatedAt, ExpiresAt: k.ExpiresAt, LastUsedAt: k.LastUsedAt, RevokesAt: k.RevokesAt, AutoRevoke: k.AutoRevoke,
		}
		if k.ProfileID != "" {
			withProfile(&rk, k.ProfileID)
		}
		list = append(list, rk)
	}
	return list, rows.Err()
}

// Reminders lists the reminders to show now.
func (d *Desk) Reminders(ctx context.Context) ([]reminders.Reminder, error) {
	return d.reminders.Active(ctx)
}

// SnoozeReminder hides a reminder for a while.
func (d *Desk) SnoozeReminder(ctx context.Context, id int64, dur time.Duration) error {
	if dur <= 0 || dur > 30*24*time.Hour {
		return fieldError("snooze", "must be between a minute and 30 days")
	}
	return d.reminders.Snooze(ctx, id, dur)
}

// DismissReminder hides a reminder for good.
func (d *Desk) DismissReminder(ctx context.Context, id int64) error {
	return d.reminders.Dismiss(ctx, id)
}
