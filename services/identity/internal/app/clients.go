package app

import (
	"context"
	"crypto/subtle"
	"errors"
	"slices"
	"strings"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"

	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
)

// NewClient is a registered client with its secret, which exists only in
// this answer: the store keeps its hash.
type NewClient struct {
	Client domain.Client
	Secret string
}

// CreateClient registers an integration client of the client_credentials
// grant. Administrators only.
func (s *Identity) CreateClient(ctx context.Context, in domain.ClientInput) (NewClient, error) {
	p, err := s.admin(ctx)
	if err != nil {
		return NewClient{}, err
	}
	if in, err = in.Normalize(); err != nil {
		return NewClient{}, err
	}
	id, err := newID()
	if err != nil {
		return NewClient{}, err
	}
	secret, err := newRefreshToken() // 256 random bits, URL-safe
	if err != nil {
		return NewClient{}, err
	}
	c := domain.Client{ID: id, Name: in.Name, SecretHash: hashRefreshToken(secret), Scopes: in.Scopes,
		AgencyID: in.AgencyID, Active: true, CreatedBy: p.Subject, CreatedAt: s.now()}
	err = s.st.InTx(ctx, func(ctx context.Context, w Writes) error {
		if c.AgencyID != "" {
			if err := checkClientAgency(ctx, w, c.AgencyID); err != nil {
				return err
			}
		}
		if err := w.InsertClient(ctx, c); err != nil {
			return err
		}
		ev, err := envelope.New(ctx, s.cfg.Source, events.ClientCreated, c.ID, &eventsv1.ClientCreated{
			ClientId: c.ID, Name: c.Name, Scopes: c.Scopes, AgencyId: c.AgencyID, Active: c.Active})
		if err != nil {
			return err
		}
		return w.Emit(ctx, ev)
	})
	if err != nil {
		return NewClient{}, err
	}
	return NewClient{Client: c, Secret: secret}, nil
}

// checkClientAgency refuses an agency_id that names no active agency.
func checkClientAgency(ctx context.Context, w Writes, id string) error {
	u, err := w.Unit(ctx, id)
	if errors.Is(err, domain.ErrNotFound) {
		return domain.UnknownUnit("agency_id")
	}
	if err != nil {
		return err
	}
	if u.Kind != domain.KindAgency || !u.Active {
		return apperr.Invalid("invalid client", apperr.FieldError{Field: "agency_id", Message: "must be an active agency"})
	}
	return nil
}

// UpdateClient changes a client's name or scopes. Tokens already issued
// keep their scopes until they expire (AccessTTL); webhooks follow the
// change at once (client.updated).
func (s *Identity) UpdateClient(ctx context.Context, id string, patch domain.ClientPatch) (domain.Client, error) {
	if err := s.requireAdmin(ctx); err != nil {
		return domain.Client{}, err
	}
	patch, err := patch.Normalize()
	if err != nil {
		return domain.Client{}, err
	}
	return s.changeClient(ctx, id, func(c *domain.Client) error {
		if patch.Name != nil {
			c.Name = *patch.Name
		}
		if patch.Scopes != nil {
			c.Scopes = *patch.Scopes
		}
		return nil
	})
}

// DeactivateClient stops a client: no new tokens, no more deliveries.
func (s *Identity) DeactivateClient(ctx context.Context, id string) (domain.Client, error) {
	if err := s.requireAdmin(ctx); err != nil {
		return domain.Client{}, err
	}
	return s.changeClient(ctx, id, func(c *domain.Client) error {
		if !c.Active {
			return apperr.Conflict("the client is already inactive", "inactive")
		}
		c.Active = false
		return nil
	})
}

// changeClient applies change to the client id and publishes the client
// as it now is (and client.deactivated when it stopped).
func (s *Identity) changeClient(ctx context.Context, id string, change func(*domain.Client) error) (domain.Client, error) {
	var c domain.Client
	err := s.st.UpdateClient(ctx, id, func(ctx context.Context, w Writes, row *domain.Client) error {
		wasActive := row.Active
		if err := change(row); err != nil {
			return err
		}
		c = *row
		var evs []envelope.Event
		if wasActive && !c.Active {
			ev, err := envelope.New(ctx, s.cfg.Source, events.ClientDeactivated, c.ID, &eventsv1.ClientDeactivated{ClientId: c.ID})
			if err != nil {
				return err
			}
			evs = append(evs, ev)
		}
		ev, err := envelope.New(ctx, s.cfg.Source, events.ClientUpdated, c.ID, &eventsv1.ClientUpdated{
			ClientId: c.ID, Name: c.Name, Scopes: c.Scopes, AgencyId: c.AgencyID, Active: c.Active})
		if err != nil {
			return err
		}
		return w.Emit(ctx, append(evs, ev)...)
	})
	if errors.Is(err, domain.ErrNotFound) {
		return domain.Client{}, apperr.NotFound("client")
	}
	return c, err
}

// errBadClient is RFC 6749's invalid_client (401), one answer for an
// unknown client, a wrong secret and a deactivated client.
var errBadClient = &apperr.Error{Kind: apperr.ErrUnauthorized, Code: "invalid_client", Detail: "client authentication failed"}

// clientGrant issues a machine token: subject and client_id are the
// client's id, scope its granted scopes (or the asked subset), agency the
// agency it is limited to (if any); it has no unit or roles, and no refresh
// token (the client simply asks again).
func (s *Identity) clientGrant(ctx context.Context, req TokenRequest) (Token, error) {
	if req.ClientID == "" || req.ClientSecret == "" {
		return Token{}, errBadClient
	}
	if err := s.throttleClient(ctx, req.ClientAddr); err != nil {
		return Token{}, err
	}
	c, err := s.st.Client(ctx, req.ClientID)
	if errors.Is(err, domain.ErrNotFound) {
		return Token{}, errBadClient
	}
	if err != nil {
		return Token{}, err
	}
	if subtle.ConstantTimeCompare([]byte(hashRefreshToken(req.ClientSecret)), []byte(c.SecretHash)) != 1 || !c.Active {
		return Token{}, errBadClient
	}
	scopes := c.Scopes
	if req.Scope != "" {
		scopes = nil
		for _, sc := range strings.Fields(req.Scope) {
			if !slices.Contains(c.Scopes, sc) {
				return Token{}, GrantError(CodeInvalidScope, "scope "+sc+" is not granted to this client",
					apperr.FieldError{Field: "scope", Message: "not granted to this client"})
			}
			scopes = append(scopes, sc)
		}
	}
	now := s.now()
	key, err := s.st.ActiveSigningKey(ctx, now)
	if err != nil {
		return Token{}, err
	}
	access, err := auth.Sign(auth.Claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    s.cfg.Issuer,
			Subject:   c.ID,
			Audience:  jwt.ClaimStrings{auth.Audience},
			ExpiresAt: jwt.NewNumericDate(now.Add(s.cfg.AccessTTL)),
			NotBefore: jwt.NewNumericDate(now),
			IssuedAt:  jwt.NewNumericDate(now),
			ID:        uuid.NewString(),
		},
		Name:     c.Name,
		Agency:   c.AgencyID,
		ClientID: c.ID,
		Scope:    strings.Join(scopes, " "),
	}, key.Kid, key.Private)
	if err != nil {
		return Token{}, err
	}
	if err := s.clientSucceeded(ctx, req.ClientAddr); err != nil {
		return Token{}, err
	}
	return Token{AccessToken: access, TokenType: "Bearer", ExpiresIn: int(s.cfg.AccessTTL.Seconds())}, nil
}

// AnnounceClients publishes, once, every client registered before clients
// were published as events (client.updated with its state), so consumers'
// directories know them: notifications checks a client's webhooks against
// its scopes, agency and state from that directory. Run at start; replicas
// racing on it publish a client at most twice, which consumers absorb
// (newer event wins).
func (s *Identity) AnnounceClients(ctx context.Context) (int, error) {
	n := 0
	err := s.st.InTx(ctx, func(ctx context.Context, w Writes) error {
		cs, err := w.UnannouncedClients(ctx)
		if err != nil {
			return err
		}
		for _, c := range cs {
			ev, err := envelope.New(ctx, s.cfg.Source, events.ClientUpdated, c.ID, &eventsv1.ClientUpdated{
				ClientId: c.ID, Name: c.Name, Scopes: c.Scopes, AgencyId: c.AgencyID, Active: c.Active})
			if err != nil {
				return err
			}
			if err := w.Emit(ctx, ev); err != nil {
				return err
			}
			if err := w.MarkClientAnnounced(ctx, c.ID); err != nil {
				return err
			}
		}
		n = len(cs)
		return nil
	})
	return n, err
}
