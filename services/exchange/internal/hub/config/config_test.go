package config_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/services/exchange/internal/hub/config"
)

func TestLoad(t *testing.T) {
	cases := []struct {
		name             string
		env              map[string]string
		wantAddr, wantDB string
		wantErr          bool
	}{
		{"defaults", nil, "127.0.0.1:8086", filepath.Join("data", "hub.db"), false},
		{"data dir", map[string]string{"EOFFICE_DATA_DIR": "/srv/eo"}, "127.0.0.1:8086", "/srv/eo/hub.db", false},
		{"set", map[string]string{"EOFFICE_HUB_ADDR": "0.0.0.0:9000", "EOFFICE_HUB_DB": "postgres://x/hub"}, "0.0.0.0:9000", "postgres://x/hub", false},
		{"bad addr", map[string]string{"EOFFICE_HUB_ADDR": "nope"}, "", "", true},
		{"bad admin addr", map[string]string{"EOFFICE_HUB_ADMIN_ADDR": "nope"}, "", "", true},
		{"retention too short", map[string]string{"EOFFICE_HUB_RETENTION": "5m"}, "", "", true},
		{"retention in days", map[string]string{"EOFFICE_HUB_RETENTION": "7d"}, "127.0.0.1:8086", filepath.Join("data", "hub.db"), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, k := range []string{"EOFFICE_DATA_DIR", "EOFFICE_HUB_ADDR", "EOFFICE_HUB_DB", "EOFFICE_HUB_ADMIN_ADDR", "EOFFICE_HUB_RETENTION"} {
				t.Setenv(k, c.env[k])
			}
			got, err := config.Load()
			if (err != nil) != c.wantErr {
				t.Fatalf("err = %v", err)
			}
			if c.wantErr {
				return
			}
			wantRetention := 30 * 24 * time.Hour
			if c.env["EOFFICE_HUB_RETENTION"] == "7d" {
				wantRetention = 7 * 24 * time.Hour
			}
			if got.Addr != c.wantAddr || filepath.Clean(got.DB) != filepath.Clean(c.wantDB) || got.Transfer <= 0 || got.Retention != wantRetention {
				t.Fatalf("got %+v", got)
			}
		})
	}
}
