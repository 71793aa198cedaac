// Package app holds the facades the desktop binds into the frontend: one per
// area, thin — they validate input, call the desk, map errors to
// {code, message} and leave events to the desk. No SQL and no HTTP here.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"github.com/keydesk/keydesk/backend/desk"
	"github.com/keydesk/keydesk/backend/reminders"
)

// Config configures the app; zero values pick production defaults.
type Config struct {
	Home      string // data dir; $KEYDESK_HOME or the OS config dir + Keydesk
	LocalAddr string // embedded server address; 127.0.0.1:8470
	Emitter   desk.Emitter
	Notifier  reminders.Notifier // OS notifications; nil shows none
	Log       *slog.Logger
}

// App owns the desk and the bound facades. New does no I/O, so the
// bindings can be listed (by `wails generate module`) without starting
// anything; Startup opens the desk.
type App struct {
	cfg        Config
	Keys       *KeysAPI
	Workspaces *WorkspacesAPI
	Settings   *SettingsAPI
	KeyTest    *KeyTestAPI
	Reminders  *RemindersAPI
	Profiles   *ProfilesAPI
	Overview   *OverviewAPI

	mu       sync.RWMutex
	desk     *desk.Desk
	startErr error

	release      sync.Mutex
	releaseTimer *time.Timer
	releaseRound int
}

// New returns an app that is not started yet.
func New(cfg Config) *App {
	a := &App{cfg: cfg}
	a.Keys = &KeysAPI{app: a}
	a.Workspaces = &WorkspacesAPI{app: a}
	a.Settings = &SettingsAPI{app: a}
	a.KeyTest = &KeyTestAPI{app: a}
	a.Reminders = &RemindersAPI{app: a}
	a.Profiles = &ProfilesAPI{app: a}
	a.Overview = &OverviewAPI{app: a}
	return a
}

// Startup opens the desk (desk.db, embedded server, Local workspace) and
// starts the background jobs. When it fails, the window still opens and
// every call explains why.
func (a *App) Startup(ctx context.Context) error {
	d, err := desk.Open(ctx, desk.Options{Home: a.cfg.Home, LocalAddr: a.cfg.LocalAddr, Emitter: a.cfg.Emitter, Notifier: a.cfg.Notifier, Log: a.cfg.Log})
	if err == nil {
		err = d.StartJobs()
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.desk, a.startErr = d, err
	return err
}

// Shutdown stops everything Startup started.
func (a *App) Shutdown() error {
	a.stopReleases()
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.desk == nil {
		return nil
	}
	err := a.desk.Close()
	a.desk = nil
	return err
}

// Bindings are the structs whose methods the frontend may call.
func (a *App) Bindings() []any {
	return []any{a.Keys, a.Workspaces, a.Settings, a.KeyTest, a.Reminders, a.Profiles, a.Overview}
}

var errNotStarted = errors.New("Keydesk is still starting")

// started returns the desk, or why there is none.
func (a *App) started() (*desk.Desk, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	switch {
	case a.startErr != nil:
		return nil, &Error{Code: CodeStartFailed, Message: fmt.Sprintf("Keydesk could not start: %v", a.startErr)}
	case a.desk == nil:
		return nil, &Error{Code: CodeNotStarted, Message: errNotStarted.Error()}
	}
	return a.desk, nil
}

// requestTimeout bounds every call from the UI, so a hung server never
// freezes a dialog.
const requestTimeout = 30 * time.Second

// readTimeout bounds a read from a workspace's server that a panel only
// shows (the audit log, a key's use): a page of either takes milliseconds,
// and giving up loses nothing, unlike a change whose answer is lost — the
// panel says so and offers Retry, instead of grey rows for half a minute.
// The panel names this limit (serverRead in frontend/src/i18n/en.ts).
// A variable for the tests.
var readTimeout = 15 * time.Second

// call returns the desk and a context for one call from the UI.
func (a *App) call() (*desk.Desk, context.Context, context.CancelFunc, error) {
	return a.callWithin(requestTimeout)
}

// callWithin is call with its own time limit.
func (a *App) callWithin(timeout time.Duration) (*desk.Desk, context.Context, context.CancelFunc, error) {
	d, err := a.started()
	if err != nil {
		return nil, nil, nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	return d, ctx, cancel, nil
}

func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func formatTimePtr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := formatTime(*t)
	return &s
}

// bigList is the size of a key list after which the memory it took is
// handed back to the OS (see releaseMemorySoon); releaseMemoryAfter is
// when, counted from the last such list: soon, once the bridge has sent
// it, and again later, for a list so long (100,000 keys) that it was still
// on its way to the window the first time. Variables for the tests.
var (
	bigList            = 1000
	releaseMemoryAfter = []time.Duration{2 * time.Second, 10 * time.Second}
	freeOSMemory       = debug.FreeOSMemory
)

// releaseMemorySoon returns the memory a big list took to the OS once
// things are quiet. A list of 10,000 keys goes to the window as 5 MB of
// JSON built in a few copies; Go would keep those pages for minutes (its
// scavenger is slow on purpose), adding 25 MB to an idle desktop app. A
// list that comes in the meantime starts the schedule again.
func (a *App) releaseMemorySoon() {
	a.release.Lock()
	defer a.release.Unlock()
	a.dropReleases()
	a.scheduleRelease(a.releaseRound, 0)
}

// scheduleRelease arms the step-th release of a round; a.release is held.
func (a *App) scheduleRelease(round, step int) {
	wait := releaseMemoryAfter[step]
	if step > 0 {
		wait -= releaseMemoryAfter[step-1]
	}
	a.releaseTimer = time.AfterFunc(wait, func() {
		if !a.releaseStillDue(round) {
			return // a newer list took over
		}
		freeOSMemory() // a collection: not under the lock a list waits for
		a.release.Lock()
		defer a.release.Unlock()
		if round == a.releaseRound && step+1 < len(releaseMemoryAfter) {
			a.scheduleRelease(round, step+1)
		}
	})
}

// stopReleases drops the releases still to come.
func (a *App) stopReleases() {
	a.release.Lock()
	defer a.release.Unlock()
	a.dropReleases()
}

// dropReleases ends the current round; a.release is held.
func (a *App) dropReleases() {
	a.releaseRound++
	if a.releaseTimer != nil {
		a.releaseTimer.Stop()
	}
}

func (a *App) releaseStillDue(round int) bool {
	a.release.Lock()
	defer a.release.Unlock()
	return round == a.releaseRound
}
