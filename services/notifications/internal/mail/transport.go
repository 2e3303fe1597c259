package mail

import (
	"context"
	"fmt"
	"net/mail"
	"os"
	"path/filepath"
	"strings"

	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// Transport hands one message over.
type Transport interface {
	Send(ctx context.Context, e domain.Email) error
}

// Dir writes each message as <dir>/<id>.eml, for the one-machine stack with
// no mail server. A temporary file renamed into place means a reader never
// sees half a message, and writing the same e-mail again replaces it.
type Dir struct {
	Path string
	From mail.Address
}

// Send writes e.
func (d Dir) Send(_ context.Context, e domain.Email) error {
	if err := os.MkdirAll(d.Path, 0o700); err != nil {
		return fmt.Errorf("mail dir: %w", err)
	}
	name := strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == '.' {
			return '_'
		}
		return r
	}, e.ID) + ".eml"
	tmp, err := os.CreateTemp(d.Path, ".tmp-*")
	if err != nil {
		return fmt.Errorf("mail dir: %w", err)
	}
	renamed := false
	defer func() {
		if !renamed { // a failed write leaves no temporary file behind
			os.Remove(tmp.Name())
		}
	}()
	msg, err := Compose(e, d.From)
	if err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(msg); err != nil {
		tmp.Close()
		return fmt.Errorf("mail dir: %w", err)
	}
	// No fsync: the bar is a killed process, which the page cache survives
	// (as SQLite's synchronous=NORMAL), and a lost file after a power cut
	// is a dev drop folder's loss. Syncing each file cost half of
	// notifications' CPU during a fan-out's 3,000 e-mails.
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("mail dir: %w", err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(d.Path, name)); err != nil {
		return fmt.Errorf("mail dir: %w", err)
	}
	renamed = true // the name is gone: removing it would be a wasted system call per e-mail
	return nil
}
