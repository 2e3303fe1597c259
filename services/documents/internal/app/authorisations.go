package app

import (
	"context"
	"errors"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// AuthorisationView is an authorisation and whether it grants anything
// today.
type AuthorisationView struct {
	domain.Authorisation
	InForce bool
}

func (s *service) authorisationView(au domain.Authorisation) AuthorisationView {
	return AuthorisationView{Authorisation: au, InForce: au.InForce(domain.Today(s.now()))}
}

// GrantInput is a head's authorisation and the request's optional
// Idempotency-Key.
type GrantInput struct {
	Authorisation  domain.AuthorisationInput
	IdempotencyKey string
}

// GrantAuthorisation records the caller's authorisation of a person of
// their agency and tells both (authorisation.granted).
func (s *service) GrantAuthorisation(ctx context.Context, gi GrantInput) (AuthorisationView, error) {
	a, p, err := actor(ctx)
	if err != nil {
		return AuthorisationView{}, err
	}
	grantor, err := s.authority(ctx, a, p.Token)
	if err != nil {
		return AuthorisationView{}, err
	}
	if !domain.MayGrant(a, grantor.Person) {
		return AuthorisationView{}, apperr.Forbidden("only the head of an agency grants authorisations")
	}
	in := gi.Authorisation
	if err := in.Validate(domain.Today(s.now())); err != nil {
		return AuthorisationView{}, err
	}
	key, err := newKey(gi.IdempotencyKey, a.UserID, "authorisation", in)
	if err != nil {
		return AuthorisationView{}, err
	}
	if id, done, err := s.replayed(ctx, key); done || err != nil {
		return s.authorisationOf(ctx, id, err)
	}
	grantee, err := s.facts.Person(ctx, p.Token, in.GranteeID)
	if errors.Is(err, domain.ErrNotFound) {
		return AuthorisationView{}, apperr.Invalid("unknown person",
			apperr.FieldError{Field: "grantee_id", Message: "unknown person " + in.GranteeID})
	}
	if err != nil {
		return AuthorisationView{}, err
	}
	au, err := domain.NewAuthorisation(newID(), a, grantor.Person, in,
		domain.Person{UserID: grantee.UserID, FullName: grantee.FullName}, grantee.AgencyID, s.now())
	if err != nil {
		return AuthorisationView{}, err
	}
	ev, err := envelope.New(ctx, s.source, events.AuthorisationGranted, au.ID, &eventsv1.AuthorisationGranted{
		AuthorisationId: au.ID, AgencyId: au.AgencyID, GrantorId: au.Grantor.UserID, GrantorName: au.Grantor.FullName,
		GranteeId: au.Grantee.UserID, GranteeName: au.Grantee.FullName, ValidFrom: au.From, ValidTo: au.To,
		Kinds: kindNames(au.Kinds), Scope: au.Scope,
	})
	if err != nil {
		return AuthorisationView{}, err
	}
	id, replayed, err := s.st.CreateAuthorisation(ctx, key, au, []envelope.Event{ev})
	if err != nil || replayed {
		return s.authorisationOf(ctx, id, err)
	}
	return s.authorisationView(au), nil
}

func (s *service) authorisationOf(ctx context.Context, id string, err error) (AuthorisationView, error) {
	if err != nil {
		return AuthorisationView{}, err
	}
	au, err := s.st.Authorisation(ctx, id)
	return s.authorisationView(au), err
}

// ListAuthorisations lists what the caller sees: the authorisations they
// granted or were granted, and an administrator's agency's.
func (s *service) ListAuthorisations(ctx context.Context) ([]AuthorisationView, error) {
	a, _, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	agency := ""
	if a.Has(domain.RoleAdmin) {
		agency = a.AgencyID
	}
	aus, err := s.st.Authorisations(ctx, a.UserID, agency)
	out := make([]AuthorisationView, len(aus))
	for i, au := range aus {
		out[i] = s.authorisationView(au)
	}
	return out, err
}

// RevokeAuthorisation ends the caller's authorisation now and tells both
// people (authorisation.revoked).
func (s *service) RevokeAuthorisation(ctx context.Context, id string) (AuthorisationView, error) {
	a, _, err := actor(ctx)
	if err != nil {
		return AuthorisationView{}, err
	}
	au, err := s.st.UpdateAuthorisation(ctx, id, func(au *domain.Authorisation) ([]envelope.Event, error) {
		if err := au.Revoke(a, s.now()); err != nil {
			return nil, err
		}
		ev, err := envelope.New(ctx, s.source, events.AuthorisationRevoked, au.ID, &eventsv1.AuthorisationRevoked{
			AuthorisationId: au.ID, AgencyId: au.AgencyID, GrantorId: au.Grantor.UserID,
			GranteeId: au.Grantee.UserID, RevokedBy: a.UserID, Scope: au.Scope,
		})
		return []envelope.Event{ev}, err
	})
	if errors.Is(err, domain.ErrNotFound) {
		return AuthorisationView{}, apperr.NotFound("authorisation")
	}
	return s.authorisationView(au), err
}

// SigningRules reads an agency's signing rules: they are no secret, so
// anyone signed in may.
func (s *service) SigningRules(ctx context.Context, agencyID string) (domain.SigningRules, error) {
	_, p, err := actor(ctx)
	if err != nil {
		return domain.SigningRules{}, err
	}
	if err := s.agencyExists(ctx, p.Token, agencyID); err != nil {
		return domain.SigningRules{}, err
	}
	return s.st.SigningRules(ctx, agencyID)
}

// SetSigningRules replaces an agency's signing rules; its administrators
// and its head set them.
func (s *service) SetSigningRules(ctx context.Context, agencyID string, tlKinds []string) (domain.SigningRules, error) {
	a, p, err := actor(ctx)
	if err != nil {
		return domain.SigningRules{}, err
	}
	if err := s.agencyExists(ctx, p.Token, agencyID); err != nil {
		return domain.SigningRules{}, err
	}
	auth, err := s.authority(ctx, a, p.Token)
	if err != nil {
		return domain.SigningRules{}, err
	}
	if !domain.MaySetSigningRules(a, auth.Person, agencyID) {
		return domain.SigningRules{}, apperr.Forbidden("only the agency's administrators and its head set its signing rules")
	}
	r, err := domain.NewSigningRules(agencyID, tlKinds, a, s.now())
	if err != nil {
		return r, err
	}
	return r, s.st.SaveSigningRules(ctx, r)
}

func (s *service) agencyExists(ctx context.Context, token, id string) error {
	_, err := s.facts.Agency(ctx, token, id)
	if errors.Is(err, domain.ErrNotFound) {
		return apperr.NotFound("agency")
	}
	return err
}

func kindNames(ks []domain.Kind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
}
