package fsfail_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/keydesk/keydesk/backend/fsfail"
)

func TestExplain(t *testing.T) {
	dir := t.TempDir()
	locked := filepath.Join(dir, "locked")
	if err := os.WriteFile(locked, []byte("x"), 0o000); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		filepath.Join(dir, "missing"): "there is no file " + filepath.Join(dir, "missing"),
		dir:                           dir + " is a folder, not a file",
	}
	if os.Geteuid() != 0 { // root reads any file
		cases[locked] = "Keydesk may not read " + locked + " (permission denied)"
	}
	for path, want := range cases {
		_, err := os.ReadFile(path)
		if got := fsfail.Explain(path, err); got != want {
			t.Errorf("Explain(%s) = %q, want %q", path, got, want)
		}
	}
}
