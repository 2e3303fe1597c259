package kafkaconn

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestFromEnv(t *testing.T) {
	ca := writeCA(t)
	tests := []struct {
		name    string
		env     map[string]string
		wantErr string // "" : valid
		sasl    bool
		tls     bool
	}{
		{"nothing: plaintext", nil, "", false, false},
		{"scram-sha-512", map[string]string{"EOFFICE_KAFKA_SASL_MECHANISM": "SCRAM-SHA-512", "EOFFICE_KAFKA_SASL_USERNAME": "tasks", "EOFFICE_KAFKA_SASL_PASSWORD": "mat-khau-bi-mat"}, "", true, false},
		{"scram-sha-256, lower case", map[string]string{"EOFFICE_KAFKA_SASL_MECHANISM": "scram-sha-256", "EOFFICE_KAFKA_SASL_USERNAME": "tasks", "EOFFICE_KAFKA_SASL_PASSWORD": "mat-khau-bi-mat"}, "", true, false},
		{"plain over tls with a CA", map[string]string{"EOFFICE_KAFKA_SASL_MECHANISM": "PLAIN", "EOFFICE_KAFKA_SASL_USERNAME": "u", "EOFFICE_KAFKA_SASL_PASSWORD": "mat-khau-bi-mat",
			"EOFFICE_KAFKA_TLS_ENABLED": "true", "EOFFICE_KAFKA_TLS_CA_FILE": ca, "EOFFICE_KAFKA_TLS_SERVER_NAME": "kafka.internal"}, "", true, true},
		{"tls with the system roots", map[string]string{"EOFFICE_KAFKA_TLS_ENABLED": "true"}, "", false, true},
		{"mechanism without password", map[string]string{"EOFFICE_KAFKA_SASL_MECHANISM": "SCRAM-SHA-512", "EOFFICE_KAFKA_SASL_USERNAME": "u"}, "needs EOFFICE_KAFKA_SASL_PASSWORD", false, false},
		{"mechanism without user", map[string]string{"EOFFICE_KAFKA_SASL_MECHANISM": "SCRAM-SHA-512", "EOFFICE_KAFKA_SASL_PASSWORD": "mat-khau-bi-mat"}, "needs EOFFICE_KAFKA_SASL_USERNAME", false, false},
		{"password without mechanism", map[string]string{"EOFFICE_KAFKA_SASL_PASSWORD": "mat-khau-bi-mat"}, "without EOFFICE_KAFKA_SASL_MECHANISM", false, false},
		{"unknown mechanism", map[string]string{"EOFFICE_KAFKA_SASL_MECHANISM": "GSSAPI", "EOFFICE_KAFKA_SASL_USERNAME": "u", "EOFFICE_KAFKA_SASL_PASSWORD": "mat-khau-bi-mat"}, "want SCRAM-SHA-256", false, false},
		{"tls flag not a boolean", map[string]string{"EOFFICE_KAFKA_TLS_ENABLED": "ja"}, "not true or false", false, false},
		{"CA without tls", map[string]string{"EOFFICE_KAFKA_TLS_CA_FILE": ca}, "EOFFICE_KAFKA_TLS_ENABLED is not true", false, false},
		{"missing CA file", map[string]string{"EOFFICE_KAFKA_TLS_ENABLED": "true", "EOFFICE_KAFKA_TLS_CA_FILE": "/nonexistent/ca.pem"}, "EOFFICE_KAFKA_TLS_CA_FILE", false, false},
		{"CA file without a certificate", map[string]string{"EOFFICE_KAFKA_TLS_ENABLED": "true", "EOFFICE_KAFKA_TLS_CA_FILE": writeFile(t, "junk")}, "no PEM certificate", false, false},
		{"cert without key", map[string]string{"EOFFICE_KAFKA_TLS_ENABLED": "true", "EOFFICE_KAFKA_TLS_CERT_FILE": ca}, "go together", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := FromEnv(func(k string) string { return tt.env[k] })
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one with %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if (c.SASL() != nil) != tt.sasl || (c.TLSConfig() != nil) != tt.tls {
				t.Errorf("sasl %v tls %v, want %v %v", c.SASL() != nil, c.TLSConfig() != nil, tt.sasl, tt.tls)
			}
			d, tr := c.Dialer(), c.Transport()
			if (d.SASLMechanism != nil) != tt.sasl || (tr.SASL != nil) != tt.sasl || (d.TLS != nil) != tt.tls || (tr.TLS != nil) != tt.tls {
				t.Errorf("dialer or transport not configured alike: %+v %+v", d, tr)
			}
			if tt.tls && tt.env["EOFFICE_KAFKA_TLS_CA_FILE"] != "" && (c.TLSConfig().RootCAs == nil || c.TLSConfig().ServerName != "kafka.internal") {
				t.Errorf("CA or server name not applied")
			}
			if strings.Contains(c.Describe(), tt.env["EOFFICE_KAFKA_SASL_PASSWORD"]) && tt.env["EOFFICE_KAFKA_SASL_PASSWORD"] != "" {
				t.Errorf("Describe shows the password: %s", c.Describe())
			}
		})
	}
}

func writeFile(t *testing.T, s string) string {
	p := filepath.Join(t.TempDir(), "f.pem")
	if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// writeCA writes a self-signed CA certificate.
func writeCA(t *testing.T) string {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "eoffice test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return writeFile(t, string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})))
}
