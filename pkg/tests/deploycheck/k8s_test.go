package deploycheck_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/pkg/tests/deploycheck"
)

type object struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Metadata   struct {
		Name      string            `yaml:"name"`
		Namespace string            `yaml:"namespace"`
		Labels    map[string]string `yaml:"labels"`
	} `yaml:"metadata"`
	Data       map[string]string `yaml:"data"`
	StringData map[string]string `yaml:"stringData"`
	Spec       yaml.Node         `yaml:"spec"`
}

type manifests []object

func (m manifests) find(kind, name string) (object, bool) {
	for _, o := range m {
		if o.Kind == kind && o.Metadata.Name == name {
			return o, true
		}
	}
	return object{}, false
}

func (m manifests) spec(t *testing.T, kind, name string, into any) {
	t.Helper()
	o, ok := m.find(kind, name)
	if !ok {
		t.Fatalf("no %s %s", kind, name)
	}
	if err := o.Spec.Decode(into); err != nil {
		t.Fatalf("%s %s: %v", kind, name, err)
	}
}

type probe struct {
	HTTPGet *struct {
		Path string `yaml:"path"`
		Port any    `yaml:"port"`
	} `yaml:"httpGet"`
}

type securityContext struct {
	RunAsNonRoot             *bool  `yaml:"runAsNonRoot"`
	RunAsUser                *int64 `yaml:"runAsUser"`
	AllowPrivilegeEscalation *bool  `yaml:"allowPrivilegeEscalation"`
	ReadOnlyRootFilesystem   *bool  `yaml:"readOnlyRootFilesystem"`
	Capabilities             struct {
		Drop []string `yaml:"drop"`
	} `yaml:"capabilities"`
}

type container struct {
	Name  string `yaml:"name"`
	Image string `yaml:"image"`
	Ports []struct {
		Name          string `yaml:"name"`
		ContainerPort int    `yaml:"containerPort"`
	} `yaml:"ports"`
	EnvFrom []struct {
		ConfigMapRef *struct {
			Name string `yaml:"name"`
		} `yaml:"configMapRef"`
	} `yaml:"envFrom"`
	Env []struct {
		Name      string `yaml:"name"`
		Value     string `yaml:"value"`
		ValueFrom *struct {
			SecretKeyRef *struct {
				Name string `yaml:"name"`
				Key  string `yaml:"key"`
			} `yaml:"secretKeyRef"`
			ConfigMapKeyRef *struct {
				Name string `yaml:"name"`
				Key  string `yaml:"key"`
			} `yaml:"configMapKeyRef"`
		} `yaml:"valueFrom"`
	} `yaml:"env"`
	Command        []string `yaml:"command"`
	Args           []string `yaml:"args"`
	ReadinessProbe *probe   `yaml:"readinessProbe"`
	LivenessProbe  *probe   `yaml:"livenessProbe"`
	Resources      struct {
		Requests map[string]string `yaml:"requests"`
		Limits   map[string]string `yaml:"limits"`
	} `yaml:"resources"`
	SecurityContext securityContext `yaml:"securityContext"`
	VolumeMounts    []volumeMount   `yaml:"volumeMounts"`
}

type volume struct {
	Name                  string `yaml:"name"`
	PersistentVolumeClaim *struct {
		ClaimName string `yaml:"claimName"`
	} `yaml:"persistentVolumeClaim"`
	ConfigMap *struct {
		Name string `yaml:"name"`
	} `yaml:"configMap"`
	Secret *struct {
		SecretName string `yaml:"secretName"`
	} `yaml:"secret"`
}

type volumeMount struct {
	Name      string `yaml:"name"`
	MountPath string `yaml:"mountPath"`
}

type podTemplate struct {
	Metadata struct {
		Labels map[string]string `yaml:"labels"`
	} `yaml:"metadata"`
	Spec struct {
		SecurityContext               securityContext `yaml:"securityContext"`
		TerminationGracePeriodSeconds *int            `yaml:"terminationGracePeriodSeconds"`
		Containers                    []container     `yaml:"containers"`
		Volumes                       []volume        `yaml:"volumes"`
	} `yaml:"spec"`
}

type deploymentSpec struct {
	Replicas *int `yaml:"replicas"`
	Selector struct {
		MatchLabels map[string]string `yaml:"matchLabels"`
	} `yaml:"selector"`
	Template podTemplate `yaml:"template"`
}

type kustomization struct {
	Resources []string `yaml:"resources"`
	Patches   []struct {
		Path string `yaml:"path"`
	} `yaml:"patches"`
}

// loadDir reads the resources a kustomization.yaml lists, checking every
// manifest file of the folder is listed (a file left out is never applied).
func loadDir(t *testing.T, dir string) (manifests, []string) {
	t.Helper()
	k := decodeOne[kustomization](t, filepath.Join(dir, "kustomization.yaml"))
	used := map[string]bool{"kustomization.yaml": true}
	var out manifests
	var dirs []string
	for _, r := range k.Resources {
		p := filepath.Join(dir, r)
		st, err := os.Stat(p)
		if err != nil {
			t.Fatalf("%s lists %s: %v", dir, r, err)
		}
		if st.IsDir() {
			dirs = append(dirs, p)
			continue
		}
		used[r] = true
		out = append(out, decodeAll[object](t, p)...)
	}
	for _, p := range k.Patches {
		if p.Path != "" {
			if _, err := os.Stat(filepath.Join(dir, p.Path)); err != nil {
				t.Errorf("patch %s: %v", p.Path, err)
			}
			used[p.Path] = true
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	for _, f := range files {
		if !used[filepath.Base(f)] {
			t.Errorf("%s is in %s but not in its kustomization.yaml", filepath.Base(f), dir)
		}
	}
	for _, o := range out {
		if o.APIVersion == "" || o.Kind == "" || o.Metadata.Name == "" {
			t.Errorf("object without apiVersion, kind or name: %+v", o.Metadata)
		}
	}
	return out, dirs
}

func TestK8sBase(t *testing.T) {
	m, _ := loadDir(t, deployPath("k8s", "base"))
	checkManifests(t, m, false)
}

// TestK8sProductionOverlay renders the overlay with kubectl's built-in
// Kustomize when kubectl is installed, and checks the result as the base:
// a patch that broke a probe or the security context would show here.
func TestK8sProductionOverlay(t *testing.T) {
	dir := deployPath("k8s", "overlays", "production")
	_, bases := loadDir(t, dir)
	if len(bases) != 1 || filepath.Base(bases[0]) != "base" {
		t.Errorf("overlay bases %v, want ../../base", bases)
	}
	kubectl, err := exec.LookPath("kubectl")
	if err != nil {
		t.Skip("kubectl not installed: the rendered overlay is not checked")
	}
	out, err := exec.Command(kubectl, "kustomize", dir).Output()
	if err != nil {
		t.Fatalf("kubectl kustomize: %v", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(out))
	var m manifests
	for {
		var o object
		err := dec.Decode(&o)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		m = append(m, o)
	}
	for _, o := range m {
		if o.Kind != "Namespace" && o.Metadata.Namespace != "eoffice" {
			t.Errorf("%s %s not in namespace eoffice", o.Kind, o.Metadata.Name)
		}
	}
	checkManifests(t, m, true)
}

// checkManifests checks every service; with admin, that /metrics is on
// its own port (EOFFICE_<SERVICE>_ADMIN_ADDR) and scraped there.
func checkManifests(t *testing.T, m manifests, admin bool) {
	t.Helper()
	cfg, ok := m.find("ConfigMap", "eoffice-config")
	if !ok {
		t.Fatal("no ConfigMap eoffice-config")
	}
	secret, ok := m.find("Secret", "eoffice-secrets")
	if !ok {
		t.Fatal("no Secret eoffice-secrets")
	}
	topicsCfg, ok := m.find("ConfigMap", "eoffice-kafka-topics")
	if !ok {
		t.Fatal("no ConfigMap eoffice-kafka-topics")
	}
	brokers := len(strings.Split(cfg.Data["EOFFICE_KAFKA_BROKERS"], ","))
	partitions := checkTopicsJob(t, m, topicsCfg.Data, brokers)
	_ = secret
	for _, name := range deploycheck.Services {
		t.Run(name, func(t *testing.T) {
			checkService(t, m, name, cfg.Data, partitions, admin)
		})
	}
	t.Run("web", func(t *testing.T) { checkWeb(t, m, cfg.Data, admin) })
	t.Run("ingress", func(t *testing.T) { checkIngress(t, m) })
	t.Run("networkpolicies", func(t *testing.T) { checkNetworkPolicies(t, m, admin) })
	if admin {
		checkPodMonitor(t, m)
		t.Run("kafka-topics", func(t *testing.T) { checkTopicsJobSASL(t, m) })
	}
}

// checkDrain: on SIGTERM a pod fails /readyz for EOFFICE_SHUTDOWN_DELAY
// while still serving, so a rolling update drops no request, then stops
// within EOFFICE_SHUTDOWN_TIMEOUT: both inside the grace period, or the
// kubelet kills it half way.
func checkDrain(t *testing.T, cfg map[string]string, grace *int) {
	t.Helper()
	delay, err := time.ParseDuration(cfg["EOFFICE_SHUTDOWN_DELAY"])
	if err != nil || delay <= 0 {
		t.Errorf("EOFFICE_SHUTDOWN_DELAY %q: want a positive delay (readiness drain)", cfg["EOFFICE_SHUTDOWN_DELAY"])
	}
	timeout, err := time.ParseDuration(cfg["EOFFICE_SHUTDOWN_TIMEOUT"])
	if err != nil {
		t.Errorf("EOFFICE_SHUTDOWN_TIMEOUT %q: %v", cfg["EOFFICE_SHUTDOWN_TIMEOUT"], err)
	}
	g := 30 * time.Second // Kubernetes' default
	if grace != nil {
		g = time.Duration(*grace) * time.Second
	}
	if delay+timeout >= g {
		t.Errorf("shutdown delay %v + timeout %v do not fit the %v grace period", delay, timeout, g)
	}
}

// checkPodMonitor: Prometheus scrapes /metrics on every service's port
// "metrics", the admin listener.
func checkPodMonitor(t *testing.T, m manifests) {
	t.Helper()
	var pm struct {
		Selector struct {
			MatchExpressions []struct {
				Key      string   `yaml:"key"`
				Operator string   `yaml:"operator"`
				Values   []string `yaml:"values"`
			} `yaml:"matchExpressions"`
		} `yaml:"selector"`
		Endpoints []struct {
			Port string `yaml:"port"`
			Path string `yaml:"path"`
		} `yaml:"podMetricsEndpoints"`
	}
	m.spec(t, "PodMonitor", "eoffice", &pm)
	if len(pm.Endpoints) != 1 || pm.Endpoints[0].Port != "metrics" || pm.Endpoints[0].Path != "/metrics" {
		t.Errorf("PodMonitor endpoints %+v, want /metrics on port metrics", pm.Endpoints)
	}
	sel := pm.Selector.MatchExpressions
	if len(sel) != 1 || sel[0].Key != "app.kubernetes.io/name" || sel[0].Operator != "In" {
		t.Fatalf("PodMonitor selector %+v", sel)
	}
	for _, name := range deploycheck.Components {
		if !slices.Contains(sel[0].Values, name) {
			t.Errorf("PodMonitor does not scrape %s", name)
		}
	}
}

func checkTopicsJob(t *testing.T, m manifests, env map[string]string, brokers int) int {
	t.Helper()
	var job struct {
		Template podTemplate `yaml:"template"`
	}
	m.spec(t, "Job", "eoffice-kafka-topics", &job)
	if len(job.Template.Spec.Containers) != 1 {
		t.Fatal("topics job: want one container")
	}
	c := job.Template.Spec.Containers[0]
	checkSecurity(t, job.Template.Spec.SecurityContext, c)
	return checkTopicScript(t, strings.Join(append(c.Command, c.Args...), " "), env, brokers)
}

func checkService(t *testing.T, m manifests, name string, cfg map[string]string, partitions int, admin bool) {
	var d deploymentSpec
	m.spec(t, "Deployment", name, &d)
	labels := d.Template.Metadata.Labels
	if len(d.Selector.MatchLabels) == 0 || !subset(d.Selector.MatchLabels, labels) {
		t.Errorf("selector %v does not select the pods %v", d.Selector.MatchLabels, labels)
	}
	replicas := 1
	if d.Replicas != nil {
		replicas = *d.Replicas
	}
	if replicas < 2 || replicas > partitions {
		t.Errorf("replicas %d, want 2..%d (partitions)", replicas, partitions)
	}
	if len(d.Template.Spec.Containers) != 1 {
		t.Fatalf("%d containers, want 1", len(d.Template.Spec.Containers))
	}
	c := d.Template.Spec.Containers[0]
	if !strings.Contains(c.Image, "eoffice-"+name) {
		t.Errorf("image %q", c.Image)
	}
	ports := map[string]int{}
	for _, p := range c.Ports {
		ports[p.Name] = p.ContainerPort
	}
	wantPorts := 1
	if admin {
		wantPorts = 2
	}
	if len(c.Ports) != wantPorts || len(ports) != wantPorts || ports["http"] == 0 || (admin && ports["metrics"] == 0) {
		t.Fatalf("ports %+v, want one named http and, with an admin listener, one named metrics", c.Ports)
	}
	for _, p := range []struct {
		what, path string
		pr         *probe
	}{{"readiness", "/readyz", c.ReadinessProbe}, {"liveness", "/healthz", c.LivenessProbe}} {
		if p.pr == nil || p.pr.HTTPGet == nil {
			t.Errorf("no %s probe over HTTP", p.what)
		} else if p.pr.HTTPGet.Path != p.path || p.pr.HTTPGet.Port != "http" {
			t.Errorf("%s probe GET %s on port %v, want GET %s on port http", p.what, p.pr.HTTPGet.Path, p.pr.HTTPGet.Port, p.path)
		}
	}
	checkResources(t, c)
	checkSecurity(t, d.Template.Spec.SecurityContext, c)
	checkDrain(t, cfg, d.Template.Spec.TerminationGracePeriodSeconds)

	env, fromSecret := containerEnv(t, m, c)
	up := strings.ToUpper(name)
	if fromSecret["EOFFICE_"+up+"_DB"] == "" {
		t.Error("the DSN (with its password) does not come from a Secret")
	}
	for k := range cfg {
		if strings.Contains(k, "PASSWORD") || strings.HasSuffix(k, "_DB") {
			t.Errorf("ConfigMap holds %s: secrets belong in the Secret", k)
		}
	}
	if admin {
		checkKafkaSASL(t, name, env, fromSecret)
	}
	mountedKafkaCA(t, m, d.Template, c, env)
	sc := loadServiceConfig(t, name, env)
	if _, port, _ := strings.Cut(sc.Addr, ":"); port != strconv.Itoa(ports["http"]) {
		t.Errorf("listens on %s, container port %d", sc.Addr, ports["http"])
	}
	if _, port, _ := strings.Cut(sc.AdminAddr, ":"); admin && port != strconv.Itoa(ports["metrics"]) {
		t.Errorf("admin listener on %q (EOFFICE_%s_ADMIN_ADDR), container port metrics %d", sc.AdminAddr, up, ports["metrics"])
	}
	checkDSN(t, name, sc.DB, "postgres")
	if name == "identity" {
		// Behind the ingress controller and the console, an unset list
		// would count every login as theirs.
		if v := env["EOFFICE_IDENTITY_TRUSTED_PROXIES"]; v == "" {
			t.Error("EOFFICE_IDENTITY_TRUSTED_PROXIES is not set: every login would count as the console's or the ingress controller's")
		} else if _, err := httpx.ParseTrustedProxies("EOFFICE_IDENTITY_TRUSTED_PROXIES", v); err != nil {
			t.Error(err)
		}
	}
	checkOTLP(t, env, "otel-collector.observability")
	if name == "notifications" && env["EOFFICE_SMTP_ADDR"] == "" {
		t.Error("notifications without EOFFICE_SMTP_ADDR would write .eml files into an emptyDir")
	}
	for _, path := range []string{"/tmp", sc.DataDir} {
		if !slices.ContainsFunc(c.VolumeMounts, func(v volumeMount) bool { return v.MountPath == path }) {
			t.Errorf("%s is not mounted writable (the root filesystem is read-only)", path)
		}
	}

	if name == "documents" {
		checkSharedAttachments(t, m, d, c, sc.DataDir+"/blobs")
	}

	var svcSpec struct {
		Selector map[string]string `yaml:"selector"`
		Ports    []struct {
			TargetPort any `yaml:"targetPort"`
		} `yaml:"ports"`
	}
	m.spec(t, "Service", name, &svcSpec)
	if len(svcSpec.Selector) == 0 || !subset(svcSpec.Selector, labels) || len(svcSpec.Ports) != 1 || svcSpec.Ports[0].TargetPort != "http" {
		t.Errorf("Service %+v does not reach the pods' http port", svcSpec)
	}

	var pdb struct {
		MinAvailable *int `yaml:"minAvailable"`
		Selector     struct {
			MatchLabels map[string]string `yaml:"matchLabels"`
		} `yaml:"selector"`
	}
	m.spec(t, "PodDisruptionBudget", name, &pdb)
	if pdb.MinAvailable == nil || *pdb.MinAvailable < 1 || !subset(pdb.Selector.MatchLabels, labels) || len(pdb.Selector.MatchLabels) == 0 {
		t.Errorf("PodDisruptionBudget %+v", pdb)
	} else if *pdb.MinAvailable >= replicas {
		t.Errorf("PodDisruptionBudget minAvailable %d with %d replicas blocks every node drain", *pdb.MinAvailable, replicas)
	}

	var hpa struct {
		ScaleTargetRef struct {
			Kind string `yaml:"kind"`
			Name string `yaml:"name"`
		} `yaml:"scaleTargetRef"`
		MinReplicas int   `yaml:"minReplicas"`
		MaxReplicas int   `yaml:"maxReplicas"`
		Metrics     []any `yaml:"metrics"`
	}
	m.spec(t, "HorizontalPodAutoscaler", name, &hpa)
	if hpa.ScaleTargetRef.Kind != "Deployment" || hpa.ScaleTargetRef.Name != name || len(hpa.Metrics) == 0 {
		t.Errorf("HorizontalPodAutoscaler %+v", hpa)
	}
	if hpa.MinReplicas != replicas || hpa.MaxReplicas < hpa.MinReplicas || hpa.MaxReplicas > partitions {
		t.Errorf("autoscaler %d..%d with %d replicas and %d partitions: want minReplicas = replicas, maxReplicas ≤ partitions",
			hpa.MinReplicas, hpa.MaxReplicas, replicas, partitions)
	}
	if pdb.MinAvailable != nil && *pdb.MinAvailable >= hpa.MinReplicas {
		t.Errorf("PodDisruptionBudget minAvailable %d ≥ autoscaler minimum %d", *pdb.MinAvailable, hpa.MinReplicas)
	}
}

// checkSharedAttachments checks documents' attachment folder is a
// ReadWriteMany claim: a file uploaded through one replica must be readable
// through every other.
func checkSharedAttachments(t *testing.T, m manifests, d deploymentSpec, c container, path string) {
	t.Helper()
	i := slices.IndexFunc(c.VolumeMounts, func(v volumeMount) bool { return v.MountPath == path })
	if i < 0 {
		t.Errorf("nothing mounted at %s: attachments would stay in one pod", path)
		return
	}
	claim := ""
	for _, v := range d.Template.Spec.Volumes {
		if v.Name == c.VolumeMounts[i].Name && v.PersistentVolumeClaim != nil {
			claim = v.PersistentVolumeClaim.ClaimName
		}
	}
	var pvc struct {
		AccessModes []string `yaml:"accessModes"`
	}
	if claim == "" {
		t.Errorf("%s is not a PersistentVolumeClaim", path)
		return
	}
	m.spec(t, "PersistentVolumeClaim", claim, &pvc)
	if !slices.Contains(pvc.AccessModes, "ReadWriteMany") {
		t.Errorf("claim %s access modes %v: replicas on other nodes cannot share it", claim, pvc.AccessModes)
	}
}

func checkSecurity(t *testing.T, pod securityContext, c container) {
	t.Helper()
	nonRoot := c.SecurityContext.RunAsNonRoot
	if nonRoot == nil {
		nonRoot = pod.RunAsNonRoot
	}
	if nonRoot == nil || !*nonRoot {
		t.Errorf("%s: runAsNonRoot not true", c.Name)
	}
	for _, u := range []*int64{pod.RunAsUser, c.SecurityContext.RunAsUser} {
		if u != nil && *u == 0 {
			t.Errorf("%s: runAsUser 0", c.Name)
		}
	}
	s := c.SecurityContext
	if s.ReadOnlyRootFilesystem == nil || !*s.ReadOnlyRootFilesystem {
		t.Errorf("%s: readOnlyRootFilesystem not true", c.Name)
	}
	if s.AllowPrivilegeEscalation == nil || *s.AllowPrivilegeEscalation {
		t.Errorf("%s: allowPrivilegeEscalation not false", c.Name)
	}
	if !slices.Contains(s.Capabilities.Drop, "ALL") {
		t.Errorf("%s: capabilities drop %v, want ALL", c.Name, s.Capabilities.Drop)
	}
}

func checkResources(t *testing.T, c container) {
	t.Helper()
	for _, r := range []string{"cpu", "memory"} {
		req, lim := quantity(c.Resources.Requests[r]), quantity(c.Resources.Limits[r])
		if req <= 0 || lim <= 0 || req > lim {
			t.Errorf("%s: %s request %q, limit %q", c.Name, r, c.Resources.Requests[r], c.Resources.Limits[r])
		}
	}
}

// quantity reads the Kubernetes quantities the manifests use (100m, 1,
// 128Mi, 1Gi); anything else is 0, which fails the check.
func quantity(s string) float64 {
	units := []struct {
		suffix string
		factor float64
	}{{"m", 1e-3}, {"Ki", 1 << 10}, {"Mi", 1 << 20}, {"Gi", 1 << 30}, {"", 1}}
	for _, u := range units {
		if num, ok := strings.CutSuffix(s, u.suffix); ok {
			f, err := strconv.ParseFloat(num, 64)
			if err != nil {
				return 0
			}
			return f * u.factor
		}
	}
	return 0
}

func subset(sub, of map[string]string) bool {
	for k, v := range sub {
		if of[k] != v {
			return false
		}
	}
	return true
}
