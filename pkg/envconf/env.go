// Package envconf reads settings from the environment: the one reader of
// EOFFICE_* variables every program uses (services, the console, the
// stack), with the defaults they share. It links no database, broker or
// telemetry code, so the console and the CLI can use it alone.
package envconf

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// DefaultPorts of the one-machine stack; "hub" is the local exchange hub
// (eoffice-hub) the exchange service's vdxp transport talks to.
var DefaultPorts = map[string]int{"identity": 8081, "documents": 8082, "tasks": 8083, "notifications": 8084, "exchange": 8085, "hub": 8086, "web": 8080}

// Env returns the value of key or def when it is unset or empty.
func Env(key, def string) string {
	if v := strings.TrimSpace(os.Getenv(key)); v != "" {
		return v
	}
	return def
}

// EnvBool reads key as true/false (1/0, t/f…), def when unset or empty; any
// other value is an error naming the key, for a check at start.
func EnvBool(key string, def bool) (bool, error) {
	v := Env(key, "")
	if v == "" {
		return def, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("%s must be true or false, not %q", key, v)
	}
	return b, nil
}

// DefaultMaxAttachment is the upload limit of an attachment when
// EOFFICE_MAX_ATTACHMENT_BYTES is unset: documents enforces it, and the
// console shows and checks the same before forwarding a file.
const DefaultMaxAttachment = 20 << 20

// MaxAttachment reads EOFFICE_MAX_ATTACHMENT_BYTES, a positive number of
// bytes (DefaultMaxAttachment when unset).
func MaxAttachment() (int64, error) {
	v := Env("EOFFICE_MAX_ATTACHMENT_BYTES", strconv.Itoa(DefaultMaxAttachment))
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("EOFFICE_MAX_ATTACHMENT_BYTES must be a positive number of bytes, not %q", v)
	}
	return n, nil
}
