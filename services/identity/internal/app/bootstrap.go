package app

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"

	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
)

// AdminPasswordFile is where a generated bootstrap password is written,
// inside the data folder.
const AdminPasswordFile = "admin-password"

// BootstrapConfig says how to create the first administrator.
type BootstrapConfig struct {
	// Password from EOFFICE_BOOTSTRAP_ADMIN_PASSWORD; empty: generate one
	// into DataDir/admin-password.
	Password string
	DataDir  string
}

// BootstrapResult says what Bootstrap did.
type BootstrapResult struct {
	Created      bool
	PasswordFile string // the file holding a generated password, if any
}

// Bootstrap creates the administrator "admin" (no unit, role admin) when it
// does not exist, and does nothing when it does: a restart carries on, and
// a changed EOFFICE_BOOTSTRAP_ADMIN_PASSWORD does not reset the password.
// A generated password is written (mode 0600) before the transaction
// commits, so a committed administrator always has its password on disk;
// only the file's path is logged.
func (s *Identity) Bootstrap(ctx context.Context, cfg BootstrapConfig) (BootstrapResult, error) {
	exists, err := s.st.UsernameTaken(ctx, domain.BootstrapUsername)
	if err != nil || exists {
		return BootstrapResult{}, err
	}
	password, generated := cfg.Password, cfg.Password == ""
	if generated {
		if password, err = generatePassword(); err != nil {
			return BootstrapResult{}, err
		}
	} else if err := domain.CheckPasswordPolicy(domain.BootstrapUsername, password); err != nil {
		return BootstrapResult{}, fmt.Errorf("EOFFICE_BOOTSTRAP_ADMIN_PASSWORD %v", err)
	}
	hash, err := s.cfg.Hasher.Hash(password)
	if err != nil {
		return BootstrapResult{}, err
	}
	id, err := newID()
	if err != nil {
		return BootstrapResult{}, err
	}
	in := domain.UserInput{Username: domain.BootstrapUsername, FullName: "Administrator", Roles: []string{auth.RoleAdmin}}
	res := BootstrapResult{Created: true}
	err = s.st.InTx(ctx, func(ctx context.Context, w Writes) error {
		// insertUser checks the username again inside the transaction: a
		// replica that started at the same time may have been first.
		if _, err := s.insertUser(ctx, w, id, in, hash); err != nil {
			return err
		}
		if generated {
			res.PasswordFile = filepath.Join(cfg.DataDir, AdminPasswordFile)
			return writeSecret(res.PasswordFile, password+"\n")
		}
		return nil
	})
	if errors.Is(err, apperr.ErrConflict) {
		return BootstrapResult{}, nil
	}
	if err != nil {
		return BootstrapResult{}, fmt.Errorf("bootstrap administrator: %w", err)
	}
	if generated {
		s.cfg.Logger.InfoContext(ctx, "bootstrap administrator created; its generated password is in password_file",
			"username", domain.BootstrapUsername, "password_file", res.PasswordFile)
	} else {
		s.cfg.Logger.InfoContext(ctx, "bootstrap administrator created with the password of EOFFICE_BOOTSTRAP_ADMIN_PASSWORD",
			"username", domain.BootstrapUsername)
	}
	return res, nil
}

// generatePassword returns 144 random bits as 24 URL-safe characters.
func generatePassword() (string, error) {
	for {
		b := make([]byte, 18)
		if _, err := rand.Read(b); err != nil {
			return "", fmt.Errorf("generate password: %w", err)
		}
		p := base64.RawURLEncoding.EncodeToString(b)
		if domain.CheckPasswordPolicy(domain.BootstrapUsername, p) == nil {
			return p, nil
		}
	}
}

// writeSecret replaces path with content, readable by the owner only. The
// temporary file is created 0600, so the secret is never readable by
// others, not even for a moment.
func writeSecret(path, content string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	f, err := os.CreateTemp(dir, ".admin-password-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(f.Name()) // no-op after the rename
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if _, err := f.WriteString(content); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
