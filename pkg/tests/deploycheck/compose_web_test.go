package deploycheck_test

import (
	"net"
	"net/netip"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
)

// composeURL checks raw is http://<service>:<port> where the Compose
// service of that name listens on that port (its EOFFICE_<NAME>_ADDR).
func composeURL(t *testing.T, c composeFile, what, raw, service string) {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" || u.Hostname() != service {
		t.Errorf("%s %q, want http://%s:<port>", what, raw, service)
		return
	}
	s, ok := c.Services[service]
	if !ok {
		t.Errorf("%s %q: no Compose service %s", what, raw, service)
		return
	}
	if _, port, _ := net.SplitHostPort(s.Environment["EOFFICE_"+strings.ToUpper(service)+"_ADDR"]); port != u.Port() {
		t.Errorf("%s %q: %s listens on port %q", what, raw, service, port)
	}
}

// TestComposeWeb: the console is built from the same Dockerfile, runs as
// the services do (no root, read-only, no capabilities), reaches each of
// the five services where it listens, starts after them, and identity
// believes the client address it forwards with a login from it alone.
func TestComposeWeb(t *testing.T) {
	c := loadCompose(t)
	s, ok := c.Services["web"]
	if !ok {
		t.Fatal("no web service")
	}
	if s.Build == nil || s.Build.Args["SERVICE"] != "web" {
		t.Errorf("build %+v, want SERVICE=web", s.Build)
	} else if _, err := os.Stat(deployPath("compose", s.Build.Context, s.Build.Dockerfile)); err != nil {
		t.Errorf("Dockerfile: %v", err)
	}
	if uid, _, _ := strings.Cut(s.User, ":"); uid == "" || uid == "0" || uid == "root" {
		t.Errorf("runs as user %q", s.User)
	}
	if !s.ReadOnly || !slices.Equal(s.CapDrop, []string{"ALL"}) || !slices.Contains(s.SecurityOpt, "no-new-privileges:true") {
		t.Errorf("read_only %v, cap_drop %v, security_opt %v", s.ReadOnly, s.CapDrop, s.SecurityOpt)
	}
	if !slices.Contains(s.Tmpfs, "/tmp") {
		t.Errorf("tmpfs %v: uploads spill to /tmp", s.Tmpfs)
	}
	_, port, err := net.SplitHostPort(s.Environment["EOFFICE_WEB_ADDR"])
	if err != nil || len(s.Ports) != 1 || !strings.HasSuffix(s.Ports[0], ":"+port) {
		t.Errorf("EOFFICE_WEB_ADDR %q, publishes %v", s.Environment["EOFFICE_WEB_ADDR"], s.Ports)
	}
	urls := client.EndpointsFromEnvFunc(func(k string) string { return s.Environment[k] })
	deps := s.dependsOn(t)
	for i, name := range apiServices {
		composeURL(t, c, "EOFFICE_"+strings.ToUpper(name)+"_URL", urls[i], name)
		if _, ok := deps[name]; !ok {
			t.Errorf("starts before %s (depends_on %v)", name, deps)
		}
	}
	if v := s.Environment["EOFFICE_WEB_CLIENT_SECRET"]; v == "" || v != c.Services["identity"].Environment["EOFFICE_WEB_CLIENT_SECRET"] {
		t.Error("EOFFICE_WEB_CLIENT_SECRET is not the same at the console and at identity")
	}
	for k := range s.Environment {
		if strings.HasPrefix(k, "EOFFICE_KAFKA_") || strings.HasSuffix(k, "_DB") {
			t.Errorf("the console is given %s: it reads no broker or database", k)
		}
	}

	addr, err := netip.ParseAddr(s.Networks["default"].IPv4Address)
	if err != nil {
		t.Fatalf("web has no fixed address on the default network: %v", err)
	}
	subnets := c.Networks["default"].IPAM.Config
	if len(subnets) != 1 || !netip.MustParsePrefix(subnets[0].Subnet).Contains(addr) {
		t.Errorf("web's address %s is not in the default network's subnet %+v", addr, subnets)
	}
	trusted, err := httpx.ParseTrustedProxies("EOFFICE_IDENTITY_TRUSTED_PROXIES", c.Services["identity"].Environment["EOFFICE_IDENTITY_TRUSTED_PROXIES"])
	if err != nil || !slices.ContainsFunc(trusted, func(p netip.Prefix) bool { return p.Contains(addr) }) {
		t.Errorf("identity trusts %v (%v), not the console at %s: every console login would count as one address", trusted, err, addr)
	}
}

// TestComposeExchange: documents hands packages to exchange, exchange
// fetches issued documents from documents and exchanges through the hub,
// each at the address the other listens on.
func TestComposeExchange(t *testing.T) {
	c := loadCompose(t)
	ex, docs := c.Services["exchange"].Environment, c.Services["documents"].Environment
	composeURL(t, c, "exchange's EOFFICE_DOCUMENTS_URL", ex["EOFFICE_DOCUMENTS_URL"], "documents")
	composeURL(t, c, "documents' EOFFICE_EXCHANGE_URL", docs["EOFFICE_EXCHANGE_URL"], "exchange")
	if ex["EOFFICE_EXCHANGE_TRANSPORT"] != "vdxp" {
		t.Errorf("EOFFICE_EXCHANGE_TRANSPORT %q, want vdxp (the hub)", ex["EOFFICE_EXCHANGE_TRANSPORT"])
	}
	composeURL(t, c, "EOFFICE_EXCHANGE_VDXP_URL", ex["EOFFICE_EXCHANGE_VDXP_URL"], "hub")
	if ex["EOFFICE_EXCHANGE_SECRET"] == "" || ex["EOFFICE_EXCHANGE_CLIENT_SECRET"] == "" {
		t.Error("exchange without its gateway secret or its client secret at identity")
	}
}
