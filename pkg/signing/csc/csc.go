// Package csc is a key store backed by a remote signing service speaking
// the Cloud Signature Consortium API v2: the private keys stay with the
// provider, which signs the digests this package sends.
//
// Supported: service authentication by OAuth2 client credentials
// (/csc/v2/oauth2/token) or HTTP basic (/csc/v2/auth/login), credentials
// whose signing needs no per-signature authorisation (auth mode
// "implicit", no SAD); credentials/authorize with a user's PIN or OTP is
// not implemented.
package csc

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/signing"
)

// Auth types a Config may name.
const (
	AuthOAuth2Client = "oauth2client"
	AuthBasic        = "basic"
)

// Config points at a CSC v2 service.
type Config struct {
	// BaseURL is the service root; routes are under BaseURL/csc/v2/.
	BaseURL                string
	ClientID, ClientSecret string
	// Auth is AuthOAuth2Client (default) or AuthBasic.
	Auth string
	// Credentials maps a signer (signing.Identity.Key(): "person:<id>",
	// "agency:<id>") to the provider's credentialID.
	Credentials map[string]string
	// HTTPClient defaults to one with a 30 s timeout.
	HTTPClient *http.Client
}

// Client is a signing.KeyStore over a CSC v2 service.
type Client struct {
	cfg  Config
	http *http.Client

	mu      sync.Mutex
	token   string
	expires time.Time
}

// ErrNoCredential is returned for a signer with no credential mapped.
var ErrNoCredential = errors.New("csc: no credential for signer")

// Error is a failed call, with the service's error code.
type Error struct {
	Route  string
	Status int
	Code   string
	Detail string
}

func (e *Error) Error() string {
	return fmt.Sprintf("csc: %s: %d %s %s", e.Route, e.Status, e.Code, e.Detail)
}

// New checks cfg and returns a client; it does not call the service.
func New(cfg Config) (*Client, error) {
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("csc: base URL %q is not an http(s) URL", cfg.BaseURL)
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	switch cfg.Auth {
	case "":
		cfg.Auth = AuthOAuth2Client
	case AuthOAuth2Client, AuthBasic:
	default:
		return nil, fmt.Errorf("csc: auth %q is neither %q nor %q", cfg.Auth, AuthOAuth2Client, AuthBasic)
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	return &Client{cfg: cfg, http: hc}, nil
}

// Info calls /csc/v2/info, which needs no authentication.
func (c *Client) Info(ctx context.Context) (InfoResponse, error) {
	var out InfoResponse
	err := c.post(ctx, "info", "", struct{}{}, &out)
	return out, err
}

// ListCredentials calls /csc/v2/credentials/list.
func (c *Client) ListCredentials(ctx context.Context) ([]string, error) {
	var out CredentialsListResponse
	if err := c.call(ctx, "credentials/list", CredentialsListRequest{}, &out); err != nil {
		return nil, err
	}
	return out.CredentialIDs, nil
}

// Key reads the signer's certificate chain from credentials/info and
// returns a crypto.Signer whose Sign calls signatures/signHash under ctx.
func (c *Client) Key(ctx context.Context, who signing.Identity) (signing.Key, error) {
	if err := who.Validate(); err != nil {
		return signing.Key{}, err
	}
	credID, ok := c.cfg.Credentials[who.Key()]
	if !ok {
		return signing.Key{}, fmt.Errorf("%w: %s", ErrNoCredential, who.Key())
	}
	var info CredentialsInfoResponse
	req := CredentialsInfoRequest{CredentialID: credID, Certificates: "chain", CertInfo: true, AuthInfo: true}
	if err := c.call(ctx, "credentials/info", req, &info); err != nil {
		return signing.Key{}, err
	}
	if info.Key.Status != "" && info.Key.Status != "enabled" {
		return signing.Key{}, fmt.Errorf("csc: credential %s: key is %s", credID, info.Key.Status)
	}
	if info.Auth.Mode != "" && info.Auth.Mode != "implicit" {
		return signing.Key{}, fmt.Errorf("csc: credential %s needs %s authorisation, which is not supported", credID, info.Auth.Mode)
	}
	var chain []*x509.Certificate
	for i, b64 := range info.Cert.Certificates {
		der, err := base64.StdEncoding.DecodeString(b64)
		if err != nil {
			return signing.Key{}, fmt.Errorf("csc: credential %s certificate %d: %w", credID, i, err)
		}
		cert, err := x509.ParseCertificate(der)
		if err != nil {
			return signing.Key{}, fmt.Errorf("csc: credential %s certificate %d: %w", credID, i, err)
		}
		chain = append(chain, cert)
	}
	if len(chain) == 0 {
		return signing.Key{}, fmt.Errorf("csc: credential %s has no certificate", credID)
	}
	return signing.Key{Signer: &remoteSigner{c: c, ctx: ctx, credID: credID, pub: chain[0].PublicKey}, Chain: chain}, nil
}

// remoteSigner signs a digest by one signHash call.
type remoteSigner struct {
	c      *Client
	ctx    context.Context
	credID string
	pub    crypto.PublicKey
}

func (s *remoteSigner) Public() crypto.PublicKey { return s.pub }

func (s *remoteSigner) Sign(_ io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	hashOID, signAlgo, err := algorithms(s.pub, opts)
	if err != nil {
		return nil, err
	}
	req := SignHashRequest{
		CredentialID: s.credID, Hashes: []string{base64.StdEncoding.EncodeToString(digest)},
		HashAlgorithmOID: hashOID, SignAlgo: signAlgo, OperationMode: "S",
	}
	var out SignHashResponse
	if err := s.c.call(s.ctx, "signatures/signHash", req, &out); err != nil {
		return nil, err
	}
	if len(out.Signatures) != 1 {
		return nil, fmt.Errorf("csc: signHash returned %d signatures for 1 hash", len(out.Signatures))
	}
	return base64.StdEncoding.DecodeString(out.Signatures[0])
}

// algorithms names the hash and the signature algorithm for signHash. An
// ECDSA signature comes back DER-encoded, as crypto.Signer returns it;
// RSA is PKCS#1 v1.5 (rsaEncryption with the hash OID beside it).
func algorithms(pub crypto.PublicKey, opts crypto.SignerOpts) (hashOID, signAlgo string, err error) {
	if _, pss := opts.(*rsa.PSSOptions); pss {
		return "", "", errors.New("csc: RSA-PSS is not supported")
	}
	hashes := map[crypto.Hash][2]string{
		crypto.SHA256: {OIDSHA256, OIDECDSAWithSHA256},
		crypto.SHA384: {OIDSHA384, OIDECDSAWithSHA384},
		crypto.SHA512: {OIDSHA512, OIDECDSAWithSHA512},
	}
	h, ok := hashes[opts.HashFunc()]
	if !ok {
		return "", "", fmt.Errorf("csc: hash %v is not supported", opts.HashFunc())
	}
	switch pub.(type) {
	case *ecdsa.PublicKey:
		return h[0], h[1], nil
	case *rsa.PublicKey:
		return h[0], OIDRSAEncryption, nil
	}
	return "", "", fmt.Errorf("csc: key type %T is not supported", pub)
}
