package cli_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/cli"
	"github.com/keydesk/keydesk/backend/client"
	"github.com/keydesk/keydesk/backend/keys"
)

var binary string

// TestMain builds the real binary once, pure Go, as users get it. Fuzzing
// runs only fuzz targets, none of which needs it, in worker processes that
// would each build it again.
func TestMain(m *testing.M) {
	flag.Parse()
	if flag.Lookup("test.fuzz").Value.String() != "" || flag.Lookup("test.fuzzworker").Value.String() == "true" {
		os.Exit(m.Run())
	}
	dir, err := os.MkdirTemp("", "keydesk-cli")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "keydesk")
	if runtime.GOOS == "windows" {
		binary += ".exe"
	}
	build := exec.Command("go", "build", "-o", binary, "github.com/keydesk/keydesk/backend/cmd/keydesk")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		panic("build keydesk: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func run(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = cli.Main(args, cli.IO{In: strings.NewReader(""), Out: &out, Err: &errb, Getenv: func(string) string { return "" }})
	return out.String(), errb.String(), code
}

func TestCreateWorkspacePrintsIDAndAdminKey(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "k.db")
	out, errOut, code := run(t, "admin", "create-workspace", "Acme", "--db", db, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct{ WorkspaceID, AdminKey string }
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output %q: %v", out, err)
	}
	if !strings.HasPrefix(got.WorkspaceID, "ws_") {
		t.Fatalf("workspace id %q", got.WorkspaceID)
	}
	if _, err := keys.ParseSecret(got.AdminKey); err != nil {
		t.Fatalf("admin key %q: %v", got.AdminKey, err)
	}
	out, _, code = run(t, "admin", "create-workspace", "Second", "--db", db)
	if code != 0 || !strings.Contains(out, "Workspace:  Second (ws_") || !strings.Contains(out, "Admin key:  kd_") {
		t.Fatalf("text output: %q", out)
	}
}

func TestHelpShowsACommandsUsage(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"help", "auth", "login"}, {"auth", "login", "--help"}} {
		out, _, code := run(t, args...)
		if code != cli.ExitOK || !strings.Contains(out, "Usage:") {
			t.Errorf("%v: exit %d, stdout %q", args, code, out)
		}
	}
}

func TestUsageErrorsExitWith2(t *testing.T) {
	for _, args := range [][]string{
		{"nonsense"},
		{"admin"},
		{"admin", "bogus"},
		{"auth"},
		{"auth", "bogus"},
		{"admin", "create-workspace"},
		{"serve", "--tls-cert", "x.pem"},
		{"serve", "--bogus"},
		{"help", "bogus"},
		{"help", "auth", "bogus"},
	} {
		_, errOut, code := run(t, args...)
		if code != cli.ExitUsage || !strings.HasPrefix(errOut, "keydesk: ") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
	// A missing or extra argument says what to give, not cobra's "accepts 1 arg(s)".
	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{"admin", "create-workspace"}, "keydesk admin create-workspace: give the new workspace's name"},
		{[]string{"admin", "create-workspace", "Acme", "Corp"}, "takes 1 argument(s), got 2: give the new workspace's name"},
		{[]string{"test", "https://api.example.com/ping"}, `keydesk test takes no arguments (got "https://api.example.com/ping"): give the endpoint with --url URL`},
		{[]string{"whoami", "extra"}, `keydesk whoami takes no arguments, got "extra": options start with -- (see keydesk whoami --help)`},
		{[]string{"auth", "set-key", "kd_a", "kd_b"}, "keydesk auth set-key takes at most 1 argument, got 2: the key; or give it with --from-stdin or --from-env"},
	} {
		if _, errOut, code := run(t, c.args...); code != cli.ExitUsage || !strings.Contains(errOut, c.says) {
			t.Errorf("%v: exit %d, %q", c.args, code, errOut)
		}
	}
	// A bad name is a usage error, found before the database is created.
	db := filepath.Join(t.TempDir(), "k.db")
	if _, errOut, code := run(t, "admin", "create-workspace", "", "--db", "sqlite:"+db); code != cli.ExitUsage || !strings.Contains(errOut, "NAME must be 1–100 characters, got 0") {
		t.Errorf("empty name: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("a refused create-workspace created %s", db)
	}
	if _, errOut, code := run(t, "admin", "create-workspace", "X", "--db", "mysql://x"); code != cli.ExitUsage || !strings.Contains(errOut, "--db must be sqlite:PATH, a file path or postgres://…, got a mysql:// URL") {
		t.Errorf("mysql URL: exit %d, %q", code, errOut)
	}
	// A folder that is not there is named (SQLite would say "out of memory").
	missing := filepath.Join(t.TempDir(), "nodir", "k.db")
	for _, args := range [][]string{{"admin", "create-workspace", "X"}, {"serve", "--addr", "127.0.0.1:0"}} {
		_, errOut, code := run(t, append(args, "--db", "sqlite:"+missing)...)
		if code != cli.ExitUsage || !strings.Contains(errOut, "--db: the folder "+filepath.Dir(missing)+" does not exist") {
			t.Errorf("%v into a missing folder: exit %d, %q", args, code, errOut)
		}
		// A folder given as the database (SQLite would say "out of memory" again).
		folder := t.TempDir()
		_, errOut, code = run(t, append(args, "--db", folder)...)
		if code != cli.ExitUsage || !strings.Contains(errOut, "--db: "+folder+" is a folder: give the database file in it, such as "+filepath.Join(folder, "keydesk-server.db")) {
			t.Errorf("%v into a folder: exit %d, %q", args, code, errOut)
		}
	}
	// serve checks its flags, and takes its port, before it creates a database.
	dir := t.TempDir()
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"--db", "mysql://x"}, cli.ExitUsage, "got a mysql:// URL"},
		{[]string{"--db", "bogus:/x"}, cli.ExitUsage, "--db must be sqlite:PATH, a file path or postgres://…, got bogus: (write ./bogus:/x for a file of that name)"},
		{[]string{"--addr", "nonsense"}, cli.ExitUsage, `--addr must be HOST:PORT such as 127.0.0.1:8470 or :8470, got "nonsense"`},
		{[]string{"--addr", "127.0.0.1:99999"}, cli.ExitUsage, `--addr: the port must be a number from 0 to 65535 (0: any free port), got "99999"`},
		{[]string{"--addr", "127.0.0.1:0", "--tls-cert", filepath.Join(dir, "none.pem"), "--tls-key", filepath.Join(dir, "none-key.pem")}, cli.ExitUsage,
			"--tls-cert " + filepath.Join(dir, "none.pem") + " and --tls-key " + filepath.Join(dir, "none-key.pem") + " must be a readable PEM certificate and its private key: open " + filepath.Join(dir, "none.pem") + ": no such file or directory"},
		{[]string{"--addr", taken.Addr().String()}, cli.ExitError, "cannot listen on " + taken.Addr().String() + ": port " + strings.TrimPrefix(taken.Addr().String(), "127.0.0.1:") + " on 127.0.0.1 is in use by another program"},
	} {
		db := filepath.Join(dir, "serve.db")
		args := append([]string{"serve", "--db", "sqlite:" + db}, c.args...)
		_, errOut, code := run(t, args...)
		if code != c.code || !strings.Contains(errOut, c.says) {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
		if _, err := os.Stat(db); !os.IsNotExist(err) {
			t.Errorf("%v created %s", args, db)
		}
	}
	if _, errOut, code := run(t, "test", "--header", "X API", "--api-key", "kd_x", "-s", "http://127.0.0.1:1"); code != cli.ExitUsage || !strings.Contains(errOut, `--header must be a header name`) {
		t.Errorf("header with a space: exit %d, %q", code, errOut)
	}
}

// TestServe runs the built binary: create a workspace, serve it, and drive a
// key through create, verify and delete over HTTP.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "k.db")
	out, err := exec.Command(binary, "admin", "create-workspace", "Acme", "--db", db, "--json").Output()
	if err != nil {
		t.Fatal(err)
	}
	var ws struct{ WorkspaceID, AdminKey string }
	json.Unmarshal(out, &ws)

	stderr, _ := runServe(t, "--addr", "127.0.0.1:0", "--db", db)
	url := waitForURL(t, stderr)

	ctx := context.Background()
	admin, _ := client.New(url, ws.AdminKey)
	who, err := admin.WhoAmI(ctx)
	if err != nil || who.WorkspaceID != ws.WorkspaceID || who.Role != "admin" {
		t.Fatalf("whoami = %+v, %v", who, err)
	}
	created, err := admin.CreateKey(ctx, ws.WorkspaceID, api.CreateKeyRequest{Name: "ci"})
	if err != nil {
		t.Fatal(err)
	}
	anon, _ := client.New(url, "")
	if v, _ := anon.Verify(ctx, created.Secret); !v.Valid {
		t.Fatalf("verify = %+v", v)
	}
	if err := admin.DeleteKey(ctx, ws.WorkspaceID, created.Key.ID); err != nil {
		t.Fatal(err)
	}
	if v, _ := anon.Verify(ctx, created.Secret); v.Valid || v.Reason != "not_found" {
		t.Fatalf("verify after delete = %+v", v)
	}
}

// TestServePlainHTTPToTheNetworkWarns: serving every interface without TLS
// says that keys would cross the network unencrypted; loopback does not.
func TestServePlainHTTPToTheNetworkWarns(t *testing.T) {
	for _, c := range []struct {
		addr string
		warn bool
	}{{"0.0.0.0:0", true}, {"127.0.0.1:0", false}} {
		db := "sqlite:" + filepath.Join(t.TempDir(), "k.db")
		cmd := exec.Command(binary, "serve", "--addr", c.addr, "--db", db)
		stderr, _ := cmd.StderrPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 16)
		go func() {
			sc := bufio.NewScanner(stderr)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		warned, listening := false, false
		deadline := time.After(20 * time.Second)
		// The warning follows the listening line; the next line, if any, comes at shutdown.
		for !listening || (c.warn && !warned) {
			select {
			case line := <-lines:
				listening = listening || strings.Contains(line, "keydesk server listening")
				warned = warned || strings.Contains(line, "plain http to the network: API keys cross it unencrypted")
			case <-deadline:
				t.Fatalf("%s: listening %v, warned %v", c.addr, listening, warned)
			}
		}
		cmd.Process.Signal(os.Interrupt)
		for line := range lines {
			warned = warned || strings.Contains(line, "plain http to the network")
		}
		cmd.Wait()
		if warned != c.warn {
			t.Errorf("%s: warned %v, want %v", c.addr, warned, c.warn)
		}
	}
}

// A server started on a database without a workspace says how to make the
// first one and its admin key; one with a workspace does not.
func TestServeSaysHowToStartAnEmptyDatabase(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "k.db")
	const hint = "create one and its first admin key with `keydesk admin create-workspace NAME` and the same --db"
	if lines := serveLogUntilListening(t, db); !strings.Contains(lines, hint) {
		t.Fatalf("empty database, no hint:\n%s", lines)
	}
	if out, err := exec.Command(binary, "admin", "create-workspace", "Acme", "--db", db).CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if lines := serveLogUntilListening(t, db); strings.Contains(lines, "no workspace") {
		t.Fatalf("a workspace, still the hint:\n%s", lines)
	}
}

// serveLogUntilListening runs keydesk serve on db and returns its log up to
// the line that says it listens, then stops it.
func serveLogUntilListening(t *testing.T, db string) string {
	t.Helper()
	stderr, stop := runServe(t, "--addr", "127.0.0.1:0", "--db", db)
	defer stop() // before the next start: SQLite has one server
	return logUntil(t, stderr, "keydesk server listening")
}

// waitForURL waits for keydesk serve's log to say where it listens.
func waitForURL(t *testing.T, r io.Reader) string {
	t.Helper()
	log := strings.TrimSuffix(logUntil(t, r, "url=http"), "\n")
	last := log[strings.LastIndex(log, "\n")+1:]
	return strings.Fields(last[strings.Index(last, "url=http")+4:])[0]
}

// logUntil reads r's lines up to the first that holds marker and returns
// them; it drains the rest in the background (a full pipe would stall the
// server). 20 s without the marker fails the test.
func logUntil(t *testing.T, r io.Reader, marker string) string {
	t.Helper()
	done := make(chan string, 1)
	go func() {
		var log strings.Builder
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			log.WriteString(sc.Text() + "\n")
			if strings.Contains(sc.Text(), marker) {
				done <- log.String()
				break
			}
		}
		io.Copy(io.Discard, r)
	}()
	select {
	case lines := <-done:
		return lines
	case <-time.After(20 * time.Second):
		t.Fatalf("keydesk serve did not log %q", marker)
		return ""
	}
}
