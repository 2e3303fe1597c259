package envconf

import (
	"errors"
	"fmt"
	"net/http"
	"time"
)

// HTTPTimeouts bound how long one connection may hold a server: a slow or
// silent client is cut off instead of pinning a goroutine and a socket.
type HTTPTimeouts struct {
	// Read bounds reading a request, headers and body
	// (EOFFICE_HTTP_READ_TIMEOUT, default 30s); the headers alone get at
	// most 10s of it.
	Read time.Duration
	// Write bounds writing the response, from the end of the headers read
	// (EOFFICE_HTTP_WRITE_TIMEOUT, default 60s).
	Write time.Duration
	// Idle bounds a kept-alive connection between requests
	// (EOFFICE_HTTP_IDLE_TIMEOUT, default 120s).
	Idle time.Duration
	// Transfer replaces Read or Write for an authenticated attachment
	// upload or download (EOFFICE_HTTP_TRANSFER_TIMEOUT, default 30m).
	Transfer time.Duration
}

// maxHeaderWait bounds reading a request's headers; a slowloris client
// sends them a byte at a time.
const maxHeaderWait = 10 * time.Second

// LoadHTTPTimeouts reads the EOFFICE_HTTP_* timeouts; every value must be a
// positive Go duration.
func LoadHTTPTimeouts() (HTTPTimeouts, error) {
	var (
		t    HTTPTimeouts
		errs []error
	)
	for _, s := range []struct {
		key string
		def time.Duration
		dst *time.Duration
	}{
		{"EOFFICE_HTTP_READ_TIMEOUT", 30 * time.Second, &t.Read},
		{"EOFFICE_HTTP_WRITE_TIMEOUT", 60 * time.Second, &t.Write},
		{"EOFFICE_HTTP_IDLE_TIMEOUT", 120 * time.Second, &t.Idle},
		{"EOFFICE_HTTP_TRANSFER_TIMEOUT", 30 * time.Minute, &t.Transfer},
	} {
		*s.dst = s.def
		v := Env(s.key, "")
		if v == "" {
			continue
		}
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			errs = append(errs, fmt.Errorf("%s must be a positive duration such as 30s, not %q", s.key, v))
			continue
		}
		*s.dst = d
	}
	return t, errors.Join(errs...)
}

// Server is an http.Server for h with the timeouts set.
func (t HTTPTimeouts) Server(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: min(maxHeaderWait, t.Read),
		ReadTimeout:       t.Read,
		WriteTimeout:      t.Write,
		IdleTimeout:       t.Idle,
	}
}
