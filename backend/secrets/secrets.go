// Package secrets keeps the desktop's secrets (workspace access keys and the
// key secrets a user chose to remember) in the OS keychain, through
// 99designs/keyring. When no keychain can be used it says so and keeps them
// in memory only: a secret is never written anywhere else.
package secrets

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"dbusguard.keydesk.invalid"
	"github.com/99designs/keyring"
)

// The keyring package has asked for the session bus by now (see
// dbusguard): the rest of the program sees the environment as it was.
func init() { dbusguard.Undo() }

// ServiceName is the keychain service every Keydesk item is stored under.
const ServiceName = "keydesk"

// ErrNotFound means no secret is stored under that name.
var ErrNotFound = errors.New("no such secret in the keychain")

// ErrWrongPassphrase means the passphrase does not decrypt the secrets
// already in the encrypted file.
var ErrWrongPassphrase = errors.New("the passphrase does not unlock the encrypted file")

// Store holds secrets by name.
type Store interface {
	Get(name string) (string, error)
	Set(name, value string) error
	Delete(name string) error
}

// Info describes the backend in use, for Settings.
type Info struct {
	Backend    string `json:"backend"`    // keyring backend id, or "memory"
	Label      string `json:"label"`      // words for the user
	Persistent bool   `json:"persistent"` // false: secrets are forgotten when the app quits
	Problem    string `json:"problem"`    // why the preferred keychain could not be used
	// Locked: an encrypted file holds Keydesk's secrets but no passphrase
	// was given; they come back once it is entered (the desk's UseEncryptedFile).
	Locked bool `json:"locked"`
}

// Config chooses and unlocks a backend.
type Config struct {
	Dir      string // directory of the encrypted-file backend
	Backend  string // KEYDESK_KEYRING: file, secret-service, kwallet, keychain, wincred, keyctl, memory
	Password string // KEYDESK_KEYRING_PASSWORD, for the file backend
}

// ConfigFromEnv reads KEYDESK_KEYRING and KEYDESK_KEYRING_PASSWORD.
func ConfigFromEnv(dir string) Config {
	return Config{Dir: dir, Backend: os.Getenv("KEYDESK_KEYRING"), Password: os.Getenv("KEYDESK_KEYRING_PASSWORD")}
}

var labels = map[keyring.BackendType]string{
	keyring.KeychainBackend:      "macOS Keychain",
	keyring.WinCredBackend:       "Windows Credential Manager",
	keyring.SecretServiceBackend: "Secret Service (GNOME Keyring / KeePassXC)",
	keyring.KWalletBackend:       "KWallet",
	keyring.KeyCtlBackend:        "Linux kernel keyring",
	keyring.FileBackend:          "Encrypted file",
}

// Backends are the values KEYDESK_KEYRING takes, in the order a user reads them.
var Backends = []string{
	string(keyring.FileBackend), string(keyring.SecretServiceBackend), string(keyring.KWalletBackend),
	string(keyring.KeychainBackend), string(keyring.WinCredBackend), string(keyring.KeyCtlBackend), "memory",
}

// CheckBackend says what is wrong with a KEYDESK_KEYRING value ("" is the
// platform's own keychain): a typo must not quietly leave a key unprotected.
func CheckBackend(name string) error {
	if name == "" || slices.Contains(Backends, name) {
		return nil
	}
	return fmt.Errorf("KEYDESK_KEYRING must be one of %s, got %q", strings.Join(Backends, ", "), name)
}

// Open returns the best usable store. It never fails: when no keychain can be
// used it returns an in-memory store whose Info says why.
func Open(cfg Config) (Store, Info) {
	if err := CheckBackend(cfg.Backend); err != nil {
		return NewMemory(), Info{Backend: "memory", Label: "Not remembered (unknown keychain)", Problem: err.Error()}
	}
	if cfg.Backend == "memory" {
		return NewMemory(), Info{Backend: "memory", Label: "Not remembered (memory only)", Problem: "KEYDESK_KEYRING is set to memory"}
	}
	candidates := osBackends()
	switch {
	case cfg.Backend != "":
		candidates = []keyring.BackendType{keyring.BackendType(cfg.Backend)}
	case FileHoldsSecrets(cfg.Dir):
		// The user chose the encrypted file (Settings), and it holds the
		// secrets: the OS keychain is not asked, and cannot prompt for a
		// keyring of its own (GNOME's "Choose password for new keyring").
		candidates = nil
		if cfg.Password != "" {
			candidates = []keyring.BackendType{keyring.FileBackend}
		}
	case cfg.Password != "":
		candidates = append(candidates, keyring.FileBackend)
	}
	var problems []error
	for _, b := range candidates {
		kr, err := open(b, cfg)
		if err == nil {
			return &keyringStore{kr: kr}, Info{Backend: string(b), Label: labels[b], Persistent: true}
		}
		problems = append(problems, fmt.Errorf("%s: %w", labels[b], err))
	}
	// The OS keychain was never there (or KEYDESK_KEYRING asks for the file)
	// but an earlier run kept its secrets in the encrypted file: they are
	// locked, not lost.
	if cfg.Password == "" && (cfg.Backend == "" || cfg.Backend == string(keyring.FileBackend)) && FileHoldsSecrets(cfg.Dir) {
		return NewMemory(), Info{Backend: "memory", Label: "Encrypted file (locked)", Locked: true,
			Problem: "the encrypted file that holds Keydesk's secrets is locked until you enter its passphrase"}
	}
	problem := "no keychain is available on this system"
	if len(problems) > 0 {
		problem = errors.Join(problems...).Error()
	}
	return NewMemory(), Info{Backend: "memory", Label: "Not remembered (no keychain available)", Problem: problem}
}

// FileHoldsSecrets says whether the encrypted file under dir holds any
// secret (each item is a file of its own in dir/keyring).
func FileHoldsSecrets(dir string) bool {
	if dir == "" {
		return false
	}
	entries, err := os.ReadDir(filepath.Join(dir, "keyring"))
	if err != nil {
		return false
	}
	for _, e := range entries {
		if e.Type().IsRegular() && e.Name() != probeItem {
			return true
		}
	}
	return false
}

// OpenFile opens the encrypted file under dir with a passphrase: a new
// one, or the one an earlier run made (ErrWrongPassphrase when the
// passphrase does not decrypt what it holds).
func OpenFile(dir, passphrase string) (Store, Info, error) {
	kr, err := open(keyring.FileBackend, Config{Dir: dir, Backend: string(keyring.FileBackend), Password: passphrase})
	if err != nil {
		return nil, Info{}, err
	}
	return &keyringStore{kr: kr}, Info{Backend: string(keyring.FileBackend), Label: labels[keyring.FileBackend], Persistent: true}, nil
}

// osBackends lists the platform's keychains in order of preference.
func osBackends() []keyring.BackendType {
	switch runtime.GOOS {
	case "darwin":
		return []keyring.BackendType{keyring.KeychainBackend}
	case "windows":
		return []keyring.BackendType{keyring.WinCredBackend}
	}
	// Without a session bus there is no Secret Service or KWallet to ask,
	// and dbus would try to autolaunch one.
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		return nil
	}
	return []keyring.BackendType{keyring.SecretServiceBackend, keyring.KWalletBackend}
}

func open(b keyring.BackendType, cfg Config) (keyring.Keyring, error) {
	if b == keyring.FileBackend && cfg.Password == "" {
		return nil, errors.New("the encrypted file needs a passphrase (KEYDESK_KEYRING_PASSWORD)")
	}
	if b == keyring.FileBackend && cfg.Dir == "" {
		return nil, errors.New("no directory for the encrypted file")
	}
	kcfg := keyring.Config{
		ServiceName:     ServiceName,
		AllowedBackends: []keyring.BackendType{b},
		// "login" is the collection every desktop session unlocks; the
		// default would ask to create a new one through a GUI prompt.
		LibSecretCollectionName:  "login",
		KWalletAppID:             "keydesk",
		KWalletFolder:            "keydesk",
		KeychainTrustApplication: true,
		KeyCtlScope:              "user",
		FileDir:                  filepath.Join(cfg.Dir, "keyring"),
		FilePasswordFunc:         func(string) (string, error) { return cfg.Password, nil },
	}
	type result struct {
		kr  keyring.Keyring
		err error
	}
	done := make(chan result, 1)
	go func() {
		kr, err := keyring.Open(kcfg)
		if err == nil {
			err = probe(kr)
		}
		// The file opens with any passphrase: only reading an item tells.
		if b == keyring.FileBackend && errors.Is(err, errUnreadable) {
			err = ErrWrongPassphrase
		}
		done <- result{kr, err}
	}()
	select {
	case r := <-done:
		return r.kr, r.err
	case <-time.After(5 * time.Second):
		return nil, errors.New("the keychain did not answer within 5 seconds")
	}
}

// probe proves a backend works: a backend can open and still be unusable
// (a locked collection, a wrong passphrase for the file). It reads an
// existing item, then writes and removes a probe item.
func probe(kr keyring.Keyring) error {
	names, err := kr.Keys()
	if err != nil {
		return err
	}
	for _, name := range names {
		if name != probeItem {
			if _, err := kr.Get(name); err != nil && !errors.Is(err, keyring.ErrKeyNotFound) {
				return fmt.Errorf("%w: %w", errUnreadable, err)
			}
			break
		}
	}
	if err := kr.Set(keyring.Item{Key: probeItem, Data: []byte("ok"), Label: "Keydesk: keychain check"}); err != nil {
		return err
	}
	return kr.Remove(probeItem)
}

const probeItem = "keydesk-probe"

// errUnreadable: an item the backend lists cannot be read back.
var errUnreadable = errors.New("an item in the keychain cannot be read")

type keyringStore struct{ kr keyring.Keyring }

func (s *keyringStore) Get(name string) (string, error) {
	item, err := s.kr.Get(name)
	if errors.Is(err, keyring.ErrKeyNotFound) {
		return "", ErrNotFound
	}
	if err != nil {
		return "", fmt.Errorf("read %s from the keychain: %w", name, err)
	}
	return string(item.Data), nil
}

func (s *keyringStore) Set(name, value string) error {
	err := s.kr.Set(keyring.Item{Key: name, Data: []byte(value), Label: "Keydesk: " + name})
	if err != nil {
		return fmt.Errorf("write %s to the keychain: %w", name, err)
	}
	return nil
}

func (s *keyringStore) Delete(name string) error {
	err := s.kr.Remove(name)
	if err != nil && !errors.Is(err, keyring.ErrKeyNotFound) && !os.IsNotExist(err) {
		return fmt.Errorf("remove %s from the keychain: %w", name, err)
	}
	return nil
}

// NewMemory returns a store that forgets everything when the process ends.
func NewMemory() Store { return &keyringStore{kr: keyring.NewArrayKeyring(nil)} }

// Names of the items Keydesk keeps.

// WorkspaceAccessKey names the access key the desktop uses for a workspace.
func WorkspaceAccessKey(workspaceID string) string { return "workspace/" + workspaceID + "/access" }

// RememberedKey names a key secret the user chose to remember.
func RememberedKey(workspaceID, keyID string) string {
	return "workspace/" + workspaceID + "/keys/" + keyID
}
