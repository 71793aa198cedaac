package app

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/keydesk/keydesk/backend/desk"
)

// The window shows its background colour until the page paints (~0.3 s at
// a cold start). It is the page's own, light or dark, as the page last
// said (SettingsAPI.SetColorScheme): a dark app does not flash white. Kept
// in a file of its own, as it is read before anything else is opened.
const windowFile = "window.json"

type windowPrefs struct {
	ColorScheme string `json:"colorScheme"`
}

// The body colours of Mantine's light and dark schemes.
var windowColors = map[string][3]uint8{
	"light": {0xff, 0xff, 0xff},
	"dark":  {0x24, 0x24, 0x24},
}

// WindowBackground returns the colour for the window of the data dir home
// (empty: the default one): light unless the page said dark.
func WindowBackground(home string) (r, g, b uint8) {
	c := windowColors["light"]
	if dir, err := homeDir(home); err == nil {
		var prefs windowPrefs
		if data, err := os.ReadFile(filepath.Join(dir, windowFile)); err == nil && json.Unmarshal(data, &prefs) == nil {
			if known, ok := windowColors[prefs.ColorScheme]; ok {
				c = known
			}
		}
	}
	return c[0], c[1], c[2]
}

func homeDir(home string) (string, error) {
	if home != "" {
		return home, nil
	}
	return desk.DefaultHome()
}

// SetColorScheme records the colour scheme the page shows, "light" or
// "dark", for the window's background at the next start.
func (s *SettingsAPI) SetColorScheme(scheme string) error {
	if _, ok := windowColors[scheme]; !ok {
		return &Error{Code: CodeInvalidInput, Field: "colorScheme", Message: fmt.Sprintf("colorScheme must be light or dark, got %q", scheme)}
	}
	dir, err := homeDir(s.app.cfg.Home)
	if err != nil {
		return wrap(err)
	}
	path := filepath.Join(dir, windowFile)
	data, _ := json.Marshal(windowPrefs{ColorScheme: scheme})
	if old, err := os.ReadFile(path); err == nil && string(old) == string(data) {
		return nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return wrap(err)
	}
	// Written aside and renamed: a crash leaves the old file or the new one.
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return wrap(err)
	}
	return wrap(os.Rename(tmp, path))
}
