package webhook

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"syscall"
)

// statusError is a receiver's non-2xx answer; its text is the status line.
type statusError struct{ status string }

func (e statusError) Error() string { return "answered " + e.status }

// publicError is what a failed delivery records for the webhook's owner to
// read (and webhook.failed carries): the kind of failure, never the
// address a name resolved to, which would map the network the service
// runs in for whoever registered the URL. The full error is for the log.
func publicError(err error) string {
	var (
		status  statusError
		dnsErr  *net.DNSError
		certErr *tls.CertificateVerificationError
		hostErr x509.HostnameError
		authErr x509.UnknownAuthorityError
		netErr  net.Error
	)
	switch {
	case errors.As(err, &status):
		return status.Error()
	case errors.Is(err, ErrForbiddenAddress):
		return "destination address not allowed"
	case errors.As(err, &dnsErr):
		if dnsErr.IsNotFound {
			return "host not found"
		}
		return "host name lookup failed"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return "host unreachable"
	case errors.As(err, &certErr), errors.As(err, &hostErr), errors.As(err, &authErr):
		return "TLS certificate not accepted"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return "timed out"
	case errors.Is(err, context.Canceled):
		return "cancelled"
	}
	return "connection failed"
}
