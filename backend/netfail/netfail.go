// Package netfail says in plain words why a request got no answer —
// refused, DNS, TLS, timeout — for the key test and the server client alike.
package netfail

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"syscall"
	"time"
)

// Kinds of failure.
const (
	KindDNS     = "dns"
	KindRefused = "refused"
	KindTLS     = "tls"
	KindTimeout = "timeout"
	KindNetwork = "network"
)

// ErrPlainHTTPToTLS is the answer of a TLS server to a plain http://
// request (see PlainHTTPToTLS): a 400 that is not the service's own.
var ErrPlainHTTPToTLS = errors.New("400 Bad Request: an HTTP request to an HTTPS server")

// PlainHTTPToTLS says whether an answer is a TLS server's refusal of a
// plain http:// request, in the words of Go ("Client sent an HTTP request
// to an HTTPS server") or of nginx ("The plain HTTP request was sent to
// HTTPS port").
func PlainHTTPToTLS(status int, body []byte) bool {
	if status != http.StatusBadRequest {
		return false
	}
	b := bytes.ToLower(body)
	return bytes.Contains(b, []byte("http request to an https server")) || bytes.Contains(b, []byte("plain http request was sent to https port"))
}

// Duration says how long was waited: "30 seconds", or "200ms" below a
// second.
func Duration(d time.Duration) string {
	switch s := d.Round(time.Second); {
	case d < time.Second:
		return d.Round(time.Millisecond).String()
	case s == time.Second:
		return "1 second"
	default:
		return fmt.Sprintf("%d seconds", int(s.Seconds()))
	}
}

// fault is what went wrong, finer than a kind.
type fault int

const (
	faultOther            fault = iota
	faultDNS                    // the name has no address
	faultRefused                // nothing listens on the port
	faultUnknownAuthority       // the certificate is signed by a CA this computer does not trust
	faultHostname               // the certificate is for another name
	faultCertInvalid            // the certificate has expired, is not valid yet, …
	faultCertOther              // the certificate could not be verified otherwise
	faultNotTLS                 // https:// to a port that does not speak TLS
	faultHTTPSToHTTP            // https:// to a plain http server
	faultHTTPToHTTPS            // http:// to an https server
	faultTimeout
)

// failure is a classified error: its fault, the host it was about, and
// the technical words of its cause (raw: as the error says them).
type failure struct {
	fault fault
	host  string
	raw   string
	dns   *net.DNSError
	cert  x509.CertificateInvalidError
	err   error
}

func classify(err error, u *url.URL) failure {
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalidCert x509.CertificateInvalidError
	var recordErr tls.RecordHeaderError
	var netErr net.Error
	f := failure{host: u.Host, err: err}
	switch {
	case errors.As(err, &dnsErr):
		f.fault, f.dns, f.raw = faultDNS, dnsErr, dnsErr.Err
	case errors.Is(err, syscall.ECONNREFUSED):
		f.fault, f.raw = faultRefused, syscall.ECONNREFUSED.Error()
	case errors.As(err, &unknownAuth):
		f.fault, f.raw = faultUnknownAuthority, unknownAuth.Error()
	case errors.As(err, &hostErr):
		f.fault, f.raw = faultHostname, hostErr.Error()
	case errors.As(err, &invalidCert):
		f.fault, f.cert, f.raw = faultCertInvalid, invalidCert, invalidCert.Error()
	case errors.As(err, &certErr):
		f.fault, f.raw = faultCertOther, certErr.Err.Error()
	case errors.Is(err, http.ErrSchemeMismatch):
		f.fault, f.raw = faultHTTPSToHTTP, http.ErrSchemeMismatch.Error()
	case errors.As(err, &recordErr):
		f.fault, f.raw = faultNotTLS, recordErr.Error()
	case errors.Is(err, ErrPlainHTTPToTLS):
		f.fault, f.raw = faultHTTPToHTTPS, ErrPlainHTTPToTLS.Error()
	case errors.As(err, &netErr) && netErr.Timeout(), errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded):
		f.fault = faultTimeout
	default:
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		f.raw = err.Error()
	}
	return f
}

// cause is the technical words of a failure for a person, in parentheses:
// without Go's package prefixes ("x509: ", "tls: ", "http: "), and the
// system's words ("connection reset by peer") rather than Go's wrapping of
// them ("read tcp 127.0.0.1:51234->127.0.0.1:443: read: …").
func (f failure) cause() string {
	var errno syscall.Errno
	switch {
	case f.fault != faultOther:
		words := f.raw
		for _, prefix := range []string{"tls: failed to verify certificate: ", "x509: ", "tls: ", "http: "} {
			words = strings.TrimPrefix(words, prefix)
		}
		return words
	case errors.As(f.err, &errno):
		return errno.Error()
	case errors.Is(f.err, io.EOF), errors.Is(f.err, io.ErrUnexpectedEOF):
		return "the connection was closed without an answer"
	}
	return f.raw
}

func (f failure) kind() string {
	switch f.fault {
	case faultDNS:
		return KindDNS
	case faultRefused:
		return KindRefused
	case faultUnknownAuthority, faultHostname, faultCertInvalid, faultCertOther, faultNotTLS, faultHTTPSToHTTP, faultHTTPToHTTPS:
		return KindTLS
	case faultTimeout:
		return KindTimeout
	}
	return KindNetwork
}

// Describe names the failure of a request to u, given up after timeout.
func Describe(err error, u *url.URL, timeout time.Duration) (kind, msg string) {
	f := classify(err, u)
	host := f.host
	switch f.fault {
	case faultDNS:
		msg = fmt.Sprintf("the name %s could not be resolved (DNS): %s", f.dns.Name, f.raw)
	case faultRefused:
		msg = fmt.Sprintf("%s refused the connection: nothing is listening on that port", host)
	case faultUnknownAuthority:
		msg = fmt.Sprintf("the TLS certificate of %s is not trusted: it is signed by an unknown authority (self-signed?)", host)
	case faultHostname:
		msg = fmt.Sprintf("the TLS certificate of %s is for another name: %s", host, f.raw)
	case faultCertInvalid:
		msg = fmt.Sprintf("the TLS certificate of %s is not valid: %s", host, f.raw)
	case faultCertOther:
		msg = fmt.Sprintf("the TLS certificate of %s could not be verified: %s", host, f.raw)
	case faultNotTLS:
		msg = fmt.Sprintf("%s does not speak TLS on that port: try http://", host)
	case faultHTTPSToHTTP:
		msg = fmt.Sprintf("%s speaks plain HTTP on that port, not HTTPS: try http://", host)
	case faultHTTPToHTTPS:
		msg = fmt.Sprintf("%s speaks HTTPS on that port, not plain HTTP: use https://", host)
	case faultTimeout:
		msg = fmt.Sprintf("%s did not answer within %s", host, Duration(timeout))
	default:
		// The system's words ("connection reset by peer"), not Go's wrapping.
		msg = fmt.Sprintf("the request to %s failed: %s", host, f.cause())
	}
	return f.kind(), msg
}

// Kind is Describe's kind alone.
func Kind(err error, u *url.URL) string { return classify(err, u).kind() }

// Message is Describe without the kind.
func Message(err error, u *url.URL, timeout time.Duration) string {
	_, msg := Describe(err, u, timeout)
	return msg
}

// Explain says the same for a person at the desktop, who set the address
// up and can change it: what happened, the technical cause in
// parentheses, and what to check — "nothing answers at 127.0.0.1:9
// (connection refused). Check the address and that the server is
// running." It starts in lower case, to follow "… cannot be reached: ".
func Explain(err error, u *url.URL, timeout time.Duration) string {
	f := classify(err, u)
	host, cause := f.host, f.cause()
	switch f.fault {
	case faultDNS:
		if f.dns.IsNotFound {
			return fmt.Sprintf("no computer is called %s (%s). Check the address for typos.", f.dns.Name, cause)
		}
		return fmt.Sprintf("the name %s could not be looked up (%s). Check your network connection.", f.dns.Name, cause)
	case faultRefused:
		return fmt.Sprintf("nothing answers at %s (%s). Check the address and that the server is running.", host, cause)
	case faultUnknownAuthority:
		return fmt.Sprintf("the certificate of %s is not trusted (%s). If the server uses your company's own CA, choose its file as the trusted CA file.", host, cause)
	case faultHostname:
		return fmt.Sprintf("the certificate of %s is for another name (%s). Use the name the certificate is for.", host, cause)
	case faultCertInvalid:
		if f.cert.Reason == x509.Expired {
			return fmt.Sprintf("the certificate of %s has expired or is not valid yet (%s). Ask the server's administrator to renew it, or check this computer's date.", host, cause)
		}
		return fmt.Sprintf("the certificate of %s is not valid (%s).", host, cause)
	case faultCertOther:
		return fmt.Sprintf("the certificate of %s could not be verified (%s).", host, cause)
	case faultNotTLS:
		return fmt.Sprintf("%s does not speak HTTPS on that port (%s). Check the port, or use http://.", host, cause)
	case faultHTTPSToHTTP:
		return fmt.Sprintf("%s speaks plain http://, not https:// (%s). Use http://, or turn on HTTPS on the server.", host, cause)
	case faultHTTPToHTTPS:
		return fmt.Sprintf("%s speaks https://, not plain http:// (it answered %s). Use https://.", host, cause)
	case faultTimeout:
		return fmt.Sprintf("%s did not answer within %s. Check the address, your network connection and that the server is running.", host, Duration(timeout))
	}
	return fmt.Sprintf("the connection to %s failed (%s). Check the address and your network connection.", host, cause)
}
