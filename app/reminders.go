package app

import (
	"time"

	"github.com/keydesk/keydesk/backend/reminders"
)

// RemindersAPI is the reminder center.
type RemindersAPI struct {
	app *App
}

// List returns the reminders to show now, most urgent first.
func (r *RemindersAPI) List() ([]Reminder, error) {
	d, ctx, cancel, err := r.app.call()
	if err != nil {
		return nil, err
	}
	defer cancel()
	list, err := d.Reminders(ctx)
	if err != nil {
		return nil, wrap(err)
	}
	now := time.Now()
	out := make([]Reminder, len(list))
	for i, rem := range list {
		out[i] = reminderView(rem, now)
	}
	return out, nil
}

// reminderView is a reminder for the reminder center, with the key's times
// its wording counts from: the center words them at display time.
func reminderView(rem reminders.Reminder, now time.Time) Reminder {
	title, msg := reminders.Describe(rem, now)
	view := Reminder{
		ID: rem.ID, WorkspaceID: rem.WorkspaceID, KeyID: rem.KeyID, KeyName: rem.KeyName, Kind: rem.Kind,
		Threshold: rem.Threshold, DueAt: formatTime(rem.DueAt), NeverUsed: rem.NeverUsed(),
		Title: title, Message: msg, Action: fittingAction(rem.Kind),
	}
	if at, ok := rem.SecretSince(); ok {
		view.SecretSince = formatTime(at)
	}
	if at, ok := rem.KeyCreatedAt(); ok {
		view.KeyCreatedAt = formatTime(at)
	}
	if at, ok := rem.KeyLastUsedAt(); ok {
		view.KeyLastUsedAt = formatTime(at)
	}
	return view
}

// fittingAction is what the reminder's button does to its key. The old key
// of a rotation cannot be rotated again (the server refuses it): its
// reminder opens the key, which names its successor.
func fittingAction(kind string) string {
	switch kind {
	case reminders.KindExpired:
		return "regenerate"
	case reminders.KindUnused:
		return "disable"
	case reminders.KindOverlapEnding:
		return "details"
	}
	return "rotate"
}

// Snooze hides a reminder for some hours (24 for a day, 168 for a week).
func (r *RemindersAPI) Snooze(id int64, hours int) error {
	d, ctx, cancel, err := r.app.call()
	if err != nil {
		return err
	}
	defer cancel()
	return wrap(d.SnoozeReminder(ctx, id, time.Duration(hours)*time.Hour))
}

// Dismiss hides a reminder for good.
func (r *RemindersAPI) Dismiss(id int64) error {
	d, ctx, cancel, err := r.app.call()
	if err != nil {
		return err
	}
	defer cancel()
	return wrap(d.DismissReminder(ctx, id))
}

// DismissMany hides the given reminders for good (Dismiss all) and returns
// how many it hid: those already gone since the list was shown are not
// counted.
func (r *RemindersAPI) DismissMany(ids []int64) (int, error) {
	d, ctx, cancel, err := r.app.call()
	if err != nil {
		return 0, err
	}
	defer cancel()
	n, err := d.DismissReminders(ctx, ids)
	return n, wrap(err)
}

// Settings returns the reminder settings.
func (r *RemindersAPI) Settings() (ReminderSettings, error) {
	d, _, cancel, err := r.app.call()
	if err != nil {
		return ReminderSettings{}, err
	}
	defer cancel()
	s := d.ReminderSettings()
	return ReminderSettings{QuietStart: s.QuietStart, QuietEnd: s.QuietEnd, LeadDays: s.LeadDays, Kinds: s.Kinds}, nil
}

// SetSettings changes the reminder settings.
func (r *RemindersAPI) SetSettings(s ReminderSettings) (ReminderSettings, error) {
	d, ctx, cancel, err := r.app.call()
	if err != nil {
		return ReminderSettings{}, err
	}
	defer cancel()
	if err := d.SetReminderSettings(ctx, reminders.Settings{QuietStart: s.QuietStart, QuietEnd: s.QuietEnd, LeadDays: s.LeadDays, Kinds: s.Kinds}); err != nil {
		return ReminderSettings{}, wrap(err)
	}
	return r.Settings()
}

// NotificationStatus says whether desktop notifications can be shown here:
// when the last one could not (on Linux, no notification daemon), the
// reminders are in the reminder center only. Before the desk has started,
// none was tried.
func (r *RemindersAPI) NotificationStatus() (NotificationStatus, error) {
	var status NotificationStatus
	if d, err := r.app.started(); err == nil {
		if at := d.NotificationFailure(); !at.IsZero() {
			status.Unavailable, status.FailedAt = true, formatTime(at)
		}
	}
	return status, nil
}
