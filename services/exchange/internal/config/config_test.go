package config_test

import (
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/services/exchange/internal/config"
)

func TestLoad(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		err  string
		ok   func(config.Config) bool
	}{
		{"vdxp defaults to the local hub", map[string]string{"EOFFICE_EXCHANGE_SYSTEM_ID": "a", "EOFFICE_EXCHANGE_SECRET": "s"}, "",
			func(c config.Config) bool {
				return c.Transport == "vdxp" && c.VDXPURL == "http://127.0.0.1:8086" && c.PollInterval == time.Second &&
					c.BlobDir == "/data/exchange-blobs" && c.DocumentsURL == "http://127.0.0.1:8082"
			}},
		{"vdxp needs its credentials", nil, "EOFFICE_EXCHANGE_SYSTEM_ID", nil},
		{"folder", map[string]string{"EOFFICE_EXCHANGE_TRANSPORT": "folder", "EOFFICE_EXCHANGE_IN_DIR": "/in", "EOFFICE_EXCHANGE_OUT_DIR": "/out",
			"EOFFICE_EXCHANGE_POLL_INTERVAL": "250ms"}, "",
			func(c config.Config) bool {
				return c.InDir == "/in" && c.OutDir == "/out" && c.PollInterval == 250*time.Millisecond
			}},
		{"same folders", map[string]string{"EOFFICE_EXCHANGE_TRANSPORT": "folder", "EOFFICE_EXCHANGE_IN_DIR": "/x", "EOFFICE_EXCHANGE_OUT_DIR": "/x"}, "must differ", nil},
		{"unknown transport", map[string]string{"EOFFICE_EXCHANGE_TRANSPORT": "smtp"}, "want vdxp or folder", nil},
		{"bad interval", map[string]string{"EOFFICE_EXCHANGE_TRANSPORT": "folder", "EOFFICE_EXCHANGE_POLL_INTERVAL": "-1s"}, "POLL_INTERVAL", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, k := range []string{"EOFFICE_EXCHANGE_TRANSPORT", "EOFFICE_EXCHANGE_VDXP_URL", "EOFFICE_HUB_ADDR", "EOFFICE_EXCHANGE_SYSTEM_ID",
				"EOFFICE_EXCHANGE_SECRET", "EOFFICE_EXCHANGE_IN_DIR", "EOFFICE_EXCHANGE_OUT_DIR", "EOFFICE_EXCHANGE_POLL_INTERVAL",
				"EOFFICE_DOCUMENTS_URL", "EOFFICE_DOCUMENTS_ADDR", "EOFFICE_EXCHANGE_CLIENT_SECRET"} {
				t.Setenv(k, tc.env[k])
			}
			c, err := config.Load("/data", "http://127.0.0.1:8081")
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || !tc.ok(c) {
				t.Fatalf("config = %+v, %v", c, err)
			}
		})
	}
}
