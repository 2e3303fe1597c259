package deploycheck_test

import (
	"os"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/secretbox"
	"github.com/eoffice-vn/eoffice/pkg/svc"
	"github.com/eoffice-vn/eoffice/pkg/tests/deploycheck"
)

// keepsSecrets are the services that encrypt secrets at rest (pkg/secretbox).
var keepsSecrets = map[string]bool{"identity": true, "notifications": true}

// operatorValue stands for what an operator puts where an example leaves a
// secret empty: a valid key for the secret key, else a long password.
func operatorValue(t *testing.T, name string) string {
	t.Helper()
	if name == secretbox.EnvKey {
		k, err := secretbox.GenerateKey()
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	return "operator-chosen-" + strings.ToLower(name)
}

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
	if keepsSecrets[service] {
		if env[secretbox.EnvKey] == "" {
			t.Errorf("%s is not set: %s would refuse to start on PostgreSQL", secretbox.EnvKey, service)
		}
		// The operator replaces the placeholder with a real key.
		if env[secretbox.EnvKey] == deploycheck.Placeholder {
			t.Setenv(secretbox.EnvKey, operatorValue(t, secretbox.EnvKey))
		}
		if _, err := cfg.SecretBox(); err != nil {
			t.Errorf("the service refuses its secret key: %v", err)
		}
	}
	up := strings.ToUpper(service)
	for _, k := range []string{"EOFFICE_KAFKA_BROKERS", "EOFFICE_" + up + "_DB", "EOFFICE_" + up + "_ADDR", "EOFFICE_DATA_DIR", "EOFFICE_IDENTITY_URL", "OTEL_EXPORTER_OTLP_ENDPOINT"} {
		if env[k] == "" {
			t.Errorf("%s is not set: the service would fall back to a one-machine default", k)
		}
	}
	return cfg
}
