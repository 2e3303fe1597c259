package httpx

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Loopback is the default trusted-proxy list: a console or proxy running
// beside the service on the same machine.
var Loopback = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}

// ParseTrustedProxies reads a trusted-proxy setting: a comma-separated
// list of CIDR ranges or single addresses, "none" for no proxy at all, or
// empty for Loopback. name is the setting, for the error.
func ParseTrustedProxies(name, s string) ([]netip.Prefix, error) {
	s = strings.TrimSpace(s)
	switch s {
	case "":
		return Loopback, nil
	case "none":
		return nil, nil
	}
	var out []netip.Prefix
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		p, err := netip.ParsePrefix(f)
		if err != nil {
			a, aerr := netip.ParseAddr(f)
			if aerr != nil {
				return nil, fmt.Errorf("%s: %q is neither a CIDR range nor an address (want e.g. 10.0.0.0/8,::1, or none)", name, f)
			}
			p = netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen())
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// ClientAddr is the address of the client that made r. It is the direct
// peer, unless the peer is a trusted proxy: then the right-most entry of
// X-Forwarded-For that is not itself a trusted proxy (entries left of it
// were written by whoever the proxy served, so anyone). When every entry
// is trusted, the left-most is the client (one on the proxy's machine).
func ClientAddr(r *http.Request, trusted []netip.Prefix) string {
	peer := peerAddr(r)
	if !isTrusted(peer, trusted) {
		return addrString(peer, r.RemoteAddr)
	}
	var hops []string
	for _, v := range r.Header.Values("X-Forwarded-For") {
		hops = append(hops, strings.Split(v, ",")...)
	}
	client := peer
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break // a malformed entry: trust nothing left of it
		}
		client = a.Unmap()
		if !isTrusted(client, trusted) {
			break
		}
	}
	return addrString(client, r.RemoteAddr)
}

func peerAddr(r *http.Request) netip.Addr {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}
	}
	return a.Unmap()
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	if !a.IsValid() {
		return false
	}
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// addrString is a's text, or raw when r.RemoteAddr was no address (a test
// handler's request).
func addrString(a netip.Addr, raw string) string {
	if !a.IsValid() {
		return raw
	}
	return a.WithZone("").String()
}
