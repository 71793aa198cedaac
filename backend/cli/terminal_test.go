package cli_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// A key typed or pasted into a terminal for --from-stdin or --with-api-key -
// is read without echo: it shows neither on screen nor in the scrollback.
func TestKeyFromTerminalIsNotEchoed(t *testing.T) {
	t.Parallel()
	srv := startServer(t)
	k := srv.key(t, "deploy", "api", 30).Secret

	for name, args := range map[string][]string{
		"set-key --from-stdin":   {"auth", "set-key", "--from-stdin", "--write-key-file", filepath.Join(t.TempDir(), "api.key")},
		"login --with-api-key -": {"auth", "login", "-s", srv.URL, "--with-api-key", "-"},
	} {
		t.Run(name, func(t *testing.T) {
			screen, stderr, code := typeIntoTerminal(t, k+"\n", args...)
			if code != 0 {
				t.Fatalf("exit %d\nstderr: %s\nscreen: %q", code, stderr, screen)
			}
			if !strings.Contains(stderr, "Paste the key (it will not show)") {
				t.Fatalf("no prompt on stderr: %s", stderr)
			}
			if strings.Contains(screen, k) || strings.Contains(stderr, k) {
				t.Fatalf("the key was echoed: screen %q", screen)
			}
		})
	}
	// Without a terminal nothing asks: a pipe is read to its end, as before.
	r := kd(t, nil, k, "auth", "set-key", "--from-stdin", "--write-key-file", filepath.Join(t.TempDir(), "api.key"))
	want(t, r, 0, "Wrote the key")
	if strings.Contains(r.err, "Paste the key") {
		t.Fatalf("asked on a pipe:\n%s", r)
	}
}

// typeIntoTerminal runs keydesk with a pseudo-terminal as stdin, types input
// once the prompt is on stderr, and returns what the terminal showed.
func typeIntoTerminal(t *testing.T, input string, args ...string) (screen, stderr string, code int) {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	defer ptmx.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = childEnv(t, env{"KEYDESK_KEYRING": "file", "KEYDESK_KEYRING_PASSWORD": "test"})
	cmd.Stdin = tty
	prompted := make(chan struct{})
	errb := &signalBuffer{want: "Paste the key", seen: prompted}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	tty.Close() // the child holds its own copy; EOF on ptmx once it exits

	var shown bytes.Buffer
	done := make(chan struct{})
	go func() { io.Copy(&shown, ptmx); close(done) }() // ends with EIO when the child exits

	select {
	case <-prompted:
	case <-ctx.Done():
		t.Fatalf("no prompt; stderr: %s", errb.String())
	}
	// Type only once echo is off, as a person reading the prompt would: a
	// terminal echoes what arrives before that, whatever the program does.
	for echoOn(t, ptmx) {
		if ctx.Err() != nil {
			t.Fatalf("echo stayed on; stderr: %s", errb.String())
		}
		time.Sleep(2 * time.Millisecond)
	}
	if _, err := ptmx.Write([]byte(input)); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
	}
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return shown.String(), errb.String(), code
}

// echoOn tells whether the terminal echoes input; the master side of a
// pseudo-terminal reads the settings its program made on the other side.
func echoOn(t *testing.T, ptmx *os.File) bool {
	t.Helper()
	tio, err := unix.IoctlGetTermios(int(ptmx.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatalf("read the terminal's settings: %v", err)
	}
	return tio.Lflag&unix.ECHO != 0
}

// signalBuffer closes seen once want has been written to it.
type signalBuffer struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	want string
	seen chan struct{}
	once sync.Once
}

func (b *signalBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	n, err := b.buf.Write(p)
	if strings.Contains(b.buf.String(), b.want) {
		b.once.Do(func() { close(b.seen) })
	}
	return n, err
}

func (b *signalBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
