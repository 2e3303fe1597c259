// Package webhook delivers events to integrations' webhooks: the address
// guard that keeps deliveries off private networks, the CloudEvents body,
// its signature, and the delivery worker with retries.
package webhook

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"syscall"
	"time"
)

// ErrForbiddenAddress marks a host that resolves to an address webhooks may
// not reach (loopback, private, link-local, ...): a webhook must not become
// a way into the network the service runs in.
var ErrForbiddenAddress = errors.New("address not allowed for webhooks")

// blocked are ranges the address methods of netip do not cover but that
// reach (or may be translated to) networks webhooks must not reach.
var blocked = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),      // "this network": 0.x.y.z may reach local hosts
	netip.MustParsePrefix("100.64.0.0/10"),  // shared address space (RFC 6598), private in all but name
	netip.MustParsePrefix("192.0.0.0/24"),   // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),  // benchmarking networks
	netip.MustParsePrefix("240.0.0.0/4"),    // reserved, and the broadcast address
	netip.MustParsePrefix("::/96"),          // IPv4-compatible (deprecated): ::10.0.0.1
	netip.MustParsePrefix("64:ff9b::/96"),   // NAT64 (RFC 6052): 64:ff9b::10.0.0.1 is translated to 10.0.0.1
	netip.MustParsePrefix("64:ff9b:1::/48"), // local-use NAT64 (RFC 8215)
	netip.MustParsePrefix("2002::/16"),      // 6to4: embeds any IPv4 address
	netip.MustParsePrefix("2001::/32"),      // Teredo: embeds an IPv4 address too
	netip.MustParsePrefix("2001:db8::/32"),  // documentation
	netip.MustParsePrefix("100::/64"),       // discard-only
}

// Forbidden reports whether ip is one webhooks may not reach.
func Forbidden(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() ||
		ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() {
		return true
	}
	for _, p := range blocked {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// Resolver looks up a host's addresses; *net.Resolver does.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// Guard decides which hosts webhooks may reach.
type Guard struct {
	AllowPrivate bool // EOFFICE_WEBHOOK_ALLOW_PRIVATE: for one-machine setups and tests
	Resolver     Resolver
}

// CheckHost resolves host and refuses it when any of its addresses is
// forbidden (one bad address is enough: the client could pick it).
func (g Guard) CheckHost(ctx context.Context, host string) error {
	if g.AllowPrivate {
		return nil
	}
	var addrs []netip.Addr
	if ip, err := netip.ParseAddr(host); err == nil {
		addrs = []netip.Addr{ip}
	} else {
		r := g.Resolver
		if r == nil {
			r = net.DefaultResolver
		}
		addrs, err = r.LookupNetIP(ctx, "ip", host)
		if err != nil {
			return fmt.Errorf("resolve %s: %w", host, err)
		}
	}
	if len(addrs) == 0 {
		return fmt.Errorf("resolve %s: no address", host)
	}
	for _, ip := range addrs {
		if Forbidden(ip) {
			// Not the address: the owner of the webhook must not learn
			// what a name resolves to inside our network.
			return fmt.Errorf("%s: %w", host, ErrForbiddenAddress)
		}
	}
	return nil
}

// control checks the address a connection is about to use, after DNS:
// what the registration-time check saw may have changed since (DNS
// rebinding), so every delivery's connection is checked again here.
func (g Guard) control(_, address string, _ syscall.RawConn) error {
	if g.AllowPrivate {
		return nil
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("webhook dial %s: %w", address, err)
	}
	if Forbidden(ap.Addr()) {
		return fmt.Errorf("webhook dial: %w", ErrForbiddenAddress)
	}
	return nil
}

// Dialer is a dialer that refuses forbidden addresses at connect time.
func (g Guard) Dialer() *net.Dialer {
	return &net.Dialer{Timeout: 10 * time.Second, Control: g.control}
}
