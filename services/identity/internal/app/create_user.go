package app

import (
	"context"
	"errors"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"

	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
)

// CreateUser adds a person with a password and emits user.created in the
// same transaction. Administrators only. The password is hashed before the
// transaction (argon2id is slow on purpose) and never leaves this function;
// an administrator may give a precomputed argon2id hash instead.
func (s *Identity) CreateUser(ctx context.Context, in domain.UserInput) (domain.User, error) {
	p, err := caller(ctx)
	if err != nil {
		return domain.User{}, err
	}
	if err := domain.RequireAdmin(p); err != nil {
		return domain.User{}, err
	}
	in, err = in.Normalize()
	if err != nil {
		return domain.User{}, err
	}
	id, err := newID()
	if err != nil {
		return domain.User{}, err
	}
	hash := in.PasswordHash // checked by Normalize; only admins get here
	if hash == "" {
		if hash, err = s.cfg.Hasher.Hash(in.Password); err != nil {
			return domain.User{}, err
		}
	}
	var u domain.User
	err = s.st.InTx(ctx, func(ctx context.Context, w Writes) error {
		u, err = s.insertUser(ctx, w, id, in, hash)
		return err
	})
	if err != nil {
		return domain.User{}, err
	}
	return u, nil
}

// insertUser stores a user of a normalized input, with its event, in w.
func (s *Identity) insertUser(ctx context.Context, w Writes, id string, in domain.UserInput, hash string) (domain.User, error) {
	var unit *domain.Unit
	if in.UnitID != "" {
		un, err := w.Unit(ctx, in.UnitID)
		if errors.Is(err, domain.ErrNotFound) {
			return domain.User{}, domain.UnknownUnit("unit_id")
		}
		if err != nil {
			return domain.User{}, err
		}
		unit = &un
	}
	u, err := domain.NewUser(id, in, unit, s.now())
	if err != nil {
		return domain.User{}, err
	}
	taken, err := w.UsernameTaken(ctx, u.Username)
	if err != nil {
		return domain.User{}, err
	}
	if taken {
		return domain.User{}, domain.UsernameTaken(u.Username)
	}
	if err := w.InsertUser(ctx, u, hash); err != nil {
		if errors.Is(err, domain.ErrDuplicate) {
			return domain.User{}, domain.UsernameTaken(u.Username)
		}
		return domain.User{}, err
	}
	ev, err := envelope.New(ctx, s.cfg.Source, events.UserCreated, u.ID, userCreated(u))
	if err != nil {
		return domain.User{}, err
	}
	return u, w.Emit(ctx, ev)
}

// userCreated is the event payload: the user as stored, e-mail included
// (events are not logs; consumers send mail), never the password.
func userCreated(u domain.User) *eventsv1.UserCreated {
	return &eventsv1.UserCreated{
		UserId:   u.ID,
		Username: u.Username,
		FullName: u.FullName,
		Email:    u.Email,
		UnitId:   u.UnitID,
		AgencyId: u.AgencyID,
		Roles:    u.Roles,
		Title:    u.Title,
		Active:   u.Active,
		Position: string(u.Position),
	}
}
