package apidoc

import (
	"encoding/json"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// WithServer is doc (an OpenAPI document) with servers set to the one
// server at base, the URL integrators reach the API at.
func WithServer(doc []byte, base string) ([]byte, error) {
	var d map[string]json.RawMessage
	if err := json.Unmarshal(doc, &d); err != nil {
		return nil, fmt.Errorf("openapi document: %w", err)
	}
	servers, err := json.Marshal([]map[string]string{{"url": trimSlash(base)}})
	if err != nil {
		return nil, err
	}
	d["servers"] = servers
	out, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("openapi document: %w", err)
	}
	return out, nil
}

// CheckURL reports what is wrong with base as a public API URL: it must
// be an absolute http(s) URL with a host, and no query or fragment.
func CheckURL(base string) error {
	u, err := url.Parse(base)
	switch {
	case err != nil:
		return err
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Errorf("%q must be an http(s) URL", base)
	case u.Host == "":
		return fmt.Errorf("%q has no host", base)
	case u.RawQuery != "" || u.Fragment != "":
		return fmt.Errorf("%q must have no query or fragment", base)
	}
	return nil
}

// URLOf is the http URL of a listen address, for a default public URL on
// one machine: an address on every interface (":8081", "0.0.0.0:8081")
// is reached at localhost.
func URLOf(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://" + addr
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// trimSlash drops a trailing slash, so that base+"/v1/..." has one; "/"
// (the host that serves the document) stays.
func trimSlash(base string) string {
	if t := strings.TrimRight(base, "/"); t != "" {
		return t
	}
	return "/"
}
