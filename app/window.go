package app

import "github.com/keydesk/keydesk/backend/desk"

// WindowBackground returns the colour the window of the data dir home
// (empty: the default one) shows until the page paints (~0.3 s at a cold
// start): the body colour of the scheme the page last showed, so a dark app
// does not flash white. Mantine's light and dark body colours.
func WindowBackground(home string) (r, g, b uint8) {
	if desk.ColorScheme(home) == "dark" {
		return 0x24, 0x24, 0x24
	}
	return 0xff, 0xff, 0xff
}

// SetColorScheme records the colour scheme the page shows, "light" or
// "dark", for the window's background at the next start. It works before
// the desk is open: the page may say it at once.
func (s *SettingsAPI) SetColorScheme(scheme string) error {
	return wrap(desk.SetColorScheme(s.app.cfg.Home, scheme))
}
