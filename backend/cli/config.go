package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/fsfail"
	"github.com/keydesk/keydesk/backend/secrets"
)

// The stored login: the server URL and what the key is in a JSON file in the
// CLI's config dir, the key itself in the OS keychain — or, when there is
// no persistent keychain, in that file (mode 0600).
const (
	configFileName = "config.json"
	loginItem      = "cli/login" // the keychain item holding the login's key

	storeKeychain = "keychain"
	storeFile     = "file"
)

type loginConfig struct {
	Server        string    `json:"server"`
	KeyID         string    `json:"keyId"`
	KeyName       string    `json:"keyName,omitempty"`
	WorkspaceID   string    `json:"workspaceId"`
	WorkspaceName string    `json:"workspaceName,omitempty"`
	Role          string    `json:"role,omitempty"`
	LoggedInAt    time.Time `json:"loggedInAt"`
	// KeyStore is "keychain" (Keychain names the backend) or "file" (APIKey
	// holds the key).
	KeyStore      string `json:"keyStore"`
	Keychain      string `json:"keychain,omitempty"`
	KeychainLabel string `json:"keychainLabel,omitempty"`
	APIKey        string `json:"apiKey,omitempty"`
}

// configDir is $KEYDESK_CONFIG_DIR, else the OS config dir + keydesk
// (~/.config/keydesk on Linux).
func configDir(stdio IO) (string, error) {
	if d := stdio.Getenv("KEYDESK_CONFIG_DIR"); d != "" {
		return d, nil
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("cannot find a config directory for the stored login (set KEYDESK_CONFIG_DIR): %w", err)
	}
	return filepath.Join(d, "keydesk"), nil
}

func configPath(stdio IO) (string, error) {
	d, err := configDir(stdio)
	if err != nil {
		return "", err
	}
	return filepath.Join(d, configFileName), nil
}

// loadLogin returns the stored login, or nil when there is none.
func loadLogin(stdio IO) (*loginConfig, string, error) {
	path, err := configPath(stdio)
	if err != nil {
		return nil, "", err
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, path, nil
	}
	if err != nil {
		return nil, path, fmt.Errorf("cannot read the stored login: %s", fsfail.Explain(path, err))
	}
	var c loginConfig
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, path, fmt.Errorf("the stored login %s is not valid JSON (run keydesk auth logout, then log in again): %w", path, err)
	}
	return &c, path, nil
}

func saveLogin(path string, c *loginConfig) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("cannot create the config directory %s: %s", filepath.Dir(path), fsfail.ExplainWrite(filepath.Dir(path), err))
	}
	data, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	return writeFiles([]fileWrite{{path: path, data: append(data, '\n')}})
}

// keychainConfig opens the keychain the way the desktop does, honouring
// KEYDESK_KEYRING and KEYDESK_KEYRING_PASSWORD (read through stdio.Getenv,
// like every other variable of the CLI). backend, when set, overrides
// KEYDESK_KEYRING: a stored login is read back from where it was written.
func keychainConfig(stdio IO, dir, backend string) secrets.Config {
	cfg := secrets.Config{Dir: dir, Backend: stdio.Getenv("KEYDESK_KEYRING"), Password: stdio.Getenv("KEYDESK_KEYRING_PASSWORD")}
	if backend != "" {
		cfg.Backend = backend
	}
	return cfg
}

// openLoginKeychain opens the keychain a login's key was stored in.
func openLoginKeychain(stdio IO, c *loginConfig, path string) (secrets.Store, error) {
	store, info := secrets.Open(keychainConfig(stdio, filepath.Dir(path), c.Keychain))
	if info.Backend != c.Keychain {
		hint := ""
		if c.Keychain == "file" {
			hint = " (set KEYDESK_KEYRING_PASSWORD to the passphrase used at login)"
		}
		return nil, fmt.Errorf("the stored login's key is in %s, which cannot be opened%s: %s", label(c), hint, info.Problem)
	}
	return store, nil
}

// loginKey reads the key of a stored login.
func loginKey(stdio IO, c *loginConfig, path string) (string, error) {
	switch c.KeyStore {
	case storeFile:
		if c.APIKey == "" {
			return "", fmt.Errorf("the stored login %s holds no key: run keydesk auth login again", path)
		}
		return c.APIKey, nil
	case storeKeychain:
		store, err := openLoginKeychain(stdio, c, path)
		if err != nil {
			return "", err
		}
		key, err := store.Get(loginItem)
		if errors.Is(err, secrets.ErrNotFound) {
			return "", fmt.Errorf("the stored login's key is missing from %s: run keydesk auth login again", label(c))
		}
		return key, err
	}
	return "", fmt.Errorf("the stored login %s names an unknown key store %q: run keydesk auth login again", path, c.KeyStore)
}

// replaceLoginKey stores a rotated key where the login kept the old one.
func replaceLoginKey(stdio IO, c *loginConfig, path string, key api.Key, secret string) error {
	switch c.KeyStore {
	case storeFile:
		c.APIKey = secret
	case storeKeychain:
		store, err := openLoginKeychain(stdio, c, path)
		if err != nil {
			return err
		}
		if err := store.Set(loginItem, secret); err != nil {
			return err
		}
	}
	c.KeyID, c.KeyName = key.ID, key.Name
	return saveLogin(path, c)
}

// label says where a login's key is, in words.
func label(c *loginConfig) string {
	switch {
	case c.KeyStore == storeFile:
		return "the config file"
	case c.KeychainLabel != "":
		return c.KeychainLabel
	}
	return "the keychain " + c.Keychain
}

// keychainLabel names a keychain for the user; the encrypted file's words
// say where it is.
func keychainLabel(info secrets.Info, dir string) string {
	if info.Backend == "file" {
		return "the encrypted file keychain " + filepath.Join(dir, "keyring")
	}
	return info.Label
}
