package app_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/keydesk/keydesk/app"
)

func TestWindowBackgroundFollowsTheColorScheme(t *testing.T) {
	home := t.TempDir()
	a := app.New(app.Config{Home: home})
	rgb := func() [3]uint8 {
		r, g, b := app.WindowBackground(home)
		return [3]uint8{r, g, b}
	}
	white, dark := [3]uint8{0xff, 0xff, 0xff}, [3]uint8{0x24, 0x24, 0x24}
	if got := rgb(); got != white {
		t.Fatalf("before anything was said: %v, want white", got)
	}
	// Said before the desk is open: the page may say it at once.
	if err := a.Settings.SetColorScheme("dark"); err != nil {
		t.Fatal(err)
	}
	if got := rgb(); got != dark {
		t.Fatalf("after dark: %v", got)
	}
	if err := a.Settings.SetColorScheme("light"); err != nil {
		t.Fatal(err)
	}
	if got := rgb(); got != white {
		t.Fatalf("after light: %v", got)
	}

	// Anything else is refused, naming the field and the rule, and changes nothing.
	err := a.Settings.SetColorScheme("blue")
	var appErr *app.Error
	if !errors.As(err, &appErr) || appErr.Code != app.CodeInvalidInput || appErr.Field != "colorScheme" || appErr.Message != `colorScheme must be light or dark, got "blue"` {
		t.Fatalf("blue: %v", err)
	}
	if got := rgb(); got != white {
		t.Fatalf("after a refused scheme: %v", got)
	}

	// A damaged file is read as nothing said.
	if err := os.WriteFile(filepath.Join(home, "window.json"), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := rgb(); got != white {
		t.Fatalf("damaged file: %v", got)
	}
}
