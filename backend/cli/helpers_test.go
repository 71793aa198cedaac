package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/client"
)

// kdServer is a `keydesk serve` process on a temporary SQLite database,
// with one workspace and its admin key.
type kdServer struct {
	URL         string
	WorkspaceID string
	AdminKey    string
	admin       *client.Client
	anon        *client.Client
}

// runServe starts `keydesk serve` with args and gives its log (stderr) and
// a stop that interrupts it and waits; the test's end stops it too.
func runServe(t *testing.T, args ...string) (stderr io.Reader, stop func()) {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"serve"}, args...)...)
	stderr, _ = cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cmd.Process.Signal(os.Interrupt)
			cmd.Wait()
		})
	}
	t.Cleanup(stop)
	return stderr, stop
}

func startServer(t *testing.T) *kdServer {
	t.Helper()
	db := "sqlite:" + filepath.Join(t.TempDir(), "k.db")
	out, err := exec.Command(binary, "admin", "create-workspace", "Acme", "--db", db, "--json").Output()
	if err != nil {
		t.Fatal(err)
	}
	var ws struct{ WorkspaceID, AdminKey string }
	if err := json.Unmarshal(out, &ws); err != nil {
		t.Fatal(err)
	}
	stderr, _ := runServe(t, "--addr", "127.0.0.1:0", "--db", db)
	s := &kdServer{URL: waitForURL(t, stderr), WorkspaceID: ws.WorkspaceID, AdminKey: ws.AdminKey}
	s.admin, _ = client.New(s.URL, s.AdminKey)
	s.anon, _ = client.New(s.URL, "")
	return s
}

// key creates a key; days 0 means it never expires.
func (s *kdServer) key(t *testing.T, name, role string, days int) api.CreatedKey {
	t.Helper()
	req := api.CreateKeyRequest{Name: name, Role: role}
	if days > 0 {
		req.ExpiresInDays = api.Some(&days)
	}
	created, err := s.admin.CreateKey(context.Background(), s.WorkspaceID, req)
	if err != nil {
		t.Fatal(err)
	}
	return created
}

func (s *kdServer) disable(t *testing.T, keyID string) {
	t.Helper()
	off := false
	if _, err := s.admin.PatchKey(context.Background(), s.WorkspaceID, keyID, api.PatchKeyRequest{Enabled: &off}); err != nil {
		t.Fatal(err)
	}
}

func (s *kdServer) get(t *testing.T, keyID string) api.Key {
	t.Helper()
	k, err := s.admin.GetKey(context.Background(), s.WorkspaceID, keyID)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func (s *kdServer) verify(t *testing.T, secret string) api.VerifyResponse {
	t.Helper()
	v, err := s.anon.Verify(context.Background(), secret)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// result is what one run of the built binary did.
type result struct {
	args     []string
	out, err string
	code     int
}

func (r result) String() string {
	return "keydesk " + strings.Join(r.args, " ") + "\n  exit " + strconv.Itoa(r.code) + "\n  stdout: " + r.out + "\n  stderr: " + r.err
}

// env is the environment of a run, on top of a clean one.
type env map[string]string

// kd runs the built binary with stdin and a clean environment: no KEYDESK_*
// variable, no $GITHUB_ENV and no session bus of the machine running the
// test, and a fresh KEYDESK_CONFIG_DIR unless e sets one.
func kd(t *testing.T, e env, stdin string, args ...string) result {
	t.Helper()
	return kdTo(t, nil, e, stdin, args...)
}

// childEnv is this process's environment without its Keydesk settings (nor
// a CI's GITHUB_ENV or a desktop's session bus), plus e and a config dir of
// the test's own unless e gives one.
func childEnv(t *testing.T, e env) []string {
	var vars []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "KEYDESK_") || name == "GITHUB_ENV" || name == "DBUS_SESSION_BUS_ADDRESS" {
			continue
		}
		vars = append(vars, kv)
	}
	if _, ok := e["KEYDESK_CONFIG_DIR"]; !ok {
		vars = append(vars, "KEYDESK_CONFIG_DIR="+t.TempDir())
	}
	for k, v := range e {
		vars = append(vars, k+"="+v)
	}
	return vars
}

// kdTo is kd with stdout going to w (a full device, a closed pipe) instead
// of the result, when w is not nil.
func kdTo(t *testing.T, w io.Writer, e env, stdin string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = childEnv(t, e)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if w != nil {
		cmd.Stdout = w
	}
	err := cmd.Run()
	r := result{args: args, out: out.String(), err: errb.String()}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run keydesk %v: %v", args, err)
	}
	return r
}

// want fails the test unless the run exited with code and its stdout and
// stderr together contain every string of contains.
func want(t *testing.T, r result, code int, contains ...string) {
	t.Helper()
	if r.code != code {
		t.Fatalf("want exit %d:\n%s", code, r)
	}
	for _, s := range contains {
		if !strings.Contains(r.out+r.err, s) {
			t.Fatalf("want %q in the output:\n%s", s, r)
		}
	}
}

// noSecret fails the test if a run printed any of the secrets.
func noSecret(t *testing.T, r result, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		if s != "" && strings.Contains(r.out+r.err, s) {
			t.Fatalf("the output shows a secret:\n%s", r)
		}
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func wantMode0600(t *testing.T, path string) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("%s has mode %v, want 0600", path, fi.Mode().Perm())
	}
}

func writeFile(t *testing.T, path, content string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
}

// corrupt changes one character of a secret so that its checksum fails.
func corrupt(secret string) string {
	b := []byte(secret)
	i := len(b) - 10
	if b[i] == 'A' {
		b[i] = 'B'
	} else {
		b[i] = 'A'
	}
	return string(b)
}

func whoamiJSON(t *testing.T, r result) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(r.out), &m); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r)
	}
	return m
}
