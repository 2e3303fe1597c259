// Package csctest is a Cloud Signature Consortium API v2 service over
// httptest, for tests of csc and of code that signs through it. Its keys
// come from any signing.KeyStore (in practice the local CA), one
// credential per mapped signer.
package csctest

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/eoffice-vn/eoffice/pkg/signing"
	"github.com/eoffice-vn/eoffice/pkg/signing/csc"
)

// Server is a running test service. Close it when done.
type Server struct {
	*httptest.Server
	ClientID, ClientSecret string

	keys  signing.KeyStore
	creds map[string]signing.Identity

	mu     sync.Mutex
	tokens map[string]bool

	signCalls atomic.Int64
}

// New starts a service whose credentials (credentialID → signer) sign with
// keys from keys.
func New(keys signing.KeyStore, creds map[string]signing.Identity) *Server {
	s := &Server{
		ClientID: "client-" + randHex(4), ClientSecret: randHex(16),
		keys: keys, creds: creds, tokens: map[string]bool{},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /csc/v2/info", s.info)
	mux.HandleFunc("POST /csc/v2/oauth2/token", s.oauthToken)
	mux.HandleFunc("POST /csc/v2/auth/login", s.login)
	mux.HandleFunc("POST /csc/v2/credentials/list", s.authed(s.list))
	mux.HandleFunc("POST /csc/v2/credentials/info", s.authed(s.credInfo))
	mux.HandleFunc("POST /csc/v2/signatures/signHash", s.authed(s.signHash))
	s.Server = httptest.NewServer(mux)
	return s
}

// Config is a client configuration for this server mapping each signer to
// its credential.
func (s *Server) Config(auth string) csc.Config {
	m := map[string]string{}
	for id, who := range s.creds {
		m[who.Key()] = id
	}
	return csc.Config{BaseURL: s.URL, ClientID: s.ClientID, ClientSecret: s.ClientSecret, Auth: auth, Credentials: m, HTTPClient: s.Client()}
}

// SignCalls counts signHash calls that signed.
func (s *Server) SignCalls() int64 { return s.signCalls.Load() }

// RevokeTokens forgets every access token, as a service does when they
// expire.
func (s *Server) RevokeTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.tokens)
}

func (s *Server) info(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, csc.InfoResponse{
		Specs: "2.0.0.0", Name: "eoffice CSC test service", Region: "VN", Lang: "vi",
		AuthType: []string{"basic", "oauth2client"},
		Methods:  []string{"info", "auth/login", "oauth2/token", "credentials/list", "credentials/info", "signatures/signHash"},
	})
}

func (s *Server) oauthToken(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || r.PostForm.Get("grant_type") != "client_credentials" {
		fail(w, http.StatusBadRequest, "invalid_request", "grant_type must be client_credentials")
		return
	}
	if !s.client(r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")) {
		fail(w, http.StatusUnauthorized, "invalid_client", "unknown client")
		return
	}
	writeJSON(w, http.StatusOK, csc.TokenResponse{AccessToken: s.issue(), TokenType: "Bearer", ExpiresIn: 3600})
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	id, secret, ok := r.BasicAuth()
	if !ok || !s.client(id, secret) {
		fail(w, http.StatusUnauthorized, "invalid_client", "bad basic credentials")
		return
	}
	writeJSON(w, http.StatusOK, csc.TokenResponse{AccessToken: s.issue(), ExpiresIn: 3600})
}

func (s *Server) client(id, secret string) bool {
	return subtle.ConstantTimeCompare([]byte(id), []byte(s.ClientID)) == 1 &&
		subtle.ConstantTimeCompare([]byte(secret), []byte(s.ClientSecret)) == 1
}

func (s *Server) issue() string {
	t := randHex(16)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens[t] = true
	return t
}

func (s *Server) authed(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		s.mu.Lock()
		valid := ok && s.tokens[tok]
		s.mu.Unlock()
		if !valid {
			fail(w, http.StatusUnauthorized, "invalid_token", "missing or unknown access token")
			return
		}
		h(w, r)
	}
}

func (s *Server) list(w http.ResponseWriter, _ *http.Request) {
	ids := make([]string, 0, len(s.creds))
	for id := range s.creds {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	writeJSON(w, http.StatusOK, csc.CredentialsListResponse{CredentialIDs: ids})
}

func (s *Server) credInfo(w http.ResponseWriter, r *http.Request) {
	var req csc.CredentialsInfoRequest
	key, ok := s.credential(w, r, &req, func() string { return req.CredentialID })
	if !ok {
		return
	}
	resp := csc.CredentialsInfoResponse{Auth: csc.AuthInfo{Mode: "implicit"}, SCAL: "1", Multisign: 1}
	switch pub := key.Signer.Public().(type) {
	case *ecdsa.PublicKey:
		resp.Key = csc.KeyInfo{Status: "enabled", Algo: []string{csc.OIDECDSAWithSHA256, csc.OIDECDSAWithSHA384, csc.OIDECDSAWithSHA512}, Len: pub.Curve.Params().BitSize, Curve: pub.Curve.Params().Name}
	case *rsa.PublicKey:
		resp.Key = csc.KeyInfo{Status: "enabled", Algo: []string{csc.OIDRSAEncryption}, Len: pub.N.BitLen()}
	}
	certs := key.Chain
	switch req.Certificates {
	case "none":
		certs = nil
	case "", "single":
		certs = certs[:1]
	}
	leaf := key.Certificate()
	resp.Cert = csc.CertInfo{Status: "valid", SubjectDN: leaf.Subject.String(), IssuerDN: leaf.Issuer.String(), SerialNumber: leaf.SerialNumber.Text(16),
		ValidFrom: leaf.NotBefore.UTC().Format("20060102150405Z"), ValidTo: leaf.NotAfter.UTC().Format("20060102150405Z")}
	for _, c := range certs {
		resp.Cert.Certificates = append(resp.Cert.Certificates, base64.StdEncoding.EncodeToString(c.Raw))
	}
	writeJSON(w, http.StatusOK, resp)
}

func (s *Server) signHash(w http.ResponseWriter, r *http.Request) {
	var req csc.SignHashRequest
	key, ok := s.credential(w, r, &req, func() string { return req.CredentialID })
	if !ok {
		return
	}
	hash, ok := map[string]crypto.Hash{csc.OIDSHA256: crypto.SHA256, csc.OIDSHA384: crypto.SHA384, csc.OIDSHA512: crypto.SHA512}[req.HashAlgorithmOID]
	if !ok {
		fail(w, http.StatusBadRequest, "invalid_request", "unsupported hashAlgorithmOID")
		return
	}
	var want string
	switch key.Signer.Public().(type) {
	case *ecdsa.PublicKey:
		want = map[crypto.Hash]string{crypto.SHA256: csc.OIDECDSAWithSHA256, crypto.SHA384: csc.OIDECDSAWithSHA384, crypto.SHA512: csc.OIDECDSAWithSHA512}[hash]
	case *rsa.PublicKey:
		want = csc.OIDRSAEncryption
	}
	if req.SignAlgo != want {
		fail(w, http.StatusBadRequest, "invalid_request", fmt.Sprintf("signAlgo %s does not fit the key, want %s", req.SignAlgo, want))
		return
	}
	if len(req.Hashes) == 0 {
		fail(w, http.StatusBadRequest, "invalid_request", "no hashes")
		return
	}
	var resp csc.SignHashResponse
	for _, h := range req.Hashes {
		digest, err := base64.StdEncoding.DecodeString(h)
		if err != nil || len(digest) != hash.Size() {
			fail(w, http.StatusBadRequest, "invalid_request", "hash is not a base64 digest of the named algorithm")
			return
		}
		sig, err := key.Signer.Sign(rand.Reader, digest, hash)
		if err != nil {
			fail(w, http.StatusInternalServerError, "server_error", err.Error())
			return
		}
		resp.Signatures = append(resp.Signatures, base64.StdEncoding.EncodeToString(sig))
	}
	s.signCalls.Add(1)
	writeJSON(w, http.StatusOK, resp)
}

// credential decodes the body into req and finds the key of the credential
// it names; on failure it has answered already.
func (s *Server) credential(w http.ResponseWriter, r *http.Request, req any, id func() string) (signing.Key, bool) {
	if err := json.NewDecoder(r.Body).Decode(req); err != nil {
		fail(w, http.StatusBadRequest, "invalid_request", err.Error())
		return signing.Key{}, false
	}
	who, ok := s.creds[id()]
	if !ok {
		fail(w, http.StatusBadRequest, "invalid_request", "unknown credentialID")
		return signing.Key{}, false
	}
	key, err := s.keys.Key(context.WithoutCancel(r.Context()), who)
	if err != nil {
		fail(w, http.StatusInternalServerError, "server_error", err.Error())
		return signing.Key{}, false
	}
	return key, true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func fail(w http.ResponseWriter, status int, code, detail string) {
	writeJSON(w, status, csc.ErrorResponse{Error: code, ErrorDescription: detail})
}

func randHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
