package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// FuzzSetDotenv: whatever the file held and whatever the value is, setting
// a variable keeps every other line byte for byte and in order, replaces
// each assignment of the variable in place (or appends one), and the
// written assignment reads back as the value — through the dotenv escapes
// and, for a value without CR, LF or NUL, through a POSIX shell sourcing it.
func FuzzSetDotenv(f *testing.F) {
	f.Add("", "K", "kd_abc")
	f.Add("A=1\nB=2\n", "K", "v")
	f.Add("A=1\r\nexport K = old\r\n# K=3\nKEY=1", "K", `a b"$c`+"`\\\n")
	f.Add("K=1\nK=2\n", "K", "$(touch pwned)")
	f.Add("  export\tK=old", "K", "it's 'quoted' \\n not a newline")
	f.Add("A=\"multi\nK=inside\"\n", "DEPLOY_KEY", "\r")
	f.Add("\xff\xfe\n", "K", "\x00nul")
	f.Fuzz(func(t *testing.T, old, name, value string) {
		if !envVarPattern.MatchString(name) {
			return // --env-var refuses it
		}
		out := string(setDotenv([]byte(old), name, value))
		assignment := regexp.MustCompile(`^([ \t]*(?:export[ \t]+)?)` + regexp.QuoteMeta(name) + `[ \t]*=`)
		oldLines, newLines := splitLines(old), splitLines(out)
		var written []string
		for i, line := range oldLines {
			body := strings.TrimRight(line, "\r\n")
			m := assignment.FindStringSubmatch(body)
			switch {
			case i >= len(newLines):
				t.Fatalf("lines lost: %q -> %q", old, out)
			case m != nil:
				// Replaced in place, with its indentation, export and line end.
				got := newLines[i]
				if !strings.HasPrefix(got, m[1]+name+"=") || !strings.HasSuffix(got, line[len(body):]) ||
					strings.ContainsAny(strings.TrimSuffix(got, line[len(body):]), "\r\n") {
					t.Fatalf("assignment %q became %q", line, got)
				}
				written = append(written, strings.TrimSuffix(got, line[len(body):]))
			case newLines[i] != line && !(i == len(oldLines)-1 && !strings.HasSuffix(line, "\n") &&
				(newLines[i] == line+"\n" || newLines[i] == line+"\r\n")):
				// Kept byte for byte; a last line without a line end gains one
				// when the assignment is appended after it.
				t.Fatalf("line %d %q became %q", i, line, newLines[i])
			}
		}
		switch {
		case written == nil && len(newLines) == len(oldLines)+1:
			last := newLines[len(newLines)-1]
			end := strings.TrimPrefix(last, strings.TrimRight(last, "\r\n"))
			if !strings.HasPrefix(last, name+"=") || (end != "\n" && end != "\r\n") {
				t.Fatalf("appended %q, want one line %s=…", last, name)
			}
			written = append(written, strings.TrimSuffix(last, end))
		case written == nil || len(newLines) != len(oldLines):
			t.Fatalf("%d lines became %d: %q -> %q", len(oldLines), len(newLines), old, out)
		}
		for _, w := range written {
			rhs := w[strings.Index(w, name+"=")+len(name)+1:]
			if got, ok := dotenvValue(rhs); !ok || got != value {
				t.Fatalf("%q reads back as %q (ok %v), want %q", w, got, ok, value)
			}
		}
		if !strings.ContainsAny(value, "\r\n\x00") {
			if got := shellValue(t, name, written[0]); got != value {
				t.Fatalf("sh reads %q as %q, want %q", written[0], got, value)
			}
		}
	})
}

// splitLines splits s after each "\n", without an empty last element.
func splitLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// dotenvValue reads the right-hand side of an assignment the way dotenv
// libraries read a double-quoted value: \n, \r, \\, \", \$ and \`, nothing
// else, and no unescaped quote inside. A bare value is taken as it is.
func dotenvValue(rhs string) (string, bool) {
	if !strings.HasPrefix(rhs, `"`) {
		return rhs, !strings.ContainsAny(rhs, " \t\"'`$\\#;&|<>(){}*?[]~!\r\n")
	}
	if len(rhs) < 2 || !strings.HasSuffix(rhs, `"`) {
		return "", false
	}
	var b strings.Builder
	in := rhs[1 : len(rhs)-1]
	for i := 0; i < len(in); i++ {
		c := in[i]
		switch {
		case c == '"' || c == '\n' || c == '\r':
			return "", false
		case c != '\\':
			b.WriteByte(c)
		case i+1 == len(in):
			return "", false
		default:
			i++
			switch in[i] {
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case '\\', '"', '$', '`':
				b.WriteByte(in[i])
			default:
				return "", false
			}
		}
	}
	return b.String(), true
}

// shellValue sources the assignment in sh and prints the variable.
func shellValue(t *testing.T, name, assignment string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), ".env")
	if err := os.WriteFile(file, []byte(assignment+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("sh", "-c", `. "$1" && printf '%s' "$`+name+`"`, "sh", file)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH")}
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("sh could not source %q: %v", assignment, err)
	}
	return string(out)
}
