package identityview

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/identityclient"
	"github.com/eoffice-vn/eoffice/pkg/store"
)

// ErrNoRemote: the read model lacks the record and no identity client is
// configured to ask (the events have not caught up; retry later).
var ErrNoRemote = errors.New("identity read model not up to date and identity's API not configured")

// Fallback reads the read model and, on a miss (identity's events may lag
// a request), asks identity's API with the caller's token and keeps the
// answer as a stand-in until the events arrive: it is recorded with the
// zero Version, so any event about the record, however old, replaces it.
// (An event older than the answer may so show an older state for a while,
// until the events after it arrive in order on its partition; stamping the
// answer with this service's clock instead could make a later event lose
// for good to a clock ahead of identity's.)
//
// Errors: identityclient.ErrUnknownUnit / ErrUnknownUser (wrapped) when
// identity does not know the id either; ErrNoRemote without a client;
// anything else is identity unreachable or the database failing.
type Fallback struct {
	DB     *store.DB
	Remote *identityclient.Client // nil: the read model only
}

// Unit returns the unit id.
func (f Fallback) Unit(ctx context.Context, token, id string) (Unit, error) {
	u, err := GetUnit(ctx, f.DB, id)
	if !errors.Is(err, ErrNotFound) {
		return u, err
	}
	if f.Remote == nil {
		return Unit{}, fmt.Errorf("unit %s: %w", id, ErrNoRemote)
	}
	r, err := f.Remote.Unit(ctx, token, id)
	if err != nil {
		return Unit{}, err
	}
	u = Unit{ID: r.ID, ParentID: r.ParentID.String(), Kind: r.Kind, AgencyID: r.AgencyID, Code: r.Code.String(), Name: r.Name,
		ShortName: r.ShortName, Active: r.Active, PlaceName: r.PlaceName.String(), Regime: r.Regime.String(),
		HeadTitle: r.HeadTitle.String(), CollectiveName: r.CollectiveName.String()}
	err = f.DB.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		_, err := PutUnit(ctx, tx, u, Version{})
		return err
	})
	if err != nil {
		return Unit{}, err
	}
	return GetUnit(ctx, f.DB, id) // an event may have brought a newer state meanwhile
}

// Person returns the person id.
func (f Fallback) Person(ctx context.Context, token, id string) (Person, error) {
	p, err := GetPerson(ctx, f.DB, id)
	if !errors.Is(err, ErrNotFound) {
		return p, err
	}
	if f.Remote == nil {
		return Person{}, fmt.Errorf("person %s: %w", id, ErrNoRemote)
	}
	r, err := f.Remote.User(ctx, token, id)
	if err != nil {
		return Person{}, err
	}
	p = Person{ID: r.ID, Username: r.Username, FullName: r.FullName, Email: r.Email, UnitID: r.UnitID.String(),
		AgencyID: r.AgencyID.String(), Title: r.Title, Position: r.Position.String(), Roles: r.Roles, Active: r.Active}
	err = f.DB.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		_, err := PutPerson(ctx, tx, p, Version{})
		return err
	})
	if err != nil {
		return Person{}, err
	}
	return GetPerson(ctx, f.DB, id)
}

// Horizon is the time of the most recent identity event the read model has
// applied (zero when none): how far the events have caught up. Answers of
// identity's API, recorded as of the zero time, do not count.
func Horizon(ctx context.Context, q store.Querier) (time.Time, error) {
	var latest *string
	err := q.QueryRowContext(ctx, `
SELECT MAX(t) FROM (
    SELECT MAX(event_time) AS t FROM identity_units
    UNION ALL SELECT MAX(event_time) FROM identity_people
) AS latest`).Scan(&latest)
	if err != nil {
		return time.Time{}, fmt.Errorf("identity read model horizon: %w", err)
	}
	if latest == nil {
		return time.Time{}, nil
	}
	return store.ParseTime(*latest)
}
