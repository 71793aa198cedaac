package cli_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoginStatusLogout(t *testing.T) {
	t.Parallel()
	srv := startServer(t)
	key := srv.key(t, "laptop", "member", 30)
	k := key.Secret

	t.Run("the key goes to the keychain, the server URL to the config file", func(t *testing.T) {
		dir := t.TempDir()
		e := env{"KEYDESK_CONFIG_DIR": dir, "KEYDESK_KEYRING": "file", "KEYDESK_KEYRING_PASSWORD": "correct horse"}
		r := kd(t, e, k+"\n", "auth", "login", "-s", srv.URL, "--with-api-key", "-")
		want(t, r, 0, "Logged in to "+srv.URL, key.Key.ID, "encrypted file keychain")
		noSecret(t, r, k)
		cfg := filepath.Join(dir, "config.json")
		if strings.Contains(readFile(t, cfg), k) {
			t.Fatalf("the key is in the config file although a keychain holds it:\n%s", readFile(t, cfg))
		}
		if !strings.Contains(readFile(t, cfg), srv.URL) {
			t.Fatalf("the server URL is not in the config file:\n%s", readFile(t, cfg))
		}
		wantMode0600(t, cfg)
		if items, _ := os.ReadDir(filepath.Join(dir, "keyring")); len(items) != 1 {
			t.Fatalf("keyring items: %v", items)
		}

		// Later commands find both; the keychain is the one used at login
		// even when KEYDESK_KEYRING is no longer set.
		later := env{"KEYDESK_CONFIG_DIR": dir, "KEYDESK_KEYRING_PASSWORD": "correct horse"}
		r = kd(t, later, "", "auth", "status")
		want(t, r, 0, "Server:     "+srv.URL+" (from the stored login)", key.Key.ID, `"laptop"`, "member",
			"Acme ("+srv.WorkspaceID+")", "expires ", "in 29 days", "Key from:   the stored login (the encrypted file keychain "+filepath.Join(dir, "keyring"))
		noSecret(t, r, k)
		r = kd(t, later, "", "auth", "status", "--json")
		want(t, r, 0)
		var st struct {
			Server, KeySource, KeyID, KeyName, Role, WorkspaceID, WorkspaceName string
			LoggedIn                                                            bool
			ExpiresAt                                                           *string
		}
		if err := json.Unmarshal([]byte(r.out), &st); err != nil {
			t.Fatal(err)
		}
		if st.Server != srv.URL || st.KeyID != key.Key.ID || st.Role != "member" || st.WorkspaceID != srv.WorkspaceID ||
			!st.LoggedIn || st.ExpiresAt == nil || !strings.Contains(st.KeySource, "stored login") {
			t.Fatalf("status --json = %+v", st)
		}
		noSecret(t, r, k)
		r = kd(t, later, "", "whoami")
		want(t, r, 0, key.Key.ID)
		r = kd(t, env{"KEYDESK_CONFIG_DIR": dir, "KEYDESK_KEYRING_PASSWORD": "correct horse", "KEYDESK_KEYRING": "memory"}, "", "whoami")
		want(t, r, 0, key.Key.ID) // read back from where it was stored

		// A wrong passphrase says what is wrong.
		r = kd(t, env{"KEYDESK_CONFIG_DIR": dir, "KEYDESK_KEYRING_PASSWORD": "wrong"}, "", "whoami")
		want(t, r, 1, "KEYDESK_KEYRING_PASSWORD")

		r = kd(t, later, "", "auth", "logout")
		want(t, r, 0, "Logged out of "+srv.URL)
		if _, err := os.Stat(cfg); !os.IsNotExist(err) {
			t.Fatal("logout left the config file")
		}
		if items, _ := os.ReadDir(filepath.Join(dir, "keyring")); len(items) != 0 {
			t.Fatalf("logout left the key in the keychain: %v", items)
		}
		want(t, kd(t, later, "", "auth", "status"), 2, "not logged in")
		want(t, kd(t, later, "", "whoami"), 2, "no API key")
		want(t, kd(t, later, "", "auth", "logout"), 0, "Not logged in")
	})

	t.Run("without a persistent keychain the config file holds the key, mode 0600", func(t *testing.T) {
		dir := t.TempDir()
		e := env{"KEYDESK_CONFIG_DIR": dir, "KEYDESK_KEYRING": "memory"}
		r := kd(t, e, "", "auth", "login", "-s", srv.URL, "--with-api-key", k)
		want(t, r, 0, "Logged in")
		noSecret(t, r, k)
		cfg := filepath.Join(dir, "config.json")
		if !strings.Contains(r.err, "no persistent keychain") || !strings.Contains(r.err, cfg) {
			t.Fatalf("login does not say where the key went:\n%s", r)
		}
		if !strings.Contains(readFile(t, cfg), k) {
			t.Fatal("the key is not in the config file")
		}
		wantMode0600(t, cfg)
		r = kd(t, e, "", "auth", "status")
		want(t, r, 0, key.Key.ID, cfg+" (mode 0600)")
		noSecret(t, r, k)
		want(t, kd(t, e, "", "auth", "logout"), 0)
		if _, err := os.Stat(cfg); !os.IsNotExist(err) {
			t.Fatal("logout left the key in the config file")
		}
	})

	t.Run("a rejected or malformed key is not stored", func(t *testing.T) {
		dir := t.TempDir()
		e := env{"KEYDESK_CONFIG_DIR": dir, "KEYDESK_KEYRING": "memory", "KEYDESK_SERVER": srv.URL}
		disabled := srv.key(t, "gone", "api", 0)
		srv.disable(t, disabled.Key.ID)
		r := kd(t, e, disabled.Secret, "auth", "login", "--with-api-key", "-")
		want(t, r, 4, "rejected the key", "disabled")
		noSecret(t, r, disabled.Secret)
		r = kd(t, e, "", "auth", "login", "--with-api-key", corrupt(k))
		want(t, r, 1, "checksum")
		noSecret(t, r, corrupt(k))
		if _, err := os.Stat(filepath.Join(dir, "config.json")); !os.IsNotExist(err) {
			t.Fatal("a login was stored for a key that does not work")
		}
		want(t, kd(t, env{"KEYDESK_CONFIG_DIR": dir}, "", "auth", "login", "--with-api-key", k), 2, "-s URL")
		want(t, kd(t, e, "", "auth", "login"), 2, "--with-api-key")
		// A user name and password in the server URL would be stored and printed with it.
		withPassword := strings.Replace(srv.URL, "http://", "http://ada:hunter2@", 1)
		r = kd(t, e, "", "auth", "login", "-s", withPassword, "--with-api-key", k)
		want(t, r, 2, "--server: server URL must not contain a user name or password")
		if strings.Contains(r.out+r.err, "hunter2") {
			t.Fatalf("echoes the password:\n%s", r)
		}
		want(t, kd(t, env{"KEYDESK_SERVER": withPassword}, "", "whoami", "--api-key", k), 2, "KEYDESK_SERVER: server URL must not contain a user name or password")
		out := filepath.Join(dir, "key.txt")
		want(t, kd(t, e, "", "auth", "set-key", k, "--write-key-file", out, "--verify", "-s", withPassword), 2, "--server: server URL must not contain a user name or password")
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Fatal("set-key wrote the key although the server URL was refused")
		}
		// A typo in the keychain's name does not leave the key in a plain file.
		r = kd(t, env{"KEYDESK_CONFIG_DIR": dir, "KEYDESK_KEYRING": "fiel", "KEYDESK_SERVER": srv.URL}, "", "auth", "login", "--with-api-key", k)
		want(t, r, 2, `KEYDESK_KEYRING must be one of file, secret-service`, `got "fiel"`)
		noSecret(t, r, k)
		if _, err := os.Stat(filepath.Join(dir, "config.json")); !os.IsNotExist(err) {
			t.Fatal("a login was stored with an unknown keychain")
		}
		// Logged in to the file keychain, logout without its passphrase
		// removes nothing (the login would be forgotten, the key left in the
		// file); with it, both go.
		fileKeychain := env{"KEYDESK_CONFIG_DIR": dir, "KEYDESK_KEYRING": "file", "KEYDESK_KEYRING_PASSWORD": "pw", "KEYDESK_SERVER": srv.URL}
		want(t, kd(t, fileKeychain, "", "auth", "login", "--with-api-key", k), 0)
		want(t, kd(t, env{"KEYDESK_CONFIG_DIR": dir, "KEYDESK_KEYRING": "file"}, "", "auth", "logout"), 1, "KEYDESK_KEYRING_PASSWORD", "nothing was removed")
		if _, err := os.Stat(filepath.Join(dir, "config.json")); err != nil {
			t.Fatalf("a logout that left the key in the file keychain removed the login: %v", err)
		}
		want(t, kd(t, fileKeychain, "", "auth", "logout"), 0, "Logged out", "and the key from")
		want(t, kd(t, fileKeychain, "", "auth", "status"), 2, "not logged in")

		// Nor does a keychain named but unusable: the file one without its passphrase.
		r = kd(t, env{"KEYDESK_CONFIG_DIR": dir, "KEYDESK_KEYRING": "file", "KEYDESK_SERVER": srv.URL}, "", "auth", "login", "--with-api-key", k)
		want(t, r, 2, "KEYDESK_KEYRING=file cannot store the key", "KEYDESK_KEYRING_PASSWORD", "nothing was stored")
		noSecret(t, r, k)
		if _, err := os.Stat(filepath.Join(dir, "config.json")); !os.IsNotExist(err) {
			t.Fatal("a login was stored in a plain file though the file keychain was asked for")
		}
	})
}

// TestKeySources: --api-key, then --api-key-file, then KEYDESK_API_KEY,
// then the stored login; -s, then KEYDESK_SERVER, then the stored login.
func TestKeySources(t *testing.T) {
	t.Parallel()
	srv := startServer(t)
	flagKey, fileKey, envKey, loginKey := srv.key(t, "flag", "api", 0), srv.key(t, "file", "api", 0), srv.key(t, "env", "api", 0), srv.key(t, "login", "api", 0)
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "key.txt")
	writeFile(t, keyFile, fileKey.Secret+"\n", 0o600)
	cfg := filepath.Join(dir, "cfg")
	want(t, kd(t, env{"KEYDESK_CONFIG_DIR": cfg, "KEYDESK_KEYRING": "memory"}, loginKey.Secret, "auth", "login", "-s", srv.URL, "--with-api-key", "-"), 0)

	whoami := func(e env, args ...string) (keyID, keySource, serverSource string) {
		t.Helper()
		r := kd(t, e, "", append([]string{"whoami", "--json"}, args...)...)
		want(t, r, 0)
		noSecret(t, r, flagKey.Secret, fileKey.Secret, envKey.Secret, loginKey.Secret)
		m := whoamiJSON(t, r)
		return m["keyId"].(string), m["keySource"].(string), m["serverSource"].(string)
	}
	withEnv := env{"KEYDESK_CONFIG_DIR": cfg, "KEYDESK_API_KEY": envKey.Secret}
	for _, c := range []struct {
		name   string
		e      env
		args   []string
		key    string
		source string
	}{
		{"--api-key first", withEnv, []string{"--api-key", flagKey.Secret, "--api-key-file", keyFile}, flagKey.Key.ID, "--api-key"},
		{"then --api-key-file", withEnv, []string{"--api-key-file", keyFile}, fileKey.Key.ID, "--api-key-file " + keyFile},
		{"then KEYDESK_API_KEY", withEnv, nil, envKey.Key.ID, "KEYDESK_API_KEY"},
		{"then the stored login", env{"KEYDESK_CONFIG_DIR": cfg}, nil, loginKey.Key.ID, "the stored login"},
	} {
		id, source, serverSource := whoami(c.e, c.args...)
		if id != c.key || !strings.HasPrefix(source, c.source) || serverSource != "the stored login" {
			t.Errorf("%s: key %s from %q (server from %q), want %s from %q", c.name, id, source, serverSource, c.key, c.source)
		}
	}

	// KEYDESK_API_KEY set to nothing (a CI secret a fork's job cannot read)
	// is refused, not passed over for the stored login's key; a flag still wins.
	empty := env{"KEYDESK_CONFIG_DIR": cfg, "KEYDESK_API_KEY": ""}
	want(t, kd(t, empty, "", "whoami"), 2, "KEYDESK_API_KEY is set but empty")
	want(t, kd(t, env{"KEYDESK_CONFIG_DIR": cfg}, "", "whoami", "--api-key-file", ""), 2, "--api-key-file is empty")
	if id, _, _ := whoami(empty, "--api-key-file", keyFile); id != fileKey.Key.ID {
		t.Errorf("--api-key-file with an empty KEYDESK_API_KEY: key %s", id)
	}

	// The server: -s beats KEYDESK_SERVER beats the stored login.
	dead := "http://127.0.0.1:1"
	if _, _, from := whoami(env{"KEYDESK_CONFIG_DIR": cfg, "KEYDESK_SERVER": dead}, "-s", srv.URL); from != "--server" {
		t.Errorf("server from %q, want --server", from)
	}
	r := kd(t, env{"KEYDESK_CONFIG_DIR": cfg, "KEYDESK_SERVER": dead}, "", "whoami")
	want(t, r, 1, "cannot reach "+dead, "refused the connection: nothing is listening on that port")
	if _, _, from := whoami(env{"KEYDESK_SERVER": srv.URL}, "--api-key-file", keyFile); from != "KEYDESK_SERVER" {
		t.Errorf("server from %q, want KEYDESK_SERVER", from)
	}

	// Missing and broken sources say what is wrong.
	want(t, kd(t, nil, "", "whoami", "-s", srv.URL), 2, "no API key")
	want(t, kd(t, nil, "", "whoami", "--api-key-file", keyFile), 2, "no server")
	want(t, kd(t, nil, "", "whoami", "-s", srv.URL, "--api-key-file", filepath.Join(dir, "missing")), 1, "cannot read --api-key-file: there is no file "+filepath.Join(dir, "missing"))
	want(t, kd(t, nil, "", "whoami", "-s", "ftp://x", "--api-key-file", keyFile), 2, "server URL must look like")
	r = kd(t, env{"KEYDESK_API_KEY": corrupt(envKey.Secret), "KEYDESK_SERVER": srv.URL}, "", "whoami")
	want(t, r, 1, "the key from KEYDESK_API_KEY", "is not valid: the key's checksum does not match")
	noSecret(t, r, corrupt(envKey.Secret))

	// whoami in words.
	r = kd(t, env{"KEYDESK_SERVER": srv.URL}, "", "whoami", "--api-key", flagKey.Secret)
	want(t, r, 0, flagKey.Key.ID, `"flag"`, "Role:       api", "Acme ("+srv.WorkspaceID+")", "never expires")
	noSecret(t, r, flagKey.Secret)

	// A disabled key is rejected: exit 4.
	srv.disable(t, envKey.Key.ID)
	r = kd(t, env{"KEYDESK_SERVER": srv.URL, "KEYDESK_API_KEY": envKey.Secret}, "", "whoami")
	want(t, r, 4, "rejected the key (HTTP 401)", "disabled")
}

// With --json a rejected key still gives an object on stdout, with why.
func TestJSONSaysWhyTheKeyGotNoAnswer(t *testing.T) {
	t.Parallel()
	srv := startServer(t)
	off := srv.key(t, "off", "api", 0)
	srv.disable(t, off.Key.ID)
	for _, args := range [][]string{{"whoami", "--json"}, {"auth", "status", "--json"}} {
		r := kd(t, env{"KEYDESK_CONFIG_DIR": t.TempDir()}, "", append(args, "-s", srv.URL, "--api-key", off.Secret)...)
		want(t, r, 4)
		noSecret(t, r, off.Secret)
		var out map[string]any
		if err := json.Unmarshal([]byte(r.out), &out); err != nil || out["server"] != srv.URL || !strings.Contains(fmt.Sprint(out["error"]), "rejected the key") {
			t.Fatalf("%v: %+v, %v\n%s", args, out, err, r)
		}
		// None of the key's fields made up: an expiresAt of null would say "never expires".
		for _, field := range []string{"keyId", "keyName", "role", "workspaceId", "workspaceName", "expiresAt"} {
			if _, ok := out[field]; ok {
				t.Errorf("%v: %s given without an answer:\n%s", args, field, r)
			}
		}
	}
	// Answered, auth status gives them all.
	r := kd(t, env{"KEYDESK_CONFIG_DIR": t.TempDir()}, "", "auth", "status", "--json", "-s", srv.URL, "--api-key", srv.AdminKey)
	want(t, r, 0, `"keyId": "key_`, `"role": "admin"`, `"expiresAt": null`, `"workspaceName": "Acme"`)
}
