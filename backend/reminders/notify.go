package reminders

import "github.com/gen2brain/beeep"

// OSNotifier shows notifications through the desktop's notification
// service (D-Bus on Linux, Notification Center, Windows toasts).
type OSNotifier struct {
	AppName string
}

// Notify implements Notifier.
func (n OSNotifier) Notify(title, message string) error {
	beeep.AppName = n.AppName
	return beeep.Notify(title, message, "")
}
