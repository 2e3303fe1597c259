package app

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"time"

	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
)

// DefaultKeyRotation is how old a signing key gets before the schedule
// replaces it.
const DefaultKeyRotation = 30 * 24 * time.Hour

// keyOverlap is how long past its retirement a key stays published beyond
// the access-token lifetime: longer than the verifiers' clock-skew
// allowance, auth.ClockLeeway.
const keyOverlap = time.Minute

// KeyLead is how long a new key is published before it signs: longer than
// a verifier's JWKS can be stale (auth.CheckKeyLead, checked at start), so
// every verifier has the key before it meets a token it signed. The old
// key signs until then.
const KeyLead = time.Minute

// Rotation says what a rotation did.
type Rotation struct {
	Rotated bool      // false when another replica rotated first
	Kid     string    // the newest key: it signs from SignsFrom
	From    time.Time // when Kid starts signing
}

// RotateKeys retires the signing key and creates the next one at once; an
// administrator's request, or `identity rotate-keys`.
func (s *Identity) RotateKeys(ctx context.Context) (Rotation, error) {
	if err := s.requireAdmin(ctx); err != nil {
		return Rotation{}, err
	}
	return s.rotate(ctx, s.now())
}

// RotateKeysNow is RotateKeys without a caller, for the command line.
func (s *Identity) RotateKeysNow(ctx context.Context) (Rotation, error) {
	return s.rotate(ctx, s.now())
}

// RotateIfDue rotates when the signing key is older than the rotation
// interval. Replicas may call it at the same time: the database decides,
// and only one of them rotates.
func (s *Identity) RotateIfDue(ctx context.Context) (Rotation, error) {
	return s.rotate(ctx, s.now().Add(-s.cfg.KeyRotation))
}

// rotate retires the keys created at or before cutoff that still sign and,
// if it retired one, adds a new signing key in the same transaction. The
// retired key stays in the JWKS until every token it signed has expired.
func (s *Identity) rotate(ctx context.Context, cutoff time.Time) (Rotation, error) {
	var r Rotation
	err := s.st.InTx(ctx, func(ctx context.Context, w Writes) error {
		now := s.now()
		switchAt := now.Add(KeyLead)
		n, err := w.RetireSigningKeys(ctx, cutoff, switchAt, switchAt.Add(s.cfg.AccessTTL+keyOverlap))
		if err != nil {
			return err
		}
		if n == 0 {
			k, err := w.ActiveSigningKey(ctx, now)
			r.Kid = k.Kid
			return err
		}
		_, priv, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			return fmt.Errorf("generate signing key: %w", err)
		}
		k := domain.SigningKey{Private: priv, CreatedAt: now, ActivatesAt: switchAt}
		k.Kid = Thumbprint(k.Public())
		r = Rotation{Rotated: true, Kid: k.Kid, From: switchAt}
		return w.InsertSigningKey(ctx, k)
	})
	if err != nil {
		return Rotation{}, err
	}
	if r.Rotated {
		s.cfg.Logger.InfoContext(ctx, "signing key rotated", "kid", r.Kid, "signs_from", r.From)
	}
	return r, nil
}

// KeyWorker rotates the signing key on schedule and prunes old login
// counters; it runs as a svc.Worker until ctx ends. every is how often it
// looks (the rotation itself happens once per interval).
func (s *Identity) KeyWorker(every time.Duration) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			if _, err := s.RotateIfDue(ctx); err != nil && ctx.Err() == nil {
				s.cfg.Logger.ErrorContext(ctx, "scheduled key rotation failed", "error", err)
			}
			if _, err := s.PruneThrottle(ctx); err != nil && ctx.Err() == nil {
				s.cfg.Logger.WarnContext(ctx, "pruning login counters failed", "error", err)
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-t.C:
			}
		}
	}
}

// KeyDue is when the signing key in use falls due for rotation; past it,
// the schedule (KeyWorker) is not rotating.
func (s *Identity) KeyDue(ctx context.Context) (time.Time, error) {
	k, err := s.st.ActiveSigningKey(ctx, s.now())
	if err != nil {
		return time.Time{}, err
	}
	return k.CreatedAt.Add(s.cfg.KeyRotation), nil
}
