package client_test

import (
	"context"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/keydesk/keydesk/backend/client"
)

// TestErrorsSayWhatHappened: the failures a user meets when an address is
// wrong or a server is slow come back as errors a caller can tell apart
// (errors.Is) and say in words, not in Go's.
func TestErrorsSayWhatHappened(t *testing.T) {
	tlsSrv := httptest.NewTLSServer(http.NotFoundHandler())
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0)
	defer tlsSrv.Close()
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer slow.Close()
	defer close(release)
	html := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<!doctype html><title>Sign in</title>"))
	}))
	defer html.Close()
	deadline := func() context.Context {
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		t.Cleanup(cancel)
		return ctx
	}

	cases := []struct {
		name        string
		url         string
		http        *http.Client
		ctx         func() context.Context
		unreachable bool
		deadline    bool
		says        string // in Error, or in Explain for a network error
		never       string
	}{
		{
			name: "http:// to an https server", url: "http://" + strings.TrimPrefix(tlsSrv.URL, "https://"),
			unreachable: true, says: "speaks https://, not plain http://", never: "the server answered 400",
		},
		{
			name: "the caller's deadline", url: slow.URL, ctx: deadline,
			deadline: true, says: "did not answer within ", never: "context deadline exceeded", // about 200ms, the time it had
		},
		{
			// The server has the request: it may have done it, so this is no
			// "cannot be reached".
			name: "the HTTP client's time limit", url: slow.URL, http: &http.Client{Timeout: 300 * time.Millisecond},
			deadline: true, says: "did not answer within 300ms", never: "30 seconds",
		},
		{
			name: "an HTML page", url: html.URL,
			says: "sent a response that is not Keydesk JSON: an HTML page (HTTP 200)", never: "invalid character",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var opts []client.Option
			if tc.http != nil {
				opts = append(opts, client.WithHTTPClient(tc.http))
			}
			c, err := client.New(tc.url, "kd_x", opts...)
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			if tc.ctx != nil {
				ctx = tc.ctx()
			}
			_, err = c.WhoAmI(ctx)
			if errors.Is(err, client.ErrUnreachable) != tc.unreachable || errors.Is(err, context.DeadlineExceeded) != tc.deadline {
				t.Fatalf("err = %v (%T): unreachable %v, deadline %v; want %v, %v", err, err,
					errors.Is(err, client.ErrUnreachable), errors.Is(err, context.DeadlineExceeded), tc.unreachable, tc.deadline)
			}
			said := err.Error()
			var ne *client.NetworkError
			if errors.As(err, &ne) {
				said = ne.Explain()
			}
			if !strings.Contains(said, tc.says) || strings.Contains(said, tc.never) {
				t.Fatalf("it says %q, want %q and not %q", said, tc.says, tc.never)
			}
		})
	}
}
