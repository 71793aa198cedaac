package cli

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"gorm.io/driver/postgres"

	"github.com/keydesk/keydesk/backend/server"
)

func newServeCmd(stdio IO) *cobra.Command {
	var addr, db, certFile, keyFile, logLevel string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run a Keydesk key server",
		Example: `  keydesk serve --db sqlite:/var/lib/keydesk/keys.db
  keydesk serve --addr 0.0.0.0:8470 --db postgres://keydesk@db/keydesk --tls-cert cert.pem --tls-key key.pem`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if (certFile == "") != (keyFile == "") {
				return usageError("--tls-cert and --tls-key must be given together")
			}
			log, err := newLogger(stdio.Err, logLevel)
			if err != nil {
				return err
			}
			// Bad flags change nothing: checked, and the port taken, before a
			// database is created or migrated.
			if err := checkDB(db); err != nil {
				return err
			}
			if _, port, err := net.SplitHostPort(addr); err != nil || port == "" {
				return usageError("--addr must be HOST:PORT such as 127.0.0.1:8470 or :8470, got %q", addr)
			} else if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
				return usageError("--addr: the port must be a number from 0 to 65535 (0: any free port), got %q", port)
			}
			var certs []tls.Certificate
			if certFile != "" {
				pair, err := tls.LoadX509KeyPair(certFile, keyFile)
				if err != nil {
					return usageError("--tls-cert %s and --tls-key %s must be a readable PEM certificate and its private key: %v", certFile, keyFile, err)
				}
				certs = []tls.Certificate{pair}
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return errors.New(listenProblem(addr, err))
			}
			defer ln.Close()
			store, err := server.OpenStore(db, postgres.Open, log)
			if err != nil {
				return err
			}
			defer store.Close()
			if err := store.ClaimSQLite(); err != nil {
				return err
			}
			if list, err := store.Workspaces(cmd.Context()); err == nil && len(list) == 0 {
				// A first start: how to get in (the database's URL may hold a password: not repeated).
				log.Info("no workspace in this database yet: create one and its first admin key with `keydesk admin create-workspace NAME` and the same --db (also while this server runs)")
			}
			srv := server.New(store, server.Options{Log: log})
			if err := srv.Start(); err != nil {
				return err
			}
			defer srv.Stop()
			hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
			if certs != nil {
				hs.TLSConfig = &tls.Config{Certificates: certs, MinVersion: tls.VersionTLS12}
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGINT, syscall.SIGTERM)
			defer stop()
			errc := make(chan error, 1)
			scheme := "http"
			if certFile != "" {
				scheme = "https"
			}
			go func() {
				if certFile != "" {
					errc <- hs.ServeTLS(ln, "", "") // the pair loaded above
				} else {
					errc <- hs.Serve(ln)
				}
			}()
			log.Info("keydesk server listening", "url", scheme+"://"+ln.Addr().String(), "version", server.Version)
			if host, _, _ := net.SplitHostPort(addr); certFile == "" && !loopbackHost(host) {
				// Not refused: a TLS proxy in front is a common setup.
				log.Warn("plain http to the network: API keys cross it unencrypted; give --tls-cert and --tls-key, or put a TLS proxy in front", "addr", addr)
			}
			select {
			case err := <-errc:
				return err
			case <-ctx.Done():
			}
			log.Info("shutting down")
			shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if err := hs.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8470", "address to listen on")
	dbFlag(cmd, stdio, &db)
	cmd.Flags().StringVar(&certFile, "tls-cert", "", "TLS certificate file (PEM)")
	cmd.Flags().StringVar(&keyFile, "tls-key", "", "TLS private key file (PEM)")
	cmd.Flags().StringVar(&logLevel, "log-level", "info", "debug, info, warn or error")
	return cmd
}

// listenProblem says why the server cannot listen on addr, and what to do.
func listenProblem(addr string, err error) string {
	host, port, _ := net.SplitHostPort(addr)
	where := "port " + port
	if host != "" {
		where += " on " + host
	}
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return "cannot listen on " + addr + ": " + where + " is in use by another program (a Keydesk server already running?); stop it, or choose another port with --addr"
	case errors.Is(err, syscall.EACCES):
		return "cannot listen on " + addr + ": this user may not open " + where + " (ports below 1024 need more rights); choose a port from 1024 up with --addr"
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return "cannot listen on " + addr + ": " + host + " is not an address of this machine; use 127.0.0.1, 0.0.0.0 or one of its own addresses with --addr"
	}
	return fmt.Sprintf("cannot listen on %s: %v", addr, err)
}

// loopbackHost reports whether a listening host is reachable from this
// machine only: localhost or a loopback address. "" and 0.0.0.0 are every
// interface.
func loopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
