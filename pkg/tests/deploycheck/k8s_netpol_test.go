package deploycheck_test

import (
	"maps"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// calls is who calls whom over HTTP inside the namespace, from the code:
// the console calls the five services (pkg/client); every service checks
// tokens against identity's JWKS and documents, tasks and exchange look
// units and agencies up there; documents hands packages to exchange
// (EOFFICE_EXCHANGE_URL) and exchange fetches issued documents back
// (EOFFICE_DOCUMENTS_URL) and sends to the hub (EOFFICE_EXCHANGE_VDXP_URL).
// The hub and identity call nobody. Exactly these pairs may connect, on
// the callee's http port.
var calls = map[string][]string{
	"web":                  apiServices,
	"identity":             nil,
	"documents":            {"identity", "exchange"},
	"tasks":                {"identity"},
	"notifications":        {"identity"},
	"exchange":             {"identity", "documents", "hub"},
	"hub":                  nil,
	"eoffice-kafka-topics": nil,
}

// Who needs what outside the namespace.
var (
	public       = append([]string{"web"}, apiServices...) // through the ingress controller
	kafkaClients = append([]string{"eoffice-kafka-topics"}, apiServices...)
	dbClients    = append([]string{"hub"}, apiServices...)
	traced       = apiServices // the console and the hub export no traces
	httpsOut     = []string{"documents", "exchange", "notifications"}
)

type labelSelector struct {
	MatchLabels      map[string]string `yaml:"matchLabels"`
	MatchExpressions []struct {
		Key      string   `yaml:"key"`
		Operator string   `yaml:"operator"`
		Values   []string `yaml:"values"`
	} `yaml:"matchExpressions"`
}

func (s labelSelector) matches(labels map[string]string) bool {
	if !subset(s.MatchLabels, labels) {
		return false
	}
	for _, e := range s.MatchExpressions {
		v, ok := labels[e.Key]
		switch e.Operator {
		case "In":
			if !ok || !slices.Contains(e.Values, v) {
				return false
			}
		case "NotIn":
			if ok && slices.Contains(e.Values, v) {
				return false
			}
		case "Exists":
			if !ok {
				return false
			}
		case "DoesNotExist":
			if ok {
				return false
			}
		default:
			return false
		}
	}
	return true
}

type npPeer struct {
	PodSelector       *labelSelector `yaml:"podSelector"`
	NamespaceSelector *labelSelector `yaml:"namespaceSelector"`
	IPBlock           *struct {
		CIDR   string   `yaml:"cidr"`
		Except []string `yaml:"except"`
	} `yaml:"ipBlock"`
}

type npPort struct {
	Port     any    `yaml:"port"`
	Protocol string `yaml:"protocol"`
}

type npRule struct {
	From  []npPeer `yaml:"from"`
	To    []npPeer `yaml:"to"`
	Ports []npPort `yaml:"ports"`
}

type netpol struct {
	name, namespace string
	PodSelector     labelSelector `yaml:"podSelector"`
	PolicyTypes     []string      `yaml:"policyTypes"`
	Ingress         []npRule      `yaml:"ingress"`
	Egress          []npRule      `yaml:"egress"`
}

// pod is a workload's pods, or a peer outside the namespace; external is
// an address outside the cluster.
type pod struct {
	name, namespace string
	labels          map[string]string
	ports           map[string]int
	external        bool
}

func namespaceOf(o object) string {
	if o.Metadata.Namespace != "" {
		return o.Metadata.Namespace
	}
	return "eoffice" // the base, before the overlay sets it
}

// podsOf are the pods of every Deployment and Job.
func podsOf(t *testing.T, m manifests) []pod {
	t.Helper()
	var out []pod
	for _, o := range m {
		if o.Kind != "Deployment" && o.Kind != "Job" {
			continue
		}
		var spec struct {
			Template podTemplate `yaml:"template"`
		}
		if err := o.Spec.Decode(&spec); err != nil {
			t.Fatalf("%s %s: %v", o.Kind, o.Metadata.Name, err)
		}
		p := pod{name: spec.Template.Metadata.Labels["app.kubernetes.io/name"], namespace: namespaceOf(o),
			labels: spec.Template.Metadata.Labels, ports: map[string]int{}}
		for _, c := range spec.Template.Spec.Containers {
			for _, cp := range c.Ports {
				p.ports[cp.Name] = cp.ContainerPort
			}
		}
		out = append(out, p)
	}
	return out
}

func policiesOf(t *testing.T, m manifests) []netpol {
	t.Helper()
	var out []netpol
	for _, o := range m {
		if o.Kind != "NetworkPolicy" {
			continue
		}
		var np netpol
		if err := o.Spec.Decode(&np); err != nil {
			t.Fatalf("NetworkPolicy %s: %v", o.Metadata.Name, err)
		}
		np.name, np.namespace = o.Metadata.Name, namespaceOf(o)
		if len(np.PolicyTypes) == 0 { // the API server's defaulting
			np.PolicyTypes = []string{"Ingress"}
			if len(np.Egress) > 0 {
				np.PolicyTypes = append(np.PolicyTypes, "Egress")
			}
		}
		out = append(out, np)
	}
	return out
}

func (np netpol) selects(p pod) bool {
	return !p.external && p.namespace == np.namespace && np.PodSelector.matches(p.labels)
}

// peerMatches: a pod selector alone means the policy's namespace; an
// ipBlock reaches only addresses outside the cluster (for pods it depends
// on the network plugin, so it is not counted on).
func (np netpol) peerMatches(peer npPeer, p pod) bool {
	if p.external {
		return peer.PodSelector == nil && peer.NamespaceSelector == nil && peer.IPBlock != nil
	}
	if peer.IPBlock != nil {
		return false
	}
	if peer.NamespaceSelector != nil {
		if !peer.NamespaceSelector.matches(map[string]string{"kubernetes.io/metadata.name": p.namespace}) {
			return false
		}
	} else if p.namespace != np.namespace {
		return false
	}
	return peer.PodSelector == nil || peer.PodSelector.matches(p.labels)
}

// portMatches resolves a named port on dst, the pod the traffic goes to.
func portMatches(ports []npPort, dst pod, port int, proto string) bool {
	if len(ports) == 0 {
		return true
	}
	for _, p := range ports {
		pr := p.Protocol
		if pr == "" {
			pr = "TCP"
		}
		if pr != proto {
			continue
		}
		switch v := p.Port.(type) {
		case nil:
			return true
		case int:
			if v == port {
				return true
			}
		case string:
			if n, ok := dst.ports[v]; ok && n == port {
				return true
			}
		}
	}
	return false
}

// allows: a pod selected by a policy of a direction is isolated in that
// direction and takes only what one of those policies' rules lets through;
// traffic passes when both the source's egress and the target's ingress
// let it.
func allows(pols []netpol, src, dst pod, port int, proto string) bool {
	side := func(dir string, self, peer pod) bool {
		isolated := false
		for _, np := range pols {
			if !np.selects(self) || !slices.Contains(np.PolicyTypes, dir) {
				continue
			}
			isolated = true
			rules := np.Ingress
			if dir == "Egress" {
				rules = np.Egress
			}
			for _, r := range rules {
				peers := r.From
				if dir == "Egress" {
					peers = r.To
				}
				if (len(peers) == 0 || slices.ContainsFunc(peers, func(x npPeer) bool { return np.peerMatches(x, peer) })) &&
					portMatches(r.Ports, dst, port, proto) {
					return true
				}
			}
		}
		return !isolated
	}
	return side("Egress", src, dst) && side("Ingress", dst, src)
}

// checkNetworkPolicies evaluates the policies as the network plugin would
// and checks every pair of pods, and every pod against the outside, allows
// exactly what the components need: a rule removed or widened shows as a
// pair that changed.
func checkNetworkPolicies(t *testing.T, m manifests, prod bool) {
	pods, pols := podsOf(t, m), policiesOf(t, m)
	if len(pods) < len(calls) {
		t.Fatalf("%d workloads, want %d", len(pods), len(calls))
	}
	if !slices.ContainsFunc(pols, func(np netpol) bool {
		return len(np.PodSelector.MatchLabels)+len(np.PodSelector.MatchExpressions) == 0 &&
			slices.Contains(np.PolicyTypes, "Ingress") && slices.Contains(np.PolicyTypes, "Egress") &&
			len(np.Ingress)+len(np.Egress) == 0
	}) {
		t.Error("no default-deny NetworkPolicy (every pod, both directions, no rule)")
	}
	byName := map[string]pod{}
	for _, p := range pods {
		if _, ok := calls[p.name]; !ok {
			t.Errorf("workload %s is not in the call matrix", p.name)
		}
		byName[p.name] = p
		for _, dir := range []string{"Ingress", "Egress"} {
			if !slices.ContainsFunc(pols, func(np netpol) bool { return np.selects(p) && slices.Contains(np.PolicyTypes, dir) }) {
				t.Errorf("%s: no NetworkPolicy governs its %s", p.name, dir)
			}
		}
	}
	checkPolicyReferences(t, pols, pods)

	// Inside the namespace: exactly the calls, on the callee's http port.
	for _, src := range pods {
		for _, dst := range pods {
			for portName, port := range dst.ports {
				want := slices.Contains(calls[src.name], dst.name) && portName == "http"
				if got := allows(pols, src, dst, port, "TCP"); got != want {
					t.Errorf("%s → %s port %s (%d): allowed %v, want %v", src.name, dst.name, portName, port, got, want)
				}
			}
		}
	}

	ext := func(ns string, labels map[string]string) pod {
		return pod{name: ns, namespace: ns, labels: labels, ports: map[string]int{}}
	}
	controller := ext("ingress-nginx", map[string]string{"app.kubernetes.io/name": "ingress-nginx"})
	prometheus := ext("monitoring", map[string]string{"app.kubernetes.io/name": "prometheus"})
	dns := ext("kube-system", map[string]string{"k8s-app": "kube-dns"})
	internet := pod{name: "the internet", external: true, ports: map[string]int{}}
	for _, dst := range pods {
		for portName, port := range dst.ports {
			want := slices.Contains(public, dst.name) && portName == "http"
			if got := allows(pols, controller, dst, port, "TCP"); got != want {
				t.Errorf("ingress controller → %s port %s: allowed %v, want %v", dst.name, portName, got, want)
			}
			if !prod {
				continue
			}
			want = portName == "metrics"
			if got := allows(pols, prometheus, dst, port, "TCP"); got != want {
				t.Errorf("Prometheus → %s port %s: allowed %v, want %v", dst.name, portName, got, want)
			}
		}
		if prod && dst.ports["metrics"] == 0 && dst.name != "eoffice-kafka-topics" {
			t.Errorf("%s has no metrics port for Prometheus", dst.name)
		}
	}

	// Out of the namespace, by what each component reads from its settings.
	cfg := m.data("ConfigMap", "eoffice-config")
	secrets := m.data("Secret", "eoffice-secrets")
	out := []struct {
		what    string
		to      []pod // where it may live: in the cluster or outside
		port    int
		proto   string
		clients []string
	}{
		{"DNS", []pod{dns}, 53, "UDP", slices.Collect(maps.Keys(calls))},
		{"Kafka", []pod{ext("kafka", map[string]string{"strimzi.io/kind": "Kafka"}), internet}, kafkaPort(t, cfg["EOFFICE_KAFKA_BROKERS"]), "TCP", kafkaClients},
		{"PostgreSQL", []pod{ext("postgres", map[string]string{"cnpg.io/cluster": "eoffice"}), internet}, dbPort(t, secrets), "TCP", dbClients},
		{"the OpenTelemetry Collector", []pod{collector(t, cfg["OTEL_EXPORTER_OTLP_ENDPOINT"])}, urlPort(t, cfg["OTEL_EXPORTER_OTLP_ENDPOINT"]), "TCP", traced},
		{"SMTP", []pod{internet}, hostPort(t, cfg["EOFFICE_SMTP_ADDR"]), "TCP", []string{"notifications"}},
		{"https", []pod{internet}, 443, "TCP", httpsOut},
		{"ssh", []pod{internet}, 22, "TCP", nil},
	}
	for _, o := range out {
		for _, src := range pods {
			for _, to := range o.to {
				want := slices.Contains(o.clients, src.name)
				if got := allows(pols, src, to, o.port, o.proto); got != want {
					where := "outside the cluster"
					if !to.external {
						where = "in namespace " + to.namespace
					}
					t.Errorf("%s → %s (%d/%s, %s): allowed %v, want %v", src.name, o.what, o.port, o.proto, where, got, want)
				}
			}
		}
	}
}

// checkPolicyReferences: every policy selects pods, every in-namespace peer
// names pods that exist, and every port a rule names is a port of the pods
// it is about: a typo would silently allow nothing.
func checkPolicyReferences(t *testing.T, pols []netpol, pods []pod) {
	t.Helper()
	for _, np := range pols {
		selected := slices.DeleteFunc(slices.Clone(pods), func(p pod) bool { return !np.selects(p) })
		if len(selected) == 0 {
			t.Errorf("NetworkPolicy %s selects no pod", np.name)
		}
		for dir, rules := range map[string][]npRule{"ingress": np.Ingress, "egress": np.Egress} {
			for _, r := range rules {
				peers := r.From
				if dir == "egress" {
					peers = r.To
				}
				var local []pod // peers in the namespace, when the rule names some
				for _, peer := range peers {
					if peer.NamespaceSelector != nil || peer.IPBlock != nil {
						continue
					}
					n := 0
					for _, p := range pods {
						if np.peerMatches(peer, p) {
							local, n = append(local, p), n+1
						}
					}
					if n == 0 {
						t.Errorf("NetworkPolicy %s: %s peer %+v matches no pod", np.name, dir, peer.PodSelector)
					}
				}
				// The pods whose ports the rule's ports are: the selected
				// ones for ingress, the peers for egress inside the namespace.
				targets := selected
				if dir == "egress" {
					targets = local
				}
				for _, p := range r.Ports {
					if len(targets) == 0 {
						break
					}
					if !slices.ContainsFunc(targets, func(tp pod) bool {
						for name, n := range tp.ports {
							if p.Port == name || p.Port == n {
								return true
							}
						}
						return false
					}) {
						t.Errorf("NetworkPolicy %s: %s port %v is no port of the pods it is about", np.name, dir, p.Port)
					}
				}
			}
		}
	}
}

// kafkaPort is the one port of the bootstrap addresses.
func kafkaPort(t *testing.T, brokers string) int {
	t.Helper()
	port := 0
	for _, b := range strings.Split(brokers, ",") {
		p := hostPort(t, b)
		if port != 0 && p != port {
			t.Errorf("brokers %s on several ports", brokers)
		}
		port = p
	}
	return port
}

// dbPort is the port of the services' DSNs (5432 when a DSN names none).
func dbPort(t *testing.T, secrets map[string]string) int {
	t.Helper()
	port := 0
	for k, v := range secrets {
		if !strings.HasSuffix(k, "_DB") {
			continue
		}
		u, err := url.Parse(v)
		if err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		p := 5432
		if u.Port() != "" {
			p, _ = strconv.Atoi(u.Port())
		}
		if port != 0 && p != port {
			t.Errorf("databases on several ports")
		}
		port = p
	}
	return port
}

func hostPort(t *testing.T, addr string) int {
	t.Helper()
	_, p, err := net.SplitHostPort(strings.TrimSpace(addr))
	n, err2 := strconv.Atoi(p)
	if err != nil || err2 != nil {
		t.Fatalf("address %q: want host:port", addr)
	}
	return n
}

func urlPort(t *testing.T, raw string) int {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return hostPort(t, u.Host)
}

// collector is the OpenTelemetry Collector's pod, in the namespace its
// Service name gives (otel-collector.observability).
func collector(t *testing.T, raw string) pod {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	_, ns, ok := strings.Cut(u.Hostname(), ".")
	if !ok {
		t.Fatalf("OTEL_EXPORTER_OTLP_ENDPOINT %s: want <service>.<namespace>", raw)
	}
	ns, _, _ = strings.Cut(ns, ".")
	return pod{name: "otel-collector", namespace: ns, labels: map[string]string{"app.kubernetes.io/name": "otel-collector"}, ports: map[string]int{}}
}
