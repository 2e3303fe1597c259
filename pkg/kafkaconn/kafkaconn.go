// Package kafkaconn holds how every eoffice Kafka client authenticates and
// encrypts: SASL (SCRAM-SHA-256, SCRAM-SHA-512 or PLAIN) and TLS, read from
// EOFFICE_KAFKA_SASL_* and EOFFICE_KAFKA_TLS_*, applied on kafka-go's
// Transport (writers, admin requests) and Dialer (readers, direct
// connections). The relay, the consumers, the readiness check, the CLI and
// the bench all take their clients from here, so none can be left in clear
// text when the rest is not.
package kafkaconn

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/sasl"
	"github.com/segmentio/kafka-go/sasl/plain"
	"github.com/segmentio/kafka-go/sasl/scram"
)

// SASL mechanisms, named as Kafka names them.
const (
	ScramSHA256 = "SCRAM-SHA-256"
	ScramSHA512 = "SCRAM-SHA-512"
	Plain       = "PLAIN"
)

// Config is one client's security settings. The zero value is plaintext
// without authentication, as the embedded one-machine broker runs.
type Config struct {
	Mechanism string // EOFFICE_KAFKA_SASL_MECHANISM; empty: no SASL
	Username  string // EOFFICE_KAFKA_SASL_USERNAME
	Password  string // EOFFICE_KAFKA_SASL_PASSWORD

	TLS        bool   // EOFFICE_KAFKA_TLS_ENABLED
	CAFile     string // EOFFICE_KAFKA_TLS_CA_FILE; empty: the system roots
	CertFile   string // EOFFICE_KAFKA_TLS_CERT_FILE: client certificate (mutual TLS)
	KeyFile    string // EOFFICE_KAFKA_TLS_KEY_FILE
	ServerName string // EOFFICE_KAFKA_TLS_SERVER_NAME: overrides the name checked in the broker's certificate

	mech    sasl.Mechanism
	tlsConf *tls.Config
}

// FromEnv reads and validates the settings with getenv (os.Getenv, or a
// test's map). A half-set configuration is an error, never a silent
// fallback to plaintext.
func FromEnv(getenv func(string) string) (Config, error) {
	c := Config{
		Mechanism:  strings.ToUpper(strings.TrimSpace(getenv("EOFFICE_KAFKA_SASL_MECHANISM"))),
		Username:   getenv("EOFFICE_KAFKA_SASL_USERNAME"),
		Password:   getenv("EOFFICE_KAFKA_SASL_PASSWORD"),
		CAFile:     getenv("EOFFICE_KAFKA_TLS_CA_FILE"),
		CertFile:   getenv("EOFFICE_KAFKA_TLS_CERT_FILE"),
		KeyFile:    getenv("EOFFICE_KAFKA_TLS_KEY_FILE"),
		ServerName: getenv("EOFFICE_KAFKA_TLS_SERVER_NAME"),
	}
	var errs []error
	if v := getenv("EOFFICE_KAFKA_TLS_ENABLED"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("EOFFICE_KAFKA_TLS_ENABLED %q: not true or false", v))
		}
		c.TLS = b
	}
	if err := c.prepare(); err != nil {
		errs = append(errs, err)
	}
	return c, errors.Join(errs...)
}

// Load is FromEnv(os.Getenv).
func Load() (Config, error) { return FromEnv(os.Getenv) }

// prepare validates c and builds its SASL mechanism and TLS configuration.
func (c *Config) prepare() error {
	var errs []error
	switch c.Mechanism {
	case "":
		if c.Username != "" || c.Password != "" {
			errs = append(errs, errors.New("EOFFICE_KAFKA_SASL_USERNAME or _PASSWORD set without EOFFICE_KAFKA_SASL_MECHANISM (SCRAM-SHA-256, SCRAM-SHA-512 or PLAIN)"))
		}
	case ScramSHA256, ScramSHA512, Plain:
		if c.Username == "" {
			errs = append(errs, fmt.Errorf("EOFFICE_KAFKA_SASL_MECHANISM %s needs EOFFICE_KAFKA_SASL_USERNAME", c.Mechanism))
		}
		if c.Password == "" {
			errs = append(errs, fmt.Errorf("EOFFICE_KAFKA_SASL_MECHANISM %s needs EOFFICE_KAFKA_SASL_PASSWORD", c.Mechanism))
		}
	default:
		errs = append(errs, fmt.Errorf("EOFFICE_KAFKA_SASL_MECHANISM %q: want SCRAM-SHA-256, SCRAM-SHA-512 or PLAIN", c.Mechanism))
	}
	if !c.TLS && (c.CAFile != "" || c.CertFile != "" || c.KeyFile != "" || c.ServerName != "") {
		errs = append(errs, errors.New("EOFFICE_KAFKA_TLS_* files or server name set but EOFFICE_KAFKA_TLS_ENABLED is not true"))
	}
	if (c.CertFile == "") != (c.KeyFile == "") {
		errs = append(errs, errors.New("EOFFICE_KAFKA_TLS_CERT_FILE and EOFFICE_KAFKA_TLS_KEY_FILE go together"))
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	switch c.Mechanism {
	case ScramSHA256, ScramSHA512:
		algo := scram.SHA256
		if c.Mechanism == ScramSHA512 {
			algo = scram.SHA512
		}
		m, err := scram.Mechanism(algo, c.Username, c.Password)
		if err != nil {
			return fmt.Errorf("kafka SASL %s: %w", c.Mechanism, err)
		}
		c.mech = m
	case Plain:
		c.mech = plain.Mechanism{Username: c.Username, Password: c.Password}
	}
	if c.TLS {
		tc, err := c.tlsConfig()
		if err != nil {
			return err
		}
		c.tlsConf = tc
	}
	return nil
}

func (c *Config) tlsConfig() (*tls.Config, error) {
	tc := &tls.Config{MinVersion: tls.VersionTLS12, ServerName: c.ServerName}
	if c.CAFile != "" {
		pem, err := os.ReadFile(c.CAFile)
		if err != nil {
			return nil, fmt.Errorf("EOFFICE_KAFKA_TLS_CA_FILE: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("EOFFICE_KAFKA_TLS_CA_FILE %s: no PEM certificate in it", c.CAFile)
		}
		tc.RootCAs = pool
	}
	if c.CertFile != "" {
		cert, err := tls.LoadX509KeyPair(c.CertFile, c.KeyFile)
		if err != nil {
			return nil, fmt.Errorf("EOFFICE_KAFKA_TLS_CERT_FILE/KEY_FILE: %w", err)
		}
		tc.Certificates = []tls.Certificate{cert}
	}
	return tc, nil
}

// SASL is the mechanism clients authenticate with, nil for none.
func (c Config) SASL() sasl.Mechanism { return c.mech }

// TLSConfig is a copy of the client TLS configuration, nil for plaintext.
func (c Config) TLSConfig() *tls.Config {
	if c.tlsConf == nil {
		return nil
	}
	return c.tlsConf.Clone()
}

// Transport is for kafka.Writer and kafka.Client. Each call returns a new
// one: a transport keeps a connection pool that its owner closes.
func (c Config) Transport() *kafka.Transport {
	return &kafka.Transport{
		DialTimeout: 10 * time.Second,
		SASL:        c.mech,
		TLS:         c.TLSConfig(),
	}
}

// Dialer is for kafka.Reader and direct connections (kafka.Conn).
func (c Config) Dialer() *kafka.Dialer {
	return &kafka.Dialer{
		Timeout:       10 * time.Second,
		DualStack:     true,
		SASLMechanism: c.mech,
		TLS:           c.TLSConfig(),
	}
}

// Describe says in a log line how clients connect, without the password.
func (c Config) Describe() string {
	auth := "no SASL"
	if c.Mechanism != "" {
		auth = "SASL " + c.Mechanism + " as " + c.Username
	}
	if c.TLS {
		return auth + ", TLS"
	}
	return auth + ", plaintext"
}
