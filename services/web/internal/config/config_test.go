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

const secret = "0123456789abcdef0123456789abcdef-web"

func TestLoad(t *testing.T) {
	cases := []struct {
		name    string
		env     map[string]string
		wantErr []string // each must appear in the error
		check   func(t *testing.T, c Config)
	}{
		{name: "defaults", check: func(t *testing.T, c Config) {
			if c.Addr != "127.0.0.1:8080" || c.SessionIdle != 8*time.Hour || c.SessionCache != 2*time.Second || c.ClientSecret != secret || c.MaxAttachment != envconf.DefaultMaxAttachment || c.SecureCookies {
				t.Errorf("defaults = %+v", c)
			}
			if len(c.TrustedProxies) == 0 || !c.TrustedProxies[0].Addr().IsLoopback() {
				t.Errorf("trusted proxies default = %v, want loopback", c.TrustedProxies)
			}
			if c.APIURL != "http://127.0.0.1:8080" {
				t.Errorf("API URL default = %q", c.APIURL)
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
				if !c.SecureCookies || c.SessionIdle != 30*time.Minute || c.APIURL != "https://eoffice.khanhhoa.gov.vn" {
					t.Errorf("got %+v", c)
				}
			}},
		{name: "APIs on a host of their own", env: map[string]string{"EOFFICE_WEB_URL": "https://eoffice.khanhhoa.gov.vn", "EOFFICE_API_URL": "https://api.eoffice.khanhhoa.gov.vn/"},
			check: func(t *testing.T, c Config) {
				if c.APIURL != "https://api.eoffice.khanhhoa.gov.vn" {
					t.Errorf("API URL = %q", c.APIURL)
				}
			}},
		{name: "every bad value reported at once",
			env: map[string]string{"EOFFICE_WEB_ADDR": "8080", "EOFFICE_WEB_SESSION_IDLE": "forever",
				"EOFFICE_MAX_ATTACHMENT_BYTES": "-1", "EOFFICE_WEB_TRUSTED_PROXIES": "not-a-cidr", "EOFFICE_HTTP_READ_TIMEOUT": "0s",
				"EOFFICE_WEB_ADMIN_ADDR": "9090", "EOFFICE_SHUTDOWN_DELAY": "-1s", "EOFFICE_WEB_SESSION_CACHE": "1m",
				"EOFFICE_WEB_CLIENT_SECRET": "short", "EOFFICE_API_URL": "api.example.vn"},
			wantErr: []string{"EOFFICE_API_URL", "EOFFICE_WEB_SESSION_CACHE", "EOFFICE_WEB_CLIENT_SECRET", "EOFFICE_SHUTDOWN_DELAY", "EOFFICE_WEB_ADMIN_ADDR", "EOFFICE_WEB_ADDR", "EOFFICE_WEB_SESSION_IDLE", "EOFFICE_MAX_ATTACHMENT_BYTES", "EOFFICE_WEB_TRUSTED_PROXIES", "EOFFICE_HTTP_READ_TIMEOUT"}},
		{name: "an idle time identity refuses", env: map[string]string{"EOFFICE_WEB_SESSION_IDLE": "30s"},
			wantErr: []string{"EOFFICE_WEB_SESSION_IDLE"}},
		{name: "no client secret", env: map[string]string{"EOFFICE_WEB_CLIENT_SECRET": ""},
			wantErr: []string{"EOFFICE_WEB_CLIENT_SECRET"}},
		{name: "no session cache", env: map[string]string{"EOFFICE_WEB_SESSION_CACHE": "0s"},
			check: func(t *testing.T, c Config) {
				if c.SessionCache != 0 {
					t.Errorf("cache %v", c.SessionCache)
				}
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{"EOFFICE_WEB_CLIENT_SECRET": secret}
			for k, v := range tc.env {
				env[k] = v
			}
			envconftest.Only(t, env)
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

// TestConsoleLinksNoStorage: identity keeps the console's sessions and the
// console calls the services' APIs, so its binary links no database
// driver (nor database/sql at all), broker client or migrations (they came
// in with the services' runtime, for settings).
func TestConsoleLinksNoStorage(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not found")
	}
	out, err := exec.Command("go", "list", "-deps", "github.com/eoffice-vn/eoffice/services/web/cmd/web").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"modernc.org/sqlite", "github.com/jackc/pgx", "github.com/segmentio/kafka-go", "github.com/pressly/goose",
			"github.com/lib/pq", "github.com/mattn/go-sqlite3", "github.com/go-sql-driver/mysql", "database/sql"} {
			// database/sql/driver is only interfaces (uuid implements them).
			if dep == banned || (banned != "database/sql" && strings.HasPrefix(dep, banned)) {
				t.Errorf("the console links %s", dep)
			}
		}
	}
}
