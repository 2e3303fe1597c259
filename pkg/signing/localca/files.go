package localca

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"github.com/eoffice-vn/eoffice/pkg/signing"
)

// encode keeps a certificate and its key in one PEM file, so they are
// created (and replaced) together by one link or rename.
func encode(der []byte, key *ecdsa.PrivateKey) ([]byte, error) {
	pk, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, err
	}
	out := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	return append(out, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pk})...), nil
}

func load(path string) (*x509.Certificate, crypto.Signer, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	var cert *x509.Certificate
	var key crypto.Signer
	for block, rest := pem.Decode(data); block != nil; block, rest = pem.Decode(rest) {
		switch block.Type {
		case "CERTIFICATE":
			if cert, err = x509.ParseCertificate(block.Bytes); err != nil {
				return nil, nil, err
			}
		case "PRIVATE KEY":
			k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
			if err != nil {
				return nil, nil, err
			}
			s, ok := k.(crypto.Signer)
			if !ok {
				return nil, nil, fmt.Errorf("%s: key of type %T cannot sign", path, k)
			}
			key = s
		}
	}
	if cert == nil || key == nil {
		return nil, nil, fmt.Errorf("%s: certificate or key missing", path)
	}
	return cert, key, nil
}

// createOnce writes data to path unless path exists; losing the race to
// another writer is not an error, the caller reads whichever won.
func createOnce(path string, data []byte) error {
	tmp, err := writeTemp(path, data)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if err := os.Link(tmp, path); err != nil && !errors.Is(err, os.ErrExist) {
		return err
	}
	return nil
}

// replace swaps path's content atomically.
func replace(path string, data []byte) error {
	tmp, err := writeTemp(path, data)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	return nil
}

// writeTemp writes a 0600 file next to path, synced, so a link or rename
// never exposes a half-written key.
func writeTemp(path string, data []byte) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return "", err
	}
	name := f.Name()
	err = f.Chmod(0o600)
	if err == nil {
		_, err = f.Write(data)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(name)
		return "", err
	}
	return name, nil
}

var safeName = regexp.MustCompile(`^[A-Za-z0-9._-]{1,100}$`)

// fileName is "<kind>-<id>.pem"; ids that are not plain file names are
// hashed, so no id can reach outside the folder.
func fileName(who signing.Identity) string {
	id := who.ID
	if !safeName.MatchString(id) || id[0] == '.' {
		sum := sha256.Sum256([]byte(id))
		id = "h" + hex.EncodeToString(sum[:16])
	}
	return string(who.Kind) + "-" + id + ".pem"
}
