// Package folder is the transport for sites that carry packages by other
// means: outgoing messages are written as .edxml files into one folder,
// incoming ones are read from another, in which whoever carries them drops
// them. Files taken in are moved to a processed/ folder, never deleted.
package folder

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/services/exchange/internal/transport"
)

// Ext is the file name extension of a message.
const Ext = ".edxml"

// Processed is the folder, under the in folder, that acknowledged files move to.
const Processed = "processed"

// DefaultSettle is how long a file must be left unchanged before it is
// taken in: a carrier that copies a package into the folder in place
// (not under another name, then renamed) must not have half of it read,
// refused as broken and moved away.
const DefaultSettle = 2 * time.Second

// Folder is a transport over two folders.
type Folder struct {
	in, out string
	settle  time.Duration
}

var _ transport.Transport = (*Folder)(nil)

// Option adjusts a Folder.
type Option func(*Folder)

// WithSettle replaces DefaultSettle.
func WithSettle(d time.Duration) Option { return func(f *Folder) { f.settle = d } }

// New returns the transport reading from inDir and writing into outDir;
// both are created when missing.
func New(inDir, outDir string, opts ...Option) (*Folder, error) {
	for _, d := range []string{filepath.Join(inDir, Processed), outDir} {
		if err := os.MkdirAll(d, 0o750); err != nil {
			return nil, fmt.Errorf("folder transport: %w", err)
		}
	}
	f := &Folder{in: inDir, out: outDir, settle: DefaultSettle}
	for _, o := range opts {
		o(f)
	}
	return f, nil
}

// Send writes m's body to <key>.edxml in the out folder, whole or not at
// all (a temporary file renamed into place), so that whoever picks files up
// never sees half of one. A repeat with the same key rewrites the same file.
func (f *Folder) Send(_ context.Context, key string, m transport.Message) (string, error) {
	if err := checkName(key); err != nil {
		return "", err
	}
	name := key + Ext
	tmp, err := os.CreateTemp(f.out, "."+key+".*.tmp")
	if err != nil {
		return "", fmt.Errorf("folder send: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	if _, err := tmp.Write(m.Body); err != nil {
		tmp.Close()
		return "", fmt.Errorf("folder send: %w", err)
	}
	// The file must be on disk before its name is: a crash after the
	// rename must not leave an empty package behind.
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", fmt.Errorf("folder send: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("folder send: %w", err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(f.out, name)); err != nil {
		return "", fmt.Errorf("folder send: %w", err)
	}
	return name, syncDir(f.out)
}

// Pending reads up to max .edxml files of the in folder, oldest first,
// leaving those changed within the settle time for a later call.
// Their type and parties come from the edXML header; a file whose header
// cannot be read is still offered (as an edoc), so the service refuses it
// with a reason instead of it lying there unseen.
func (f *Folder) Pending(ctx context.Context, max int) ([]transport.Message, error) {
	entries, err := os.ReadDir(f.in)
	if err != nil {
		return nil, fmt.Errorf("folder pending: %w", err)
	}
	type file struct {
		name string
		mod  time.Time
	}
	var files []file
	settled := time.Now().Add(-f.settle)
	for _, e := range entries {
		if !e.Type().IsRegular() || !strings.HasSuffix(e.Name(), Ext) || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		info, err := e.Info()
		if err != nil || info.ModTime().After(settled) {
			continue // gone meanwhile, or still being written
		}
		files = append(files, file{e.Name(), info.ModTime()})
	}
	sort.Slice(files, func(i, j int) bool {
		if !files[i].mod.Equal(files[j].mod) {
			return files[i].mod.Before(files[j].mod)
		}
		return files[i].name < files[j].name
	})
	var out []transport.Message
	for _, fl := range files {
		if len(out) >= max {
			break
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		body, err := readFile(filepath.Join(f.in, fl.name))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("folder pending: %w", err)
		}
		m := transport.Message{Ref: fl.name, Type: transport.TypeEdoc, Body: body}
		if h, err := transport.Peek(body); err == nil {
			m.Type, m.From = h.Type, h.From
			if len(h.To) > 0 {
				m.To = h.To[0]
			}
		}
		out = append(out, m)
	}
	return out, nil
}

// readFile reads at most transport.MaxBody+1 bytes: a larger file arrives
// cut, and the service refuses it as too large or broken.
func readFile(path string) ([]byte, error) {
	fl, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fl.Close()
	return io.ReadAll(io.LimitReader(fl, transport.MaxBody+1))
}

// Ack moves the file ref to the processed folder.
func (f *Folder) Ack(_ context.Context, ref string) error {
	if err := checkName(strings.TrimSuffix(ref, Ext)); err != nil || !strings.HasSuffix(ref, Ext) {
		return fmt.Errorf("folder ack: bad ref %q", ref)
	}
	err := os.Rename(filepath.Join(f.in, ref), filepath.Join(f.in, Processed, ref))
	if errors.Is(err, os.ErrNotExist) {
		// Acknowledged before (a retried Ack): already moved.
		if _, serr := os.Stat(filepath.Join(f.in, Processed, ref)); serr == nil {
			return nil
		}
	}
	if err != nil {
		return fmt.Errorf("folder ack: %w", err)
	}
	return nil
}

// Delivered is true once the file is written: nothing further can be
// known of a folder.
func (f *Folder) Delivered(context.Context, string) (bool, error) { return true, nil }

// Announce does nothing: a folder has no addressees to tell.
func (f *Folder) Announce(context.Context, []string) error { return nil }

// checkName refuses a key that is not a plain file name.
func checkName(key string) error {
	if key == "" || key == "." || key == ".." || strings.HasPrefix(key, ".") || strings.ContainsAny(key, `/\`+"\x00") {
		return fmt.Errorf("folder transport: %q is not a usable file name", key)
	}
	return nil
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("folder send: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("folder send: %w", err)
	}
	return nil
}
