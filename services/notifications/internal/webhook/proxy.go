package webhook

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"time"
)

// route sends a delivery straight to its receiver, or through the egress
// proxy when cfg.Proxy names one for its URL (NO_PROXY decides per host).
//
// Straight, the guard's dialer checks the address actually connected to,
// after DNS. Through a proxy our connection goes to the proxy, which is
// the operator's and often on a private address, so the dialer cannot
// check it; the final target is instead checked before the request is
// made (Deliverer.post resolves the URL's host with the guard and refuses
// private, loopback, link-local... addresses), and the proxy is asked
// only for targets that passed.
//
// Residual risk: the proxy resolves the name itself. A name whose owner
// makes it resolve to a public address for our check and to an internal
// one a moment later for the proxy (DNS rebinding) reaches whatever the
// proxy can reach. Pinning the checked address through a proxy would
// break TLS name checks and virtual hosting, so the proxy must refuse
// private destinations itself (e.g. Squid: http_access deny to_localnet);
// deploy/README.md says so.
type route struct {
	proxy   func(*http.Request) (*url.URL, error)
	direct  *http.Transport // dials through the guard, never a proxy
	proxied *http.Transport // dials the proxy only
}

func newRoute(guard Guard, proxy func(*http.Request) (*url.URL, error)) *route {
	direct := http.DefaultTransport.(*http.Transport).Clone()
	direct.Proxy = nil
	direct.DialContext = guard.Dialer().DialContext
	r := &route{proxy: proxy, direct: direct}
	if proxy != nil {
		r.proxied = http.DefaultTransport.(*http.Transport).Clone()
		r.proxied.DialContext = (&net.Dialer{Timeout: 10 * time.Second}).DialContext
		// Only requests route found a proxy for come here; should the
		// proxy function answer otherwise the second time, the request
		// fails rather than going out straight past the guard's dialer.
		r.proxied.Proxy = func(req *http.Request) (*url.URL, error) {
			u, err := proxy(req)
			if err == nil && u == nil {
				err = errors.New("no proxy for this request")
			}
			return u, err
		}
	}
	return r
}

// RoundTrip implements http.RoundTripper.
func (r *route) RoundTrip(req *http.Request) (*http.Response, error) {
	if r.proxy == nil {
		return r.direct.RoundTrip(req)
	}
	u, err := r.proxy(req)
	if err != nil {
		return nil, fmt.Errorf("webhook proxy: %w", err)
	}
	if u == nil {
		return r.direct.RoundTrip(req)
	}
	return r.proxied.RoundTrip(req)
}
