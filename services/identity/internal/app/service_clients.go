package app

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"

	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
)

// ServiceClient is a client the deployment's own services use for
// background calls to each other (pkg/servicetoken); its id is fixed and
// its secret comes from a setting, not from an administrator.
type ServiceClient struct {
	ID     string // svc-documents, svc-exchange
	Name   string
	Scopes []string
	Secret string // empty: the client is left as it is
}

// MinServiceSecret is the shortest secret a service client may have: its
// SHA-256 is stored unsalted, so it must be a random one.
const MinServiceSecret = 32

// createdBySystem is the created_by of clients made from settings.
const createdBySystem = "system"

// EnsureServiceClients creates each client with a secret, or brings it to
// the settings (name, scopes, active, secret: a changed setting rotates
// the secret). Run at every start; a client already as set is not touched
// and emits nothing.
func (s *Identity) EnsureServiceClients(ctx context.Context, clients []ServiceClient) error {
	for _, sc := range clients {
		if sc.Secret == "" {
			continue
		}
		if len(sc.Secret) < MinServiceSecret {
			return fmt.Errorf("service client %s: its secret must have at least %d characters", sc.ID, MinServiceSecret)
		}
		// A service-only scope is not one an administrator may grant, so
		// the integration clients' check does not see it.
		var own, granted []string
		for _, scope := range sc.Scopes {
			if slices.Contains(auth.ServiceScopes, scope) {
				own = append(own, scope)
			} else {
				granted = append(granted, scope)
			}
		}
		if len(granted) > 0 || len(own) == 0 {
			in, err := domain.ClientInput{Name: sc.Name, Scopes: granted}.Normalize()
			if err != nil {
				return fmt.Errorf("service client %s: %w", sc.ID, err)
			}
			sc.Name, granted = in.Name, in.Scopes
		}
		sc.Scopes = append(granted, own...)
		slices.Sort(sc.Scopes)
		hash := hashRefreshToken(sc.Secret)
		_, err := s.st.Client(ctx, sc.ID)
		if errors.Is(err, domain.ErrNotFound) {
			err = s.insertServiceClient(ctx, sc, hash)
			if !errors.Is(err, domain.ErrDuplicate) { // else a replica inserted it meanwhile: update
				if err != nil {
					return fmt.Errorf("service client %s: %w", sc.ID, err)
				}
				s.cfg.Logger.InfoContext(ctx, "service client created", "client_id", sc.ID)
				continue
			}
		} else if err != nil {
			return fmt.Errorf("service client %s: %w", sc.ID, err)
		}
		if err := s.updateServiceClient(ctx, sc, hash); err != nil {
			return fmt.Errorf("service client %s: %w", sc.ID, err)
		}
	}
	return nil
}

func (s *Identity) insertServiceClient(ctx context.Context, sc ServiceClient, hash string) error {
	c := domain.Client{ID: sc.ID, Name: sc.Name, SecretHash: hash, Scopes: sc.Scopes, Active: true, CreatedBy: createdBySystem, CreatedAt: s.now()}
	return s.st.InTx(ctx, func(ctx context.Context, w Writes) error {
		if err := w.InsertClient(ctx, c); err != nil {
			return err
		}
		ev, err := envelope.New(ctx, s.cfg.Source, events.ClientCreated, c.ID, &eventsv1.ClientCreated{
			ClientId: c.ID, Name: c.Name, Scopes: c.Scopes, Active: c.Active})
		if err != nil {
			return err
		}
		return w.Emit(ctx, ev)
	})
}

func (s *Identity) updateServiceClient(ctx context.Context, sc ServiceClient, hash string) error {
	rotated := false
	err := s.st.UpdateClient(ctx, sc.ID, func(ctx context.Context, w Writes, c *domain.Client) error {
		if c.Name == sc.Name && slices.Equal(c.Scopes, sc.Scopes) && c.Active && c.SecretHash == hash && c.AgencyID == "" {
			return ErrNoChange
		}
		rotated = c.SecretHash != hash
		c.Name, c.Scopes, c.Active, c.SecretHash, c.AgencyID = sc.Name, sc.Scopes, true, hash, ""
		ev, err := envelope.New(ctx, s.cfg.Source, events.ClientUpdated, c.ID, &eventsv1.ClientUpdated{
			ClientId: c.ID, Name: c.Name, Scopes: c.Scopes, Active: c.Active})
		if err != nil {
			return err
		}
		return w.Emit(ctx, ev)
	})
	if err != nil {
		return err
	}
	if rotated {
		s.cfg.Logger.InfoContext(ctx, "service client's secret replaced by its setting's", "client_id", sc.ID)
	}
	return nil
}
