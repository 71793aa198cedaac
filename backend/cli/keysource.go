package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/client"
	"github.com/keydesk/keydesk/backend/fsfail"
	"github.com/keydesk/keydesk/backend/keys"
)

// keyOpts are the flags of every command that uses a key.
type keyOpts struct {
	apiKey     string
	apiKeyFile string
	server     string
}

func (o *keyOpts) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.apiKey, "api-key", "", "the API key (other local users can see it in the process list: prefer --api-key-file or KEYDESK_API_KEY)")
	cmd.Flags().StringVar(&o.apiKeyFile, "api-key-file", "", "read the API key from this file")
	serverFlag(cmd, &o.server, "Keydesk server URL (env KEYDESK_SERVER, else the stored login's)")
}

func serverFlag(cmd *cobra.Command, target *string, usage string) {
	cmd.Flags().StringVarP(target, "server", "s", "", usage)
}

// session is a key and a server, and where each came from.
type session struct {
	// Server is the server's URL as printed: a key typed into it by
	// mistake shows masked (keys.Redact). url is the one to connect to.
	Server       string `json:"server"`
	url          string
	ServerSource string `json:"serverSource"`
	Key          string `json:"-"`
	KeySource    string `json:"keySource"`

	login     *loginConfig // set when the key came from the stored login
	loginPath string
}

var errNoKey = errors.New("no API key: give --api-key or --api-key-file, set KEYDESK_API_KEY, or run keydesk auth login")

// resolve finds the key, highest first: --api-key, --api-key-file,
// KEYDESK_API_KEY, the stored login; and the server: -s/--server,
// KEYDESK_SERVER, the stored login. The key's checksum is checked offline.
func (o *keyOpts) resolve(cmd *cobra.Command, stdio IO, needServer bool) (session, error) {
	var s session
	var login *loginConfig
	var loginPath string
	loaded := false
	loadOnce := func() error {
		if loaded {
			return nil
		}
		loaded = true
		var err error
		login, loginPath, err = loadLogin(stdio)
		return err
	}
	flags := cmd.Flags()
	switch {
	case flags.Changed("api-key"):
		s.Key, s.KeySource = strings.TrimSpace(o.apiKey), "--api-key"
		if s.Key == "" {
			return s, usageError("--api-key is empty")
		}
	case flags.Changed("api-key-file"):
		if o.apiKeyFile == "" {
			return s, usageError("--api-key-file is empty: give the path of a file that holds the key")
		}
		data, err := os.ReadFile(o.apiKeyFile)
		if err != nil {
			return s, fmt.Errorf("cannot read --api-key-file: %s", fsfail.Explain(o.apiKeyFile, err))
		}
		s.Key, s.KeySource = strings.TrimSpace(string(data)), "--api-key-file "+o.apiKeyFile
		if s.Key == "" {
			return s, usageError("--api-key-file %s is empty", o.apiKeyFile)
		}
	case stdio.Getenv("KEYDESK_API_KEY") != "":
		s.Key, s.KeySource = strings.TrimSpace(stdio.Getenv("KEYDESK_API_KEY")), "KEYDESK_API_KEY"
	case envSetEmpty(stdio, "KEYDESK_API_KEY"):
		// A CI secret a job may not read (a pull request from a fork) comes
		// as an empty variable: falling back to a stored login would use
		// another key without a word.
		return s, usageError("KEYDESK_API_KEY is set but empty (a CI secret this job cannot read?): set it to the key, or unset it to use the stored login")
	default:
		if err := loadOnce(); err != nil {
			return s, err
		}
		if login == nil {
			return s, &exitError{code: ExitUsage, err: errNoKey}
		}
		key, err := loginKey(stdio, login, loginPath)
		if err != nil {
			return s, err
		}
		s.Key, s.KeySource = key, "the stored login ("+where(login, loginPath)+")"
		s.login, s.loginPath = login, loginPath
	}
	if err := checkSecret(s.Key, s.KeySource); err != nil {
		return s, err
	}
	switch {
	case flags.Changed("server"):
		s.url, s.ServerSource = o.server, "--server"
	case stdio.Getenv("KEYDESK_SERVER") != "":
		s.url, s.ServerSource = stdio.Getenv("KEYDESK_SERVER"), "KEYDESK_SERVER"
	default:
		if err := loadOnce(); err != nil {
			return s, err
		}
		if login != nil {
			s.url, s.ServerSource = login.Server, "the stored login"
		}
	}
	s.Server = keys.Redact(s.url)
	if s.url == "" && needServer {
		return s, usageError("no server: give -s URL, set KEYDESK_SERVER, or run keydesk auth login")
	}
	if client.Cleartext(s.url) {
		// Warned, not refused: a CI network may be private (http://keydesk:8470).
		fmt.Fprintf(stdio.Err, "keydesk: warning: %s (from %s) is plain http to another computer: the key crosses the network unencrypted; use https://\n", s.Server, s.ServerSource)
	}
	return s, nil
}

// envSetEmpty reports whether the variable is set, to nothing.
func envSetEmpty(stdio IO, name string) bool {
	v, set := stdio.LookupEnv(name)
	return set && v == ""
}

// checkSecret validates a key's shape and checksum offline. The message
// names where the key came from and what is wrong, never the key.
func checkSecret(secret, source string) error {
	if _, err := keys.ParseSecret(secret); err != nil {
		return fmt.Errorf("the key from %s (%d characters) is not valid: %w", source, len(secret), err)
	}
	return nil
}

func (s session) client() (*client.Client, error) {
	c, err := client.New(s.url, s.Key)
	if err != nil {
		return nil, usageError("%s: %v", s.ServerSource, err)
	}
	return c, nil
}

// apiError gives a client error its exit code: a rejected key is 4.
func apiError(err error) error {
	if errors.Is(err, client.ErrUnauthorized) || errors.Is(err, client.ErrForbidden) {
		var ce *client.Error
		status := 0
		if errors.As(err, &ce) {
			status = ce.Status
		}
		return &exitError{code: ExitRejected, err: fmt.Errorf("the server rejected the key (HTTP %d): %w", status, err)}
	}
	return err
}

// refusal is why the server refused the key: said by the refusal itself
// when the server says it, else asked of verify. An expired key is asked
// anyway, for when it expired.
func refusal(ctx context.Context, s session, err error) api.VerifyResponse {
	var ce *client.Error
	if errors.As(err, &ce) && ce.Problem.Reason != "" && ce.Problem.Reason != api.ReasonExpired {
		return api.VerifyResponse{KeyID: ce.Problem.KeyID, Reason: ce.Problem.Reason}
	}
	return askVerify(ctx, s)
}

// askVerify asks the server why it rejected a key (verify needs no
// authentication and answers with a reason).
func askVerify(ctx context.Context, s session) api.VerifyResponse {
	anon, err := client.New(s.url, "")
	if err != nil {
		return api.VerifyResponse{}
	}
	v, _ := anon.Verify(ctx, s.Key)
	return v
}

// reasonWords says why verify refused a key.
func reasonWords(reason string) string {
	switch reason {
	case api.ReasonMalformed:
		return "it is malformed"
	case api.ReasonNotFound:
		return "it does not exist or was deleted"
	case api.ReasonDisabled:
		return "it is disabled"
	case api.ReasonExpired:
		return "it has expired"
	case api.ReasonRevoked:
		return "it was revoked at the end of its rotation overlap: use its successor"
	case api.ReasonAPIDisabled:
		return "API access is turned off for its workspace"
	}
	return "reason: " + reason
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// expiryWords is "never expires", "expires 2026-01-04 12:00 UTC (in 2 days
// 23 hours)" or "expired … ago".
func expiryWords(at *time.Time, now time.Time) string {
	if at == nil {
		return "never expires"
	}
	when := at.UTC().Format("2006-01-02 15:04 MST")
	if d := at.Sub(now); d > 0 {
		return "expires " + when + " (in " + durationWords(d) + ")"
	}
	return "expired " + when + " (" + durationWords(now.Sub(*at)) + " ago)"
}

// durationWords rounds d to the two largest of days, hours, minutes.
func durationWords(d time.Duration) string {
	days := int(d / (24 * time.Hour))
	hours := int(d % (24 * time.Hour) / time.Hour)
	minutes := int(d % time.Hour / time.Minute)
	unit := func(n int, s string) string {
		if n == 1 {
			return "1 " + s
		}
		return fmt.Sprintf("%d %ss", n, s)
	}
	switch {
	case days > 0 && hours > 0:
		return unit(days, "day") + " " + unit(hours, "hour")
	case days > 0:
		return unit(days, "day")
	case hours > 0 && minutes > 0:
		return unit(hours, "hour") + " " + unit(minutes, "minute")
	case hours > 0:
		return unit(hours, "hour")
	case minutes > 0:
		return unit(minutes, "minute")
	}
	return "less than a minute"
}
