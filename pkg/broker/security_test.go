package broker

import (
	"context"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/sasl"
	"github.com/segmentio/kafka-go/sasl/scram"
)

// TestUsersAndTopicConfigs: with Users the broker refuses clients without
// their credentials; topics get their retention, compacted ones their
// policy, and both survive a restart.
func TestUsersAndTopicConfigs(t *testing.T) {
	cfg := Config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), Partitions: 2, Topics: []string{"t1", "t1.dlq"},
		Compacted: []string{"audit"}, Retention: 14 * 24 * time.Hour,
		Users: []User{{Mechanism: "SCRAM-SHA-256", Name: "eoffice", Password: "mat-khau-kafka"}}}
	b, err := Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	b.Close()
	if b, err = Start(cfg); err != nil { // the configs come back from the data folder
		t.Fatal(err)
	}
	defer b.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	mech := func(user, pass string) sasl.Mechanism {
		m, err := scram.Mechanism(scram.SHA256, user, pass)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	for _, c := range []struct {
		name string
		mech sasl.Mechanism
		ok   bool
	}{
		{"no credentials", nil, false},
		{"wrong password", mech("eoffice", "sai"), false},
		{"the user", mech("eoffice", "mat-khau-kafka"), true},
	} {
		t.Run(c.name, func(t *testing.T) {
			conn, err := (&kafka.Dialer{Timeout: 5 * time.Second, SASLMechanism: c.mech}).DialContext(ctx, "tcp", b.Addr())
			if err == nil {
				_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
				_, err = conn.ReadPartitions("t1")
				conn.Close()
			}
			if (err == nil) != c.ok {
				t.Fatalf("got error %v, want ok=%v", err, c.ok)
			}
		})
	}

	cl := &kafka.Client{Addr: kafka.TCP(b.Addr()), Transport: &kafka.Transport{SASL: mech("eoffice", "mat-khau-kafka")}}
	res, err := cl.DescribeConfigs(ctx, &kafka.DescribeConfigsRequest{Resources: []kafka.DescribeConfigRequestResource{
		{ResourceType: kafka.ResourceTypeTopic, ResourceName: "t1", ConfigNames: []string{"retention.ms"}},
		{ResourceType: kafka.ResourceTypeTopic, ResourceName: "t1.dlq", ConfigNames: []string{"retention.ms"}},
		{ResourceType: kafka.ResourceTypeTopic, ResourceName: "audit", ConfigNames: []string{"cleanup.policy"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"t1": "1209600000", "t1.dlq": "1209600000", "audit": "compact"}
	for _, r := range res.Resources {
		if r.Error != nil {
			t.Fatalf("%s: %v", r.ResourceName, r.Error)
		}
		got := ""
		for _, e := range r.ConfigEntries {
			got = e.ConfigValue
		}
		if got != want[r.ResourceName] {
			t.Errorf("%s: config %q, want %q", r.ResourceName, got, want[r.ResourceName])
		}
	}
}
