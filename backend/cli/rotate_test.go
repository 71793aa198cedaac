package cli_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/keys"
)

func TestRotateKey(t *testing.T) {
	t.Parallel()
	srv := startServer(t)
	// rotate runs rotate-key with a fresh api key read from a key file;
	// "{keyfile}" in args is that file, "{dir}" its directory.
	rotate := func(t *testing.T, e env, args ...string) (old api.CreatedKey, keyFile string, r result) {
		t.Helper()
		old = srv.key(t, "ci", "api", 30)
		dir := t.TempDir()
		keyFile = filepath.Join(dir, "key.txt")
		writeFile(t, keyFile, old.Secret+"\n", 0o600)
		if e == nil {
			e = env{}
		}
		e["KEYDESK_SERVER"] = srv.URL
		full := []string{"rotate-key", "--api-key-file", keyFile}
		for _, a := range args {
			full = append(full, strings.NewReplacer("{keyfile}", keyFile, "{dir}", dir).Replace(a))
		}
		return old, keyFile, kd(t, e, "", full...)
	}
	// successor checks that secret is a working key that replaced old.
	successor := func(t *testing.T, old api.CreatedKey, secret string) string {
		t.Helper()
		if _, err := keys.ParseSecret(secret); err != nil || secret == old.Secret {
			t.Fatalf("not a new key (%v)", err)
		}
		v := srv.verify(t, secret)
		if !v.Valid || v.KeyID == old.Key.ID || srv.get(t, v.KeyID).RotatedFrom != old.Key.ID {
			t.Fatalf("the new secret is not a working successor of %s: %+v", old.Key.ID, v)
		}
		return v.KeyID
	}
	notRotated := func(t *testing.T, old api.CreatedKey) {
		t.Helper()
		if k := srv.get(t, old.Key.ID); k.RevokesAt != nil {
			t.Fatalf("the key was rotated: %+v", k)
		}
	}

	t.Run("the key file is replaced and both keys work during the overlap", func(t *testing.T) {
		start := time.Now()
		old, f, r := rotate(t, nil, "--write-key-file", "{keyfile}", "--overlap", "7d")
		want(t, r, 0)
		secret := strings.TrimSpace(readFile(t, f))
		newID := successor(t, old, secret)
		wantMode0600(t, f)
		noSecret(t, r, secret, old.Secret)
		want(t, r, 0, "Rotated "+old.Key.ID+" to "+newID, "Old key:  "+old.Key.ID+" works until ", "in 6 days 23 hours", "then the server revokes it", "Wrote the new key to "+f)
		if v := srv.verify(t, old.Secret); !v.Valid {
			t.Fatalf("the old key stopped working during the overlap: %+v", v)
		}
		prev := srv.get(t, old.Key.ID)
		if prev.RevokesAt == nil || !prev.AutoRevoke || prev.RevokesAt.Before(start.Add(7*24*time.Hour-time.Minute)) || prev.RevokesAt.After(time.Now().Add(7*24*time.Hour)) {
			t.Fatalf("old key after rotation: %+v", prev)
		}
		// The file now holds a key that rotates in turn.
		want(t, kd(t, env{"KEYDESK_SERVER": srv.URL}, "", "whoami", "--api-key-file", f), 0, newID)
	})

	t.Run("the key from KEYDESK_API_KEY into a dotenv file", func(t *testing.T) {
		old := srv.key(t, "env", "api", 0)
		envFile := filepath.Join(t.TempDir(), "deploy.env")
		writeFile(t, envFile, "REGION=eu\nDEPLOY_KEY="+old.Secret+"\nTAIL=1\n", 0o600)
		r := kd(t, env{"KEYDESK_SERVER": srv.URL, "KEYDESK_API_KEY": old.Secret}, "", "rotate-key", "--write-env-file", envFile, "--env-var", "DEPLOY_KEY", "--overlap", "1d")
		want(t, r, 0, "Wrote DEPLOY_KEY to "+envFile, "in 23 hours")
		lines := strings.Split(readFile(t, envFile), "\n")
		if len(lines) != 4 || lines[0] != "REGION=eu" || lines[2] != "TAIL=1" || !strings.HasPrefix(lines[1], "DEPLOY_KEY=") {
			t.Fatalf("env file: %q", lines)
		}
		secret := strings.TrimPrefix(lines[1], "DEPLOY_KEY=")
		successor(t, old, secret)
		noSecret(t, r, secret, old.Secret)
	})

	t.Run("--overlap 0d stops the old key at once", func(t *testing.T) {
		old, f, r := rotate(t, nil, "--write-key-file", "{keyfile}", "--overlap", "0d")
		want(t, r, 0, "works no longer")
		successor(t, old, strings.TrimSpace(readFile(t, f)))
		if v := srv.verify(t, old.Secret); v.Valid {
			t.Fatalf("the old key still works after --overlap 0d: %+v", v)
		}
	})

	t.Run("--no-auto-revoke keeps the old key until someone disables it", func(t *testing.T) {
		old, _, r := rotate(t, nil, "--write-key-file", "{dir}/new.txt", "--no-auto-revoke", "--overlap", "2d")
		want(t, r, 0, "until someone disables it")
		if prev := srv.get(t, old.Key.ID); prev.AutoRevoke || prev.RevokesAt == nil {
			t.Fatalf("old key: %+v", prev)
		}
	})

	t.Run("--emit-secret github masks the key and exports it through GITHUB_ENV", func(t *testing.T) {
		ghEnv := filepath.Join(t.TempDir(), "github_env")
		writeFile(t, ghEnv, "EARLIER=1\n", 0o644)
		old, f, r := rotate(t, env{"GITHUB_ENV": ghEnv}, "--emit-secret", "github")
		want(t, r, 0)
		first, rest, _ := strings.Cut(r.out, "\n")
		secret, ok := strings.CutPrefix(first, "::add-mask::")
		if !ok {
			t.Fatalf("the first line does not mask the secret:\n%s", r)
		}
		successor(t, old, secret)
		if readFile(t, ghEnv) != "EARLIER=1\nKEYDESK_API_KEY="+secret+"\n" {
			t.Fatalf("GITHUB_ENV: %q", readFile(t, ghEnv))
		}
		if strings.Contains(rest, secret) || strings.Contains(r.err, secret) {
			t.Fatalf("the secret is printed beyond the add-mask line:\n%s", r)
		}
		want(t, r, 0, old.Key.ID, "$GITHUB_ENV")
		if readFile(t, f) != old.Secret+"\n" {
			t.Fatal("the key file changed without --write-key-file")
		}

		// --env-var names the variable.
		old, _, r = rotate(t, env{"GITHUB_ENV": ghEnv}, "--emit-secret", "github", "--env-var", "SIGNING_KEY")
		want(t, r, 0)
		first, _, _ = strings.Cut(r.out, "\n")
		successor(t, old, strings.TrimPrefix(first, "::add-mask::"))
		if !strings.HasSuffix(readFile(t, ghEnv), "\nSIGNING_KEY="+strings.TrimPrefix(first, "::add-mask::")+"\n") {
			t.Fatalf("GITHUB_ENV: %q", readFile(t, ghEnv))
		}
	})

	t.Run("--emit-secret github outside GitHub Actions, or with $GITHUB_ENV unwritable, rotates nothing", func(t *testing.T) {
		for _, tc := range []struct {
			env  env
			code int
			says string
		}{
			{nil, 2, "--emit-secret github needs $GITHUB_ENV"},
			{env{"GITHUB_ENV": filepath.Join(t.TempDir(), "missing", "dir", "env")}, 1, "cannot append to $GITHUB_ENV"},
			{env{"GITHUB_ENV": filepath.Join(t.TempDir(), "missing", "dir", "env")}, 1, string(filepath.Separator) + "env): there is no folder "},
		} {
			old, f, r := rotate(t, tc.env, "--emit-secret", "github", "--write-key-file", "{dir}/new.txt")
			want(t, r, tc.code, tc.says, "nothing was rotated")
			if strings.Contains(r.out, "::add-mask::") {
				t.Fatalf("printed a secret:\n%s", r)
			}
			if prev := srv.get(t, old.Key.ID); prev.RevokesAt != nil || !prev.Enabled {
				t.Fatalf("the key was rotated: %+v", prev)
			}
			if readFile(t, f) != old.Secret+"\n" {
				t.Fatal("the key file changed")
			}
		}
	})

	t.Run("--emit-secret azure sets a secret pipeline variable", func(t *testing.T) {
		old, _, r := rotate(t, nil, "--emit-secret", "azure")
		want(t, r, 0)
		const prefix = "##vso[task.setvariable variable=KEYDESK_API_KEY;issecret=true]"
		var secret string
		for _, line := range strings.Split(r.out, "\n") {
			if s, ok := strings.CutPrefix(line, prefix); ok {
				secret = s
			}
		}
		successor(t, old, secret)
		if strings.Count(r.out+r.err, secret) != 1 {
			t.Fatalf("the secret is printed more than once:\n%s", r)
		}
	})

	t.Run("--emit-secret gitlab prints guidance and the secret on its own line", func(t *testing.T) {
		old, _, r := rotate(t, nil, "--emit-secret", "gitlab")
		want(t, r, 0, "masked CI/CD variable KEYDESK_API_KEY", "curl --fail --request PUT", "/variables/KEYDESK_API_KEY", old.Key.ID)
		var found []string
		for _, line := range strings.Split(r.out, "\n") {
			if _, err := keys.ParseSecret(line); err == nil {
				found = append(found, line)
			}
		}
		if len(found) != 1 {
			t.Fatalf("want the secret alone on one line:\n%s", r)
		}
		successor(t, old, found[0])
	})

	t.Run("--emit-secret plain prints the secret alone on stdout", func(t *testing.T) {
		old, _, r := rotate(t, nil, "--emit-secret", "plain")
		want(t, r, 0)
		if !strings.HasSuffix(r.out, "\n") || strings.Count(r.out, "\n") != 1 {
			t.Fatalf("stdout is not one line:\n%s", r)
		}
		secret := strings.TrimSuffix(r.out, "\n")
		newID := successor(t, old, secret)
		if !strings.Contains(r.err, "Rotated "+old.Key.ID+" to "+newID) || strings.Contains(r.err, secret) {
			t.Fatalf("the summary belongs on stderr, without the secret:\n%s", r)
		}
	})

	// > /dev/full: the new key reached nowhere. With no overlap the old key
	// stops at once, so a success here would lock the pipeline out.
	t.Run("--emit-secret plain to a stdout that takes nothing fails and says what still works", func(t *testing.T) {
		full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
		if err != nil {
			t.Skip("no /dev/full here:", err)
		}
		defer full.Close()
		old := srv.key(t, "ci", "api", 30)
		f := filepath.Join(t.TempDir(), "key.txt")
		writeFile(t, f, old.Secret+"\n", 0o600)
		r := kdTo(t, full, env{"KEYDESK_SERVER": srv.URL}, "", "rotate-key", "--api-key-file", f, "--emit-secret", "plain")
		want(t, r, 1, "but its secret could not be saved", "cannot print it on stdout", "The old key "+old.Key.ID+" still works", "regenerate")
		noSecret(t, r, old.Secret)
	})

	t.Run("--json", func(t *testing.T) {
		type output struct {
			KeyID, PreviousKeyID, Secret string
			PreviousStopsAt              *time.Time
			AutoRevoke                   bool
			Wrote                        []string
		}
		parse := func(r result) output {
			t.Helper()
			var o output
			if err := json.Unmarshal([]byte(r.out), &o); err != nil {
				t.Fatalf("%v\n%s", err, r)
			}
			return o
		}
		// With a file: no secret in the JSON.
		old, f, r := rotate(t, nil, "--write-key-file", "{keyfile}", "--json")
		want(t, r, 0)
		o := parse(r)
		secret := strings.TrimSpace(readFile(t, f))
		if o.PreviousKeyID != old.Key.ID || o.KeyID != successor(t, old, secret) || o.Secret != "" || !o.AutoRevoke ||
			o.PreviousStopsAt == nil || len(o.Wrote) != 1 || o.Wrote[0] != f {
			t.Fatalf("rotate-key --json = %+v", o)
		}
		noSecret(t, r, secret, old.Secret)
		// With --emit-secret plain the JSON carries it.
		old, _, r = rotate(t, nil, "--emit-secret", "plain", "--json")
		want(t, r, 0)
		o = parse(r)
		if o.KeyID != successor(t, old, o.Secret) {
			t.Fatalf("rotate-key --emit-secret plain --json = %+v", o)
		}
		// CI commands and JSON do not mix.
		old, _, r = rotate(t, nil, "--emit-secret", "github", "--json")
		want(t, r, 2, "--json cannot be combined")
		notRotated(t, old)
	})

	t.Run("a key from the stored login is replaced there", func(t *testing.T) {
		for _, keyring := range []env{
			{"KEYDESK_KEYRING": "memory"}, // the config file holds the key
			{"KEYDESK_KEYRING": "file", "KEYDESK_KEYRING_PASSWORD": "pw"},
		} {
			old := srv.key(t, "login", "api", 0)
			keyring["KEYDESK_CONFIG_DIR"] = t.TempDir()
			want(t, kd(t, keyring, old.Secret, "auth", "login", "-s", srv.URL, "--with-api-key", "-"), 0)
			r := kd(t, keyring, "", "rotate-key", "--json")
			want(t, r, 0, `"updatedLogin": true`)
			noSecret(t, r, old.Secret)
			var o struct{ KeyID string }
			json.Unmarshal([]byte(r.out), &o)
			r = kd(t, keyring, "", "whoami", "--json")
			if id := whoamiJSON(t, r)["keyId"]; id != o.KeyID || o.KeyID == "" || srv.get(t, o.KeyID).RotatedFrom != old.Key.ID {
				t.Fatalf("%v: the stored login uses %v after rotating to %q", keyring, id, o.KeyID)
			}
			if v := srv.verify(t, old.Secret); !v.Valid {
				t.Fatalf("the old key stopped during the overlap: %+v", v)
			}
		}
	})

	t.Run("usage errors exit 2 and rotate nothing", func(t *testing.T) {
		for _, args := range [][]string{
			{}, // the secret would go nowhere
			{"--json"},
			{"--overlap", "31d", "--emit-secret", "plain"},
			{"--overlap", "36h", "--emit-secret", "plain"},
			{"--overlap", "7", "--emit-secret", "plain"},
			{"--overlap", "-1d", "--emit-secret", "plain"},
			{"--emit-secret", "slack"},
			{"--emit-secret", "plain", "--env-var", "NOT-A-NAME"},
			// A key pasted where the name goes: a valid name, but never written.
			{"--write-env-file", "{dir}/.env", "--env-var", "kd_" + strings.Repeat("Ab3", 15)},
		} {
			old, _, r := rotate(t, nil, args...)
			want(t, r, 2, "keydesk: ")
			notRotated(t, old)
		}
		_, _, r := rotate(t, nil)
		want(t, r, 2, "refusing to rotate")
	})

	t.Run("an unwritable target stops the rotation before it happens", func(t *testing.T) {
		old, _, r := rotate(t, nil, "--write-key-file", "{dir}", "--emit-secret", "plain")
		want(t, r, 1, "is a folder, not a file", "nothing was rotated")
		notRotated(t, old)
		if r.out != "" {
			t.Fatalf("printed a secret although nothing was rotated:\n%s", r)
		}
		old, _, r = rotate(t, nil, "--write-env-file", "{dir}/no/such/dir/.env")
		// Said in words, naming the folder, not the temporary file the write goes through.
		want(t, r, 1, "/no/such/dir/.env: there is no folder ", "/no/such/dir", "nothing was rotated")
		if strings.Contains(r.err, ".tmp-") || strings.Contains(r.err, "open ") {
			t.Fatalf("names Go's open or the temporary file:\n%s", r)
		}
		notRotated(t, old)
	})

	t.Run("a rejected key exits 4; a key already rotated exits 1", func(t *testing.T) {
		disabled := srv.key(t, "disabled", "api", 0)
		srv.disable(t, disabled.Key.ID)
		out := filepath.Join(t.TempDir(), "new.txt")
		r := kd(t, env{"KEYDESK_SERVER": srv.URL, "KEYDESK_API_KEY": disabled.Secret}, "", "rotate-key", "--write-key-file", out)
		want(t, r, 4, "rejected the key", "disabled")
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Fatal("a file was written for a rejected key")
		}

		_, f, r := rotate(t, nil, "--write-key-file", "{dir}/new.txt")
		want(t, r, 0)
		r = kd(t, env{"KEYDESK_SERVER": srv.URL}, "", "rotate-key", "--api-key-file", f, "--emit-secret", "plain")
		want(t, r, 1, "cannot rotate", "already being rotated")
		if r.out != "" {
			t.Fatalf("stdout: %q", r.out)
		}
		// With --json, an object that says why, and no key fields.
		r = kd(t, env{"KEYDESK_SERVER": srv.URL}, "", "rotate-key", "--api-key-file", f, "--emit-secret", "plain", "--json")
		want(t, r, 1)
		var why map[string]any
		if err := json.Unmarshal([]byte(r.out), &why); err != nil || len(why) != 2 || why["ok"] != false || !strings.Contains(fmt.Sprint(why["error"]), "already being rotated") {
			t.Fatalf("rotate-key --json of a rotated key: %v\n%s", err, r)
		}
		r = kd(t, env{"KEYDESK_SERVER": srv.URL, "KEYDESK_API_KEY": disabled.Secret}, "", "rotate-key", "--write-key-file", out, "--json")
		want(t, r, 4)
		if err := json.Unmarshal([]byte(r.out), &why); err != nil || !strings.Contains(fmt.Sprint(why["error"]), "rejected the key") {
			t.Fatalf("rotate-key --json of a disabled key: %v\n%s", err, r)
		}
	})
}
