package deploycheck_test

import (
	"os"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/svc"
)

// loadServiceConfig runs the service's own configuration loader on env
// alone (every other EOFFICE_ and OTEL_ variable of the test process
// cleared), so a deployment whose environment the service would refuse at
// start fails here.
func loadServiceConfig(t *testing.T, service string, env map[string]string) svc.Config {
	t.Helper()
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "EOFFICE_") || strings.HasPrefix(k, "OTEL_") {
			t.Setenv(k, "")
		}
	}
	for k, v := range env {
		t.Setenv(k, v)
	}
	cfg, err := svc.LoadConfig(service)
	if err != nil {
		t.Fatalf("the service refuses this environment: %v", err)
	}
	up := strings.ToUpper(service)
	for _, k := range []string{"EOFFICE_KAFKA_BROKERS", "EOFFICE_" + up + "_DB", "EOFFICE_" + up + "_ADDR", "EOFFICE_DATA_DIR", "EOFFICE_IDENTITY_URL", "OTEL_EXPORTER_OTLP_ENDPOINT"} {
		if env[k] == "" {
			t.Errorf("%s is not set: the service would fall back to a one-machine default", k)
		}
	}
	return cfg
}
