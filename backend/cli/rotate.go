package cli

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/client"
)

var overlapPattern = regexp.MustCompile(`^(\d{1,2})d$`)

// parseOverlap reads whole days, 0d–30d.
func parseOverlap(s string) (int, error) {
	m := overlapPattern.FindStringSubmatch(s)
	if m == nil {
		return 0, usageError("--overlap must be whole days from 0d to 30d, such as 7d, got %q", s)
	}
	n, _ := strconv.Atoi(m[1])
	if n > 30 {
		return 0, usageError("--overlap must be whole days from 0d to 30d, such as 7d, got %q", s)
	}
	return n, nil
}

const (
	emitGitHub = "github"
	emitGitLab = "gitlab"
	emitAzure  = "azure"
	emitPlain  = "plain"
)

type rotateOutput struct {
	KeyID         string     `json:"keyId"`
	KeyName       string     `json:"keyName"`
	MaskedKey     string     `json:"maskedKey"`
	ExpiresAt     *time.Time `json:"expiresAt"`
	PreviousKeyID string     `json:"previousKeyId"`
	// PreviousStopsAt is when the old key stops working: the end of the
	// overlap with auto-revoke, else its own expiry (null: it works until
	// someone disables it).
	PreviousStopsAt *time.Time `json:"previousStopsAt"`
	AutoRevoke      bool       `json:"autoRevoke"`
	Wrote           []string   `json:"wrote"`
	UpdatedLogin    bool       `json:"updatedLogin"`     // the stored login holds the new key
	Secret          string     `json:"secret,omitempty"` // only with --emit-secret plain
}

func newRotateKeyCmd(stdio IO) *cobra.Command {
	var o keyOpts
	var overlap, keyFile, envFile, envVar, emit string
	var noAutoRevoke, asJSON bool
	cmd := &cobra.Command{
		Use:   "rotate-key",
		Short: "Rotate the key itself: a new key now, the old one kept for the overlap",
		Long: `Rotate the key the command runs with (POST /v1/self/rotate): the server creates
a successor with the same name, role and profile, and keeps the old key working
for --overlap days (0d–30d, default 7d), then revokes it unless --no-auto-revoke.

The new secret goes only where you say: --write-key-file and/or --write-env-file
(atomic, mode 0600; --write-key-file may be the --api-key-file itself), and/or
--emit-secret. A key that came from the stored login (keydesk auth login) is
also replaced there. --emit-secret:
  github  prints ::add-mask::<secret> and appends <VAR>=<secret> to $GITHUB_ENV
  azure   prints ##vso[task.setvariable variable=<VAR>;issecret=true]<secret>
  gitlab  prints how to update a masked CI/CD variable, the secret on its own line
  plain   prints the secret alone on stdout (everything else goes to stderr)
<VAR> is --env-var (default KEYDESK_API_KEY). When the new secret would go
nowhere the command refuses to run (exit 2). With --json the secret is part of the JSON only with
--emit-secret plain; --json cannot be combined with github, gitlab or azure.`,
		Example: `  keydesk rotate-key --api-key-file key.txt --write-key-file key.txt
  keydesk rotate-key --overlap 7d --emit-secret github`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			days, err := parseOverlap(overlap)
			if err != nil {
				return err
			}
			switch emit {
			case "", emitGitHub, emitGitLab, emitAzure, emitPlain:
			default:
				return usageError("--emit-secret must be github, gitlab, azure or plain, got %q", emit)
			}
			if keyFile != "" && keyFile == envFile {
				return usageError("--write-key-file and --write-env-file must be different files")
			}
			if asJSON && emit != "" && emit != emitPlain {
				return usageError("--json cannot be combined with --emit-secret %s, whose output the CI runner reads; use --emit-secret plain or a file", emit)
			}
			if err := validateEnvVar(envVar); err != nil {
				return err
			}
			s, err := o.resolve(cmd, stdio, true)
			if err != nil {
				return err
			}
			// A key from the stored login is replaced there; any other key
			// needs somewhere for its successor to go.
			if emit == "" && keyFile == "" && envFile == "" && s.login == nil {
				return usageError("refusing to rotate: the new secret would go nowhere; give --write-key-file, --write-env-file or --emit-secret github|gitlab|azure|plain")
			}
			// A rotation cannot be undone: prove the files can be written
			// before the new secret exists.
			for _, p := range []string{keyFile, envFile} {
				if p != "" {
					if err := checkWritable(p); err != nil {
						return fmt.Errorf("%w; nothing was rotated", err)
					}
				}
			}
			if envFile != "" {
				if _, err := envFileContent(envFile, envVar, "x"); err != nil {
					return fmt.Errorf("%w; nothing was rotated", err)
				}
			}
			if emit == emitGitHub {
				// Outside a GitHub Actions step the secret would be printed
				// unmasked and exported nowhere.
				path := stdio.Getenv("GITHUB_ENV")
				if path == "" {
					return usageError("--emit-secret github needs $GITHUB_ENV, which GitHub Actions sets for each step " +
						"(elsewhere use --write-key-file, --write-env-file or --emit-secret plain); nothing was rotated")
				}
				if err := checkAppendable(path); err != nil {
					return fmt.Errorf("cannot append to $GITHUB_ENV (%s): %w; nothing was rotated", path, err)
				}
			}
			c, err := s.client()
			if err != nil {
				return err
			}
			autoRevoke := !noAutoRevoke
			rotated, err := c.SelfRotate(cmd.Context(), api.RotateRequest{OverlapDays: &days, AutoRevoke: &autoRevoke})
			if errors.Is(err, client.ErrConflict) {
				return fmt.Errorf("cannot rotate: %w", err)
			}
			if err != nil {
				return apiError(err) // with --json, Main prints why (and no key fields)
			}
			secret := rotated.Secret

			out := rotateOutput{
				KeyID: rotated.Key.ID, KeyName: rotated.Key.Name, MaskedKey: rotated.Key.MaskedKey, ExpiresAt: rotated.Key.ExpiresAt,
				PreviousKeyID: rotated.Previous.ID, AutoRevoke: rotated.Previous.AutoRevoke, Wrote: []string{},
			}
			out.PreviousStopsAt = rotated.Previous.ExpiresAt
			if out.AutoRevoke {
				out.PreviousStopsAt = rotated.Previous.RevokesAt
			}

			var writes []fileWrite
			if keyFile != "" {
				writes = append(writes, fileWrite{path: keyFile, data: []byte(secret + "\n")})
			}
			var writeErr error
			if envFile != "" {
				data, err := envFileContent(envFile, envVar, secret)
				if err != nil {
					writeErr = err
				} else {
					writes = append(writes, fileWrite{path: envFile, data: data})
				}
			}
			if writeErr == nil {
				writeErr = writeFiles(writes)
			}
			if writeErr == nil {
				for _, w := range writes {
					out.Wrote = append(out.Wrote, w.path)
				}
			}
			if s.login != nil && writeErr == nil {
				if writeErr = replaceLoginKey(stdio, s.login, s.loginPath, rotated.Key, secret); writeErr == nil {
					out.UpdatedLogin = true
				}
			}

			// The summary goes to stdout, except with plain, where stdout
			// carries the secret alone.
			summary := stdio.Out
			if emit == emitPlain && !asJSON {
				summary = stdio.Err
			}
			emitErr := emitSecret(stdio, emit, envVar, secret, asJSON)
			if asJSON {
				if emit == emitPlain {
					out.Secret = secret
				}
				if err := printJSON(stdio.Out, out); err != nil {
					return err
				}
			} else {
				printRotation(summary, rotated, out, keyFile, envFile, envVar)
			}
			// A secret that reached nowhere is lost: say so, and what still works.
			lost := func(err error) error {
				return fmt.Errorf("the key was rotated to %s, but its secret could not be saved: %w. "+
					"The old key %s still works %s; an admin can regenerate %s to get a new secret",
					rotated.Key.ID, err, rotated.Previous.ID, stopsWords(out, time.Now()), rotated.Key.ID)
			}
			var errs []error
			if emitErr != nil {
				errs = append(errs, lost(emitErr))
			}
			if writeErr != nil {
				errs = append(errs, lost(writeErr))
			}
			return errors.Join(errs...)
		},
	}
	o.register(cmd)
	f := cmd.Flags()
	f.StringVar(&overlap, "overlap", "7d", "how long the old key keeps working: whole days, 0d–30d")
	f.BoolVar(&noAutoRevoke, "no-auto-revoke", false, "keep the old key working after the overlap, until someone disables it")
	f.StringVar(&keyFile, "write-key-file", "", "write the new key alone to this file (may be the --api-key-file)")
	f.StringVar(&envFile, "write-env-file", "", "set the variable in this dotenv file, keeping its other lines")
	f.StringVar(&envVar, "env-var", defaultEnvVar, "the variable --write-env-file and --emit-secret set")
	f.StringVar(&emit, "emit-secret", "", "hand the new secret to CI: github, gitlab, azure or plain")
	f.BoolVar(&asJSON, "json", false, "print {keyId, keyName, maskedKey, expiresAt, previousKeyId, previousStopsAt, autoRevoke, wrote, updatedLogin, secret (plain only)}")
	return cmd
}

// stopsWords says until when the old key works.
func stopsWords(o rotateOutput, now time.Time) string {
	switch {
	case o.AutoRevoke && o.PreviousStopsAt != nil && !o.PreviousStopsAt.After(now):
		return "no longer (the overlap was 0 days)"
	case o.AutoRevoke && o.PreviousStopsAt != nil:
		return "until " + o.PreviousStopsAt.UTC().Format("2006-01-02 15:04 MST") + " (in " + durationWords(o.PreviousStopsAt.Sub(now)) + "), then the server revokes it"
	case o.PreviousStopsAt != nil:
		return "until someone disables it (--no-auto-revoke), at most until it expires " + o.PreviousStopsAt.UTC().Format("2006-01-02 15:04 MST")
	}
	return "until someone disables it (--no-auto-revoke)"
}

func printRotation(w io.Writer, r api.RotatedKey, o rotateOutput, keyFile, envFile, envVar string) {
	now := time.Now()
	fmt.Fprintf(w, "Rotated %s to %s (%q).\n", r.Previous.ID, r.Key.ID, r.Key.Name)
	fmt.Fprintf(w, "New key:  %s (%s), %s.\n", r.Key.ID, r.Key.MaskedKey, expiryWords(r.Key.ExpiresAt, now))
	fmt.Fprintf(w, "Old key:  %s works %s.\n", r.Previous.ID, stopsWords(o, now))
	for _, p := range o.Wrote {
		what := "the new key"
		if p == envFile && p != keyFile {
			what = envVar
		}
		fmt.Fprintf(w, "Wrote %s to %s (mode 0600).\n", what, p)
	}
	if o.UpdatedLogin {
		fmt.Fprintln(w, "The stored login now holds the new key.")
	}
}

// emitSecret hands the secret to a CI system the way it takes secrets.
func emitSecret(stdio IO, emit, envVar, secret string, asJSON bool) error {
	switch emit {
	case emitGitHub:
		// Mask first, so that no later line can show the secret in the log.
		fmt.Fprintf(stdio.Out, "::add-mask::%s\n", secret)
		// Checked before the rotation (set and appendable).
		path := stdio.Getenv("GITHUB_ENV")
		if err := appendLine(path, envVar+"="+secret); err != nil {
			return fmt.Errorf("cannot append %s to $GITHUB_ENV (%s): %w", envVar, path, err)
		}
		fmt.Fprintf(stdio.Out, "Exported %s (masked) to the next steps of this job through $GITHUB_ENV.\n", envVar)
	case emitAzure:
		if _, err := fmt.Fprintf(stdio.Out, "##vso[task.setvariable variable=%s;issecret=true]%s\n", envVar, secret); err != nil {
			return fmt.Errorf("cannot print it for Azure Pipelines: %w", err)
		}
	case emitGitLab:
		_, err := fmt.Fprintf(stdio.Out, `Store the new key below in the masked CI/CD variable %[1]s (Settings > CI/CD > Variables,
with "Mask variable" on), or with the GitLab API and a token with the api scope:
  curl --fail --request PUT --header "PRIVATE-TOKEN: $GITLAB_TOKEN" \
    "$CI_API_V4_URL/projects/$CI_PROJECT_ID/variables/%[1]s" \
    --form "value=$NEW_KEY" --form "masked=true"
where NEW_KEY holds the line below. The new key:
%[2]s
`, envVar, secret)
		if err != nil {
			return fmt.Errorf("cannot print it for GitLab: %w", err)
		}
	case emitPlain:
		// A closed or full stdout (> /dev/full) loses the key: not a success.
		if !asJSON {
			if _, err := fmt.Fprintln(stdio.Out, secret); err != nil {
				return fmt.Errorf("cannot print it on stdout: %w", err)
			}
		}
	}
	return nil
}
