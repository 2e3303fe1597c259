package testenv

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/identityview"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// Facts set what identity's events would bring the read model about
// signing: people's titles and positions, agencies' regimes. The UBND
// starts as what it is, a collective body headed by a Chủ tịch (Units);
// every other agency has none (head-led), and nobody has a position.
type Facts struct {
	t  testing.TB
	db *pkgstore.DB
}

// SetPosition records a person of People with a position and, unless
// empty, a title (else the one the read model has).
func (f *Facts) SetPosition(login, title string, pos domain.Position) {
	f.t.Helper()
	p := People[login]
	f.put(func(ctx context.Context, tx *pkgstore.Tx) error {
		old, err := identityview.GetPerson(ctx, tx, p.Subject)
		if err != nil && !errors.Is(err, identityview.ErrNotFound) {
			return err
		}
		if title == "" {
			title = old.Title
		}
		_, err = identityview.PutPerson(ctx, tx, identityview.Person{ID: p.Subject, Username: login, FullName: p.Name,
			UnitID: p.UnitID, AgencyID: p.AgencyID, Title: title, Position: string(pos), Roles: p.Roles, Active: true},
			identityview.Version{Time: time.Now()})
		return err
	})
}

// SetAgency gives an agency of Units (by short name) its regime, head
// title and collective name.
func (f *Facts) SetAgency(short string, r domain.Regime, headTitle, collectiveName string) {
	f.t.Helper()
	u := Units[short]
	u.Regime, u.HeadTitle, u.CollectiveName = string(r), headTitle, collectiveName
	f.put(func(ctx context.Context, tx *pkgstore.Tx) error {
		_, err := identityview.PutUnit(ctx, tx, u, identityview.Version{Time: time.Now()})
		return err
	})
}

func (f *Facts) put(fn func(ctx context.Context, tx *pkgstore.Tx) error) {
	f.t.Helper()
	if err := f.db.InTx(context.Background(), fn); err != nil {
		f.t.Fatal(err)
	}
}
