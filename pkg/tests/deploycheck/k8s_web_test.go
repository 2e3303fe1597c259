package deploycheck_test

import (
	"encoding/json"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/apidoc"
	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/pkg/tests/deploycheck"
)

// apiServices are the services whose APIs the console calls and the
// Ingress publishes, in pkg/client's order.
var apiServices = []string{"identity", "documents", "tasks", "notifications", "exchange"}

type serviceSpec struct {
	Selector map[string]string `yaml:"selector"`
	Ports    []struct {
		Name       string `yaml:"name"`
		Port       int    `yaml:"port"`
		TargetPort any    `yaml:"targetPort"`
	} `yaml:"ports"`
}

// servicePort is the container port a Service's port (by name or number)
// leads to on the pods it selects, 0 when it leads nowhere.
func servicePort(t *testing.T, m manifests, name string, port any) int {
	t.Helper()
	if _, ok := m.find("Service", name); !ok {
		return 0
	}
	var s serviceSpec
	m.spec(t, "Service", name, &s)
	for _, p := range s.Ports {
		if p.Name != port && p.Port != port && strconv.Itoa(p.Port) != port {
			continue
		}
		for _, pod := range podsOf(t, m) {
			if len(s.Selector) > 0 && subset(s.Selector, pod.labels) {
				switch tp := p.TargetPort.(type) {
				case string:
					return pod.ports[tp]
				case int:
					return tp
				}
			}
		}
	}
	return 0
}

// checkWeb checks the console's Deployment as checkService checks a
// service's, but for what the console is: no database, no broker, the
// five services' URLs, one host users open.
func checkWeb(t *testing.T, m manifests, cfg map[string]string, prod bool) {
	var d deploymentSpec
	m.spec(t, "Deployment", "web", &d)
	labels := d.Template.Metadata.Labels
	if len(d.Selector.MatchLabels) == 0 || !subset(d.Selector.MatchLabels, labels) {
		t.Errorf("selector %v does not select the pods %v", d.Selector.MatchLabels, labels)
	}
	replicas := 1
	if d.Replicas != nil {
		replicas = *d.Replicas
	}
	if prod && replicas != 2 {
		t.Errorf("production runs %d console replicas, want 2", replicas)
	}
	if len(d.Template.Spec.Containers) != 1 {
		t.Fatalf("%d containers, want 1", len(d.Template.Spec.Containers))
	}
	c := d.Template.Spec.Containers[0]
	if repo, tag, ok := strings.Cut(c.Image, ":"); !ok || !strings.HasSuffix(repo, "/eoffice-web") || tag == "" || tag == "latest" {
		t.Errorf("image %q, want eoffice-web at a release tag", c.Image)
	}
	ports := map[string]int{}
	for _, p := range c.Ports {
		ports[p.Name] = p.ContainerPort
	}
	if ports["http"] == 0 || (prod && ports["metrics"] == 0) {
		t.Fatalf("ports %+v, want http and, in production, metrics", c.Ports)
	}
	for _, p := range []struct {
		what, path string
		pr         *probe
	}{{"readiness", "/readyz", c.ReadinessProbe}, {"liveness", "/healthz", c.LivenessProbe}} {
		if p.pr == nil || p.pr.HTTPGet == nil || p.pr.HTTPGet.Path != p.path || p.pr.HTTPGet.Port != "http" {
			t.Errorf("%s probe %+v, want GET %s on port http", p.what, p.pr, p.path)
		}
	}
	checkResources(t, c)
	checkSecurity(t, d.Template.Spec.SecurityContext, c)
	checkDrain(t, cfg, d.Template.Spec.TerminationGracePeriodSeconds)
	if !slices.ContainsFunc(c.VolumeMounts, func(v volumeMount) bool { return v.MountPath == "/tmp" }) {
		t.Error("/tmp is not mounted writable: uploads spill there")
	}

	env, fromSecret := containerEnv(t, m, c)
	// svc-web: the console's client at identity, for its sessions there.
	var id deploymentSpec
	m.spec(t, "Deployment", "identity", &id)
	idEnv, idSecret := containerEnv(t, m, id.Template.Spec.Containers[0])
	if fromSecret["EOFFICE_WEB_CLIENT_SECRET"] == "" || idSecret["EOFFICE_WEB_CLIENT_SECRET"] == "" ||
		env["EOFFICE_WEB_CLIENT_SECRET"] != idEnv["EOFFICE_WEB_CLIENT_SECRET"] {
		t.Error("EOFFICE_WEB_CLIENT_SECRET is not the same Secret's value at the console and at identity")
	}
	for _, v := range []struct{ name, port string }{{"EOFFICE_WEB_ADDR", "http"}, {"EOFFICE_WEB_ADMIN_ADDR", "metrics"}} {
		if !prod && v.port == "metrics" {
			continue
		}
		if _, p, err := net.SplitHostPort(env[v.name]); err != nil || p != strconv.Itoa(ports[v.port]) {
			t.Errorf("%s %q, want the container port %s (%d)", v.name, env[v.name], v.port, ports[v.port])
		}
	}
	for i, u := range client.EndpointsFromEnvFunc(func(k string) string { return env[k] }) {
		name := apiServices[i]
		pu, err := url.Parse(u)
		if err != nil || pu.Scheme != "http" || pu.Hostname() != name {
			t.Errorf("%s at %q, want its Service http://%s", name, u, name)
			continue
		}
		port := pu.Port()
		if port == "" {
			port = "80"
		}
		if servicePort(t, m, name, port) == 0 {
			t.Errorf("%s at %s: Service %s has no port %s leading to a pod", name, u, name, port)
		}
	}
	if _, err := httpx.ParseTrustedProxies("EOFFICE_WEB_TRUSTED_PROXIES", env["EOFFICE_WEB_TRUSTED_PROXIES"]); err != nil || env["EOFFICE_WEB_TRUSTED_PROXIES"] == "" {
		t.Errorf("EOFFICE_WEB_TRUSTED_PROXIES %q (%v): behind the ingress controller every user would share its address", env["EOFFICE_WEB_TRUSTED_PROXIES"], err)
	}
	host := ingressHost(t, m)
	if u, err := url.Parse(env["EOFFICE_WEB_URL"]); err != nil || u.Scheme != "https" || u.Host != host {
		t.Errorf("EOFFICE_WEB_URL %q, want https://%s (the Ingress host): secure cookies, HSTS and e-mail links", env["EOFFICE_WEB_URL"], host)
	}
	if servicePort(t, m, "web", "http") != ports["http"] {
		t.Error("Service web does not reach the pods' http port")
	}
	if !prod {
		return
	}
	var pdb struct {
		MinAvailable *int `yaml:"minAvailable"`
		Selector     struct {
			MatchLabels map[string]string `yaml:"matchLabels"`
		} `yaml:"selector"`
	}
	m.spec(t, "PodDisruptionBudget", "web", &pdb)
	if pdb.MinAvailable == nil || *pdb.MinAvailable < 1 || *pdb.MinAvailable >= replicas ||
		len(pdb.Selector.MatchLabels) == 0 || !subset(pdb.Selector.MatchLabels, labels) {
		t.Errorf("PodDisruptionBudget %+v with %d replicas: want 1 ≤ minAvailable < replicas on the console's pods", pdb, replicas)
	}
}

type ingressSpec struct {
	IngressClassName string `yaml:"ingressClassName"`
	TLS              []struct {
		Hosts      []string `yaml:"hosts"`
		SecretName string   `yaml:"secretName"`
	} `yaml:"tls"`
	Rules []struct {
		Host string `yaml:"host"`
		HTTP struct {
			Paths []ingressPath `yaml:"paths"`
		} `yaml:"http"`
	} `yaml:"rules"`
}

type ingressPath struct {
	Path     string `yaml:"path"`
	PathType string `yaml:"pathType"`
	Backend  struct {
		Service struct {
			Name string `yaml:"name"`
			Port struct {
				Name   string `yaml:"name"`
				Number int    `yaml:"number"`
			} `yaml:"port"`
		} `yaml:"service"`
	} `yaml:"backend"`
}

// matches is Kubernetes' path matching: Exact is the whole path, Prefix
// matches element by element (/v1/tasks matches /v1/tasks/1, not
// /v1/tasksx).
func (p ingressPath) matches(reqPath string) bool {
	if p.PathType == "Exact" {
		return reqPath == p.Path
	}
	prefix := strings.TrimSuffix(p.Path, "/")
	return prefix == "" || reqPath == prefix || strings.HasPrefix(reqPath, prefix+"/")
}

// route is the Service the Ingress sends reqPath to: an Exact match, else
// the longest matching Prefix, as the specification orders them.
func route(paths []ingressPath, reqPath string) string {
	best, bestLen := "", -1
	for _, p := range paths {
		if !p.matches(reqPath) {
			continue
		}
		n := len(p.Path)
		if p.PathType == "Exact" {
			n = 1 << 20
		}
		if n > bestLen {
			best, bestLen = p.Backend.Service.Name, n
		}
	}
	return best
}

func ingressHost(t *testing.T, m manifests) string {
	t.Helper()
	var in ingressSpec
	m.spec(t, "Ingress", "eoffice", &in)
	if len(in.Rules) == 0 {
		return ""
	}
	return in.Rules[0].Host
}

// internal routes are the service routes the Ingress must not publish,
// the ones the combined API description leaves out (apidoc.Internal).
func internal(path string) bool { return apidoc.Internal(path) }

// checkIngress: one host with TLS; "/" to the console; every route of
// every service's openapi.json to that service and no other; no console
// page hidden behind an API path; every backend a Service port that leads
// to a pod.
func checkIngress(t *testing.T, m manifests) {
	o, _ := m.find("Ingress", "eoffice")
	if o.APIVersion != "networking.k8s.io/v1" {
		t.Errorf("Ingress apiVersion %q, want networking.k8s.io/v1", o.APIVersion)
	}
	var in ingressSpec
	m.spec(t, "Ingress", "eoffice", &in)
	if len(in.Rules) != 1 || in.Rules[0].Host == "" {
		t.Fatalf("Ingress rules %+v, want one host", in.Rules)
	}
	host, paths := in.Rules[0].Host, in.Rules[0].HTTP.Paths
	if len(in.TLS) != 1 || !slices.Equal(in.TLS[0].Hosts, []string{host}) || in.TLS[0].SecretName == "" {
		t.Errorf("Ingress TLS %+v, want %s with a certificate Secret", in.TLS, host)
	}
	for _, p := range paths {
		port := any(p.Backend.Service.Port.Name)
		if p.Backend.Service.Port.Name == "" {
			port = p.Backend.Service.Port.Number
		}
		if servicePort(t, m, p.Backend.Service.Name, port) == 0 {
			t.Errorf("path %s goes to Service %s port %v, which leads to no pod", p.Path, p.Backend.Service.Name, port)
		}
	}
	if got := route(paths, "/"); got != "web" {
		t.Errorf("/ goes to %q, want the console (web)", got)
	}
	for _, svc := range apiServices {
		for _, p := range openAPIPaths(t, svc) {
			want := svc
			if internal(p) {
				want = "web" // falls to the console, never to the service
			}
			if got := route(paths, p); got != want {
				t.Errorf("%s's %s goes to %q, want %q", svc, p, got, want)
			}
		}
	}
	for _, p := range consoleRoutes(t) {
		if got := route(paths, p); got != "web" {
			t.Errorf("the console's page %s goes to %q", p, got)
		}
	}
}

// openAPIPaths are the paths of a service's openapi.json with each
// {parameter} filled in.
func openAPIPaths(t *testing.T, service string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(deploycheck.Root(), "services", service, service+"api", "openapi.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	param := regexp.MustCompile(`\{[^}]+\}`)
	var out []string
	for p := range doc.Paths {
		out = append(out, param.ReplaceAllString(p, "x"))
	}
	slices.Sort(out)
	return out
}

// consoleRoutes are the console's page paths, read from its handler
// registrations.
func consoleRoutes(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(deploycheck.Root(), "services", "web", "internal", "console", "*.go"))
	re := regexp.MustCompile(`Handle(?:Func)?\("(?:[A-Z]+ )?(/[^"]*)"`)
	param := regexp.MustCompile(`\{[^}]+\}`)
	var out []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			out = append(out, param.ReplaceAllString(m[1], "x"))
		}
	}
	if len(out) < 10 {
		t.Fatalf("found %d console routes: the pattern no longer reads the console's mux", len(out))
	}
	return out
}
