// Command keydesk-web serves the Keydesk frontend with its real Go backend
// to a browser on loopback, for end-to-end tests and UI work without a
// display. Usage: keydesk-web [-addr 127.0.0.1:34115] [-dist frontend/dist]
// (the data dir is $KEYDESK_HOME, as for the desktop).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/keydesk/keydesk/app"
	"github.com/keydesk/keydesk/app/webbridge"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:34115", "loopback address to serve on")
	dist := flag.String("dist", "frontend/dist", "the built frontend")
	localAddr := flag.String("local-addr", "127.0.0.1:0", "address of the embedded key server")
	logFile := flag.String("log", "", "also write the log to this file")
	flag.Parse()
	var out io.Writer = os.Stderr
	if *logFile != "" {
		f, err := os.OpenFile(*logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		if err != nil {
			fmt.Fprintln(os.Stderr, "keydesk-web:", err)
			os.Exit(1)
		}
		defer f.Close()
		out = io.MultiWriter(os.Stderr, f)
	}
	log := slog.New(slog.NewTextHandler(out, &slog.HandlerOptions{Level: slog.LevelDebug}))
	if err := run(*addr, *dist, *localAddr, log); err != nil {
		fmt.Fprintln(os.Stderr, "keydesk-web:", err)
		os.Exit(1)
	}
}

func run(addr, dist, localAddr string, log *slog.Logger) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return err
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("-addr must be a loopback address, got %s", addr)
	}
	bus := webbridge.NewBus()
	a := app.New(app.Config{Emitter: loggedEvents{bus, log}, Log: log, LocalAddr: localAddr})
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := a.Startup(ctx); err != nil {
		return err
	}
	defer a.Shutdown()
	h, err := webbridge.Handler(a.Bindings(), os.DirFS(dist), bus, app.FormatError, a.BootMiddleware)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	log.Info("keydesk-web listening", "url", "http://"+ln.Addr().String())
	<-ctx.Done()
	shutdown, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	return hs.Shutdown(shutdown)
}

// loggedEvents writes every event, with its data, to the log before the
// page gets it: the end-to-end suite scans the log, so an event that
// carried a secret would be found.
type loggedEvents struct {
	next interface{ Emit(string, any) }
	log  *slog.Logger
}

func (l loggedEvents) Emit(event string, data any) {
	payload, _ := json.Marshal(data)
	l.log.Debug("event", "name", event, "data", string(payload))
	l.next.Emit(event, data)
}
