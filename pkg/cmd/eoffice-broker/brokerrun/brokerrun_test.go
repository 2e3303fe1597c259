package brokerrun

import (
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/kafkaconn"
	"github.com/eoffice-vn/eoffice/pkg/testtls"
)

// TestServerTLS: the broker's certificate and the clients' TLS switch,
// which share the stack's environment, come together or not at all.
func TestServerTLS(t *testing.T) {
	cert, key := testtls.New(t).LeafFiles("127.0.0.1")
	tests := []struct {
		name       string
		cert, key  string
		clientsTLS bool
		wantTLS    bool
		wantErr    string
	}{
		{"plaintext", "", "", false, false, ""},
		{"tls", cert, key, true, true, ""},
		{"certificate without its key", cert, "", true, false, "go together"},
		{"clients want TLS, no certificate", "", "", true, false, "needs its certificate"},
		{"certificate, clients in plaintext", cert, key, false, false, "EOFFICE_KAFKA_TLS_ENABLED is not true"},
		{"unreadable certificate", "/nonexistent/cert.pem", key, true, false, "certificate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("EOFFICE_KAFKA_TLS_SERVER_CERT_FILE", tt.cert)
			t.Setenv("EOFFICE_KAFKA_TLS_SERVER_KEY_FILE", tt.key)
			got, err := serverTLS(kafkaconn.Config{TLS: tt.clientsTLS})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one with %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if (got != nil) != tt.wantTLS {
				t.Fatalf("tls %v, want %v", got != nil, tt.wantTLS)
			}
		})
	}
}
