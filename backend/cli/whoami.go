package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/client"
	"github.com/keydesk/keydesk/backend/keys"
)

type whoamiOutput struct {
	session
	// Nil (and so left out) when the server gave no answer about the key.
	*api.WhoAmI
	// Error is why the server gave no answer about the key (rejected,
	// unreachable): --json still prints an object, as check and test do.
	Error string `json:"error,omitempty"`
}

func newWhoAmICmd(stdio IO) *cobra.Command {
	var o keyOpts
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "whoami",
		Short: "Show what the key is: id, name, role, workspace, expiry",
		Example: `  keydesk whoami --api-key-file key.txt -s https://keys.example.com
  keydesk whoami --json | jq -r .expiresAt`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := o.resolve(cmd, stdio, true)
			if err != nil {
				return err
			}
			c, err := s.client()
			if err != nil {
				return err
			}
			who, err := c.WhoAmI(cmd.Context())
			if err != nil {
				err = apiError(err)
				if asJSON {
					if perr := printJSON(stdio.Out, whoamiOutput{session: s, Error: keys.Redact(err.Error())}); perr != nil {
						return perr
					}
				}
				return err
			}
			if asJSON {
				return printJSON(stdio.Out, whoamiOutput{session: s, WhoAmI: &who})
			}
			now := time.Now()
			fmt.Fprintf(stdio.Out, "Key:        %s %q\nRole:       %s\nWorkspace:  %s (%s)\nExpiry:     %s\n",
				who.KeyID, who.KeyName, who.Role, who.WorkspaceName, who.WorkspaceID, expiryWords(who.ExpiresAt, now))
			if who.RevokesAt != nil {
				fmt.Fprintf(stdio.Out, "Rotated:    %s\n", revokeWords(*who.RevokesAt, now))
			}
			fmt.Fprintf(stdio.Out, "Server:     %s\n", s.Server)
			if who.ProfileID != "" {
				fmt.Fprintf(stdio.Out, "Profile:    %s\n", who.ProfileID)
			}
			return nil
		},
	}
	o.register(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print {server, serverSource, keySource, keyId, keyName, workspaceId, workspaceName, role, profileId, expiresAt, revokesAt?, createdAt}, or {…, error}")
	return cmd
}

// expiringAdvice says what clears a check that failed on an expiring key.
// A rotated key lives as long as the key before it, so for a key made to
// live no longer than the window, rotating would only fail the next check.
func expiringAdvice(who api.WhoAmI, window time.Duration) string {
	if who.ExpiresAt != nil && !who.CreatedAt.IsZero() {
		if life := who.ExpiresAt.Sub(who.CreatedAt); life <= window {
			return fmt.Sprintf("it was made to live %s and a rotated key lives as long, so rotating will not clear this check; "+
				"an admin can give it a longer expiry (regenerate with a new expiry), or use a smaller window", durationWords(life.Round(time.Hour)))
		}
	}
	return "rotate it with keydesk rotate-key"
}

var windowPattern = regexp.MustCompile(`^(?:(\d{1,4})d)?(?:(\d{1,5})h)?$`)

// parseWindow reads a window such as 7d, 36h or 1d12h.
func parseWindow(s string) (time.Duration, error) {
	m := windowPattern.FindStringSubmatch(s)
	if s == "" || m == nil {
		return 0, usageError("--fail-if-expiring-within must be days and/or hours such as 7d, 36h or 1d12h (at most 9999d and 99999h), got %q", s)
	}
	days, _ := strconv.Atoi("0" + m[1])
	hours, _ := strconv.Atoi("0" + m[2])
	return time.Duration(days)*24*time.Hour + time.Duration(hours)*time.Hour, nil
}

type checkOutput struct {
	OK      bool   `json:"ok"`
	KeyID   string `json:"keyId,omitempty"`
	KeyName string `json:"keyName,omitempty"`
	// ExpiresAt is the key's expiry, null when it never expires; left out
	// when the server did not say (see MarshalJSON).
	ExpiresAt   *time.Time `json:"-"`
	expiryKnown bool
	// RevokesAt is when a key in a rotation overlap stops working.
	RevokesAt *time.Time `json:"revokesAt,omitempty"`
	// ExpiresInSeconds: until the key stops working (its expiry, or the end
	// of its rotation overlap if sooner); absent when it never does.
	ExpiresInSeconds *int64 `json:"expiresInSeconds,omitempty"`
	Expired          bool   `json:"expired"`
	Window           string `json:"failIfExpiringWithin,omitempty"`
	Expiring         bool   `json:"expiring"`         // stops working within the window
	Reason           string `json:"reason,omitempty"` // why the server refused the key
	Message          string `json:"message"`
	// unanswered: the server said nothing about the key (unreachable, a
	// timeout), so whether it expired is not known either (see MarshalJSON).
	unanswered bool
}

// MarshalJSON writes expiresAt only when it is known: null means "never
// expires", which a key the server refused, or could not be asked about,
// is not known to do. Without an answer, expired and expiring are left out
// too: false would say the key is fine.
func (o checkOutput) MarshalJSON() ([]byte, error) {
	type fields checkOutput
	if o.unanswered {
		return json.Marshal(struct {
			OK      bool   `json:"ok"`
			Window  string `json:"failIfExpiringWithin,omitempty"`
			Message string `json:"message"`
		}{o.OK, o.Window, o.Message})
	}
	if !o.expiryKnown {
		return json.Marshal(fields(o))
	}
	return json.Marshal(struct {
		fields
		ExpiresAt *time.Time `json:"expiresAt"`
	}{fields(o), o.ExpiresAt})
}

// stopsAt is when the key stops working: its expiry, or the end of its
// rotation overlap if that comes first (rotated tells which).
func stopsAt(who api.WhoAmI) (at *time.Time, rotated bool) {
	if who.RevokesAt != nil && (who.ExpiresAt == nil || who.RevokesAt.Before(*who.ExpiresAt)) {
		return who.RevokesAt, true
	}
	return who.ExpiresAt, false
}

// revokeWords is "stops working 2026-01-04 12:00 UTC (in 2 days), when its
// rotation overlap ends: use the key that replaced it".
func revokeWords(at, now time.Time) string {
	return fmt.Sprintf("stops working %s (in %s), when its rotation overlap ends: use the key that replaced it",
		at.UTC().Format("2006-01-02 15:04 MST"), durationWords(at.Sub(now)))
}

func newCheckCmd(stdio IO) *cobra.Command {
	var o keyOpts
	var within string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "check [--fail-if-expiring-within 7d]",
		Short: "Check that the key works and does not expire soon",
		Long: `Check the key with the server and print its expiry. Exit codes: 0 the key works
(and does not expire within the window), 3 it expires within the window or has
expired, 4 the server rejects it (disabled, deleted, unknown), 1 another error,
2 a usage error (a bad flag or value, no key).`,
		Example: `  keydesk check --api-key-file key.txt --fail-if-expiring-within 7d
  keydesk check --fail-if-expiring-within 36h --json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var window time.Duration
			if cmd.Flags().Changed("fail-if-expiring-within") {
				var err error
				if window, err = parseWindow(within); err != nil {
					return err
				}
			}
			s, err := o.resolve(cmd, stdio, true)
			if err != nil {
				return err
			}
			c, err := s.client()
			if err != nil {
				return err
			}
			out := checkOutput{Window: within}
			finish := func(code int, msg string) error {
				out.Message = keys.Redact(msg)
				if asJSON {
					if err := printJSON(stdio.Out, out); err != nil {
						return err
					}
				} else if code == ExitOK {
					fmt.Fprintln(stdio.Out, msg)
				}
				if code != ExitOK {
					return &exitError{code: code, err: errors.New(msg)}
				}
				return nil
			}
			who, err := c.WhoAmI(cmd.Context())
			if errors.Is(err, client.ErrUnauthorized) || errors.Is(err, client.ErrForbidden) {
				v := refusal(cmd.Context(), s, err)
				out.KeyID, out.Reason = v.KeyID, v.Reason
				if v.Reason == api.ReasonExpired {
					out.Expired = true
					out.ExpiresAt, out.expiryKnown = v.ExpiresAt, v.ExpiresAt != nil
					return finish(ExitCheckFailed, fmt.Sprintf("the key %s has expired (%v): create or regenerate one", v.KeyID, err))
				}
				return finish(ExitRejected, apiError(err).Error())
			}
			if err != nil {
				// No answer about the key (unreachable, …): still an object for --json.
				out.unanswered = true
				return finish(codeOf(err), err.Error())
			}
			now := time.Now()
			out.KeyID, out.KeyName, out.ExpiresAt, out.expiryKnown, out.RevokesAt = who.KeyID, who.KeyName, who.ExpiresAt, true, who.RevokesAt
			msg := fmt.Sprintf("The key %s %q %s.", who.KeyID, who.KeyName, expiryWords(who.ExpiresAt, now))
			if who.RevokesAt != nil {
				msg = fmt.Sprintf("The key %s %q %s; it %s.", who.KeyID, who.KeyName, expiryWords(who.ExpiresAt, now), revokeWords(*who.RevokesAt, now))
			}
			end, rotated := stopsAt(who)
			if end == nil {
				out.OK = true
				return finish(ExitOK, msg)
			}
			left := end.Sub(now)
			secs := int64(left / time.Second)
			out.ExpiresInSeconds = &secs
			if left <= 0 {
				out.Expired = true
				return finish(ExitCheckFailed, fmt.Sprintf("the key %s %s", who.KeyID, expiryWords(who.ExpiresAt, now)))
			}
			if window > 0 && left <= window {
				out.Expiring = true
				if !asJSON {
					fmt.Fprintln(stdio.Out, msg)
				}
				if rotated {
					return finish(ExitCheckFailed, fmt.Sprintf("the key %s stops working in %s, within --fail-if-expiring-within %s, when its rotation overlap ends: use the key that replaced it", who.KeyID, durationWords(left), within))
				}
				return finish(ExitCheckFailed, fmt.Sprintf("the key %s expires in %s, within --fail-if-expiring-within %s: %s", who.KeyID, durationWords(left), within, expiringAdvice(who, window)))
			}
			out.OK = true
			return finish(ExitOK, msg)
		},
	}
	o.register(cmd)
	cmd.Flags().StringVar(&within, "fail-if-expiring-within", "", "exit 3 when the key expires within this window: days and/or hours, e.g. 7d, 36h")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print {ok, keyId, keyName, expiresAt, revokesAt?, expiresInSeconds, expired, expiring, reason, message}")
	return cmd
}
