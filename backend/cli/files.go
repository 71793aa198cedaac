package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"

	"github.com/keydesk/keydesk/backend/fsfail"
	"github.com/keydesk/keydesk/backend/keys"
)

// fileMode is the mode of every file the CLI writes: each may hold a secret.
const fileMode = 0o600

// fileWrite is one file to write whole.
type fileWrite struct {
	path string // as the user gave it, for messages
	data []byte
}

// staged is a file written and synced beside its target, not yet renamed
// into place.
type staged struct {
	tmp, target, shown string
}

// realTarget follows a symlink, so that writing a linked key file updates
// the file it points to instead of replacing the link.
func realTarget(path string) string {
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		if resolved, err := filepath.EvalSymlinks(path); err == nil {
			return resolved
		}
	}
	return path
}

// stage writes data to a temporary file in the target's directory (same
// file system, so the rename is atomic) and syncs it.
func stage(w fileWrite) (*staged, error) {
	target := realTarget(w.path)
	if fi, err := os.Stat(target); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("cannot write %s: it is a folder, not a file", w.path)
	}
	f, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %s", w.path, fsfail.ExplainWrite(target, err))
	}
	s := &staged{tmp: f.Name(), target: target, shown: w.path}
	err = f.Chmod(fileMode)
	if err == nil {
		_, err = f.Write(w.data)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(s.tmp)
		return nil, fmt.Errorf("cannot write %s: %s", w.path, fsfail.ExplainWrite(target, err))
	}
	return s, nil
}

func (s *staged) commit() error {
	if err := os.Rename(s.tmp, s.target); err != nil {
		os.Remove(s.tmp)
		return fmt.Errorf("cannot write %s: %s", s.shown, fsfail.ExplainWrite(s.target, err))
	}
	syncDir(filepath.Dir(s.target))
	return nil
}

// syncDir makes a rename durable. Windows cannot sync a directory, and a
// failure here leaves a complete file either way, so errors are ignored.
func syncDir(dir string) {
	if runtime.GOOS == "windows" {
		return
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// writeFiles writes every file atomically with mode 0600: each is written
// to a temporary file beside it, synced, and renamed over the target. All
// files are staged before the first rename, so a failure to write any of
// them leaves every target as it was.
func writeFiles(files []fileWrite) error {
	var done []*staged
	for _, w := range files {
		s, err := stage(w)
		if err != nil {
			for _, d := range done {
				os.Remove(d.tmp)
			}
			return err
		}
		done = append(done, s)
	}
	var errs []error
	for _, s := range done {
		if err := s.commit(); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// checkWritable proves, before anything irreversible happens, that path
// can be written the way writeFiles will write it.
func checkWritable(path string) error {
	s, err := stage(fileWrite{path: path})
	if err != nil {
		return err
	}
	return os.Remove(s.tmp)
}

// fileExists reports whether something is at path.
func fileExists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

var envVarPattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

func validateEnvVar(name string) error {
	if !envVarPattern.MatchString(name) {
		return usageError("--env-var must be a variable name (letters, digits and _, not starting with a digit), got %q", name)
	}
	// A key pasted where the name goes is a valid name too: it would be
	// written, whole, as the name of the new key's line.
	if keys.Redact(name) != name {
		return usageError("--env-var %s looks like an API key, not a variable name (like KEYDESK_API_KEY)", keys.Redact(name))
	}
	return nil
}

// envFileContent returns the dotenv file at path with the variable name set
// to value: an existing assignment is replaced in place (keeping a leading
// `export `), otherwise one is appended; every other line is kept as it was.
func envFileContent(path, name, value string) ([]byte, error) {
	old, err := os.ReadFile(realTarget(path))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("cannot read the env file: %s", fsfail.Explain(path, err))
	}
	if line := multilineAssignment(old, name); line > 0 {
		return nil, usageError("%s: line %d sets %s to a quoted value that goes on over more lines, which Keydesk does not rewrite (its other lines would be left behind): make it one line, or choose another --env-var", path, line, name)
	}
	return setDotenv(old, name, value), nil
}

// multilineAssignment is the line number of the first assignment of name
// in a dotenv file whose quoted value does not end on that line, or 0.
func multilineAssignment(text []byte, name string) int {
	assignment := regexp.MustCompile(`^[ \t]*(?:export[ \t]+)?` + regexp.QuoteMeta(name) + `[ \t]*=[ \t]*(["'])(.*)$`)
	for i, line := range strings.Split(string(text), "\n") {
		m := assignment.FindStringSubmatch(strings.TrimRight(line, "\r"))
		if m != nil && !closesQuote(m[2], m[1][0]) {
			return i + 1
		}
	}
	return 0
}

// closesQuote reports whether s holds the quote q that ends a value; in
// double quotes a backslash escapes the next character.
func closesQuote(s string, q byte) bool {
	for i := 0; i < len(s); i++ {
		switch {
		case q == '"' && s[i] == '\\':
			i++
		case s[i] == q:
			return true
		}
	}
	return false
}

func setDotenv(old []byte, name, value string) []byte {
	// Blanks are spaces and tabs only: a line that starts with a carriage
	// return or another control character is not an assignment to keep.
	assignment := regexp.MustCompile(`^([ \t]*(?:export[ \t]+)?)` + regexp.QuoteMeta(name) + `[ \t]*=`)
	text := string(old)
	newline := "\n"
	if strings.Contains(text, "\r\n") {
		newline = "\r\n"
	}
	lines := strings.SplitAfter(text, "\n")
	replaced := false
	var b strings.Builder
	for _, line := range lines {
		body := strings.TrimRight(line, "\r\n")
		if m := assignment.FindStringSubmatch(body); m != nil {
			b.WriteString(m[1] + name + "=" + dotenvQuote(value) + line[len(body):])
			replaced = true
			continue
		}
		b.WriteString(line)
	}
	if !replaced {
		if text != "" && !strings.HasSuffix(text, "\n") {
			b.WriteString(newline)
		}
		b.WriteString(name + "=" + dotenvQuote(value) + newline)
	}
	return []byte(b.String())
}

var dotenvPlain = regexp.MustCompile(`^[A-Za-z0-9_./:@+-]+$`)

// dotenvQuote leaves a value bare when every dotenv reader (Docker's
// --env-file, GitHub's $GITHUB_ENV, shells, dotenv libraries) reads it the
// same way — a Keydesk key always is — and double-quotes anything else,
// escaping what a shell or a dotenv library would expand.
func dotenvQuote(v string) string {
	if dotenvPlain.MatchString(v) {
		return v
	}
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, `$`, `\$`, "`", "\\`", "\n", `\n`, "\r", `\r`)
	return `"` + r.Replace(v) + `"`
}

// checkAppendable proves a line can be appended to path (creating it empty
// if it is missing, as $GITHUB_ENV never is in a GitHub Actions step).
func checkAppendable(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, fileMode)
	if err != nil {
		return errors.New(fsfail.ExplainWrite(path, err))
	}
	return f.Close()
}

// appendLine appends one line to a file such as $GITHUB_ENV, which the CI
// runner reads after the step, so it is appended to and never replaced.
func appendLine(path, line string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, fileMode)
	if err != nil {
		return errors.New(fsfail.ExplainWrite(path, err))
	}
	_, err = f.WriteString(line + "\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return errors.New(fsfail.ExplainWrite(path, err))
	}
	return nil
}
