package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/keydesk/keydesk/backend/client"
	"github.com/keydesk/keydesk/backend/fsfail"
	"github.com/keydesk/keydesk/backend/keys"
	"github.com/keydesk/keydesk/backend/secrets"
)

const defaultEnvVar = "KEYDESK_API_KEY"

func newAuthCmd(stdio IO) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "auth",
		Short: "Store, show and forget the API key the CLI uses",
		Args:  noArgs, // an unknown subcommand is a usage error, not help
		// As `keydesk admin`: a group alone is a usage error (exit 2), not a success.
		RunE: func(cmd *cobra.Command, _ []string) error {
			return usageError("keydesk auth needs a command: set-key, login, status or logout (keydesk auth --help)")
		},
	}
	cmd.AddCommand(newSetKeyCmd(stdio), newLoginCmd(stdio), newStatusCmd(stdio), newLogoutCmd(stdio))
	return cmd
}

// readSecretFrom reads a key from stdin: the first 64 KiB, trimmed. On a
// terminal it asks on prompt and reads one line without echo, as passwd and
// ssh-add do, so a key pasted by hand shows neither on screen nor in the
// scrollback.
func readSecretFrom(r io.Reader, prompt io.Writer) (string, error) {
	if r == nil {
		return "", errors.New("stdin is not available")
	}
	if f, ok := r.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(prompt, "Paste the key (it will not show) and press Enter: ")
		line, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(prompt) // the Enter was not echoed either
		if err != nil {
			return "", fmt.Errorf("cannot read the key from the terminal: %w", err)
		}
		return strings.TrimSpace(string(line)), nil
	}
	data, err := io.ReadAll(io.LimitReader(r, 64<<10))
	if err != nil {
		return "", fmt.Errorf("cannot read the key from stdin: %w", err)
	}
	return strings.TrimSpace(string(data)), nil
}

func newSetKeyCmd(stdio IO) *cobra.Command {
	var fromStdin, verify, ifMissing bool
	var fromEnv, keyFile, envFile, envVar, server string
	cmd := &cobra.Command{
		Use:   "set-key (KEY | --from-stdin | --from-env VAR)",
		Short: "Write an API key to a key file and/or a dotenv file",
		Long: `Write an API key to a key file (--write-key-file) and/or a dotenv file
(--write-env-file), without it passing through shell history. Its checksum is
checked first; with --verify the server must accept it too. Nothing is
written when either check fails. Files are written atomically, mode 0600.
A KEY given as an argument can be seen by other local users in the process
list: prefer --from-stdin or --from-env.`,
		Example: `  echo "$KEY" | keydesk auth set-key --from-stdin --write-key-file ~/.keydesk/api_key
  keydesk auth set-key --from-env CI_KEYDESK_KEY --write-key-file key.txt --verify -s https://keys.example.com
  keydesk auth set-key --from-env CI_KEYDESK_KEY --write-env-file .env --env-var DEPLOY_KEY --if-missing`,
		Args: atMostOneArg("the key; or give it with --from-stdin or --from-env"),
		RunE: func(cmd *cobra.Command, args []string) error {
			sources := 0
			for _, given := range []bool{len(args) == 1, fromStdin, cmd.Flags().Changed("from-env")} {
				if given {
					sources++
				}
			}
			if sources != 1 {
				return usageError("give the key exactly one way: as an argument, with --from-stdin or with --from-env VAR")
			}
			if keyFile == "" && envFile == "" {
				return usageError("nothing to write: give --write-key-file FILE and/or --write-env-file FILE (keydesk auth login stores a key in the keychain)")
			}
			if keyFile != "" && keyFile == envFile {
				return usageError("--write-key-file and --write-env-file must be different files")
			}
			if cmd.Flags().Changed("env-var") && envFile == "" {
				return usageError("--env-var names the variable of --write-env-file; give --write-env-file too")
			}
			if err := validateEnvVar(envVar); err != nil {
				return err
			}
			if !verify && cmd.Flags().Changed("server") {
				return usageError("-s/--server is only used with --verify")
			}
			if verify && server == "" {
				server = stdio.Getenv("KEYDESK_SERVER")
			}
			// Then the stored login's, as for every other command.
			if verify && server == "" {
				if login, _, err := loadLogin(stdio); err == nil && login != nil {
					server = login.Server
				}
			}
			if verify && server == "" {
				return usageError("--verify needs the server: give -s URL, set KEYDESK_SERVER or log in (keydesk auth login)")
			}

			var key, source string
			switch {
			case len(args) == 1:
				key, source = strings.TrimSpace(args[0]), "the argument"
			case fromStdin:
				var err error
				if key, err = readSecretFrom(stdio.In, stdio.Err); err != nil {
					return err
				}
				source = "stdin"
			default:
				key, source = strings.TrimSpace(stdio.Getenv(fromEnv)), "$"+fromEnv
				if key == "" {
					return usageError("the environment variable %s is not set or empty", fromEnv)
				}
			}
			if key == "" {
				return usageError("the key from %s is empty", source)
			}
			if err := checkSecret(key, source); err != nil {
				return err
			}

			if verify {
				anon, err := client.New(server, "")
				if err != nil {
					return usageError("%s: %v", serverSource(cmd, stdio, "the stored login"), err)
				}
				v, err := anon.Verify(cmd.Context(), key)
				if err != nil {
					return fmt.Errorf("cannot verify the key: %w", err)
				}
				if !v.Valid {
					return &exitError{code: ExitRejected, err: fmt.Errorf("the server at %s rejected the key (%s); nothing was written", anon.BaseURL(), reasonWords(v.Reason))}
				}
				fmt.Fprintf(stdio.Out, "The server at %s accepts the key: %s, role %s, %s.\n", anon.BaseURL(), v.KeyID, v.Role, expiryWords(v.ExpiresAt, time.Now()))
			}

			var writes []fileWrite
			var skipped []string
			if keyFile != "" {
				if ifMissing && fileExists(keyFile) {
					skipped = append(skipped, keyFile)
				} else {
					writes = append(writes, fileWrite{path: keyFile, data: []byte(key + "\n")})
				}
			}
			if envFile != "" {
				if ifMissing && fileExists(envFile) {
					skipped = append(skipped, envFile)
				} else {
					data, err := envFileContent(envFile, envVar, key)
					if err != nil {
						return err
					}
					writes = append(writes, fileWrite{path: envFile, data: data})
				}
			}
			if err := writeFiles(writes); err != nil {
				return err
			}
			for _, w := range writes {
				what := "the key " + keys.Mask(key)
				if w.path == envFile {
					what = envVar + " (" + keys.Mask(key) + ")"
				}
				fmt.Fprintf(stdio.Out, "Wrote %s to %s (mode 0600).\n", what, w.path)
			}
			for _, p := range skipped {
				fmt.Fprintf(stdio.Out, "Left %s untouched: it exists (--if-missing).\n", p)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.BoolVar(&fromStdin, "from-stdin", false, "read the key from stdin (on a terminal it asks, and the key does not show)")
	f.StringVar(&fromEnv, "from-env", "", "read the key from this environment variable")
	f.StringVar(&keyFile, "write-key-file", "", "write the key alone to this file")
	f.StringVar(&envFile, "write-env-file", "", "set the variable in this dotenv file, keeping its other lines")
	f.StringVar(&envVar, "env-var", defaultEnvVar, "the variable --write-env-file sets")
	f.BoolVar(&verify, "verify", false, "ask the server (-s) whether it accepts the key before writing anything")
	f.BoolVar(&ifMissing, "if-missing", false, "leave a target file that already exists untouched")
	serverFlag(cmd, &server, "the Keydesk server --verify asks (env KEYDESK_SERVER)")
	return cmd
}

func newLoginCmd(stdio IO) *cobra.Command {
	var server, withKey string
	cmd := &cobra.Command{
		Use:   "login -s URL --with-api-key (KEY | -)",
		Short: "Check a key with the server and store it for later commands",
		Long: `Check a key with the server (whoami), then store the server URL in the CLI's
config file and the key in the OS keychain (KEYDESK_KEYRING chooses one,
KEYDESK_KEYRING_PASSWORD unlocks the encrypted-file keychain). Without a
persistent keychain the key is kept in the config file, mode 0600; a keychain
named in KEYDESK_KEYRING that cannot be used is refused, nothing stored.
The config dir is $KEYDESK_CONFIG_DIR, else the OS config dir + keydesk.`,
		Example: `  keydesk auth login -s https://keys.example.com --with-api-key - < key.txt`,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if server == "" {
				server = stdio.Getenv("KEYDESK_SERVER")
			}
			if server == "" {
				return usageError("give the server with -s URL (or KEYDESK_SERVER)")
			}
			if !cmd.Flags().Changed("with-api-key") {
				return usageError("give the key with --with-api-key KEY, or --with-api-key - to read it from stdin")
			}
			// A typo must not leave the key in a plain file.
			if err := secrets.CheckBackend(stdio.Getenv("KEYDESK_KEYRING")); err != nil {
				return usageError("%v", err)
			}
			key, source := strings.TrimSpace(withKey), "--with-api-key"
			if withKey == "-" {
				var err error
				if key, err = readSecretFrom(stdio.In, stdio.Err); err != nil {
					return err
				}
				source = "stdin"
			}
			if key == "" {
				return usageError("the key from %s is empty", source)
			}
			if err := checkSecret(key, source); err != nil {
				return err
			}
			c, err := client.New(server, key)
			if err != nil {
				return usageError("%s: %v", serverSource(cmd, stdio, "--server"), err)
			}
			who, err := c.WhoAmI(cmd.Context())
			if err != nil {
				return apiError(err)
			}
			path, err := configPath(stdio)
			if err != nil {
				return err
			}
			if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
				return fmt.Errorf("cannot create the config directory %s: %s", filepath.Dir(path), fsfail.ExplainWrite(filepath.Dir(path), err))
			}
			login := &loginConfig{
				Server: c.BaseURL(), KeyID: who.KeyID, KeyName: who.KeyName, WorkspaceID: who.WorkspaceID,
				WorkspaceName: who.WorkspaceName, Role: who.Role, LoggedInAt: time.Now().UTC(),
			}
			store, info := secrets.Open(keychainConfig(stdio, filepath.Dir(path), ""))
			problem := info.Problem
			if info.Persistent {
				if err := store.Set(loginItem, key); err == nil {
					login.KeyStore, login.Keychain, login.KeychainLabel = storeKeychain, info.Backend, keychainLabel(info, filepath.Dir(path))
				} else {
					problem = err.Error()
				}
			}
			if b := stdio.Getenv("KEYDESK_KEYRING"); login.KeyStore == "" && b != "" && b != "memory" {
				// A keychain asked for by name is not quietly swapped for a plain file.
				return usageError("KEYDESK_KEYRING=%s cannot store the key (%s); nothing was stored: fix it (the file keychain needs KEYDESK_KEYRING_PASSWORD), or unset KEYDESK_KEYRING to keep the key in %s (mode 0600)",
					b, strings.ReplaceAll(problem, "\n", "; "), path)
			}
			if login.KeyStore == "" {
				login.KeyStore, login.APIKey = storeFile, key
				fmt.Fprintf(stdio.Err, "keydesk: no persistent keychain is available (%s): the key is kept in %s (mode 0600)\n", strings.ReplaceAll(problem, "\n", "; "), path)
			}
			if err := saveLogin(path, login); err != nil {
				return err
			}
			fmt.Fprintf(stdio.Out, "Logged in to %s with %s %q (role %s, workspace %s (%s)); the key is stored in %s.\n",
				login.Server, who.KeyID, who.KeyName, who.Role, who.WorkspaceName, who.WorkspaceID, where(login, path))
			return nil
		},
	}
	serverFlag(cmd, &server, "the Keydesk server to log in to (env KEYDESK_SERVER)")
	cmd.Flags().StringVar(&withKey, "with-api-key", "", "the key to store, or - to read it from stdin (on a terminal it asks, and the key does not show; a key given here shows in the process list: prefer -)")
	return cmd
}

// where says where a stored login keeps its key.
func where(c *loginConfig, path string) string {
	if c.KeyStore == storeFile {
		return path + " (mode 0600)"
	}
	return label(c)
}

type statusOutput struct {
	session
	LoggedIn bool `json:"loggedIn"`
	// What the server said the key is; left out when it gave no answer:
	// an expiresAt of null would say "never expires".
	*statusKey
	Error string `json:"error,omitempty"` // why the server gave no answer about the key
}

type statusKey struct {
	KeyID         string     `json:"keyId"`
	KeyName       string     `json:"keyName"`
	Role          string     `json:"role"`
	WorkspaceID   string     `json:"workspaceId"`
	WorkspaceName string     `json:"workspaceName"`
	ExpiresAt     *time.Time `json:"expiresAt"`
}

func newStatusCmd(stdio IO) *cobra.Command {
	var o keyOpts
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show the server and key the CLI uses, and where the key comes from",
		Long: `Show the server and the key the CLI would use (key sources, highest first:
--api-key, --api-key-file, KEYDESK_API_KEY, the stored login), asking the server
what the key is. Never prints the key.`,
		Example: `  keydesk auth status
  KEYDESK_API_KEY=$DEPLOY_KEY keydesk auth status -s https://keys.example.com --json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := o.resolve(cmd, stdio, true)
			if errors.Is(err, errNoKey) {
				// Exit 2, as every command without a key.
				return usageError("not logged in: %w", errNoKey)
			}
			if err != nil {
				return err
			}
			login, _, _ := loadLogin(stdio)
			out := statusOutput{session: s, LoggedIn: login != nil}
			c, err := s.client()
			if err != nil {
				return err
			}
			who, err := c.WhoAmI(cmd.Context())
			if err != nil {
				err = apiError(err)
				if asJSON {
					out.Error = keys.Redact(err.Error())
					if perr := printJSON(stdio.Out, out); perr != nil {
						return perr
					}
				} else {
					fmt.Fprintf(stdio.Out, "Server:     %s (from %s)\nKey from:   %s\n", s.Server, s.ServerSource, s.KeySource)
				}
				return err
			}
			out.statusKey = &statusKey{
				KeyID: who.KeyID, KeyName: who.KeyName, Role: who.Role,
				WorkspaceID: who.WorkspaceID, WorkspaceName: who.WorkspaceName, ExpiresAt: who.ExpiresAt,
			}
			if asJSON {
				return printJSON(stdio.Out, out)
			}
			fmt.Fprintf(stdio.Out, "Server:     %s (from %s)\nKey:        %s %q\nKey from:   %s\nRole:       %s\nWorkspace:  %s (%s)\nExpiry:     %s\n",
				s.Server, s.ServerSource, who.KeyID, who.KeyName, s.KeySource, who.Role, who.WorkspaceName, who.WorkspaceID, expiryWords(who.ExpiresAt, time.Now()))
			return nil
		},
	}
	o.register(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print {server, serverSource, keySource, loggedIn, keyId, keyName, role, workspaceId, workspaceName, expiresAt}")
	return cmd
}

func newLogoutCmd(stdio IO) *cobra.Command {
	return &cobra.Command{
		Use:     "logout",
		Short:   "Forget the stored login: its key in the keychain and the config file",
		Example: "  keydesk auth logout",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			login, path, err := loadLogin(stdio)
			if err != nil {
				if path == "" {
					return err
				}
				// A damaged config file is removed all the same.
				login = &loginConfig{}
			}
			if login == nil {
				fmt.Fprintln(stdio.Out, "Not logged in: nothing to forget.")
				return nil
			}
			if login.KeyStore == storeKeychain {
				store, err := openLoginKeychain(stdio, login, path)
				if err == nil {
					err = store.Delete(loginItem)
				}
				if err != nil {
					// The config file is kept: it is what tells logout, run
					// again with the keychain open, what is left to remove.
					return fmt.Errorf("the key stays in %s as item %q, so %s is kept too; nothing was removed: %w", label(login), loginItem, path, err)
				}
			}
			if err := os.Remove(path); err != nil {
				return fmt.Errorf("cannot remove the stored login %s: %w", path, err)
			}
			fmt.Fprintf(stdio.Out, "Logged out of %s: removed %s", login.Server, path)
			if login.KeyStore == storeKeychain {
				fmt.Fprintf(stdio.Out, " and the key from %s", label(login))
			}
			fmt.Fprintln(stdio.Out, ".")
			return nil
		},
	}
}

// serverSource names where a command's server URL came from, for a message
// about it: the flag, KEYDESK_SERVER, else fallback.
func serverSource(cmd *cobra.Command, stdio IO, fallback string) string {
	switch {
	case cmd.Flags().Changed("server"):
		return "--server"
	case stdio.Getenv("KEYDESK_SERVER") != "":
		return "KEYDESK_SERVER"
	}
	return fallback
}
