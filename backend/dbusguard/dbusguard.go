// Package dbusguard keeps the keychain library from starting a D-Bus
// session bus where there is none (a server, CI, a bare X session).
//
// github.com/99designs/keyring asks for the session bus in its package
// init; without DBUS_SESSION_BUS_ADDRESS, godbus then runs dbus-launch,
// which leaves a dbus-daemon behind at every start of the app or the CLI,
// and makes the desktop's keychain check ask GNOME Keyring to create a
// keyring through a dialog. Go initializes packages in import-path order
// where imports allow (Go 1.21 and later): this module's path sorts before
// github.com/…, so its init runs before the keyring's and marks the bus
// "disabled:" (an address godbus cannot dial: no launch, no backend). The
// secrets package, initialized after the keyring, calls Undo, so that
// nothing else (GTK) sees the marker.
//
// It is a module of its own only for its import path; ./backend/secrets
// imports it, and a test there checks that no dbus-launch runs.
package dbusguard

import (
	"os"
	"strconv"
)

const envVar = "DBUS_SESSION_BUS_ADDRESS"

// disabled is what init set the variable to, "" when it left it alone.
var disabled string

func init() {
	if os.Getenv(envVar) != "" || sessionBusDiscoverable() {
		return
	}
	disabled = "disabled:"
	os.Setenv(envVar, disabled)
}

// sessionBusDiscoverable says whether godbus finds a session bus without
// launching one: the socket (or address file) in the user's runtime dir.
func sessionBusDiscoverable() bool {
	dir := os.Getenv("XDG_RUNTIME_DIR")
	if dir == "" {
		dir = "/run/user/" + strconv.Itoa(os.Getuid()) // godbus's fallback
	}
	for _, name := range []string{"/bus", "/dbus-session"} {
		if _, err := os.Stat(dir + name); err == nil {
			return true
		}
	}
	return false
}

// Undo takes back what init set; it leaves a value someone set since alone.
func Undo() {
	if disabled != "" && os.Getenv(envVar) == disabled {
		os.Unsetenv(envVar)
	}
	disabled = ""
}
