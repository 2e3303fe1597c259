package store_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/idempotency"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

// TestAuthorisationsAndSigningRules: authorisations round-trip, list by
// person and agency, and a failing revocation step changes nothing;
// signing rules are the defaults until an agency sets its own.
func TestAuthorisationsAndSigningRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		s := open(t, db)
		au := domain.Authorisation{ID: "au1", AgencyID: "A", Grantor: domain.Person{UserID: "ct", FullName: "Trần Văn Chủ"},
			Grantee: domain.Person{UserID: "g", FullName: "Phạm Minh D"}, From: "2026-03-02", To: "2026-03-06",
			Kinds: []domain.Kind{domain.KindDecision, domain.KindReport}, Scope: domain.ScopeSign, Note: "đi công tác", CreatedAt: t0}
		other := au
		other.ID, other.AgencyID, other.Grantor.UserID, other.Grantee.UserID, other.Kinds = "au2", "B", "x", "y", []domain.Kind{}
		for _, a := range []domain.Authorisation{au, other} {
			if _, _, err := s.CreateAuthorisation(ctx, idempotency.Key{}, a, nil); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.Authorisation(ctx, "au1")
		if err != nil || !reflect.DeepEqual(got, au) {
			t.Fatalf("read %+v, %v; want %+v", got, err, au)
		}
		for _, tt := range []struct {
			user, agency string
			want         int
		}{{"ct", "", 1}, {"g", "", 1}, {"z", "", 0}, {"z", "A", 1}, {"y", "A", 2}} {
			list, err := s.Authorisations(ctx, tt.user, tt.agency)
			if err != nil || len(list) != tt.want {
				t.Fatalf("%s/%s: %d, %v; want %d", tt.user, tt.agency, len(list), err, tt.want)
			}
		}

		failing := errors.New("step failed")
		if _, err := s.UpdateAuthorisation(ctx, "au1", func(a *domain.Authorisation) ([]envelope.Event, error) {
			a.RevokedAt, a.RevokedBy = &t0, "ct"
			return nil, failing
		}); !errors.Is(err, failing) {
			t.Fatal(err)
		}
		if got, _ := s.Authorisation(ctx, "au1"); got.RevokedAt != nil {
			t.Fatalf("a failed step revoked it: %+v", got)
		}
		if _, err := s.UpdateAuthorisation(ctx, "nope", nil); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("missing: %v", err)
		}
		revoked, err := s.UpdateAuthorisation(ctx, "au1", func(a *domain.Authorisation) ([]envelope.Event, error) {
			a.RevokedAt, a.RevokedBy = &t0, "ct"
			return nil, nil
		})
		if got, _ := s.Authorisation(ctx, "au1"); err != nil || got.RevokedAt == nil || !got.RevokedAt.Equal(t0) ||
			got.RevokedBy != "ct" || revoked.RevokedBy != "ct" {
			t.Fatalf("revoked %+v, %v", got, err)
		}

		r, err := s.SigningRules(ctx, "A")
		if err != nil || !reflect.DeepEqual(r, domain.DefaultSigningRules("A")) {
			t.Fatalf("default rules %+v, %v", r, err)
		}
		for _, kinds := range [][]domain.Kind{{domain.KindReport, domain.KindNotice}, {}} {
			want := domain.SigningRules{AgencyID: "A", TLKinds: kinds, UpdatedAt: t0, UpdatedBy: "adm"}
			if err := s.SaveSigningRules(ctx, want); err != nil {
				t.Fatal(err)
			}
			if r, err := s.SigningRules(ctx, "A"); err != nil || !reflect.DeepEqual(r, want) {
				t.Fatalf("rules %+v, %v; want %+v", r, err, want)
			}
		}
	})
}
