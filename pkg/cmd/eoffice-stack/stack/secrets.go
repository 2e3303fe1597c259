package stack

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// ServiceSecrets are the settings the stack fills from a file of the data
// folder, generated on the first start (mode 0600, like admin-password),
// when the environment gives none: the secrets of the service clients
// (identity creates the clients with them, documents and exchange use
// them; the console keeps its sessions at identity with its own), and the exchange service's system id and secret at the hub — an
// id of its own, so that two deployments on one machine can share a hub.
var ServiceSecrets = map[string]string{
	"EOFFICE_DOCUMENTS_CLIENT_SECRET": "documents-client-secret",
	"EOFFICE_EXCHANGE_CLIENT_SECRET":  "exchange-client-secret",
	"EOFFICE_EXCHANGE_SECRET":         "exchange-hub-secret",
	"EOFFICE_EXCHANGE_SYSTEM_ID":      "exchange-system-id",
	"EOFFICE_WEB_CLIENT_SECRET":       "web-client-secret",
}

// withServiceSecrets adds each of ServiceSecrets that env does not set.
func withServiceSecrets(env []string, dataDir string) ([]string, error) {
	set := map[string]bool{}
	for _, kv := range env {
		if k, v, _ := strings.Cut(kv, "="); v != "" {
			set[k] = true
		}
	}
	out := slices.Clip(env)
	for _, key := range slices.Sorted(maps.Keys(ServiceSecrets)) {
		if set[key] {
			continue
		}
		secret, err := loadOrCreateSecret(filepath.Join(dataDir, ServiceSecrets[key]))
		if err != nil {
			return nil, err
		}
		out = append(out, key+"="+secret)
	}
	return out, nil
}

// loadOrCreateSecret reads the secret in path, or writes a new one of 256
// random bits there, whole (a temporary file linked into place) and
// readable by the owner only; a concurrent first start keeps the first.
func loadOrCreateSecret(path string) (string, error) {
	if b, err := os.ReadFile(path); err == nil {
		if s := strings.TrimSpace(string(b)); s != "" {
			return s, nil
		}
		return "", fmt.Errorf("%s is empty: remove it to have a new secret made", path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("secret file: %w", err)
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("secret file: %w", err)
	}
	secret := base64.RawURLEncoding.EncodeToString(b)
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", fmt.Errorf("secret file: %w", err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+"-*")
	if err != nil {
		return "", fmt.Errorf("secret file: %w", err)
	}
	defer os.Remove(f.Name())
	err = f.Chmod(0o600)
	if err == nil {
		_, err = f.WriteString(secret + "\n")
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("secret file: %w", err)
	}
	if err := os.Link(f.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return loadOrCreateSecret(path) // another process was first
		}
		return "", fmt.Errorf("secret file: %w", err)
	}
	return secret, nil
}
