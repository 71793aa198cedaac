package secrets_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/keydesk/keydesk/backend/keys"
	"github.com/keydesk/keydesk/backend/secrets"
)

func roundTrip(t *testing.T, s secrets.Store) string {
	t.Helper()
	secret, _ := keys.NewSecret("kd", nil)
	name := secrets.RememberedKey("ws_test", "key_"+secret[3:9])
	if _, err := s.Get(name); !errors.Is(err, secrets.ErrNotFound) {
		t.Fatalf("Get before Set: %v", err)
	}
	if err := s.Set(name, secret); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Get(name); err != nil || got != secret {
		t.Fatalf("Get = %q, %v", got, err)
	}
	if err := s.Delete(name); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(name); !errors.Is(err, secrets.ErrNotFound) {
		t.Fatalf("Get after Delete: %v", err)
	}
	if err := s.Delete(name); err != nil {
		t.Fatalf("deleting a missing secret: %v", err)
	}
	if err := s.Set(name, secret); err != nil {
		t.Fatal(err)
	}
	return secret
}

func TestMemory(t *testing.T) {
	roundTrip(t, secrets.NewMemory())
}

func TestFileBackendIsEncrypted(t *testing.T) {
	dir := t.TempDir()
	s, info := secrets.Open(secrets.Config{Dir: dir, Backend: "file", Password: "correct horse"})
	if info.Backend != "file" || !info.Persistent {
		t.Fatalf("info = %+v", info)
	}
	secret := roundTrip(t, s)
	var files int
	filepath.Walk(dir, func(path string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		files++
		data, _ := os.ReadFile(path)
		if bytes.Contains(data, []byte(secret)) || bytes.Contains(data, []byte(secret[3:20])) {
			t.Fatalf("%s holds the secret in plaintext", path)
		}
		return nil
	})
	if files == 0 {
		t.Fatal("the file backend wrote nothing")
	}
	// Reopened with the passphrase, the secret is still there.
	again, _ := secrets.Open(secrets.Config{Dir: dir, Backend: "file", Password: "correct horse"})
	if got, err := again.Get(secrets.RememberedKey("ws_test", "key_"+secret[3:9])); err != nil || got != secret {
		t.Fatalf("after reopen: %q, %v", got, err)
	}
	// A wrong passphrase is not silently accepted.
	wrong, info := secrets.Open(secrets.Config{Dir: dir, Backend: "file", Password: "wrong"})
	if info.Backend != "memory" || info.Problem == "" || info.Persistent {
		t.Fatalf("wrong passphrase opened %+v", info)
	}
	roundTrip(t, wrong)
}

func TestUnusableBackendFallsBackToMemory(t *testing.T) {
	cases := map[string]secrets.Config{
		"file without passphrase": {Dir: t.TempDir(), Backend: "file"},
		"unknown backend":         {Backend: "pass-the-salt"},
		"forced memory":           {Backend: "memory"},
	}
	for name, cfg := range cases {
		t.Run(name, func(t *testing.T) {
			s, info := secrets.Open(cfg)
			if info.Backend != "memory" || info.Persistent || info.Problem == "" {
				t.Fatalf("info = %+v", info)
			}
			roundTrip(t, s)
		})
	}
}

func TestUnknownBackendIsNamed(t *testing.T) {
	for _, ok := range []string{"", "file", "secret-service", "kwallet", "keychain", "wincred", "keyctl", "memory"} {
		if err := secrets.CheckBackend(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	err := secrets.CheckBackend("fiel")
	if err == nil || !strings.Contains(err.Error(), `must be one of file, secret-service, kwallet, keychain, wincred, keyctl, memory, got "fiel"`) {
		t.Fatalf("fiel: %v", err)
	}
	if _, info := secrets.Open(secrets.Config{Backend: "fiel"}); info.Problem != err.Error() {
		t.Fatalf("problem = %q", info.Problem)
	}
}

// TestSecretService runs against a real gnome-keyring; scripts/test-go.sh
// starts one in dbus-run-session and sets KEYDESK_TEST_SECRET_SERVICE.
func TestSecretService(t *testing.T) {
	if os.Getenv("KEYDESK_TEST_SECRET_SERVICE") == "" {
		t.Skip("set KEYDESK_TEST_SECRET_SERVICE=1 inside a session with gnome-keyring running")
	}
	s, info := secrets.Open(secrets.Config{Dir: t.TempDir()})
	if info.Backend != "secret-service" || !info.Persistent {
		t.Fatalf("info = %+v", info)
	}
	roundTrip(t, s)

	// Once the user chose the encrypted file and it holds the secrets, the
	// keychain is not asked (it could prompt for a keyring of its own):
	// the file is, locked until its passphrase, or open with it.
	dir := t.TempDir()
	file, _, err := secrets.OpenFile(dir, "correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if err := file.Set(secrets.WorkspaceAccessKey("wsl_x"), "kd_x"); err != nil {
		t.Fatal(err)
	}
	if _, info := secrets.Open(secrets.Config{Dir: dir}); info.Backend != "memory" || !info.Locked {
		t.Fatalf("with the file holding the secrets, no passphrase: %+v", info)
	}
	if _, info := secrets.Open(secrets.Config{Dir: dir, Password: "correct horse"}); info.Backend != "file" {
		t.Fatalf("with the file holding the secrets and its passphrase: %+v", info)
	}
}

// TestEncryptedFileLockedAfterRestart: started again without the
// passphrase, Keydesk knows its secrets are in the encrypted file (locked,
// not lost), and only the right passphrase opens it.
func TestEncryptedFileLockedAfterRestart(t *testing.T) {
	dir := t.TempDir()
	if secrets.FileHoldsSecrets(dir) {
		t.Fatal("an empty dir holds secrets")
	}
	s, _, err := secrets.OpenFile(dir, "correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if secrets.FileHoldsSecrets(dir) {
		t.Fatal("the probe item counts as a secret")
	}
	secret, _ := keys.NewSecret("kd", nil)
	name := secrets.RememberedKey("ws_test", "key_"+secret[3:9])
	if err := s.Set(name, secret); err != nil {
		t.Fatal(err)
	}
	if !secrets.FileHoldsSecrets(dir) {
		t.Fatal("the file's secret is not seen")
	}

	for _, backend := range []string{"", "file"} {
		_, info := secrets.Open(secrets.Config{Dir: dir, Backend: backend})
		if !info.Locked || info.Persistent || info.Backend != "memory" || !strings.Contains(info.Problem, "passphrase") {
			t.Fatalf("KEYDESK_KEYRING=%q without a passphrase: %+v", backend, info)
		}
	}
	if _, info := secrets.Open(secrets.Config{Dir: dir, Backend: "memory"}); info.Locked {
		t.Fatal("memory asked for explicitly is not a locked file")
	}
	if _, info := secrets.Open(secrets.Config{Dir: t.TempDir()}); info.Locked {
		t.Fatal("no file, nothing locked")
	}

	if _, _, err := secrets.OpenFile(dir, "wrong horse"); !errors.Is(err, secrets.ErrWrongPassphrase) {
		t.Fatalf("wrong passphrase: %v", err)
	}
	again, info, err := secrets.OpenFile(dir, "correct horse")
	if err != nil || !info.Persistent || info.Backend != "file" {
		t.Fatalf("right passphrase: %+v, %v", info, err)
	}
	if got, err := again.Get(name); err != nil || got != secret {
		t.Fatalf("after unlock: %v", err)
	}
}

// TestNoSessionBusIsNeverLaunched: without a session bus, neither the
// keychain library (at init) nor Open starts one (dbus-launch leaves a
// dbus-daemon behind at every run of the app or the CLI), and the rest of
// the program sees DBUS_SESSION_BUS_ADDRESS as it was. The check runs in a
// child process: init happens once per process.
func TestNoSessionBusIsNeverLaunched(t *testing.T) {
	if os.Getenv("KEYDESK_DBUS_CHILD") == "1" {
		_, info := secrets.Open(secrets.Config{Dir: t.TempDir()})
		fmt.Printf("backend=%s bus=%q\n", info.Backend, os.Getenv("DBUS_SESSION_BUS_ADDRESS"))
		return
	}
	bin, marker := t.TempDir(), filepath.Join(t.TempDir(), "launched")
	script := "#!/bin/sh\n: >" + marker + "\nexit 1\n"
	if err := os.WriteFile(filepath.Join(bin, "dbus-launch"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestNoSessionBusIsNeverLaunched$", "-test.count=1")
	cmd.Env = []string{"PATH=" + bin, "HOME=" + t.TempDir(), "XDG_RUNTIME_DIR=" + t.TempDir(), "KEYDESK_DBUS_CHILD=1"}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Fatal("dbus-launch ran")
	}
	if !strings.Contains(string(out), `backend=memory bus=""`) {
		t.Fatalf("child said:\n%s", out)
	}
}
