package reminders

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gen2brain/beeep"
)

// OSNotifier shows notifications through the desktop's notification
// service (D-Bus on Linux, Notification Center, Windows toasts). On Linux
// it fails when no notification daemon answers on D-Bus and neither
// notify-send nor kdialog can show one (a bare window manager, a server).
type OSNotifier struct {
	AppName string
}

// beeepMu: beeep takes the app's name from a package variable; two scans
// notifying at once must not race on it.
var beeepMu sync.Mutex

// Notify implements Notifier.
func (n OSNotifier) Notify(title, message string) error {
	beeepMu.Lock()
	defer beeepMu.Unlock()
	beeep.AppName = n.AppName
	return beeep.Notify(title, message, "")
}

// notification words one reminder for a desktop notification: as the
// reminder center words it, its title headed by the workspace's name, as
// two workspaces may each have a key called "CI deploy".
func notification(r Reminder, workspace string, now time.Time) (title, body string) {
	title, body = Describe(r, now)
	return workspace + ": " + title, body
}

// summary words the one notification that stands for many reminders,
// naming the workspaces they are in (names by workspace id).
func summary(pending []Reminder, names map[string]string) (title, body string) {
	const open = "Open Keydesk's reminder center to see them."
	counts := map[string]int{}
	for _, r := range pending {
		counts[names[r.WorkspaceID]]++
	}
	keys := plural(len(pending), "API key", "API keys")
	if len(counts) == 1 {
		for name := range counts {
			return fmt.Sprintf("%s: %s need attention", name, keys), open
		}
	}
	type inWorkspace struct {
		name string
		n    int
	}
	byCount := make([]inWorkspace, 0, len(counts))
	for name, n := range counts {
		byCount = append(byCount, inWorkspace{name, n})
	}
	slices.SortFunc(byCount, func(a, b inWorkspace) int { return cmp.Or(b.n-a.n, strings.Compare(a.name, b.name)) })
	var parts []string
	shown := byCount
	if len(byCount) > maxNamedWorkspaces+1 { // "and 1 in 1 other workspace" would not be shorter than naming it
		shown = byCount[:maxNamedWorkspaces]
	}
	for _, w := range shown {
		parts = append(parts, fmt.Sprintf("%d in %s", w.n, w.name))
	}
	if rest := byCount[len(shown):]; len(rest) > 0 {
		n := 0
		for _, w := range rest {
			n += w.n
		}
		parts = append(parts, fmt.Sprintf("%d in %d other workspaces", n, len(rest)))
	}
	last := len(parts) - 1
	return fmt.Sprintf("%s need attention", keys),
		fmt.Sprintf("%s and %s. %s", strings.Join(parts[:last], ", "), parts[last], open)
}

// maxNamedWorkspaces: a summary names the workspaces with the most
// reminders, up to this many, and counts the others.
const maxNamedWorkspaces = 3

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
