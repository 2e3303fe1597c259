package config

import (
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envconf"
	"github.com/eoffice-vn/eoffice/pkg/envconf/envconftest"
	"github.com/eoffice-vn/eoffice/pkg/scan"

	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
)

func TestLoad(t *testing.T) {
	cases := []struct {
		name     string
		env      map[string]string
		wantErr  []string
		maxAtt   int64
		clamd    bool
		interval time.Duration
		grace    time.Duration
	}{
		{name: "defaults", maxAtt: envconf.DefaultMaxAttachment, interval: app.DefaultBlobGCEvery, grace: app.DefaultBlobGrace},
		{name: "all set", env: map[string]string{"EOFFICE_MAX_ATTACHMENT_BYTES": "1048576", "EOFFICE_CLAMD_ADDR": "tcp://127.0.0.1:3310",
			"EOFFICE_BLOB_GC_INTERVAL": "5m", "EOFFICE_BLOB_GC_GRACE": "2h"},
			maxAtt: 1 << 20, clamd: true, interval: 5 * time.Minute, grace: 2 * time.Hour},
		{name: "attachment limit", env: map[string]string{"EOFFICE_MAX_ATTACHMENT_BYTES": "20MB"}, wantErr: []string{"EOFFICE_MAX_ATTACHMENT_BYTES"}},
		{name: "clamd address", env: map[string]string{"EOFFICE_CLAMD_ADDR": "http://clamd"}, wantErr: []string{"EOFFICE_CLAMD_ADDR"}},
		{name: "interval too short", env: map[string]string{"EOFFICE_BLOB_GC_INTERVAL": "1s"}, wantErr: []string{"EOFFICE_BLOB_GC_INTERVAL"}},
		{name: "grace not a duration", env: map[string]string{"EOFFICE_BLOB_GC_GRACE": "a day"}, wantErr: []string{"EOFFICE_BLOB_GC_GRACE"}},
		{name: "grace too short", env: map[string]string{"EOFFICE_BLOB_GC_GRACE": "10s"}, wantErr: []string{"EOFFICE_BLOB_GC_GRACE"}},
		{name: "pdf pause not a boolean", env: map[string]string{"EOFFICE_DOCUMENTS_PDF_PAUSED": "maybe"}, wantErr: []string{"EOFFICE_DOCUMENTS_PDF_PAUSED"}},
		{name: "exchange url", env: map[string]string{"EOFFICE_EXCHANGE_URL": "exchange:8085"}, wantErr: []string{"EOFFICE_EXCHANGE_URL"}},
		{name: "every bad one named", env: map[string]string{"EOFFICE_MAX_ATTACHMENT_BYTES": "0", "EOFFICE_CLAMD_ADDR": "clamd:3310",
			"EOFFICE_BLOB_GC_INTERVAL": "-1m", "EOFFICE_BLOB_GC_GRACE": "0"},
			wantErr: []string{"EOFFICE_MAX_ATTACHMENT_BYTES", "EOFFICE_CLAMD_ADDR", "EOFFICE_BLOB_GC_INTERVAL", "EOFFICE_BLOB_GC_GRACE"}},
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
			_, none := c.Scanner.(scan.None)
			if c.MaxAttachment != tc.maxAtt || none == tc.clamd || c.BlobGCInterval != tc.interval || c.BlobGCGrace != tc.grace {
				t.Errorf("got %+v", c)
			}
		})
	}
}

// TestExchangeURL: the exchange service is found by URL, else by the
// address up.sh gives it, else on its default port.
func TestExchangeURL(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{nil, "http://127.0.0.1:8085"},
		{map[string]string{"EOFFICE_EXCHANGE_ADDR": "127.0.0.1:9185"}, "http://127.0.0.1:9185"},
		{map[string]string{"EOFFICE_EXCHANGE_URL": "https://exchange.example/", "EOFFICE_EXCHANGE_ADDR": "x:1"}, "https://exchange.example"},
	} {
		envconftest.Only(t, tc.env)
		c, err := Load()
		if err != nil || c.ExchangeURL != tc.want {
			t.Errorf("%v: %q %v, want %q", tc.env, c.ExchangeURL, err, tc.want)
		}
	}
}
