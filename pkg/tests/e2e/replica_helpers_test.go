package e2e

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	stackcmd "github.com/eoffice-vn/eoffice/pkg/cmd/eoffice-stack/stack"

	"github.com/segmentio/kafka-go"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/secretbox"
)

// replica is one more process of a service beside a running stack: the
// stack's environment (broker, identity URL, databases, data folder) on a
// port of its own, as a second pod of a Deployment would run.
type replica struct {
	service, url string
	n            int
	dataDir      string
	exited       chan struct{}
	stop         func()
}

// startReplica launches a replica and waits until it is ready.
func startReplica(t *testing.T, s *stack, service string, n int) *replica {
	t.Helper()
	r := launchReplica(t, s, service, n)
	r.waitReady(t)
	return r
}

// launchReplica starts the process; waitReady waits for its /readyz.
func launchReplica(t *testing.T, s *stack, service string, n int) *replica {
	t.Helper()
	addr := freeAddr(t)
	up := strings.ToUpper(service)
	cmd := exec.Command(filepath.Join(binaries(t), service))
	cmd.Env = append(os.Environ(),
		"EOFFICE_DATA_DIR="+s.dataDir,
		"EOFFICE_BOOTSTRAP_ADMIN_PASSWORD="+s.adminPassword,
		"EOFFICE_KAFKA_BROKERS=",
		"EOFFICE_KAFKA_ADDR="+s.kafka,
		"EOFFICE_IDENTITY_URL="+s.identity,
		"EOFFICE_DOCUMENTS_URL="+s.documents,
		"EOFFICE_EXCHANGE_URL="+s.exchange,
		"EOFFICE_EXCHANGE_VDXP_URL="+s.hub,
		"EOFFICE_"+up+"_ADDR="+addr,
	)
	// The service clients' secrets and the exchange's system at the hub,
	// which the stack generated into the data folder.
	for key, file := range stackcmd.ServiceSecrets {
		if raw, err := os.ReadFile(filepath.Join(s.dataDir, file)); err == nil {
			cmd.Env = append(cmd.Env, key+"="+strings.TrimSpace(string(raw)))
		}
	}
	cmd.Env = append(cmd.Env, databaseEnv(t, s.dataDir)...)
	if os.Getenv(secretbox.EnvKey) == "" {
		// The stack's key (pkg/cmd/eoffice-stack/stack), which a replica on PostgreSQL needs.
		key, err := secretbox.LoadOrCreateKeyFile(s.dataDir)
		if err != nil {
			t.Fatal(err)
		}
		cmd.Env = append(cmd.Env, secretbox.EnvKey+"="+key)
	}
	logf, err := os.Create(filepath.Join(s.dataDir, "logs", fmt.Sprintf("%s-%d.log", service, n)))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logf, logf
	// Dies with the test binary, like the stack's own children.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); logf.Close(); close(exited) }()
	r := &replica{service: service, url: "http://" + addr, n: n, dataDir: s.dataDir, exited: exited}
	stopped := false
	r.stop = func() {
		if stopped {
			return
		}
		stopped = true
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(30 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
			t.Errorf("%s replica %d did not stop within 30s of SIGTERM", service, n)
		}
	}
	// Before the stack's own cleanup: the broker is still up while the
	// replica drains its outbox.
	t.Cleanup(r.stop)
	return r
}

func (r *replica) waitReady(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		resp, err := httpClient.Get(r.url + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case <-r.exited:
			dumpLogs(t, r.dataDir)
			t.Fatalf("%s replica %d exited before it was ready", r.service, r.n)
		default:
		}
		if time.Now().After(deadline) {
			dumpLogs(t, r.dataDir)
			t.Fatalf("%s replica %d not ready within a minute", r.service, r.n)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// groupMembers describes every consumer group on the broker: group →
// member → the partitions ("topic/partition") assigned to it.
func groupMembers(t *testing.T, brokerAddr string) map[string]map[string][]string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c := &kafka.Client{Addr: kafka.TCP(brokerAddr), Timeout: 5 * time.Second}
	lg, err := c.ListGroups(ctx, &kafka.ListGroupsRequest{})
	if err != nil {
		t.Fatalf("list groups: %v", err)
	}
	var ids []string
	for _, g := range lg.Groups {
		ids = append(ids, g.GroupID)
	}
	out := map[string]map[string][]string{}
	if len(ids) == 0 {
		return out
	}
	dg, err := c.DescribeGroups(ctx, &kafka.DescribeGroupsRequest{GroupIDs: ids})
	if err != nil {
		t.Fatalf("describe groups: %v", err)
	}
	for _, g := range dg.Groups {
		members := map[string][]string{}
		for _, m := range g.Members {
			var parts []string
			for _, tp := range m.MemberAssignments.Topics {
				for _, p := range tp.Partitions {
					parts = append(parts, fmt.Sprintf("%s/%d", tp.Topic, p))
				}
			}
			sort.Strings(parts)
			members[m.MemberID] = parts
		}
		out[g.GroupID] = members
	}
	return out
}

// topicEvents reads every message of topic, partition by partition from
// the first offset to the last, without a consumer group.
func topicEvents(t *testing.T, brokerAddr, topic string) []envelope.Event {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := kafka.DialContext(ctx, "tcp", brokerAddr)
	if err != nil {
		t.Fatal(err)
	}
	parts, err := conn.ReadPartitions(topic)
	conn.Close()
	if err != nil {
		t.Fatalf("partitions of %s: %v", topic, err)
	}
	var out []envelope.Event
	for _, p := range parts {
		pc, err := kafka.DialLeader(ctx, "tcp", brokerAddr, topic, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		first, last, err := pc.ReadOffsets()
		pc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if last <= first {
			continue
		}
		r := kafka.NewReader(kafka.ReaderConfig{Brokers: []string{brokerAddr}, Topic: topic, Partition: p.ID,
			MaxBytes: 256 << 10, MaxWait: 100 * time.Millisecond})
		if err := r.SetOffset(first); err != nil {
			t.Fatal(err)
		}
		for off := first; off < last; off++ {
			m, err := r.ReadMessage(ctx)
			if err != nil {
				r.Close()
				t.Fatalf("read %s/%d at %d of %d: %v", topic, p.ID, off, last, err)
			}
			ev, err := envelope.FromMessage(m)
			if err != nil {
				t.Errorf("%s/%d@%d: %v", topic, p.ID, m.Offset, err)
				continue
			}
			out = append(out, ev)
		}
		r.Close()
	}
	return out
}
