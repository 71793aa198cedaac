package reminders

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"math"
	"slices"
	"sync"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Reminder is a kept reminder. (workspace, key, kind, threshold, due) is
// unique: a scan finds it again and again, but it is stored and notified
// once; a key renewed to a new expiry gets its reminders anew.
type Reminder struct {
	ID           int64      `gorm:"primaryKey;autoIncrement"`
	WorkspaceID  string     `gorm:"size:40;not null;uniqueIndex:idx_reminder_once,priority:1"`
	KeyID        string     `gorm:"size:40;not null;uniqueIndex:idx_reminder_once,priority:2"`
	Kind         string     `gorm:"size:20;not null;uniqueIndex:idx_reminder_once,priority:3"`
	Threshold    int        `gorm:"not null;uniqueIndex:idx_reminder_once,priority:4"`
	KeyName      string     `gorm:"not null"`
	DueAt        time.Time  `gorm:"not null;uniqueIndex:idx_reminder_once,priority:5"`
	CreatedAt    time.Time  `gorm:"not null;autoCreateTime:false"`
	SnoozedUntil *time.Time ``
	DismissedAt  *time.Time `` // by the user
	ResolvedAt   *time.Time `` // the condition no longer holds (renewed, rotated, deleted) or a nearer threshold took over
	NotifiedAt   *time.Time ``
}

// Active reports whether the reminder shows in the reminder center at now.
func (r Reminder) Active(now time.Time) bool {
	return r.DismissedAt == nil && r.ResolvedAt == nil && (r.SnoozedUntil == nil || !now.Before(*r.SnoozedUntil))
}

// Settings are the user's reminder settings.
type Settings struct {
	QuietStart int             `json:"quietStart"` // local hour 0–23; equal to QuietEnd: no quiet hours
	QuietEnd   int             `json:"quietEnd"`
	LeadDays   []int           `json:"leadDays"` // default lead times for keys whose profile sets none
	Kinds      map[string]bool `json:"kinds"`    // which kinds are on
}

// DefaultSettings turns every kind on, with no quiet hours. Its lead times
// are a copy: decoding stored settings over them must not change
// DefaultLeadDays.
func DefaultSettings() Settings {
	return Settings{LeadDays: slices.Clone(DefaultLeadDays), Kinds: map[string]bool{
		KindExpiring: true, KindExpired: true, KindOverlapEnding: true, KindRotationDue: true, KindUnused: true,
	}}
}

// quiet reports whether t (local time) falls in the quiet hours.
func (s Settings) quiet(t time.Time) bool {
	if s.QuietStart == s.QuietEnd {
		return false
	}
	h := t.Hour()
	if s.QuietStart < s.QuietEnd {
		return h >= s.QuietStart && h < s.QuietEnd
	}
	return h >= s.QuietStart || h < s.QuietEnd // across midnight, e.g. 22–7
}

// Notifier shows an OS desktop notification.
type Notifier interface {
	Notify(title, message string) error
}

// Service keeps reminders in the desk's database.
type Service struct {
	db     *gorm.DB
	notify Notifier
	now    func() time.Time
	log    *slog.Logger

	notifyMu     sync.Mutex
	notifyFailed time.Time      // when the last notification could not be shown; zero once one is (noteNotifyResult)
	names        WorkspaceNames // set once, before the first scan (NameWorkspacesWith)
}

// New returns a service over db (which Migrate has prepared).
func New(db *gorm.DB, notify Notifier, now func() time.Time, log *slog.Logger) *Service {
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Service{db: db, notify: notify, now: now, log: log}
}

// lastScan is what the last scan that wrote left: a digest of the reminders
// it found due, and the count and highest id of the reminders stored then.
// While those still hold, a scan that finds the same reminders due has
// nothing to store or resolve: every one is stored, no other is open.
// (Snoozing and dismissing leave them holding.)
type lastScan struct {
	ID        int    `gorm:"primaryKey;autoIncrement:false"` // the one row: 1
	DueDigest []byte `gorm:"not null"`
	Stored    int64  `gorm:"not null"`
	LastID    int64  `gorm:"not null"`
}

func (lastScan) TableName() string { return "reminder_last_scan" }

// Migrate creates the reminders tables.
func Migrate(db *gorm.DB) error { return db.AutoMigrate(&Reminder{}, &lastScan{}) }

// Scan evaluates the keys, stores the reminders that are new, resolves the
// ones whose condition has passed, and notifies the new ones (outside quiet
// hours). It returns the new reminders. keys may leave out the keys no
// reminder can be due for (see Horizon): their stored reminders resolve.
func (s *Service) Scan(ctx context.Context, keys []Key, settings Settings) ([]Reminder, error) {
	now := s.now().UTC()
	due := make([]Due, 0, len(keys)) // about one a key: keys holds the keys a reminder can be due for
	for _, k := range keys {
		if k.LeadDays == nil {
			k.LeadDays = settings.LeadDays
		}
		due = appendDue(due, k, now, settings.Kinds)
	}
	// Most scans find what the last one did (one follows every sync) and
	// have nothing to write.
	digest := dueDigest(due)
	if s.sameAsLastScan(ctx, digest) {
		s.notifyUnlessQuiet(ctx, settings, now)
		return nil, nil
	}
	dueStored := make(map[onceKey]bool, len(due)) // the reminders due now: stored already?
	for _, d := range due {
		dueStored[onceKeyOf(d.WorkspaceID, d.KeyID, d.Kind, d.Threshold, d.DueAt)] = false
	}
	var fresh []Reminder
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// One read of what is stored and batched writes: a big team has
		// thousands of keys that need a reminder.
		noLongerDue, dueAgain, err := markStored(tx, dueStored)
		if err != nil {
			return err
		}
		for _, d := range due {
			once := onceKeyOf(d.WorkspaceID, d.KeyID, d.Kind, d.Threshold, d.DueAt)
			if dueStored[once] {
				continue
			}
			dueStored[once] = true // a key given twice is reminded once
			fresh = append(fresh, Reminder{
				WorkspaceID: d.WorkspaceID, KeyID: d.KeyID, Kind: d.Kind, Threshold: d.Threshold,
				KeyName: d.KeyName, DueAt: d.DueAt.UTC().Truncate(time.Second), CreatedAt: now,
			})
		}
		// Small batches: the SQLite driver binds parameters in quadratic time.
		if len(fresh) > 0 {
			if err := tx.Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(fresh, 50).Error; err != nil {
				return err
			}
		}
		if err := setResolvedAt(tx, noLongerDue, now); err != nil {
			return err
		}
		if err := setResolvedAt(tx, dueAgain, nil); err != nil {
			return err
		}
		return tx.Exec(`INSERT INTO reminder_last_scan (id, due_digest, stored, last_id)
			SELECT 1, ?, count(*), ifnull(max(id), 0) FROM reminders WHERE true -- (an upsert's SELECT needs a WHERE)
			ON CONFLICT (id) DO UPDATE SET due_digest = excluded.due_digest, stored = excluded.stored, last_id = excluded.last_id`, digest).Error
	})
	if err != nil {
		return nil, err
	}
	s.notifyUnlessQuiet(ctx, settings, now)
	return fresh, nil
}

func (s *Service) notifyUnlessQuiet(ctx context.Context, settings Settings, now time.Time) {
	if !settings.quiet(now.Local()) {
		s.notifyPending(ctx, now)
	}
}

// dueDigest digests what makes each reminder due unique, in order: keys
// read in another order only cost a scan that reads what is stored.
func dueDigest(due []Due) []byte {
	h := sha256.New()
	var buf []byte
	for _, d := range due {
		buf = buf[:0]
		for _, field := range []string{d.WorkspaceID, d.KeyID, d.Kind} {
			buf = binary.AppendUvarint(buf, uint64(len(field)))
			buf = append(buf, field...)
		}
		buf = binary.AppendVarint(buf, int64(d.Threshold))
		buf = binary.AppendVarint(buf, d.DueAt.Unix())
		h.Write(buf)
	}
	return h.Sum(nil)
}

// sameAsLastScan reports whether the last scan that wrote found the
// reminders of digest due, and the reminders stored are still those it
// left (see lastScan).
func (s *Service) sameAsLastScan(ctx context.Context, digest []byte) bool {
	var last lastScan
	var stored, lastID int64
	err := s.db.WithContext(ctx).Raw(`SELECT due_digest, stored, last_id,
		(SELECT count(*) FROM reminders), (SELECT ifnull(max(id), 0) FROM reminders)
		FROM reminder_last_scan WHERE id = 1`).Row().Scan(&last.DueDigest, &last.Stored, &last.LastID, &stored, &lastID)
	return err == nil && bytes.Equal(last.DueDigest, digest) && last.Stored == stored && last.LastID == lastID
}

// markStored reads every stored reminder: it marks in dueStored the ones
// due now, and returns the ids of the open ones no longer due (the key was
// renewed, rotated, disabled, deleted, or a nearer lead time took over) and
// of the resolved ones due again (the key was enabled again: its expiry
// still needs attention). What the user dismissed stays dismissed. It scans
// rows by hand, as gorm's per-row reflection cost more than the query, and
// due_at as text: the driver's own parsing tries two layouts per value.
func markStored(tx *gorm.DB, dueStored map[onceKey]bool) (noLongerDue, dueAgain []int64, err error) {
	rows, err := tx.Raw(`SELECT id, workspace_id, key_id, kind, threshold, CAST(due_at AS TEXT),
		dismissed_at IS NULL AND resolved_at IS NULL, dismissed_at IS NULL AND resolved_at IS NOT NULL FROM reminders`).Rows()
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var ( // declared once: rows.Scan's pointers escape
		id             int64
		once           onceKey
		dueAt          string
		open, resolved bool
	)
	for rows.Next() {
		if err := rows.Scan(&id, &once.workspaceID, &once.keyID, &once.kind, &once.threshold, &dueAt, &open, &resolved); err != nil {
			return nil, nil, err
		}
		due, err := time.Parse(storedTimeLayout, dueAt)
		if err != nil {
			return nil, nil, err
		}
		once.due = due.Unix()
		if _, isDue := dueStored[once]; isDue {
			dueStored[once] = true
			if resolved {
				dueAgain = append(dueAgain, id)
			}
		} else if open {
			noLongerDue = append(noLongerDue, id)
		}
	}
	return noLongerDue, dueAgain, rows.Err()
}

// setResolvedAt resolves the reminders ids (at a time) or opens them again
// (nil), in chunks the SQLite driver binds quickly.
func setResolvedAt(tx *gorm.DB, ids []int64, at any) error {
	for chunk := range slices.Chunk(ids, 500) {
		if err := tx.Model(&Reminder{}).Where("id IN ?", chunk).Update("resolved_at", at).Error; err != nil {
			return err
		}
	}
	return nil
}

// storedTimeLayout is the layout the SQLite driver writes times in.
const storedTimeLayout = "2006-01-02 15:04:05.999999999-07:00"

// onceKey is what makes a reminder unique: one per key, kind, threshold
// and due date.
type onceKey struct {
	workspaceID, keyID, kind string
	threshold                int
	due                      int64
}

func onceKeyOf(ws, key, kind string, threshold int, due time.Time) onceKey {
	return onceKey{ws, key, kind, threshold, due.Unix()}
}

// notifyPending shows an OS notification for each active reminder not yet
// notified (held back by quiet hours or a snooze until now), each naming
// its workspace. When notifications cannot be shown, the reminders stay
// pending: the next scan tries again, and the reminder center shows them
// meanwhile.
func (s *Service) notifyPending(ctx context.Context, now time.Time) {
	if s.notify == nil {
		return
	}
	var pending []Reminder
	s.db.WithContext(ctx).Select("id, workspace_id, key_id, kind, threshold, key_name, due_at").Where("notified_at IS NULL AND dismissed_at IS NULL AND resolved_at IS NULL AND (snoozed_until IS NULL OR snoozed_until <= ?)", now).
		Order("id").Find(&pending)
	if len(pending) == 0 {
		return
	}
	names := s.workspaceNames(ctx, pending)
	var err error
	if len(pending) > maxSeparateNotifications {
		// One summary instead of a flood (a first scan of a big workspace).
		if err = s.notify.Notify(summary(pending, names)); err != nil {
			pending = nil
		}
	} else {
		for i, r := range pending {
			if err = s.notify.Notify(notification(r, names[r.WorkspaceID], now)); err != nil {
				pending = pending[:i] // the ones shown are not shown again
				break
			}
		}
	}
	s.noteNotifyResult(err)
	ids := make([]int64, len(pending))
	for i, r := range pending {
		ids[i] = r.ID
	}
	for chunk := range slices.Chunk(ids, 500) {
		s.db.WithContext(ctx).Model(&Reminder{}).Where("id IN ?", chunk).Update("notified_at", now)
	}
}

// noteNotifyResult logs a failed notification once, not at every scan
// that tries again (on Linux without a notification daemon, every one
// fails), and when notifications work again. The error names what was
// tried (D-Bus, notify-send, kdialog), never a notification's text.
func (s *Service) noteNotifyResult(err error) {
	s.notifyMu.Lock()
	defer s.notifyMu.Unlock()
	failing := !s.notifyFailed.IsZero()
	if err != nil {
		if !failing {
			s.log.Warn("desktop notification failed; reminders show in the reminder center only", "err", err)
		}
		s.notifyFailed = s.now()
		return
	}
	if failing {
		s.log.Info("desktop notifications work again")
	}
	s.notifyFailed = time.Time{}
}

// NotificationFailure is when the last notification could not be shown
// (on Linux, no notification daemon: reminders are then in the reminder
// center only); zero when it was shown, or none was tried yet.
func (s *Service) NotificationFailure() time.Time {
	s.notifyMu.Lock()
	defer s.notifyMu.Unlock()
	return s.notifyFailed
}

// WorkspaceNames returns the names of workspaces by id; an id it does not
// know is left out.
type WorkspaceNames func(ctx context.Context, ids []string) (map[string]string, error)

// NameWorkspacesWith sets where notifications find a workspace's name (the
// desk's workspaces), asked at the moment of notifying, as a workspace may
// be renamed. Without it, or for an id it does not know, a notification
// names the workspace by its id.
func (s *Service) NameWorkspacesWith(names WorkspaceNames) { s.names = names }

// workspaceNames names the workspaces of the reminders, by id.
func (s *Service) workspaceNames(ctx context.Context, list []Reminder) map[string]string {
	names := map[string]string{}
	for _, r := range list {
		names[r.WorkspaceID] = r.WorkspaceID
	}
	if s.names == nil {
		return names
	}
	found, err := s.names(ctx, slices.Collect(maps.Keys(names)))
	if err != nil {
		s.log.Warn("read the workspace names for notifications", "err", err)
	}
	for id, name := range found {
		if name != "" {
			names[id] = name
		}
	}
	return names
}

// maxSeparateNotifications: past it, one notification sums them up.
const maxSeparateNotifications = 3

// urgency orders reminders by what breaks when: a key that has expired,
// then the keys that stop working (an expiry, a rotation's end), soonest
// first, then what only asks for care (a rotation due, a key unused). By
// due_at alone an unused key, due weeks ago, came before a key expiring
// tomorrow.
const urgency = "CASE kind WHEN '" + KindExpired + "' THEN 0 WHEN '" + KindExpiring + "' THEN 1 WHEN '" + KindOverlapEnding + "' THEN 1 ELSE 2 END, due_at, id"

// Active lists the reminders to show now, most urgent first (urgency).
func (s *Service) Active(ctx context.Context) ([]Reminder, error) {
	var out []Reminder
	err := s.db.WithContext(ctx).
		Where("dismissed_at IS NULL AND resolved_at IS NULL AND (snoozed_until IS NULL OR snoozed_until <= ?)", s.now().UTC()).
		Order(urgency).Find(&out).Error
	return out, err
}

// ErrNoReminder means the id names no reminder.
var ErrNoReminder = errors.New("no such reminder")

// Snooze hides a reminder for d, and notifies it again afterwards.
func (s *Service) Snooze(ctx context.Context, id int64, d time.Duration) error {
	until := s.now().UTC().Add(d)
	return s.update(ctx, id, map[string]any{"snoozed_until": until, "notified_at": nil})
}

// Dismiss hides a reminder for good.
func (s *Service) Dismiss(ctx context.Context, id int64) error {
	return s.update(ctx, id, map[string]any{"dismissed_at": s.now().UTC()})
}

// dismissBatch bounds the ids of one UPDATE, well under SQLite's limit on
// the parameters of a statement.
const dismissBatch = 500

// DismissMany hides the given reminders for good, the ones a person saw
// and dismissed together, and returns how many it hid. Ids that name no
// reminder, or one already dismissed, are passed over: the list may have
// changed since it was shown.
func (s *Service) DismissMany(ctx context.Context, ids []int64) (int, error) {
	at := s.now().UTC()
	dismissed := 0
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for start := 0; start < len(ids); start += dismissBatch {
			batch := ids[start:min(start+dismissBatch, len(ids))]
			res := tx.Model(&Reminder{}).Where("id IN ? AND dismissed_at IS NULL", batch).Update("dismissed_at", at)
			if res.Error != nil {
				return res.Error
			}
			dismissed += int(res.RowsAffected)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return dismissed, nil
}

func (s *Service) update(ctx context.Context, id int64, fields map[string]any) error {
	res := s.db.WithContext(ctx).Model(&Reminder{}).Where("id = ?", id).Updates(fields)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrNoReminder
	}
	return nil
}

// Describe words a reminder for the reminder center, which names the
// workspace beside it; a notification heads the title with the workspace
// (see notification). Times read as the reminder center and the key table
// say them: relative, rounded to the nearest day (frontend/src/lib/time.ts
// formatRelative).
func Describe(r Reminder, now time.Time) (title, body string) {
	name := r.KeyName
	if name == "" {
		name = r.KeyID
	}
	switch r.Kind {
	case KindExpiring:
		return "API key expires soon", fmt.Sprintf("%s expires %s. Rotate it, or regenerate it with a new expiry, before it breaks.", name, relative(r.DueAt, now))
	case KindExpired:
		return "API key expired", fmt.Sprintf("%s expired on %s. Regenerate it with a new expiry or clean it up.", name, r.DueAt.Local().Format("Jan 2"))
	case KindOverlapEnding:
		return "Old key stops soon", fmt.Sprintf("The rotation overlap of %s ends %s: make sure everything uses the new key.", name, relative(r.DueAt, now))
	case KindRotationDue:
		since, _ := r.SecretSince()
		every := fmt.Sprintf("every %d days", r.Threshold)
		if r.Threshold == 1 {
			every = "every day"
		}
		return "API key due for rotation", fmt.Sprintf("The secret of %s was made %s; its profile asks to rotate it %s.", name, relative(since, now), every)
	case KindUnused:
		if created, ok := r.KeyCreatedAt(); ok {
			return "API key never used", fmt.Sprintf("%s has not been used since it was created %s. Disable it if nobody needs it.", name, relative(created, now))
		}
		lastUsed, _ := r.KeyLastUsedAt()
		return "API key unused", fmt.Sprintf("%s was last used %s. Disable it if nobody needs it.", name, relative(lastUsed, now))
	}
	return "API key reminder", name
}

// relative words t as seen from now the way the UI does (formatRelative
// with numeric "auto"): "in 3 days", "67 days ago", "tomorrow", "in 5
// hours", each unit rounded to the nearest.
func relative(t, now time.Time) string {
	d := t.Sub(now)
	abs := d.Abs()
	var n int
	var unit string
	switch {
	case abs < time.Minute:
		return "just now"
	case abs < time.Hour:
		n, unit = roundHalfUp(d.Minutes()), "minute"
	case abs < day:
		n, unit = roundHalfUp(d.Hours()), "hour"
	case abs < 730*day:
		n, unit = roundHalfUp(d.Hours()/24), "day"
		switch n {
		case 1:
			return "tomorrow"
		case -1:
			return "yesterday"
		}
	default:
		n, unit = roundHalfUp(d.Hours()/24/365), "year"
		switch n {
		case 1:
			return "next year"
		case -1:
			return "last year"
		}
	}
	count := max(n, -n)
	if count != 1 {
		unit += "s"
	}
	if n < 0 {
		return fmt.Sprintf("%d %s ago", count, unit)
	}
	return fmt.Sprintf("in %d %s", count, unit)
}

// roundHalfUp rounds as JavaScript's Math.round does: halves up, -2.5 to -2.
func roundHalfUp(x float64) int { return int(math.Floor(x + 0.5)) }
