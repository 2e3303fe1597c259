package httpx_test

import (
	"net/http/httptest"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/httpx"
)

func TestClientAddr(t *testing.T) {
	proxies, err := httpx.ParseTrustedProxies("X", "127.0.0.0/8, ::1, 10.0.0.0/8")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, peer string
		xff        []string
		want       string
	}{
		{"no header", "198.51.100.7:4000", nil, "198.51.100.7"},
		{"untrusted peer's header is ignored", "198.51.100.7:4000", []string{"203.0.113.1"}, "198.51.100.7"},
		{"trusted peer, one hop", "127.0.0.1:4000", []string{"203.0.113.1"}, "203.0.113.1"},
		{"spoofed left entries are skipped", "127.0.0.1:4000", []string{"10.9.9.9, 192.0.2.66, 203.0.113.1"}, "203.0.113.1"},
		{"trusted hops right of the client are skipped", "127.0.0.1:4000", []string{"203.0.113.1, 10.0.0.5"}, "203.0.113.1"},
		{"several header lines", "127.0.0.1:4000", []string{"192.0.2.66", "203.0.113.1, 10.0.0.5"}, "203.0.113.1"},
		{"all trusted: the left-most", "127.0.0.1:4000", []string{"127.0.0.2"}, "127.0.0.2"},
		{"malformed entry stops the walk", "127.0.0.1:4000", []string{"192.0.2.66, junk"}, "127.0.0.1"},
		{"IPv6 peer", "[2001:db8::1]:4000", []string{"203.0.113.1"}, "2001:db8::1"},
		{"mapped IPv4 is IPv4", "[::ffff:127.0.0.1]:4000", []string{"::ffff:203.0.113.1"}, "203.0.113.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tt.peer
			for _, v := range tt.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			if got := httpx.ClientAddr(r, proxies); got != tt.want {
				t.Fatalf("ClientAddr = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseTrustedProxies(t *testing.T) {
	if p, err := httpx.ParseTrustedProxies("X", ""); err != nil || len(p) != len(httpx.Loopback) {
		t.Fatalf("empty: %v %v, want loopback", p, err)
	}
	if p, err := httpx.ParseTrustedProxies("X", "none"); err != nil || len(p) != 0 {
		t.Fatalf("none: %v %v", p, err)
	}
	for _, bad := range []string{"10.0.0.0/33", "proxy.local", "10.0.0.1,", "1.2.3"} {
		if _, err := httpx.ParseTrustedProxies("X", bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
