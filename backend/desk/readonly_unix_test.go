//go:build unix

package desk_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/keydesk/keydesk/backend/desk"
	"github.com/keydesk/keydesk/backend/secrets"
)

// TestReadOnlyDataDir: a data dir, or a database in it, that cannot be
// written stops the desk with an error naming it; nothing is moved aside
// or changed. As root (CI), the desk runs as nobody in a child process:
// root writes anywhere.
func TestReadOnlyDataDir(t *testing.T) {
	base, err := os.MkdirTemp("", "keydesk-readonly-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(base, 0o755); chmodAll(filepath.Join(base, "x"), 0o755, 0o644); os.RemoveAll(base) })
	os.Chmod(base, 0o755)

	home := filepath.Join(base, "x", "Keydesk")
	d := open(t, home, secrets.NewMemory(), nil)
	d.Close()
	os.Chmod(filepath.Dir(home), 0o755)
	db, _ := os.ReadFile(filepath.Join(home, "desk.db"))

	t.Run("data dir read-only", func(t *testing.T) {
		chmodAll(home, 0o555, 0o444)
		defer chmodAll(home, 0o755, 0o644)
		msg := openUnprivileged(t, base, home)
		if !strings.Contains(msg, "the data directory "+home+" is not writable") || !strings.Contains(msg, "KEYDESK_HOME") {
			t.Fatalf("Open said %q", msg)
		}
	})
	t.Run("database read-only", func(t *testing.T) {
		chmodAll(home, 0o777, 0o444)
		defer chmodAll(home, 0o755, 0o644)
		msg := openUnprivileged(t, base, home)
		if !strings.Contains(msg, filepath.Join(home, "desk.db")) || !strings.Contains(msg, "not writable") {
			t.Fatalf("Open said %q", msg)
		}
	})
	t.Run("parent read-only", func(t *testing.T) {
		fresh := filepath.Join(base, "x", "sub", "Keydesk")
		os.MkdirAll(filepath.Dir(fresh), 0o555)
		os.Chmod(filepath.Dir(fresh), 0o555)
		msg := openUnprivileged(t, base, fresh)
		if !strings.Contains(msg, "create the data directory "+fresh) {
			t.Fatalf("Open said %q", msg)
		}
	})
	if after, _ := os.ReadFile(filepath.Join(home, "desk.db")); !bytes.Equal(after, db) {
		t.Fatal("desk.db changed")
	}
	if aside, _ := filepath.Glob(filepath.Join(home, "*.corrupt-*")); len(aside) > 0 {
		t.Fatalf("a readable database was taken for a damaged one: %v", aside)
	}
}

// chmodAll sets the mode of dir and of every file and directory in it.
func chmodAll(dir string, dirMode, fileMode os.FileMode) {
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return nil
		}
		if fi.IsDir() {
			return os.Chmod(p, dirMode)
		}
		return os.Chmod(p, fileMode)
	})
}

// openUnprivileged opens a desk on home as a user the modes apply to, and
// returns Open's error ("" when it opened).
func openUnprivileged(t *testing.T, base, home string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		d, err := desk.Open(context.Background(), desk.Options{Home: home, Secrets: secrets.NewMemory(), LocalAddr: "127.0.0.1:0"})
		if err != nil {
			return err.Error()
		}
		d.Close()
		return ""
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// A copy nobody may run: go test keeps the binary in a root-only dir.
	bin := filepath.Join(base, "desk.test")
	if _, err := os.Stat(bin); err != nil {
		data, err := os.ReadFile(exe)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(bin, data, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(bin, "-test.run=^TestOpenChild$")
	cmd.Env = []string{"KEYDESK_TEST_OPEN_HOME=" + home, "PATH=/usr/bin:/bin"}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, _ := cmd.CombinedOutput()
	_, msg, ok := strings.Cut(string(out), "OPEN RESULT: ")
	if !ok {
		t.Fatalf("the child did not report: %s", out)
	}
	msg, _, _ = strings.Cut(msg, "\n")
	return strings.TrimSpace(msg)
}

// TestOpenChild is run by openUnprivileged in a child process.
func TestOpenChild(t *testing.T) {
	home := os.Getenv("KEYDESK_TEST_OPEN_HOME")
	if home == "" {
		t.Skip("run by TestReadOnlyDataDir in a child process")
	}
	d, err := desk.Open(context.Background(), desk.Options{Home: home, Secrets: secrets.NewMemory(), LocalAddr: "127.0.0.1:0"})
	if err == nil {
		d.Close()
		fmt.Println("OPEN RESULT: ")
		return
	}
	fmt.Println("OPEN RESULT: " + err.Error())
}
