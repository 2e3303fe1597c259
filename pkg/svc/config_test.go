package svc

import (
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envconf"
)

func TestLoadConfig(t *testing.T) {
	tests := []struct {
		name    string
		service string
		env     map[string]string
		check   func(t *testing.T, c Config)
		wantErr string
	}{
		{"defaults", "tasks", nil, func(t *testing.T, c Config) {
			if c.Addr != "127.0.0.1:8083" || c.DB != "data/tasks.db" || c.Brokers[0] != "127.0.0.1:9092" ||
				c.IdentityURL != "http://127.0.0.1:8081" || c.ShutdownTimeout != 15*time.Second || c.ShutdownDelay != 0 || c.PublicURL != "http://127.0.0.1:8083" {
				t.Errorf("%+v", c)
			}
		}, ""},
		{"overrides", "documents", map[string]string{
			"EOFFICE_DOCUMENTS_ADDR": "0.0.0.0:9000", "EOFFICE_DOCUMENTS_DB": "postgres://db/documents",
			"EOFFICE_KAFKA_BROKERS": "k1:9092, k2:9092", "EOFFICE_IDENTITY_URL": "https://id.example.vn/",
			"EOFFICE_DATA_DIR": "/srv/eoffice",
		}, func(t *testing.T, c Config) {
			if c.Addr != "0.0.0.0:9000" || c.DB != "postgres://db/documents" || len(c.Brokers) != 2 || c.Brokers[1] != "k2:9092" ||
				c.IdentityURL != "https://id.example.vn" {
				t.Errorf("%+v", c)
			}
		}, ""},
		{"data dir moves the database", "identity", map[string]string{"EOFFICE_DATA_DIR": "/srv/eo"}, func(t *testing.T, c Config) {
			if c.DB != "/srv/eo/identity.db" {
				t.Errorf("DB = %q", c.DB)
			}
		}, ""},
		{"public url from the listen address", "notifications", map[string]string{"EOFFICE_NOTIFICATIONS_ADDR": ":9084"}, func(t *testing.T, c Config) {
			if c.PublicURL != "http://localhost:9084" {
				t.Errorf("PublicURL = %q", c.PublicURL)
			}
		}, ""},
		{"public url", "tasks", map[string]string{"EOFFICE_TASKS_PUBLIC_URL": "https://eoffice.example.vn/tasks/"}, func(t *testing.T, c Config) {
			if c.PublicURL != "https://eoffice.example.vn/tasks" {
				t.Errorf("PublicURL = %q", c.PublicURL)
			}
		}, ""},
		{"bad public url", "tasks", map[string]string{"EOFFICE_TASKS_PUBLIC_URL": "eoffice.example.vn/tasks"}, nil, "EOFFICE_TASKS_PUBLIC_URL"},
		{"bad address", "tasks", map[string]string{"EOFFICE_TASKS_ADDR": "8083"}, nil, "EOFFICE_TASKS_ADDR"},
		{"bad broker", "tasks", map[string]string{"EOFFICE_KAFKA_BROKERS": "kafka"}, nil, "kafka broker"},
		{"bad identity url", "tasks", map[string]string{"EOFFICE_IDENTITY_URL": "identity:8081"}, nil, "EOFFICE_IDENTITY_URL"},
		{"bad timeout", "tasks", map[string]string{"EOFFICE_SHUTDOWN_TIMEOUT": "soon"}, nil, "EOFFICE_SHUTDOWN_TIMEOUT"},
		{"shutdown delay", "tasks", map[string]string{"EOFFICE_SHUTDOWN_DELAY": "5s"}, func(t *testing.T, c Config) {
			if c.ShutdownDelay != 5*time.Second {
				t.Errorf("ShutdownDelay = %v", c.ShutdownDelay)
			}
		}, ""},
		{"bad delay", "tasks", map[string]string{"EOFFICE_SHUTDOWN_DELAY": "later"}, nil, "EOFFICE_SHUTDOWN_DELAY"},
		{"negative delay", "tasks", map[string]string{"EOFFICE_SHUTDOWN_DELAY": "-1s"}, nil, "EOFFICE_SHUTDOWN_DELAY"},
		{"unknown service", "billing", nil, nil, "unknown service"},
		{"http timeouts and admin address", "tasks", map[string]string{
			"EOFFICE_HTTP_READ_TIMEOUT": "5s", "EOFFICE_HTTP_WRITE_TIMEOUT": "7s", "EOFFICE_HTTP_IDLE_TIMEOUT": "9s",
			"EOFFICE_HTTP_TRANSFER_TIMEOUT": "1h", "EOFFICE_TASKS_ADMIN_ADDR": "0.0.0.0:9093",
		}, func(t *testing.T, c Config) {
			want := envconf.HTTPTimeouts{Read: 5 * time.Second, Write: 7 * time.Second, Idle: 9 * time.Second, Transfer: time.Hour}
			if c.HTTP != want || c.AdminAddr != "0.0.0.0:9093" {
				t.Errorf("HTTP %+v, admin %q", c.HTTP, c.AdminAddr)
			}
		}, ""},
		{"default http timeouts", "tasks", nil, func(t *testing.T, c Config) {
			if c.HTTP.Read != 30*time.Second || c.HTTP.Write != time.Minute || c.HTTP.Idle != 2*time.Minute || c.AdminAddr != "" {
				t.Errorf("HTTP %+v, admin %q", c.HTTP, c.AdminAddr)
			}
		}, ""},
		{"bad read timeout", "tasks", map[string]string{"EOFFICE_HTTP_READ_TIMEOUT": "0s"}, nil, "EOFFICE_HTTP_READ_TIMEOUT"},
		{"bad admin address", "tasks", map[string]string{"EOFFICE_TASKS_ADMIN_ADDR": "9093"}, nil, "EOFFICE_TASKS_ADMIN_ADDR"},
		{"admin address is the API's", "tasks", map[string]string{"EOFFICE_TASKS_ADMIN_ADDR": "127.0.0.1:8083"}, nil, "must differ"},
		{"kafka sasl", "tasks", map[string]string{"EOFFICE_KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
			"EOFFICE_KAFKA_SASL_USERNAME": "eoffice-tasks", "EOFFICE_KAFKA_SASL_PASSWORD": "mat-khau-kafka"}, func(t *testing.T, c Config) {
			if c.Kafka.SASL() == nil || c.Kafka.Username != "eoffice-tasks" {
				t.Errorf("kafka %s", c.Kafka.Describe())
			}
		}, ""},
		{"kafka sasl without password", "tasks", map[string]string{"EOFFICE_KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
			"EOFFICE_KAFKA_SASL_USERNAME": "eoffice-tasks"}, nil, "EOFFICE_KAFKA_SASL_PASSWORD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range []string{"EOFFICE_DATA_DIR", "EOFFICE_KAFKA_BROKERS", "EOFFICE_KAFKA_ADDR", "EOFFICE_IDENTITY_URL", "EOFFICE_IDENTITY_ADDR", "EOFFICE_SHUTDOWN_TIMEOUT", "EOFFICE_SHUTDOWN_DELAY",
				"EOFFICE_HTTP_READ_TIMEOUT", "EOFFICE_HTTP_WRITE_TIMEOUT", "EOFFICE_HTTP_IDLE_TIMEOUT", "EOFFICE_HTTP_TRANSFER_TIMEOUT", "EOFFICE_TASKS_ADMIN_ADDR", "EOFFICE_TASKS_PUBLIC_URL", "EOFFICE_NOTIFICATIONS_ADDR",
				"EOFFICE_KAFKA_SASL_MECHANISM", "EOFFICE_KAFKA_SASL_USERNAME", "EOFFICE_KAFKA_SASL_PASSWORD", "EOFFICE_KAFKA_TLS_ENABLED"} {
				t.Setenv(k, "")
			}
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			c, err := LoadConfig(tt.service)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want mention of %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, c)
		})
	}
}

// A service on PostgreSQL (production) refuses to start without
// EOFFICE_SECRET_KEY; on one machine (SQLite) it generates one into the
// data folder and finds the same one after a restart.
func TestSecretBoxRequiredInProduction(t *testing.T) {
	t.Setenv("EOFFICE_SECRET_KEY", "")
	t.Setenv("EOFFICE_SECRET_KEY_OLD", "")
	dir := t.TempDir()
	prod := Config{Service: "identity", DB: "postgres://u:p@db:5432/identity?sslmode=verify-full", DataDir: dir}
	if !prod.Production() {
		t.Fatal("a PostgreSQL DSN is not production")
	}
	if _, err := prod.SecretBox(); err == nil || !strings.Contains(err.Error(), "EOFFICE_SECRET_KEY is required") {
		t.Fatalf("production without a key: %v", err)
	}
	local := Config{Service: "identity", DB: dir + "/identity.db", DataDir: dir}
	first, err := local.SecretBox()
	if err != nil {
		t.Fatal(err)
	}
	again, err := local.SecretBox()
	if err != nil || again.CurrentKeyID() != first.CurrentKeyID() {
		t.Fatalf("after a restart: %v, %v", again, err)
	}
	t.Setenv("EOFFICE_SECRET_KEY", "too-short")
	if _, err := prod.SecretBox(); err == nil {
		t.Fatal("a bad key was accepted")
	}
}
