package auth

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
)

// AccessTokenTTL is how long an access token lives (API.md); identity
// issues them for it and verifiers cache keys no longer than it.
const AccessTokenTTL = 15 * time.Minute

// ClockLeeway absorbs clock skew between identity and the verifying host:
// a token is accepted until this long past its expiry.
const ClockLeeway = 30 * time.Second

const (
	// minRefetch bounds how often tokens with unknown kids (forged or from a
	// key not yet published) can make us call identity.
	minRefetch = KeyRefetchInterval
	// maxKeyAge makes a key identity withdrew stop verifying without a
	// restart, within one access-token lifetime.
	maxKeyAge = AccessTokenTTL
	// fetchTimeout bounds a shared fetch, which runs detached from the
	// request that started it.
	fetchTimeout = 10 * time.Second
	maxJWKSBytes = 1 << 20
)

// Verifier checks access tokens locally against identity's JWKS. It is safe
// for concurrent use.
type Verifier struct {
	jwksURL string
	source  KeySource // instead of jwksURL when set
	client  *http.Client
	now     func() time.Time
	parser  *jwt.Parser

	mu          sync.Mutex
	keys        map[string]ed25519.PublicKey
	fetchedAt   time.Time // last successful fetch
	lastAttempt time.Time
	lastErr     error         // of the last attempt; nil after a success
	inflight    chan struct{} // closed when the running fetch ends

	verified map[string]verifiedToken // by raw token, under mu
}

// verifiedToken is a token whose signature and claims checked out: a
// repeat of the same bytes skips the parse and the ed25519 check (a tenth
// of a busy service's CPU), but not the expiry nor the key: its key must
// still be the one Verify would use now, so a withdrawn key stops it as
// before.
type verifiedToken struct {
	claims Claims
	kid    string
	key    ed25519.PublicKey
	exp    time.Time
}

// maxVerified bounds the verified-token cache; when full it starts over.
const maxVerified = 1024

// VerifierOption configures a Verifier.
type VerifierOption func(*Verifier)

// WithHTTPClient sets the client that fetches the JWKS.
func WithHTTPClient(c *http.Client) VerifierOption { return func(v *Verifier) { v.client = c } }

// WithKeys preloads keys, mainly for tests; with an empty jwksURL they are
// the only keys ever used.
func WithKeys(set JWKSet) VerifierOption {
	return func(v *Verifier) { v.keys = ed25519Keys(set) }
}

// KeySource returns the current public keys; identity verifies its own
// tokens with one reading its key store, so it never calls itself over HTTP.
type KeySource func(ctx context.Context) (JWKSet, error)

// WithKeySource makes the Verifier take its keys from src instead of
// fetching the JWKS URL, with the same caching and refetch spacing: an
// unknown kid or an old cache asks src again.
func WithKeySource(src KeySource) VerifierOption { return func(v *Verifier) { v.source = src } }

// WithClock sets the time used for token validation and key refreshes.
func WithClock(now func() time.Time) VerifierOption { return func(v *Verifier) { v.now = now } }

// NewVerifier returns a Verifier accepting EdDSA tokens from issuer for
// Audience, with keys from jwksURL. Nothing is fetched until the first
// Verify, so services start even while identity is still starting.
func NewVerifier(jwksURL, issuer string, opts ...VerifierOption) *Verifier {
	v := &Verifier{
		jwksURL: jwksURL,
		client:  &http.Client{Transport: otelhttp.NewTransport(http.DefaultTransport)},
		now:     time.Now,
	}
	for _, o := range opts {
		o(v)
	}
	if v.keys != nil {
		v.fetchedAt = v.now()
	}
	v.parser = jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodEdDSA.Alg()}),
		jwt.WithIssuer(issuer),
		jwt.WithAudience(Audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(ClockLeeway),
		jwt.WithTimeFunc(v.now),
	)
	return v
}

// Verify checks raw and returns its caller. Every error wraps
// ErrUnauthorized.
func (v *Verifier) Verify(ctx context.Context, raw string) (Principal, error) {
	if raw == "" {
		return Principal{}, fmt.Errorf("%w: missing token", ErrUnauthorized)
	}
	if c, ok := v.seen(ctx, raw); ok {
		return c.Principal(raw), nil
	}
	var c Claims
	var kid string
	var key ed25519.PublicKey
	_, err := v.parser.ParseWithClaims(raw, &c, func(t *jwt.Token) (any, error) {
		kid, _ = t.Header["kid"].(string)
		if kid == "" {
			return nil, errors.New("token has no kid")
		}
		var err error
		key, err = v.key(ctx, kid)
		return key, err
	})
	if err != nil {
		return Principal{}, fmt.Errorf("%w: %w", ErrUnauthorized, err)
	}
	if c.Subject == "" {
		return Principal{}, fmt.Errorf("%w: token has no sub", ErrUnauthorized)
	}
	v.remember(raw, verifiedToken{claims: c, kid: kid, key: key, exp: c.ExpiresAt.Time})
	return c.Principal(raw), nil
}

// seen returns the claims of raw when it verified before, has not expired
// and its key is still current.
func (v *Verifier) seen(ctx context.Context, raw string) (Claims, bool) {
	v.mu.Lock()
	e, ok := v.verified[raw]
	v.mu.Unlock()
	if !ok || !v.now().Before(e.exp.Add(ClockLeeway)) {
		return Claims{}, false
	}
	key, err := v.key(ctx, e.kid)
	if err != nil || !key.Equal(e.key) {
		return Claims{}, false
	}
	return e.claims, true
}

func (v *Verifier) remember(raw string, e verifiedToken) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.verified == nil || len(v.verified) >= maxVerified {
		v.verified = make(map[string]verifiedToken)
	}
	v.verified[raw] = e
}

// key finds kid, fetching the JWKS when kid is unknown or the cache is old.
// At most one fetch runs at a time and attempts are spaced by minRefetch;
// a failed fetch keeps serving the keys already known.
func (v *Verifier) key(ctx context.Context, kid string) (ed25519.PublicKey, error) {
	fetched := false
	for {
		v.mu.Lock()
		key, ok := v.keys[kid]
		static := v.jwksURL == "" && v.source == nil
		if ok && (fetched || static || v.now().Sub(v.fetchedAt) < maxKeyAge) {
			v.mu.Unlock()
			return key, nil
		}
		if fetched || static {
			err := v.lastErr
			v.mu.Unlock()
			if err != nil {
				return nil, err
			}
			return nil, fmt.Errorf("unknown kid %q", kid)
		}
		wait := v.inflight
		if wait == nil && v.now().Sub(v.lastAttempt) < minRefetch {
			v.mu.Unlock()
			fetched = true // rate-limited: answer from what the last attempt left
			continue
		}
		if wait == nil {
			wait = make(chan struct{})
			v.inflight = wait
			v.lastAttempt = v.now()
			// Detached so one caller giving up does not fail the others.
			go v.refresh(context.WithoutCancel(ctx), wait)
		}
		v.mu.Unlock()
		select {
		case <-wait:
			fetched = true
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

func (v *Verifier) refresh(ctx context.Context, done chan struct{}) {
	ctx, cancel := context.WithTimeout(ctx, fetchTimeout)
	defer cancel()
	keys, err := v.fetch(ctx)
	v.mu.Lock()
	defer v.mu.Unlock()
	if err != nil {
		v.lastErr = fmt.Errorf("%w: %w", ErrKeysUnavailable, err)
	} else {
		v.keys, v.fetchedAt, v.lastErr = keys, v.now(), nil
	}
	v.inflight = nil
	close(done)
}

func (v *Verifier) fetch(ctx context.Context) (map[string]ed25519.PublicKey, error) {
	if v.source != nil {
		set, err := v.source(ctx)
		if err != nil {
			return nil, fmt.Errorf("key source: %w", err)
		}
		return ed25519Keys(set), nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, v.jwksURL, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := v.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", v.jwksURL, resp.Status)
	}
	var set JWKSet
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxJWKSBytes)).Decode(&set); err != nil {
		return nil, fmt.Errorf("GET %s: %w", v.jwksURL, err)
	}
	return ed25519Keys(set), nil
}
