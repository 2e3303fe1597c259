package telemetry

import (
	"context"
	"log/slog"
	"math"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// ExpiryGauge exposes eoffice_credential_expiry_seconds{service,
// credential}: the seconds until the credential expires (a certificate's
// NotAfter) or falls due (a key's scheduled rotation), negative once past.
// at is asked at each scrape; when it fails the series is NaN for that
// scrape, which alerts on "< x" do not match but absent-or-NaN checks can.
func ExpiryGauge(service, credential string, at func(ctx context.Context) (time.Time, error)) {
	g := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name:        "eoffice_credential_expiry_seconds",
		Help:        "Seconds until a certificate expires or a signing key falls due for rotation; negative once past.",
		ConstLabels: prometheus.Labels{"service": service, "credential": credential},
	}, func() float64 {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		t, err := at(ctx)
		if err != nil {
			slog.Warn("credential expiry for /metrics", "credential", credential, "error", err)
			return math.NaN()
		}
		return time.Until(t).Seconds()
	})
	if err := prometheus.Register(g); err != nil {
		// Registered twice in one process (tests): the first stays.
		slog.Debug("credential expiry gauge", "credential", credential, "error", err)
	}
}
