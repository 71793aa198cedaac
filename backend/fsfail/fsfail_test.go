package fsfail_test

import (
	"os"
	"path/filepath"
	"strings"
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

func TestExplainWrite(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		filepath.Join(dir, "missing", "key"): "there is no folder " + filepath.Join(dir, "missing"),
		filepath.Join(file, "key"):           "a part of " + file + " is a file, not a folder",
	}
	for path, want := range cases {
		f, err := os.CreateTemp(filepath.Dir(path), ".key.tmp-*")
		if err == nil {
			f.Close()
			t.Fatalf("created %s", f.Name())
		}
		got := fsfail.ExplainWrite(path, err)
		if got != want {
			t.Errorf("ExplainWrite(%s) = %q, want %q", path, got, want)
		}
		if strings.Contains(got, ".tmp-") {
			t.Errorf("names the temporary file: %q", got)
		}
	}
}
