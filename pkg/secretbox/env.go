package secretbox

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// KeyFile is where a one-machine setup keeps its generated key, inside the
// data folder (mode 0600).
const KeyFile = "secret-key"

// FromEnv builds the box of EOFFICE_SECRET_KEY and EOFFICE_SECRET_KEY_OLD.
// Without EOFFICE_SECRET_KEY, a one-machine setup (generate true) uses the
// key in dataDir/secret-key, creating it the first time; production
// (generate false) refuses to start.
func FromEnv(dataDir string, generate bool) (*Box, error) {
	cur := strings.TrimSpace(os.Getenv(EnvKey))
	if cur == "" {
		if !generate {
			return nil, fmt.Errorf("%s is required with a PostgreSQL database: it encrypts signing keys and webhook secrets "+
				"(generate one with: openssl rand -base64 32)", EnvKey)
		}
		var err error
		if cur, err = LoadOrCreateKeyFile(dataDir); err != nil {
			return nil, err
		}
	}
	raw, err := ParseKey(cur)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", EnvKey, err)
	}
	var old [][]byte
	for i, s := range strings.Split(os.Getenv(EnvOldKeys), ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		k, err := ParseKey(s)
		if err != nil {
			return nil, fmt.Errorf("%s, key %d: %w", EnvOldKeys, i+1, err)
		}
		old = append(old, k)
	}
	return New(raw, old...)
}

// LoadOrCreateKeyFile returns the key in dataDir/secret-key, creating the
// file with a new key (mode 0600) when there is none. Services of one
// machine starting at once agree: the file appears whole or not at all
// (a hard link of a complete temporary file), and the one that loses the
// race reads the winner's.
func LoadOrCreateKeyFile(dataDir string) (string, error) {
	path := filepath.Join(dataDir, KeyFile)
	if b, err := os.ReadFile(path); err == nil {
		return strings.TrimSpace(string(b)), nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("secret key file: %w", err)
	}
	key, err := GenerateKey()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return "", fmt.Errorf("secret key file: %w", err)
	}
	f, err := os.CreateTemp(dataDir, ".secret-key-*")
	if err != nil {
		return "", fmt.Errorf("secret key file: %w", err)
	}
	defer os.Remove(f.Name())
	err = f.Chmod(0o600)
	if err == nil {
		_, err = f.WriteString(key + "\n")
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("secret key file: %w", err)
	}
	if err := os.Link(f.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return LoadOrCreateKeyFile(dataDir) // another process was first
		}
		return "", fmt.Errorf("secret key file: %w", err)
	}
	return key, nil
}
