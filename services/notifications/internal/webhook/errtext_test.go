package webhook_test

import (
	"context"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/events"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/webhook"
)

// An integration registers a name it controls, then points it at an
// internal address (DNS rebinding), or at a closed port: the failure it
// reads back on its deliveries says what went wrong, never the address the
// name resolved to — else deliveries would map the internal network.
func TestDeliveryErrorHidesResolvedAddress(t *testing.T) {
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := closed.Addr().(*net.TCPAddr).Port
	closed.Close() // nothing listens there now
	tests := []struct {
		name    string
		url     string
		guard   webhook.Guard
		want    string
		secrets []string // must not appear in the recorded error
	}{
		{"rebound to a private address", "http://rebind.vn/hook",
			webhook.Guard{Resolver: dns{"rebind.vn": {"10.20.30.40"}}}, "destination address not allowed", []string{"10.20.30.40"}},
		{"rebound to NAT64 of loopback", "http://nat64.vn/hook",
			webhook.Guard{Resolver: dns{"nat64.vn": {"64:ff9b::7f00:1"}}}, "destination address not allowed", []string{"64:ff9b", "7f00"}},
		{"closed port behind a name", "http://localhost:" + strconv.Itoa(port) + "/hook",
			webhook.Guard{AllowPrivate: true}, "connection refused", []string{"127.0.0.1", "::1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
				f := newFixture(t, db)
				if err := f.s.AddWebhook(context.Background(), domain.Webhook{ID: "w1", OwnerID: "client-1", URL: tt.url,
					EventTypes: []string{events.TaskAssigned}, Secret: secret, CreatedAt: time.Now().UTC()}); err != nil {
					t.Fatal(err)
				}
				ownedByClient(t, f.s, "w1", domain.Client{ID: "client-1", Scopes: auth.Scopes, Active: true})
				f.consume(t, taskEvent(t))
				run(t, webhook.NewDeliverer(f.s, f.out, tt.guard, fast, quiet), 1)
				log, _, err := f.s.Deliveries(context.Background(), "w1", nil, 10)
				if err != nil || len(log) != 1 || len(log[0].Log) != 1 {
					t.Fatalf("deliveries %+v, %v", log, err)
				}
				for _, got := range []string{log[0].LastError, log[0].Log[0].Error} {
					if got != tt.want {
						t.Errorf("recorded error %q, want %q", got, tt.want)
					}
					for _, s := range tt.secrets {
						if strings.Contains(got, s) {
							t.Errorf("recorded error %q reveals %s", got, s)
						}
					}
				}
			})
		})
	}
}

// TestForbiddenRanges: addresses that reach, or are translated to,
// networks a webhook must not reach.
func TestForbiddenRanges(t *testing.T) {
	tests := []struct {
		addr      string
		forbidden bool
	}{
		{"203.0.113.1", false},
		{"8.8.8.8", false},
		{"2001:4860:4860::8888", false},
		{"2606:4700::1111", false},
		{"0.0.0.0", true},
		{"0.1.2.3", true},
		{"10.0.0.1", true},
		{"100.64.0.1", true},
		{"100.127.255.254", true},
		{"127.0.0.1", true},
		{"169.254.169.254", true},
		{"172.16.0.1", true},
		{"192.0.0.8", true},
		{"192.168.1.1", true},
		{"198.18.0.1", true},
		{"224.0.0.1", true},
		{"240.0.0.1", true},
		{"255.255.255.255", true},
		{"::", true},
		{"::1", true},
		{"::127.0.0.1", true},
		{"::ffff:10.0.0.1", true},
		{"64:ff9b::a00:1", true},
		{"64:ff9b::7f00:1", true},
		{"64:ff9b:1::a00:1", true},
		{"2002:a00:1::1", true},
		{"2002:7f00:1::1", true},
		{"2001:0:4136:e378:8000:63bf:3fff:fdd2", true},
		{"fc00::1", true},
		{"fe80::1", true},
		{"ff02::1", true},
	}
	for _, tt := range tests {
		if got := webhook.Forbidden(netip.MustParseAddr(tt.addr)); got != tt.forbidden {
			t.Errorf("Forbidden(%s) = %v, want %v", tt.addr, got, tt.forbidden)
		}
	}
}
