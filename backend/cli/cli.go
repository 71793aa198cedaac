// Package cli holds the `keydesk` commands: the server (`serve`), workspace
// administration, and the key commands scripts and CI pipelines use.
package cli

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/keydesk/keydesk/backend/keys"
	"github.com/keydesk/keydesk/backend/server"
)

// Exit codes, as documented in the README and DESIGN.md.
const (
	ExitOK          = 0
	ExitError       = 1
	ExitUsage       = 2
	ExitCheckFailed = 3
	ExitRejected    = 4
)

// exitError carries an exit code up to Main.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageError(format string, args ...any) error {
	return &exitError{code: ExitUsage, err: fmt.Errorf(format, args...)}
}

// noArgs refuses arguments for a command that takes none, saying so
// (cobra's own would call the first one an unknown command).
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageError("%s takes no arguments, got %q: options start with -- (see %s --help)", cmd.CommandPath(), args[0], cmd.CommandPath())
	}
	return nil
}

// atMostOneArg accepts no argument or one; more is a usage error that
// says what to give (hint) instead of cobra's "accepts at most 1 arg(s)".
func atMostOneArg(hint string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > 1 {
			return usageError("%s takes at most 1 argument, got %d: %s", cmd.CommandPath(), len(args), hint)
		}
		return nil
	}
}

// argsOrHint accepts exactly n arguments; otherwise the usage error says
// what to give instead of cobra's "accepts 1 arg(s), received 0" or
// "unknown command".
func argsOrHint(n int, hint string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) == n:
			return nil
		case n == 0:
			return usageError("%s takes no arguments (got %q): %s", cmd.CommandPath(), args[0], hint)
		case len(args) < n:
			return usageError("%s: %s", cmd.CommandPath(), hint)
		}
		return usageError("%s takes %d argument(s), got %d: %s", cmd.CommandPath(), n, len(args), hint)
	}
}

// countingWriter counts what went through it.
type countingWriter struct {
	w io.Writer
	n int
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += n
	return n, err
}

// IO is where commands read and write.
type IO struct {
	In     io.Reader
	Out    io.Writer
	Err    io.Writer
	Getenv func(string) string
	// LookupEnv tells a variable set but empty from one not set; os.LookupEnv
	// when Getenv is os.Getenv.
	LookupEnv func(string) (string, bool)
}

// Main runs the keydesk command line and returns the exit code.
func Main(args []string, stdio IO) int {
	if stdio.Getenv == nil {
		stdio.Getenv, stdio.LookupEnv = os.Getenv, os.LookupEnv
	}
	if stdio.LookupEnv == nil {
		getenv := stdio.Getenv
		stdio.LookupEnv = func(name string) (string, bool) { v := getenv(name); return v, v != "" }
	}
	out := &countingWriter{w: stdio.Out}
	stdio.Out = out
	root := newRoot(stdio)
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	if err == nil {
		return ExitOK
	}
	// A key given in the wrong place (an argument, --server) is echoed
	// by the error that refuses it: print it masked.
	msg := keys.Redact(err.Error())
	fmt.Fprintln(stdio.Err, "keydesk: "+msg)
	// A script that asked for JSON reads stdout: it gets an object that
	// says why, also for an error before the command printed anything.
	asJSON, _ := cmd.Flags().GetBool("json")
	// A flag error stops cobra before it reads the flags after it (check
	// --bogus --json): a --json among them still asks for JSON.
	if !asJSON && cmd.Flags().Lookup("json") != nil && isUsage(err) {
		asJSON = slices.Contains(args, "--json") || slices.Contains(args, "--json=true")
	}
	if asJSON && out.n == 0 {
		// "ok" as check's answer has it: `jq .ok` reads false, not null.
		printJSON(stdio.Out, struct {
			OK    bool   `json:"ok"`
			Error string `json:"error"`
		}{false, msg})
	}
	return codeOf(err)
}

// codeOf is the exit code an error ends the program with.
func codeOf(err error) int {
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	if isUsage(err) {
		return ExitUsage
	}
	return ExitError
}

// isUsage recognises cobra's own argument and flag errors.
func isUsage(err error) bool {
	msg := err.Error()
	for _, s := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "flag needs an argument", "invalid argument", "accepts ", "requires at least", "required flag"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

func newRoot(stdio IO) *cobra.Command {
	root := &cobra.Command{
		Use:   "keydesk",
		Short: "Keydesk: manage and use API keys",
		Long: `keydesk runs a Keydesk key server and lets scripts and CI pipelines use, check and rotate their keys.

Key sources, highest first: --api-key, --api-key-file, KEYDESK_API_KEY, the stored
login (keydesk auth login). Server: -s/--server, KEYDESK_SERVER, the stored login.

Exit codes: 0 ok, 1 error (e.g. the server cannot be reached), 2 usage (a bad
flag or value), 3 check failed (the key expires within the window, or has
expired), 4 key rejected (401/403: disabled, deleted, unknown, not allowed).`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       server.Version,
	}
	root.SetIn(stdio.In)
	root.SetOut(stdio.Out)
	root.SetErr(stdio.Err)
	root.AddCommand(newServeCmd(stdio), newAdminCmd(stdio), newAuthCmd(stdio),
		newWhoAmICmd(stdio), newCheckCmd(stdio), newRotateKeyCmd(stdio), newTestCmd(stdio))
	root.SetHelpCommand(newHelpCmd())
	return root
}

// newHelpCmd is cobra's help command, except that an unknown topic is a
// usage error (exit 2), printed masked like every error: cobra's own
// printed the topic, a key pasted there too, and exited 0.
func newHelpCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		Long:  "Help for any command: keydesk help auth login, or keydesk auth login --help.",
		RunE: func(c *cobra.Command, args []string) error {
			cmd, rest, err := c.Root().Find(args)
			if err != nil || cmd == nil || len(rest) > 0 {
				return usageError("there is no command %q: see keydesk --help for the commands", strings.Join(args, " "))
			}
			cmd.InitDefaultHelpFlag()
			return cmd.Help()
		},
	}
}

func newLogger(w io.Writer, level string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, usageError("--log-level must be debug, info, warn or error, got %q", level)
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l})), nil
}

// defaultDB is the database when --db and KEYDESK_DB are not given.
const defaultDB = "sqlite:" + server.DefaultSQLiteFile

// checkDB refuses a --db value that cannot work, as a usage error, before
// anything is opened.
func checkDB(db string) error {
	if err := server.CheckDSN(db); err != nil {
		return &exitError{code: ExitUsage, err: err}
	}
	return nil
}

func dbFlag(cmd *cobra.Command, stdio IO, target *string) {
	def := stdio.Getenv("KEYDESK_DB")
	if def == "" {
		def = defaultDB
	}
	cmd.Flags().StringVar(target, "db", def, "database: sqlite:PATH (or a bare PATH) or postgres://… (env KEYDESK_DB)")
}
