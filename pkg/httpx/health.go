package httpx

import (
	"context"
	"encoding/json"
	"net/http"
	"time"
)

// Check is one readiness dependency (database, broker).
type Check struct {
	Name string
	Fn   func(ctx context.Context) error
}

// Healthz answers 200 while the process serves.
func Healthz() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"status":"ok"}` + "\n"))
	})
}

// Readyz answers 200 when every check passes within two seconds, else 503
// naming the failing ones (no error text: it may hold addresses).
func Readyz(checks ...Check) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		res := map[string]string{}
		status := http.StatusOK
		for _, c := range checks {
			if err := c.Fn(ctx); err != nil {
				res[c.Name] = "down"
				status = http.StatusServiceUnavailable
				continue
			}
			res[c.Name] = "up"
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(map[string]any{"status": http.StatusText(status), "checks": res})
	})
}
