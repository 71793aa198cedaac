package netfail_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/keydesk/keydesk/backend/netfail"
)

// get requests u with hc and returns the error, which the test needs.
func get(t *testing.T, hc *http.Client, u string) error {
	t.Helper()
	resp, err := hc.Get(u)
	if err == nil {
		resp.Body.Close()
		t.Fatalf("GET %s answered %s", u, resp.Status)
	}
	return err
}

// TestExplain: each common reason a server cannot be reached gets a short
// sentence that names the host, keeps the technical cause in parentheses
// and says what to check — never Go's own wording of the error.
func TestExplain(t *testing.T) {
	tlsSrv := httptest.NewTLSServer(http.NotFoundHandler())
	tlsSrv.Config.ErrorLog = discardLog()
	defer tlsSrv.Close()
	plain := httptest.NewServer(http.NotFoundHandler())
	defer plain.Close()
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedAddr := closed.Addr().String()
	closed.Close()
	trusted := tlsSrv.Client().Transport.(*http.Transport).TLSClientConfig.RootCAs
	otherName := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: trusted, ServerName: "keys.other.example"}}}

	cases := []struct {
		name string
		err  error
		host string
		want []string // in this order
	}{
		{
			name: "nothing listens",
			err:  get(t, http.DefaultClient, "http://"+closedAddr+"/"),
			host: closedAddr,
			want: []string{"nothing answers at " + closedAddr + " (connection refused). Check the address and that the server is running."},
		},
		{
			name: "no such host",
			err:  &url.Error{Op: "Get", URL: "https://keys.nope.example", Err: &net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host", Name: "keys.nope.example", IsNotFound: true}}},
			host: "keys.nope.example",
			want: []string{"no computer is called keys.nope.example (no such host).", "Check the address"},
		},
		{
			name: "DNS server does not answer",
			err:  &net.DNSError{Err: "server misbehaving", Name: "keys.acme.example", IsTemporary: true},
			host: "keys.acme.example",
			want: []string{"the name keys.acme.example could not be looked up (server misbehaving).", "network connection"},
		},
		{
			name: "timeout",
			err:  get(t, &http.Client{Timeout: time.Nanosecond}, plain.URL),
			host: "127.0.0.1",
			want: []string{"did not answer within 30 seconds.", "Check the address"},
		},
		{
			name: "deadline of the caller",
			err:  context.DeadlineExceeded,
			host: "keys.acme.example",
			want: []string{"keys.acme.example did not answer within 30 seconds."},
		},
		{
			name: "certificate of an unknown authority",
			err:  get(t, http.DefaultClient, tlsSrv.URL),
			host: strings.TrimPrefix(tlsSrv.URL, "https://"),
			want: []string{"the certificate of " + strings.TrimPrefix(tlsSrv.URL, "https://") + " is not trusted (certificate signed by unknown authority", "trusted CA file"},
		},
		{
			name: "certificate for another name",
			err:  get(t, otherName, tlsSrv.URL),
			host: strings.TrimPrefix(tlsSrv.URL, "https://"),
			want: []string{"is for another name (certificate is valid for", "not keys.other.example)", "Use the name the certificate is for."},
		},
		{
			name: "expired certificate",
			err:  &tls.CertificateVerificationError{Err: x509.CertificateInvalidError{Reason: x509.Expired, Detail: "current time 2027-01-01T00:00:00Z is after 2026-12-31T00:00:00Z"}},
			host: "keys.acme.example",
			want: []string{"the certificate of keys.acme.example has expired or is not valid yet (certificate has expired or is not yet valid: current time", "renew it", "date"},
		},
		{
			name: "https:// to a plain http server",
			err:  get(t, http.DefaultClient, "https://"+strings.TrimPrefix(plain.URL, "http://")),
			host: strings.TrimPrefix(plain.URL, "http://"),
			want: []string{"speaks plain http://, not https:// (server gave HTTP response to HTTPS client). Use http://"},
		},
		{
			name: "https:// to a port without TLS",
			err:  &url.Error{Op: "Get", URL: "https://keys.acme.example:8470", Err: tls.RecordHeaderError{Msg: "first record does not look like a TLS handshake"}},
			host: "keys.acme.example:8470",
			want: []string{"keys.acme.example:8470 does not speak HTTPS on that port (first record does not look like a TLS handshake). Check the port, or use http://."},
		},
		{
			name: "http:// to an https server",
			err:  netfail.ErrPlainHTTPToTLS,
			host: "keys.acme.example",
			want: []string{"keys.acme.example speaks https://, not plain http:// (it answered 400 Bad Request", "Use https://."},
		},
		{
			name: "connection reset",
			err:  &url.Error{Op: "Get", URL: "https://keys.acme.example", Err: &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}},
			host: "keys.acme.example",
			want: []string{"the connection to keys.acme.example failed (connection reset by peer). Check the address"},
		},
		{
			name: "closed without an answer",
			err:  &url.Error{Op: "Get", URL: "https://keys.acme.example", Err: io.EOF},
			host: "keys.acme.example",
			want: []string{"(the connection was closed without an answer)"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := netfail.Explain(tc.err, &url.URL{Host: tc.host}, 30*time.Second)
			rest := got
			for _, w := range tc.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("Explain = %q\nwant it to say %q", got, w)
				}
				rest = rest[i+len(w):]
			}
			for _, raw := range []string{"dial tcp", "context deadline exceeded", "x509:", "tls:", "Get \"", "read tcp"} {
				if strings.Contains(got, raw) {
					t.Fatalf("Explain = %q: it says Go's %q", got, raw)
				}
			}
		})
	}
}

// Describe (the key test, the CLI) says a reset or a closed connection in
// words too, not as Go's "read tcp a->b: read: …" or a bare "EOF".
func TestDescribeSaysResetAndClosedInWords(t *testing.T) {
	u := &url.URL{Host: "keys.acme.example"}
	reset := &url.Error{Op: "Get", URL: "https://keys.acme.example", Err: &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}}
	if _, msg := netfail.Describe(reset, u, time.Second); msg != "the request to keys.acme.example failed: connection reset by peer" {
		t.Fatalf("reset: %q", msg)
	}
	closed := &url.Error{Op: "Get", URL: "https://keys.acme.example", Err: io.EOF}
	if _, msg := netfail.Describe(closed, u, time.Second); msg != "the request to keys.acme.example failed: the connection was closed without an answer" {
		t.Fatalf("closed: %q", msg)
	}
}

// TestDescribeNamesTheScheme: the two wrong schemes get their own words in
// the key test and the CLI too, instead of Go's.
func TestDescribeNamesTheScheme(t *testing.T) {
	plain := httptest.NewServer(http.NotFoundHandler())
	defer plain.Close()
	host := strings.TrimPrefix(plain.URL, "http://")
	kind, msg := netfail.Describe(get(t, http.DefaultClient, "https://"+host), &url.URL{Host: host}, time.Second)
	if kind != netfail.KindTLS || msg != host+" speaks plain HTTP on that port, not HTTPS: try http://" {
		t.Fatalf("https:// to plain http = %s, %q", kind, msg)
	}
	kind, msg = netfail.Describe(netfail.ErrPlainHTTPToTLS, &url.URL{Host: host}, time.Second)
	if kind != netfail.KindTLS || msg != host+" speaks HTTPS on that port, not plain HTTP: use https://" {
		t.Fatalf("http:// to https = %s, %q", kind, msg)
	}
}

// TestPlainHTTPToTLS recognises the answer of Go's and nginx's TLS servers
// to a plain http:// request, and nothing else.
func TestPlainHTTPToTLS(t *testing.T) {
	srv := httptest.NewTLSServer(http.NotFoundHandler())
	srv.Config.ErrorLog = discardLog()
	defer srv.Close()
	resp, err := http.Get("http://" + strings.TrimPrefix(srv.URL, "https://"))
	if err != nil {
		t.Fatal(err)
	}
	goBody, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	cases := []struct {
		name   string
		status int
		body   string
		want   bool
	}{
		{"Go's TLS server", resp.StatusCode, string(goBody), true},
		{"nginx", 400, "<html><head><title>400 The plain HTTP request was sent to HTTPS port</title></head></html>", true},
		{"a Keydesk 400", 400, `{"status":400,"detail":"name must be 1–100 characters"}`, false},
		{"another status", 404, "Client sent an HTTP request to an HTTPS server.", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := netfail.PlainHTTPToTLS(tc.status, []byte(tc.body)); got != tc.want {
				t.Fatalf("PlainHTTPToTLS(%d, %q) = %v", tc.status, tc.body, got)
			}
		})
	}
}

func TestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		30 * time.Second:         "30 seconds",
		29900 * time.Millisecond: "30 seconds",
		time.Second:              "1 second",
		200 * time.Millisecond:   "200ms",
	} {
		if got := netfail.Duration(d); got != want {
			t.Errorf("Duration(%v) = %q, want %q", d, got, want)
		}
	}
}

// discardLog keeps the TLS servers' "handshake error" lines, which these
// tests cause on purpose, out of the output.
func discardLog() *log.Logger { return log.New(io.Discard, "", 0) }
