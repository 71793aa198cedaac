package desk

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/keydesk/keydesk/backend/keys"
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
	// The default lead times serve expiry reminders only: with those off
	// there may be none.
	if len(s.LeadDays) > 10 || (len(s.LeadDays) == 0 && s.Kinds[reminders.KindExpiring]) {
		return fieldError("leadDays", "must hold 1 to 10 lead times while expiry reminders are on")
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

// ScanReminders evaluates the cached keys of every workspace that a
// reminder can be due for.
func (d *Desk) ScanReminders(ctx context.Context) ([]reminders.Reminder, error) {
	settings := d.ReminderSettings()
	profiles, err := d.reminderProfiles(ctx)
	if err != nil {
		return nil, err
	}
	leadDays := [][]int{settings.LeadDays}
	for _, p := range profiles {
		leadDays = append(leadDays, p.leadDays)
	}
	now := d.now()
	list, err := d.reminderKeys(ctx, now, reminders.HorizonAt(now, reminderSlack, leadDays...), profiles)
	if err != nil {
		return nil, err
	}
	fresh, err := d.reminders.Scan(ctx, list, settings)
	if err != nil {
		return nil, err
	}
	if len(fresh) > 0 {
		d.emit(EventReminderNew, map[string]int{"count": len(fresh)})
	}
	return fresh, nil
}

// reminderSlack widens the horizon of a scan: the cache keeps times as the
// driver's text ("2006-01-02 15:04:05.999999999-07:00") in whatever offset
// the server sent, which compares as text only to within ±14 hours, and the
// reminder service reads its clock a moment after this query.
const reminderSlack = 24 * time.Hour

type profileRef struct{ workspaceID, id string }

// reminderProfile is what the reminder rules need of a profile, its lead
// times decoded once per scan rather than once per key.
type reminderProfile struct {
	rotationDays *int
	leadDays     []int // nil: the settings' lead times
}

func (d *Desk) reminderProfiles(ctx context.Context) (map[profileRef]reminderProfile, error) {
	var profiles []CachedProfile
	if err := d.db.WithContext(ctx).Select("workspace_id, id, rotation_days, reminder_days").Find(&profiles).Error; err != nil {
		return nil, err
	}
	out := make(map[profileRef]reminderProfile, len(profiles))
	for _, p := range profiles {
		rp := reminderProfile{rotationDays: p.RotationDays}
		if json.Unmarshal([]byte(p.ReminderDays), &rp.leadDays) != nil || len(rp.leadDays) == 0 {
			rp.leadDays = nil
		}
		out[profileRef{p.WorkspaceID, p.ID}] = rp
	}
	return out, nil
}

// reminderCandidates selects the cached keys within a reminders.Horizon,
// the columns the rules need only, as cheap as the driver reads them: times
// as text (see cachedTime), no profile as NULL. Times compare as text
// except the rotation policy's, which varies by profile.
const reminderCandidates = `SELECT workspace_id, id, name, CAST(created_at AS TEXT), CAST(expires_at AS TEXT),
	CAST(last_used_at AS TEXT), CAST(revokes_at AS TEXT), auto_revoke, NULLIF(profile_id, ''),
	CAST(regenerated_at AS TEXT), CAST(expiry_set_at AS TEXT)
FROM cached_keys k WHERE enabled AND (
	expires_at <= @expiresBy
	OR (auto_revoke AND revokes_at <= @overlapEndsBy)
	OR last_used_at <= @lastUsedBy
	OR (last_used_at IS NULL AND COALESCE(regenerated_at, created_at) <= @neverUsedCreatedBy)
	OR (revokes_at IS NULL AND profile_id <> '' AND EXISTS (SELECT 1 FROM cached_profiles p
		WHERE p.workspace_id = k.workspace_id AND p.id = k.profile_id AND p.rotation_days > 0
			AND julianday(COALESCE(k.regenerated_at, k.created_at)) + p.rotation_days <= julianday(@rotationDueBy))))`

// reminderKeys reads what the reminder rules need of the cached keys within
// horizon h at now. An hourly scan would otherwise read every cached key,
// 100,000 of them in a big team, to find the few that need a reminder; it
// scans rows by hand, as gorm's per-row reflection cost more than the query.
func (d *Desk) reminderKeys(ctx context.Context, now time.Time, h reminders.Horizon, profiles map[profileRef]reminderProfile) ([]reminders.Key, error) {
	text := func(t time.Time) string { return t.UTC().Format(time.DateTime) }
	rows, err := d.db.WithContext(ctx).Raw(reminderCandidates, map[string]any{
		"expiresBy": text(h.ExpiresBy), "overlapEndsBy": text(h.OverlapEndsBy), "lastUsedBy": text(h.LastUsedBy),
		"neverUsedCreatedBy": text(h.NeverUsedCreatedBy), "rotationDueBy": text(h.RotationDueBy),
	}).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var (
		list      []reminders.Key
		k         reminders.Key // scanned into, declared once: rows.Scan's pointers escape
		profileID sql.NullString
	)
	for rows.Next() {
		k = reminders.Key{Enabled: true} // no reminder is due for a disabled key
		if err := rows.Scan(&k.WorkspaceID, &k.ID, &k.Name, cachedTime{&k.CreatedAt}, cachedNullTime{&k.ExpiresAt},
			cachedNullTime{&k.LastUsedAt}, cachedNullTime{&k.RevokesAt}, &k.AutoRevoke, &profileID,
			cachedNullTime{&k.RegeneratedAt}, cachedNullTime{&k.ExpirySetAt}); err != nil {
			return nil, err
		}
		state := keys.State{Enabled: k.Enabled, ExpiresAt: k.ExpiresAt, RevokesAt: k.RevokesAt, AutoRevoke: k.AutoRevoke}
		k.Active = state.Status(now) == keys.StatusActive
		if p, ok := profiles[profileRef{k.WorkspaceID, profileID.String}]; ok && profileID.Valid {
			k.RotationDays, k.LeadDays = p.rotationDays, p.leadDays
		}
		list = append(list, k)
	}
	return list, rows.Err()
}

// cachedTime scans a time of the cache read as text: the driver's own
// parsing of a DATETIME column tries two layouts per value, three times
// slower than the one layout it writes.
type cachedTime struct{ at *time.Time }

func (c cachedTime) Scan(value any) (err error) {
	*c.at, err = parseCachedTime(value)
	return err
}

// cachedNullTime is cachedTime for a nullable column, NULL as nil.
type cachedNullTime struct{ at **time.Time }

func (c cachedNullTime) Scan(value any) error {
	if value == nil {
		*c.at = nil
		return nil
	}
	t, err := parseCachedTime(value)
	*c.at = &t
	return err
}

// cachedTimeLayout is the layout the SQLite driver writes times in.
const cachedTimeLayout = "2006-01-02 15:04:05.999999999-07:00"

func parseCachedTime(value any) (time.Time, error) {
	text, ok := value.(string)
	if !ok {
		return time.Time{}, fmt.Errorf("a cached time is a %T, not text", value)
	}
	return time.ParseInLocation(cachedTimeLayout, text, time.UTC)
}

// Reminders lists the reminders to show now.
// NotificationFailure is when the last desktop notification could not be
// shown; zero when it was, or none was tried.
func (d *Desk) NotificationFailure() time.Time { return d.reminders.NotificationFailure() }

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

// maxDismissed bounds one DismissReminders call.
const maxDismissed = 100_000

// DismissReminders hides the given reminders for good and returns how many
// it hid (see reminders.Service.DismissMany).
func (d *Desk) DismissReminders(ctx context.Context, ids []int64) (int, error) {
	if len(ids) == 0 || len(ids) > maxDismissed {
		return 0, fieldError("ids", "must name 1–%d reminders, got %d", maxDismissed, len(ids))
	}
	return d.reminders.DismissMany(ctx, ids)
}
