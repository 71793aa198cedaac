package app

import (
	"os"
	"testing"
)

func TestTuneWebEngineSetsDefaultsButKeepsTheUsers(t *testing.T) {
	if len(webEngineDefaults) == 0 {
		t.Fatal("no web engine defaults")
	}
	for name := range webEngineDefaults {
		// t.Setenv restores each at the end; Unsetenv makes it absent.
		t.Setenv(name, "")
		os.Unsetenv(name)
	}
	TuneWebEngine()
	for name, want := range webEngineDefaults {
		if got, ok := os.LookupEnv(name); !ok || got != want {
			t.Errorf("%s = %q (set %v), want %q", name, got, ok, want)
		}
	}

	t.Setenv("JSC_useDFGJIT", "true")
	TuneWebEngine()
	if got := os.Getenv("JSC_useDFGJIT"); got != "true" {
		t.Errorf("JSC_useDFGJIT = %q, want the user's %q kept", got, "true")
	}
}
