package cli_test

import (
	"os"
	"path/filepath"
	"testing"
)

func TestSetKey(t *testing.T) {
	t.Parallel()
	srv := startServer(t)
	key := srv.key(t, "deploy", "api", 30)
	k := key.Secret

	t.Run("from an argument, stdin and an environment variable", func(t *testing.T) {
		dir := t.TempDir()
		for name, run := range map[string]func(f string) result{
			"argument": func(f string) result { return kd(t, nil, "", "auth", "set-key", k, "--write-key-file", f) },
			"stdin": func(f string) result {
				return kd(t, nil, "  "+k+"\n\n", "auth", "set-key", "--from-stdin", "--write-key-file", f)
			},
			"env": func(f string) result {
				return kd(t, env{"CI_KEYDESK_KEY": k}, "", "auth", "set-key", "--from-env", "CI_KEYDESK_KEY", "--write-key-file", f)
			},
		} {
			f := filepath.Join(dir, name+".key")
			r := run(f)
			want(t, r, 0, "Wrote the key", f, "mode 0600")
			noSecret(t, r, k)
			if got := readFile(t, f); got != k+"\n" {
				t.Fatalf("%s: the key file holds %q", name, got)
			}
			wantMode0600(t, f)
		}
	})

	t.Run("dotenv keeps the other lines and replaces the variable in place", func(t *testing.T) {
		dir := t.TempDir()
		f := filepath.Join(dir, ".env")
		writeFile(t, f, "# deploy settings\nREGION=eu-west-1\nexport DEPLOY_KEY=old_value\nNAME=\"a b\"\n", 0o644)
		r := kd(t, env{"K": k}, "", "auth", "set-key", "--from-env", "K", "--write-env-file", f, "--env-var", "DEPLOY_KEY")
		want(t, r, 0, "Wrote DEPLOY_KEY")
		noSecret(t, r, k)
		if got, exp := readFile(t, f), "# deploy settings\nREGION=eu-west-1\nexport DEPLOY_KEY="+k+"\nNAME=\"a b\"\n"; got != exp {
			t.Fatalf("env file:\n%s\nwant:\n%s", got, exp)
		}
		wantMode0600(t, f) // it holds a secret now, whatever its mode was

		// Without the variable in the file (nor a final newline), it is appended.
		g := filepath.Join(dir, "app.env")
		writeFile(t, g, "REGION=eu-west-1", 0o600)
		want(t, kd(t, nil, k, "auth", "set-key", "--from-stdin", "--write-env-file", g), 0)
		if got := readFile(t, g); got != "REGION=eu-west-1\nKEYDESK_API_KEY="+k+"\n" {
			t.Fatalf("env file: %q", got)
		}

		// Both targets at once.
		kf, ef := filepath.Join(dir, "both.key"), filepath.Join(dir, "both.env")
		want(t, kd(t, nil, "", "auth", "set-key", k, "--write-key-file", kf, "--write-env-file", ef), 0)
		if readFile(t, kf) != k+"\n" || readFile(t, ef) != "KEYDESK_API_KEY="+k+"\n" {
			t.Fatalf("key file %q, env file %q", readFile(t, kf), readFile(t, ef))
		}
	})

	t.Run("a key with a wrong checksum is refused before anything is written", func(t *testing.T) {
		dir := t.TempDir()
		f := filepath.Join(dir, "k")
		bad := corrupt(k)
		r := kd(t, env{"K": bad}, "", "auth", "set-key", "--from-env", "K", "--write-key-file", f)
		want(t, r, 1, "$K", "checksum does not match")
		noSecret(t, r, bad, k)
		r = kd(t, nil, "", "auth", "set-key", "hello-world", "--write-key-file", f)
		want(t, r, 1, "the argument", "not a Keydesk key")
		noSecret(t, r, "hello-world")
		r = kd(t, nil, "", "auth", "set-key", "--from-env", "UNSET_VARIABLE", "--write-key-file", f)
		// No key at all is a usage error (2), like a missing --api-key; a
		// key that is not one is an error (1).
		want(t, r, 2, "UNSET_VARIABLE is not set or empty")
		r = kd(t, nil, " \n", "auth", "set-key", "--from-stdin", "--write-key-file", f)
		want(t, r, 2, "the key from stdin is empty")
		empty := filepath.Join(t.TempDir(), "empty.txt")
		writeFile(t, empty, "\n", 0o600)
		want(t, kd(t, env{"KEYDESK_SERVER": "http://127.0.0.1:1"}, "", "whoami", "--api-key-file", empty), 2, "--api-key-file "+empty+" is empty")
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Fatalf("a file was written: %v", err)
		}
	})

	t.Run("usage errors exit 2", func(t *testing.T) {
		f := filepath.Join(t.TempDir(), "k")
		for _, args := range [][]string{
			{"--write-key-file", f},                    // no key
			{k, "--from-stdin", "--write-key-file", f}, // two sources
			{"--from-env", "K", "--from-stdin", "--write-key-file", f},
			{k}, // nowhere to write
			{k, "--write-key-file", f, "--env-var", "X"}, // --env-var without an env file
			{k, "--write-env-file", f, "--env-var", "1BAD-NAME"},
			{k, "--write-key-file", f, "--verify"},    // no server
			{k, "--write-key-file", f, "-s", srv.URL}, // -s without --verify
			{k, "--write-key-file", f, "--write-env-file", f},
		} {
			r := kd(t, nil, "", append([]string{"auth", "set-key"}, args...)...)
			want(t, r, 2, "keydesk: ")
			noSecret(t, r, k)
		}
	})

	t.Run("a dotenv value over several lines is left as it is, and said so", func(t *testing.T) {
		for _, content := range []string{
			"A=1\nKEYDESK_API_KEY=\"multi\nline\"\nY=2\n",
			"export KEYDESK_API_KEY='one\ntwo'\n",
			"KEYDESK_API_KEY=\"escaped \\\" quote\nstill open\"\n",
		} {
			f := filepath.Join(t.TempDir(), ".env")
			writeFile(t, f, content, 0o600)
			kf := filepath.Join(t.TempDir(), "k")
			r := kd(t, nil, "", "auth", "set-key", k, "--write-env-file", f, "--write-key-file", kf)
			want(t, r, 2, "sets KEYDESK_API_KEY to a quoted value that goes on over more lines")
			noSecret(t, r, k)
			if got := readFile(t, f); got != content {
				t.Fatalf("the env file changed: %q", got)
			}
			if _, err := os.Stat(kf); !os.IsNotExist(err) {
				t.Fatal("the key file was written though the env file was refused")
			}
		}
		// One line, quoted, with a quote escaped inside: rewritten as before.
		f := filepath.Join(t.TempDir(), ".env")
		writeFile(t, f, "KEYDESK_API_KEY=\"old \\\" one\"\nY=2\n", 0o600)
		want(t, kd(t, nil, "", "auth", "set-key", k, "--write-env-file", f), 0)
		if got := readFile(t, f); got != "KEYDESK_API_KEY="+k+"\nY=2\n" {
			t.Fatalf("env file: %q", got)
		}
	})

	t.Run("--verify writes only a key the server accepts", func(t *testing.T) {
		dir := t.TempDir()
		f := filepath.Join(dir, "k")
		r := kd(t, nil, "", "auth", "set-key", k, "--write-key-file", f, "--verify", "-s", srv.URL)
		want(t, r, 0, "accepts the key", key.Key.ID, "Wrote the key")
		noSecret(t, r, k)

		disabled := srv.key(t, "disabled", "api", 0)
		srv.disable(t, disabled.Key.ID)
		g := filepath.Join(dir, "disabled")
		r = kd(t, env{"KEYDESK_SERVER": srv.URL}, "", "auth", "set-key", disabled.Secret, "--write-key-file", g, "--write-env-file", g+".env", "--verify")
		want(t, r, 4, "rejected the key", "disabled", "nothing was written")
		noSecret(t, r, disabled.Secret)
		for _, p := range []string{g, g + ".env"} {
			if _, err := os.Stat(p); !os.IsNotExist(err) {
				t.Fatalf("%s was written for a rejected key", p)
			}
		}
		// An existing file stays as it was.
		want(t, kd(t, nil, "", "auth", "set-key", disabled.Secret, "--write-key-file", f, "--verify", "-s", srv.URL), 4)
		if readFile(t, f) != k+"\n" {
			t.Fatal("a rejected key replaced the key file")
		}
		// Logged in: the stored login's server, as for every other command.
		e := env{"KEYDESK_CONFIG_DIR": t.TempDir(), "KEYDESK_KEYRING": "file", "KEYDESK_KEYRING_PASSWORD": "correct horse"}
		want(t, kd(t, e, k+"\n", "auth", "login", "-s", srv.URL, "--with-api-key", "-"), 0)
		h := filepath.Join(dir, "from-login")
		want(t, kd(t, e, "", "auth", "set-key", k, "--write-key-file", h, "--verify"), 0, "accepts the key")
	})

	t.Run("--if-missing leaves an existing file untouched", func(t *testing.T) {
		dir := t.TempDir()
		f, e := filepath.Join(dir, "k"), filepath.Join(dir, ".env")
		writeFile(t, f, "kept\n", 0o600)
		writeFile(t, e, "KEYDESK_API_KEY=kept\n", 0o600)
		r := kd(t, nil, "", "auth", "set-key", k, "--write-key-file", f, "--write-env-file", e, "--if-missing")
		want(t, r, 0, "Left "+f+" untouched", "Left "+e+" untouched")
		if readFile(t, f) != "kept\n" || readFile(t, e) != "KEYDESK_API_KEY=kept\n" {
			t.Fatal("--if-missing changed an existing file")
		}
		g := filepath.Join(dir, "new")
		want(t, kd(t, nil, "", "auth", "set-key", k, "--write-key-file", g, "--if-missing"), 0, "Wrote the key")
		if readFile(t, g) != k+"\n" {
			t.Fatal("--if-missing did not write a missing file")
		}
	})

	t.Run("a failed write leaves every old file intact", func(t *testing.T) {
		dir := t.TempDir()
		f := filepath.Join(dir, "k")
		writeFile(t, f, "old key\n", 0o600)
		// The key file could be written, the env file cannot (its directory
		// does not exist): neither is.
		missing := filepath.Join(dir, "no-such-dir", ".env")
		r := kd(t, nil, "", "auth", "set-key", k, "--write-key-file", f, "--write-env-file", missing)
		want(t, r, 1, "cannot write "+missing)
		noSecret(t, r, k)
		if readFile(t, f) != "old key\n" {
			t.Fatal("the key file changed although the write failed")
		}
		// A target that is a directory is refused; nothing is left behind.
		target := filepath.Join(dir, "is-a-directory")
		if err := os.Mkdir(target, 0o700); err != nil {
			t.Fatal(err)
		}
		r = kd(t, nil, "", "auth", "set-key", k, "--write-env-file", f, "--write-key-file", target)
		want(t, r, 1, target, "is a folder, not a file")
		if readFile(t, f) != "old key\n" {
			t.Fatal("the env file changed although the write failed")
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 2 {
			t.Fatalf("temporary files were left behind: %v", entries)
		}
	})

	t.Run("a read-only directory fails the write and keeps the old file", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root writes into read-only directories")
		}
		dir := filepath.Join(t.TempDir(), "ro")
		os.Mkdir(dir, 0o700)
		f := filepath.Join(dir, "k")
		writeFile(t, f, "old key\n", 0o600)
		os.Chmod(dir, 0o500)
		defer os.Chmod(dir, 0o700)
		want(t, kd(t, nil, "", "auth", "set-key", k, "--write-key-file", f), 1, "cannot write "+f)
		if readFile(t, f) != "old key\n" {
			t.Fatal("the key file changed although the write failed")
		}
	})

	t.Run("a symlinked key file is updated through the link", func(t *testing.T) {
		dir := t.TempDir()
		real, link := filepath.Join(dir, "real"), filepath.Join(dir, "link")
		writeFile(t, real, "old\n", 0o600)
		if err := os.Symlink(real, link); err != nil {
			t.Skip(err)
		}
		want(t, kd(t, nil, "", "auth", "set-key", k, "--write-key-file", link), 0)
		if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 || readFile(t, real) != k+"\n" {
			t.Fatal("the link was replaced instead of the file it points to")
		}
	})
}
