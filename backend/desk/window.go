package desk

import (
	"encoding/json"
	"os"
	"path/filepath"
)

// The colour scheme the desktop's page last showed, "light" or "dark": the
// window shows its background before the page paints. Kept in a file of its
// own in the data dir, as it is read before anything else is opened.
const windowFile = "window.json"

type windowPrefs struct {
	ColorScheme string `json:"colorScheme"`
}

// ColorScheme returns what SetColorScheme last stored for the data dir home
// (empty: DefaultHome), or "" if nothing readable was.
func ColorScheme(home string) string {
	dir, err := homeOrDefault(home)
	if err != nil {
		return ""
	}
	var prefs windowPrefs
	data, err := os.ReadFile(filepath.Join(dir, windowFile))
	if err != nil || json.Unmarshal(data, &prefs) != nil || !validColorScheme(prefs.ColorScheme) {
		return ""
	}
	return prefs.ColorScheme
}

// SetColorScheme stores the colour scheme the page shows, "light" or "dark".
func SetColorScheme(home, scheme string) error {
	if !validColorScheme(scheme) {
		return fieldError("colorScheme", "must be light or dark, got %q", scheme)
	}
	if ColorScheme(home) == scheme {
		return nil
	}
	dir, err := homeOrDefault(home)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	data, _ := json.Marshal(windowPrefs{ColorScheme: scheme})
	return writeFileAtomic(filepath.Join(dir, windowFile), data)
}

func validColorScheme(s string) bool { return s == "light" || s == "dark" }
