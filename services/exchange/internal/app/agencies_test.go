package app_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/edxml"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/app"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/domain"
)

// identityStub knows one agency the read model has not heard of yet.
type identityStub struct {
	calls int
	down  bool
}

func (s *identityStub) AgencyByCode(_ context.Context, code string) (identityview.Unit, error) {
	s.calls++
	if s.down {
		return identityview.Unit{}, errors.New("identity unreachable")
	}
	if code == "000.00.00.H50" {
		return identityview.Unit{ID: "ubnd3", Kind: identityview.KindAgency, AgencyID: "ubnd3", Code: code, Name: "UBND tỉnh X", Active: true}, nil
	}
	return identityview.Unit{}, fmt.Errorf("%s: %w", code, identityview.ErrNotFound)
}

// TestAddresseeLookedUpAtIdentity: an addressee the read model lacks is
// asked of identity before a refusal, and kept; while identity cannot be
// asked, the package waits undecided.
func TestAddresseeLookedUpAtIdentity(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		ctx := context.Background()
		id := &identityStub{down: true}
		h.app = app.New(app.Deps{Store: h.store, Blobs: blobsOf(h), Transport: h.tr, Agencies: id, Clock: func() time.Time { return h.now }})
		p := pkg("doc-1")
		p.To = []edxml.Organisation{{ID: "000.00.00.H50"}}
		kept, err := h.app.Keep(ctx, build(t, p), senderCode, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := h.app.Validate(ctx, kept.Package.ID); err == nil {
			t.Fatal("decided while identity could not be asked")
		}
		if got, _ := h.store.Package(ctx, kept.Package.ID); got.State != domain.StateReceived {
			t.Fatalf("state = %s, want it kept undecided", got.State)
		}
		id.down = false
		if err := h.app.ValidateReceived(ctx); err != nil {
			t.Fatal(err)
		}
		got, err := h.store.Package(ctx, kept.Package.ID)
		if err != nil || got.State != domain.StateAccepted || got.AgencyID != "ubnd3" {
			t.Fatalf("= %+v, %v", got, err)
		}
		if u, err := h.store.AgencyByCode(ctx, "000.00.00.H50"); err != nil || u.ID != "ubnd3" {
			t.Fatalf("identity's answer not kept: %+v, %v", u, err)
		}
		calls := id.calls
		q := pkg("doc-2")
		q.To = []edxml.Organisation{{ID: "000.00.00.H50"}}
		if p, err := h.app.Receive(ctx, integration, build(t, q)); err != nil || p.AgencyID != "ubnd3" || id.calls != calls {
			t.Fatalf("second package: %+v, %v, identity asked %d more times", p.State, err, id.calls-calls)
		}
	})
}
