package deploycheck_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"math/big"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/kafkaconn"
)

// data is a ConfigMap's or Secret's keys and values (a Secret's data
// base64-decoded), nil when the manifests hold no such object.
func (m manifests) data(kind, name string) map[string]string {
	o, ok := m.find(kind, name)
	if !ok {
		return nil
	}
	out := map[string]string{}
	for k, v := range o.Data {
		if kind == "Secret" {
			if b, err := base64.StdEncoding.DecodeString(v); err == nil {
				v = string(b)
			}
		}
		out[k] = v
	}
	for k, v := range o.StringData {
		out[k] = v
	}
	return out
}

// containerEnv is the environment a container gets (envFrom ConfigMaps,
// then env, references resolved in the manifests) and, for each variable
// read from a Secret, that Secret's name. A reference to a key no object
// holds is an error: the pod would not start.
func containerEnv(t *testing.T, m manifests, c container) (env, fromSecret map[string]string) {
	t.Helper()
	env, fromSecret = map[string]string{}, map[string]string{}
	for _, ef := range c.EnvFrom {
		if ef.ConfigMapRef == nil || m.data("ConfigMap", ef.ConfigMapRef.Name) == nil {
			t.Errorf("envFrom %+v: want a ConfigMap of the manifests", ef)
			continue
		}
		for k, v := range m.data("ConfigMap", ef.ConfigMapRef.Name) {
			env[k] = v
		}
	}
	for _, e := range c.Env {
		switch {
		case e.ValueFrom == nil:
			env[e.Name] = e.Value
		case e.ValueFrom.SecretKeyRef != nil:
			ref := e.ValueFrom.SecretKeyRef
			v, ok := m.data("Secret", ref.Name)[ref.Key]
			if !ok {
				t.Errorf("%s from Secret %s key %s, which does not exist", e.Name, ref.Name, ref.Key)
			}
			env[e.Name], fromSecret[e.Name] = v, ref.Name
		case e.ValueFrom.ConfigMapKeyRef != nil:
			ref := e.ValueFrom.ConfigMapKeyRef
			v, ok := m.data("ConfigMap", ref.Name)[ref.Key]
			if !ok {
				t.Errorf("%s from ConfigMap %s key %s, which does not exist", e.Name, ref.Name, ref.Key)
			}
			env[e.Name] = v
		default:
			t.Errorf("%s: unexpected valueFrom", e.Name)
		}
	}
	return env, fromSecret
}

// checkKafkaSASL: in production every service that reads Kafka talks
// SASL_SSL as its own principal, User:eoffice-<service>, with the password
// from that principal's own Secret (a shared one would let one service act
// as another in the ACLs).
func checkKafkaSASL(t *testing.T, name string, env, fromSecret map[string]string) {
	t.Helper()
	if name == "hub" { // the hub reads no broker
		return
	}
	k, err := kafkaconn.FromEnv(func(k string) string {
		if k == "EOFFICE_KAFKA_TLS_CA_FILE" {
			return "" // checked with the mount, mountedKafkaCA
		}
		return env[k]
	})
	if err != nil {
		t.Errorf("Kafka security settings refused: %v", err)
	}
	if k.Mechanism != kafkaconn.ScramSHA512 && k.Mechanism != kafkaconn.ScramSHA256 {
		t.Errorf("EOFFICE_KAFKA_SASL_MECHANISM %q, want SCRAM in production", k.Mechanism)
	}
	if !k.TLS || env["EOFFICE_KAFKA_TLS_CA_FILE"] == "" {
		t.Errorf("Kafka TLS %v, CA file %q: production talks SASL_SSL with the brokers' CA", k.TLS, env["EOFFICE_KAFKA_TLS_CA_FILE"])
	}
	if k.Username != "eoffice-"+name {
		t.Errorf("Kafka principal %q, want eoffice-%s (the ACLs of deploy/README.md)", k.Username, name)
	}
	if s := fromSecret["EOFFICE_KAFKA_SASL_PASSWORD"]; s != "eoffice-kafka-"+name {
		t.Errorf("Kafka password from Secret %q, want the principal's own Secret eoffice-kafka-%s", s, name)
	}
}

// mountedKafkaCA checks EOFFICE_KAFKA_TLS_CA_FILE names a key of a
// ConfigMap or Secret mounted in the pod, then points env at a real CA
// file so the service's loader (which reads it) can run here.
func mountedKafkaCA(t *testing.T, m manifests, pod podTemplate, c container, env map[string]string) {
	t.Helper()
	file := env["EOFFICE_KAFKA_TLS_CA_FILE"]
	if file == "" {
		return
	}
	dir, key := path.Split(file)
	var vol *volume
	for _, vm := range c.VolumeMounts {
		if strings.TrimSuffix(vm.MountPath, "/")+"/" == dir {
			for i := range pod.Spec.Volumes {
				if pod.Spec.Volumes[i].Name == vm.Name {
					vol = &pod.Spec.Volumes[i]
				}
			}
		}
	}
	switch {
	case vol == nil:
		t.Errorf("EOFFICE_KAFKA_TLS_CA_FILE %s: nothing mounted at %s", file, dir)
	case vol.ConfigMap != nil:
		if _, ok := m.data("ConfigMap", vol.ConfigMap.Name)[key]; !ok {
			t.Errorf("EOFFICE_KAFKA_TLS_CA_FILE %s: ConfigMap %s has no key %s", file, vol.ConfigMap.Name, key)
		}
	case vol.Secret != nil:
		if _, ok := m.data("Secret", vol.Secret.SecretName)[key]; !ok {
			t.Errorf("EOFFICE_KAFKA_TLS_CA_FILE %s: Secret %s has no key %s", file, vol.Secret.SecretName, key)
		}
	default:
		t.Errorf("EOFFICE_KAFKA_TLS_CA_FILE %s: volume %s is neither a ConfigMap nor a Secret", file, vol.Name)
	}
	env["EOFFICE_KAFKA_TLS_CA_FILE"] = testCAFile(t)
}

// testCAFile writes a self-signed CA certificate, standing for the one the
// operator puts in place of the placeholder.
func testCAFile(t *testing.T) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "kafka CA"},
		NotBefore: time.Now(), NotAfter: time.Now().Add(time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "ca.crt")
	if err := os.WriteFile(p, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// checkTopicsJobSASL: in production the topic job, too, talks SASL_SSL, as
// its own administrative principal, with the brokers' CA mounted.
func checkTopicsJobSASL(t *testing.T, m manifests) {
	var job struct {
		Template podTemplate `yaml:"template"`
	}
	m.spec(t, "Job", "eoffice-kafka-topics", &job)
	c := job.Template.Spec.Containers[0]
	env, fromSecret := containerEnv(t, m, c)
	script := strings.Join(append(c.Command, c.Args...), " ")
	if !strings.Contains(script, "security.protocol=SASL_SSL") || strings.Count(script, `"${cc[@]}"`) < 2 {
		t.Error("the topic script does not pass its SASL_SSL client settings to every kafka-topics.sh")
	}
	mountedKafkaCA(t, m, job.Template, c, env)
	if _, err := kafkaconn.FromEnv(func(k string) string { return env[k] }); err != nil || env["EOFFICE_KAFKA_SASL_MECHANISM"] == "" {
		t.Errorf("SASL settings %q (%v)", env["EOFFICE_KAFKA_SASL_MECHANISM"], err)
	}
	if fromSecret["EOFFICE_KAFKA_SASL_PASSWORD"] == "" || slices.Contains([]string{"identity", "documents", "tasks", "notifications", "exchange"}, strings.TrimPrefix(env["EOFFICE_KAFKA_SASL_USERNAME"], "eoffice-")) {
		t.Errorf("principal %q, password from Secret %q: want its own principal and Secret", env["EOFFICE_KAFKA_SASL_USERNAME"], fromSecret["EOFFICE_KAFKA_SASL_PASSWORD"])
	}
}
