// Package netfail says in plain words why a request got no answer —
// refused, DNS, TLS, timeout — for the key test and the server client alike.
package netfail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
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

// Describe names the failure of a request to u, given up after timeout.
func Describe(err error, u *url.URL, timeout time.Duration) (kind, msg string) {
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalidCert x509.CertificateInvalidError
	var recordErr tls.RecordHeaderError
	var netErr net.Error
	host := u.Host
	switch {
	case errors.As(err, &dnsErr):
		return KindDNS, fmt.Sprintf("the name %s could not be resolved (DNS): %s", dnsErr.Name, dnsErr.Err)
	case errors.Is(err, syscall.ECONNREFUSED):
		return KindRefused, fmt.Sprintf("%s refused the connection: nothing is listening on that port", host)
	case errors.As(err, &unknownAuth):
		return KindTLS, fmt.Sprintf("the TLS certificate of %s is not trusted: it is signed by an unknown authority (self-signed?)", host)
	case errors.As(err, &hostErr):
		return KindTLS, fmt.Sprintf("the TLS certificate of %s is for another name: %s", host, hostErr.Error())
	case errors.As(err, &invalidCert):
		return KindTLS, fmt.Sprintf("the TLS certificate of %s is not valid: %s", host, invalidCert.Error())
	case errors.As(err, &certErr):
		return KindTLS, fmt.Sprintf("the TLS certificate of %s could not be verified: %s", host, certErr.Err)
	case errors.As(err, &recordErr):
		return KindTLS, fmt.Sprintf("%s does not speak TLS on that port: try http://", host)
	case errors.As(err, &netErr) && netErr.Timeout(), errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded):
		return KindTimeout, fmt.Sprintf("%s did not answer within %s", host, timeout)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return KindNetwork, fmt.Sprintf("the request to %s failed: %v", host, err)
}

// Message is Describe without the kind.
func Message(err error, u *url.URL, timeout time.Duration) string {
	_, msg := Describe(err, u, timeout)
	return msg
}
