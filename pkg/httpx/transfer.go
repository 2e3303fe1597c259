package httpx

import (
	"context"
	"net/http"
	"time"
)

// DefaultTransferTimeout bounds one attachment upload or download when the
// server set no other (svc's EOFFICE_HTTP_TRANSFER_TIMEOUT).
const DefaultTransferTimeout = 30 * time.Minute

type transferKey struct{}

type transfer struct {
	rc      *http.ResponseController
	timeout time.Duration
}

// AllowTransfers lets the handlers below h lengthen their connection's
// deadlines with ExtendRead and ExtendWrite: the server's read and write
// timeouts are sized for small requests, which an attachment outlasts.
// Mount it after authentication so only a known caller gets the time.
func AllowTransfers(h http.Handler, timeout time.Duration) http.Handler {
	if timeout <= 0 {
		timeout = DefaultTransferTimeout
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t := &transfer{rc: http.NewResponseController(w), timeout: timeout}
		inner := r.WithContext(context.WithValue(r.Context(), transferKey{}, t))
		h.ServeHTTP(w, inner)
		// The route a ServeMux below found, for the tracing above, which
		// names its span after it (telemetry.HTTPHandler).
		r.Pattern = inner.Pattern
	})
}

// ExtendRead gives the rest of the request body the transfer timeout (an
// upload, which keeps its own size limit), and its answer too: that comes
// only after the whole body, past the write timeout's end. A no-op outside
// AllowTransfers.
func ExtendRead(ctx context.Context) {
	if t, ok := ctx.Value(transferKey{}).(*transfer); ok {
		deadline := time.Now().Add(t.timeout)
		_ = t.rc.SetReadDeadline(deadline)
		_ = t.rc.SetWriteDeadline(deadline)
	}
}

// ExtendWrite gives the response the transfer timeout (a download); a
// no-op outside AllowTransfers.
func ExtendWrite(ctx context.Context) {
	if t, ok := ctx.Value(transferKey{}).(*transfer); ok {
		_ = t.rc.SetWriteDeadline(time.Now().Add(t.timeout))
	}
}
