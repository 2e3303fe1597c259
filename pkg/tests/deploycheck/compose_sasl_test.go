package deploycheck_test

import (
	"maps"
	"regexp"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/tests/deploycheck"
)

// mergeCompose applies an override file over a base as `docker compose -f
// base -f override` does for what these files use: environment maps merge
// (the override wins), other set fields replace.
func mergeCompose(base, over composeFile) composeFile {
	out := composeFile{Services: map[string]composeService{}, Volumes: base.Volumes}
	maps.Copy(out.Services, base.Services)
	for name, o := range over.Services {
		s := out.Services[name]
		env := map[string]string{}
		maps.Copy(env, s.Environment)
		maps.Copy(env, o.Environment)
		s.Environment = env
		if o.Healthcheck != nil {
			s.Healthcheck = o.Healthcheck
		}
		if o.Entrypoint != nil {
			s.Entrypoint = o.Entrypoint
		}
		if o.Command != nil {
			s.Command = o.Command
		}
		out.Services[name] = s
	}
	return out
}

// TestComposeSASL: compose.yaml with compose.sasl.yaml runs Kafka with
// SCRAM on the clients' listener and an authorizer; every service starts
// with its own principal's credentials (its own loader accepts them), and
// the topic job creates that principal and its ACLs besides the topics.
func TestComposeSASL(t *testing.T) {
	c := mergeCompose(loadCompose(t), loadComposeFile(t, "compose.sasl.yaml"))
	brokers := kafkaBrokers(c)
	if len(brokers) != 3 {
		t.Fatalf("brokers %v", brokers)
	}
	for _, b := range brokers {
		s := c.Services[b]
		env := s.Environment
		checks := []struct {
			what string
			ok   bool
		}{
			{"SASL listener on 9092", strings.Contains(env["KAFKA_LISTENERS"], "SASL_PLAINTEXT://:9092")},
			{"advertised SASL listener", strings.Contains(env["KAFKA_ADVERTISED_LISTENERS"], "SASL_PLAINTEXT://"+b+":9092")},
			{"SCRAM-SHA-512", env["KAFKA_SASL_ENABLED_MECHANISMS"] == "SCRAM-SHA-512"},
			{"SCRAM login module", strings.Contains(env["KAFKA_LISTENER_NAME_SASL__PLAINTEXT_SCRAM___SHA___512_SASL_JAAS_CONFIG"], "ScramLoginModule")},
			{"an authorizer", strings.Contains(env["KAFKA_AUTHORIZER_CLASS_NAME"], "StandardAuthorizer")},
			{"nothing allowed without an ACL", env["KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND"] == "false"},
			{"no plaintext client listener on 9092", !strings.Contains(env["KAFKA_LISTENERS"], "PLAINTEXT://:9092") || strings.Contains(env["KAFKA_LISTENERS"], "SASL_PLAINTEXT://:9092")},
			{"health check off the SASL port", strings.Contains(strings.Join(healthTest(s.Healthcheck), " "), ":9094")},
		}
		for _, ck := range checks {
			if !ck.ok {
				t.Errorf("%s: %s", b, ck.what)
			}
		}
	}
	job := c.Services["kafka-topics"]
	script := strings.Join(append(job.Entrypoint, job.Command...), " ")
	checkTopicScript(t, script, job.Environment, len(brokers))
	for _, name := range deploycheck.Services {
		s := c.Services[name]
		if s.Environment["EOFFICE_KAFKA_BROKERS"] == "" || name == "hub" {
			continue // the hub is no Kafka client
		}
		t.Run(name, func(t *testing.T) {
			cfg := loadServiceConfig(t, name, s.Environment)
			principal := "eoffice-" + name
			if cfg.Kafka.Mechanism != "SCRAM-SHA-512" || cfg.Kafka.Username != principal || cfg.Kafka.SASL() == nil {
				t.Errorf("kafka: %s", cfg.Kafka.Describe())
			}
			if !regexp.MustCompile(`user\s+` + regexp.QuoteMeta(principal) + `\s`).MatchString(script) {
				t.Errorf("the topic job does not create the SCRAM user %s", principal)
			}
			own := ""
			for _, tp := range events.Topics() {
				if src, ok := events.SourceOf(tp); ok && src == events.Source(name) && !strings.HasSuffix(tp, events.DLQSuffix) {
					own = tp
				}
			}
			if own == "" {
				t.Fatalf("no topic published by %s", name)
			}
			if !regexp.MustCompile(`(grant\s+` + name + `\s+|acl\s+` + principal + `\s+--operation Write --operation Describe --topic\s+)` + regexp.QuoteMeta(own)).MatchString(script) {
				t.Errorf("no ACL lets %s write %s", principal, own)
			}
		})
	}
	if !strings.Contains(script, "eoffice-operator") {
		t.Error("no operator principal for eoffice events tail and dlq")
	}
}

func healthTest(h map[string]any) []string {
	var out []string
	if l, ok := h["test"].([]any); ok {
		for _, v := range l {
			s, _ := v.(string)
			out = append(out, s)
		}
	}
	return out
}
