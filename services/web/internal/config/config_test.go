package config

import (
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/envconf"
	"github.com/eoffice-vn/eoffice/pkg/envconf/envconftest"
)

func TestLoad(t *testing.T) {
	cases := []struct {
		name    string
		env     map[string]string
		wantErr []string // each must appear in the error
		check   func(t *testing.T, c Config)
	}{
		{name: "defaults", check: func(t *testing.T, c Config) {
			if c.Addr != "127.0.0.1:8080" || c.SessionIdle != 8*time.Hour || c.MaxAttachment != envconf.DefaultMaxAttachment || c.SecureCookies {
				t.Errorf("defaults = %+v", c)
			}
			if len(c.TrustedProxies) == 0 || !c.TrustedProxies[0].Addr().IsLoopback() {
				t.Errorf("trusted proxies default = %v, want loopback", c.TrustedProxies)
			}
			if c.URLs[client.Identity] != "http://127.0.0.1:8081" || c.URLs[client.Exchange] != "http://127.0.0.1:8085" {
				t.Errorf("service URLs = %q", c.URLs)
			}
		}},
		{name: "exchange service elsewhere", env: map[string]string{"EOFFICE_EXCHANGE_URL": "http://10.1.2.3:9085/"},
			check: func(t *testing.T, c Config) {
				if c.URLs[client.Exchange] != "http://10.1.2.3:9085" {
					t.Errorf("exchange URL = %q", c.URLs[client.Exchange])
				}
			}},
		{name: "https console", env: map[string]string{"EOFFICE_WEB_URL": "https://eoffice.khanhhoa.gov.vn", "EOFFICE_WEB_SESSION_IDLE": "30m"},
			check: func(t *testing.T, c Config) {
				if !c.SecureCookies || c.SessionIdle != 30*time.Minute {
					t.Errorf("got %+v", c)
				}
			}},
		{name: "every bad value reported at once",
			env: map[string]string{"EOFFICE_WEB_ADDR": "8080", "EOFFICE_WEB_SESSION_IDLE": "forever",
				"EOFFICE_MAX_ATTACHMENT_BYTES": "-1", "EOFFICE_WEB_TRUSTED_PROXIES": "not-a-cidr", "EOFFICE_HTTP_READ_TIMEOUT": "0s",
				"EOFFICE_WEB_ADMIN_ADDR": "9090", "EOFFICE_SHUTDOWN_DELAY": "-1s"},
			wantErr: []string{"EOFFICE_SHUTDOWN_DELAY", "EOFFICE_WEB_ADMIN_ADDR", "EOFFICE_WEB_ADDR", "EOFFICE_WEB_SESSION_IDLE", "EOFFICE_MAX_ATTACHMENT_BYTES", "EOFFICE_WEB_TRUSTED_PROXIES", "EOFFICE_HTTP_READ_TIMEOUT"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			envconftest.Only(t, tc.env)
			c, err := Load()
			if len(tc.wantErr) > 0 {
				envconftest.Named(t, err, tc.wantErr...)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, c)
		})
	}
}

// TestConsoleLinksNoStorage: the console keeps only sessions and calls the
// services' APIs, so its binary links no database driver, broker client
// or migrations (they came in with the services' runtime, for settings).
func TestConsoleLinksNoStorage(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not found")
	}
	out, err := exec.Command("go", "list", "-deps", "github.com/eoffice-vn/eoffice/services/web/cmd/web").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"modernc.org/sqlite", "github.com/jackc/pgx", "github.com/segmentio/kafka-go", "github.com/pressly/goose"} {
			if strings.HasPrefix(dep, banned) {
				t.Errorf("the console links %s", dep)
			}
		}
	}
}
