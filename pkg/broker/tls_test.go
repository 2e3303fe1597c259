package broker

import (
	"context"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/eoffice-vn/eoffice/pkg/kafkaconn"
	"github.com/eoffice-vn/eoffice/pkg/testtls"
)

// TestTLS: with a certificate the broker speaks TLS only. A client set up
// by kafkaconn from EOFFICE_KAFKA_TLS_* (trusting the test CA) writes and
// reads; a plaintext client, and a TLS client that does not trust the CA,
// are refused.
func TestTLS(t *testing.T) {
	ca := testtls.New(t)
	certFile, keyFile := ca.LeafFiles("localhost", "127.0.0.1")
	serverTLS, err := ServerTLS(certFile, keyFile)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Start(Config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), Partitions: 1, Topics: []string{"t1"}, TLS: serverTLS,
		Users: []User{{Mechanism: "SCRAM-SHA-512", Name: "eoffice", Password: "mat-khau-kafka"}}})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	sasl := map[string]string{"EOFFICE_KAFKA_SASL_MECHANISM": "SCRAM-SHA-512", "EOFFICE_KAFKA_SASL_USERNAME": "eoffice",
		"EOFFICE_KAFKA_SASL_PASSWORD": "mat-khau-kafka"}
	with := func(extra map[string]string) kafkaconn.Config {
		env := map[string]string{}
		for k, v := range sasl {
			env[k] = v
		}
		for k, v := range extra {
			env[k] = v
		}
		c, err := kafkaconn.FromEnv(func(k string) string { return env[k] })
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	caFile := ca.CAFile()
	good := with(map[string]string{"EOFFICE_KAFKA_TLS_ENABLED": "true", "EOFFICE_KAFKA_TLS_CA_FILE": caFile})
	for _, c := range []struct {
		name string
		sec  kafkaconn.Config
		ok   bool
	}{
		{"tls trusting the CA", good, true},
		{"tls with a server name override", with(map[string]string{"EOFFICE_KAFKA_TLS_ENABLED": "true",
			"EOFFICE_KAFKA_TLS_CA_FILE": caFile, "EOFFICE_KAFKA_TLS_SERVER_NAME": "localhost"}), true},
		{"plaintext", with(nil), false},
		{"tls with the system roots", with(map[string]string{"EOFFICE_KAFKA_TLS_ENABLED": "true"}), false},
		{"tls with a name not in the certificate", with(map[string]string{"EOFFICE_KAFKA_TLS_ENABLED": "true",
			"EOFFICE_KAFKA_TLS_CA_FILE": caFile, "EOFFICE_KAFKA_TLS_SERVER_NAME": "kafka.other"}), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			conn, err := c.sec.Dialer().DialContext(ctx, "tcp", b.Addr())
			if err == nil {
				_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
				_, err = conn.ReadPartitions("t1")
				conn.Close()
			}
			if (err == nil) != c.ok {
				t.Fatalf("got error %v, want ok=%v", err, c.ok)
			}
		})
	}

	// A write and a read through kafkaconn's Transport and Dialer, as the
	// services' relay and consumers make them.
	w := &kafka.Writer{Addr: kafka.TCP(b.Addr()), Topic: "t1", Transport: good.Transport(), RequiredAcks: kafka.RequireAll, BatchTimeout: time.Millisecond}
	defer w.Close()
	if err := w.WriteMessages(ctx, kafka.Message{Key: []byte("k"), Value: []byte("qua TLS")}); err != nil {
		t.Fatal(err)
	}
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: []string{b.Addr()}, Topic: "t1", Partition: 0, Dialer: good.Dialer(), MaxBytes: 1 << 20, MaxWait: 50 * time.Millisecond})
	defer r.Close()
	m, err := r.ReadMessage(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if string(m.Value) != "qua TLS" {
		t.Fatalf("read %q", m.Value)
	}
}
