package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
)

// CredentialsPath is where login keeps the session:
// <user config dir>/eoffice/credentials.json.
func CredentialsPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no folder for the credentials: %w", err)
	}
	return filepath.Join(dir, "eoffice", "credentials.json"), nil
}

// ErrNotLoggedIn says there is no saved session.
var ErrNotLoggedIn = errors.New("not logged in: run eoffice login first")

// LoadCredentials reads a saved session.
func LoadCredentials(path string) (identityapi.Token, error) {
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return identityapi.Token{}, ErrNotLoggedIn
	}
	if err != nil {
		return identityapi.Token{}, err
	}
	var t identityapi.Token
	err = json.Unmarshal(raw, &t)
	if err != nil || t.AccessToken == "" {
		return identityapi.Token{}, fmt.Errorf("%s is damaged (run eoffice login again): %v", path, err)
	}
	return t, nil
}

// SaveCredentials writes the session readable by its owner only; it writes
// a temporary file and renames it so that a crash never leaves half a file.
func SaveCredentials(path string, t identityapi.Token) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	raw, err := json.MarshalIndent(t, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".credentials-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(raw); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// RemoveCredentials forgets the session; no session is not an error.
func RemoveCredentials(path string) error {
	err := os.Remove(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
