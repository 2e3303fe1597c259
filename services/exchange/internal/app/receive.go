package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/google/uuid"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/edxml"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/domain"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/transport"
)

// ErrNotForUs: a status message names no package this system sent.
var ErrNotForUs = errors.New("the status names no package this system sent")

// Kept is what Keep did with a message.
type Kept struct {
	Package domain.Package // the package stored (zero for a status)
	Status  bool           // a status message, recorded (or a repeat)
}

// Keep stores an incoming message before anything else may fail: a
// package's bytes go to the blob store and a row in state received (the
// same bytes again find that row); a status message is recorded against
// the package it answers. from is the sender's code as the carrier named
// it, and agencyID the agency of the clerk who handed it in, for a package
// too broken to say (its refusal is then shown to that agency's clerks).
func (a *App) Keep(ctx context.Context, body []byte, from, agencyID string) (Kept, error) {
	sum := sha256.Sum256(body)
	key := "in:" + hex.EncodeToString(sum[:])
	if p, err := a.store.PackageByKey(ctx, key); err == nil {
		return Kept{Package: p}, nil
	} else if !errors.Is(err, apperr.ErrNotFound) {
		return Kept{}, err
	}
	pk, st, perr := edxml.Read(bytes.NewReader(body), a.limits)
	if st != nil {
		return Kept{Status: true}, a.statusReceived(ctx, *st)
	}
	blob, _, err := a.blobs.Put(ctx, bytes.NewReader(body))
	if err != nil {
		return Kept{}, err
	}
	now := a.now()
	p := domain.Package{ID: uuid.NewString(), Direction: domain.In, OrganisationCode: from, AgencyID: agencyID, State: domain.StateReceived,
		Signature: domain.SignatureUnsigned, BodySHA256: blob, CreatedAt: now, UpdatedAt: now}
	if perr == nil && pk != nil {
		describe(&p, pk)
	} else if h, err := transport.Peek(body); err == nil {
		// Too broken to read whole, yet its header names who sent it and
		// what: enough to answer it with status 02.
		p.OrganisationCode = firstOf(h.From, p.OrganisationCode)
		p.EdxmlDocumentID = h.DocumentID
		if len(h.To) > 0 {
			p.OurCode = h.To[0]
		}
	}
	err = a.store.InTx(ctx, func(ctx context.Context, w Writes) error {
		created, err := w.AddPackage(ctx, p, key)
		if err == nil && !created {
			p, err = w.PackageByKey(ctx, key) // a concurrent Keep of the same bytes
		}
		return err
	})
	return Kept{Package: p}, err
}

// describe copies a package's header into p.
func describe(p *domain.Package, pk *edxml.Package) {
	p.OrganisationCode, p.OrganisationName = pk.From.ID, pk.From.Name
	p.EdxmlDocumentID = pk.DocumentID
	p.CodeNumber, p.CodeNotation = pk.Code.Number, pk.Code.Notation
	if pk.Code.Number != "" || pk.Code.Notation != "" {
		p.Notation = pk.Code.String()
	}
	p.PromulgationDate = pk.PromulgationDate
	p.Subject = pk.Subject
}

// Receive is POST /v1/exchange/packages: a clerk of the addressed agency
// or a client with exchange:write hands a package (or a status message) in.
// A refused package is kept and answered with apperr.ErrRefused.
func (a *App) Receive(ctx context.Context, p auth.Principal, body []byte) (domain.Package, error) {
	if !p.IsClient() && !p.HasRole(auth.RoleClerk) && !p.HasRole(auth.RoleAdmin) {
		return domain.Package{}, apperr.Forbidden("only clerks hand packages in")
	}
	if !p.IsClient() && !p.HasRole(auth.RoleAdmin) {
		// A clerk hands in packages for their own agency, not for another
		// of ours; one addressed to none of ours is kept and refused.
		if pk, _, err := edxml.Read(bytes.NewReader(body), a.limits); err == nil && pk != nil {
			if ours := a.addressees(ctx, pk); len(ours) > 0 && !slices.Contains(ours, p.AgencyID) {
				return domain.Package{}, apperr.Forbidden("the package is addressed to another agency")
			}
		}
	}
	agency := ""
	if !p.IsClient() {
		agency = p.AgencyID
	}
	kept, err := a.Keep(ctx, body, "", agency)
	if err != nil {
		if errors.Is(err, ErrNotForUs) {
			return domain.Package{}, &apperr.Error{Kind: apperr.ErrRefused, Detail: err.Error()}
		}
		return domain.Package{}, err
	}
	if kept.Status {
		return domain.Package{}, nil
	}
	pkg, err := a.Validate(ctx, kept.Package.ID)
	if err != nil {
		return pkg, err
	}
	if pkg.State == domain.StateRefused {
		return pkg, &apperr.Error{Kind: apperr.ErrRefused, Detail: "package refused: " + pkg.Reason}
	}
	return pkg, nil
}

// ReceiveOversize answers a package handed in above limit bytes: its head
// (the header comes before the attachments, so it names the sender, the
// addressee and the document) is kept and the package refused with status
// 02 like any that fails validation; the answer is always ErrTooLarge with
// the reason. The same head again finds the first refusal.
func (a *App) ReceiveOversize(ctx context.Context, p auth.Principal, head []byte, limit int64) (domain.Package, error) {
	if !p.IsClient() && !p.HasRole(auth.RoleClerk) && !p.HasRole(auth.RoleAdmin) {
		return domain.Package{}, apperr.Forbidden("only clerks hand packages in")
	}
	reason := fmt.Sprintf("package larger than %d MiB", limit>>20)
	tooLarge := &apperr.Error{Kind: apperr.ErrTooLarge, Detail: "package refused: " + reason}
	if _, err := transport.Peek(head); err != nil {
		return domain.Package{}, tooLarge // not even a header to answer
	}
	agency := ""
	if !p.IsClient() {
		agency = p.AgencyID
	}
	kept, err := a.Keep(ctx, head, "", agency)
	if err != nil {
		return domain.Package{}, err
	}
	pkg := kept.Package
	if !kept.Status && pkg.State == domain.StateReceived {
		if pkg, err = a.refuse(ctx, pkg, nil, reason); err != nil {
			return pkg, err
		}
	}
	return pkg, tooLarge
}

// addressees are the ids of our agencies a package is addressed to.
func (a *App) addressees(ctx context.Context, pk *edxml.Package) []string {
	var ids []string
	for _, to := range pk.To {
		if u, err := a.ourAgency(ctx, to.ID); err == nil {
			ids = append(ids, u.ID)
		}
	}
	return ids
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// ValidateReceived validates the packages kept but not yet decided (a
// process stopped between the two, identity unreachable): every turn.
func (a *App) ValidateReceived(ctx context.Context) error {
	ps, err := a.store.PackagesInState(ctx, domain.StateReceived, 100)
	if err != nil {
		return err
	}
	for _, p := range ps {
		if _, err := a.Validate(ctx, p.ID); err != nil {
			return err
		}
	}
	return nil
}

// readBlob reads a stored content whole.
func (a *App) readBlob(ctx context.Context, sum string) ([]byte, error) {
	rc, err := a.blobs.Open(ctx, sum)
	if err != nil {
		return nil, fmt.Errorf("blob %s: %w", sum, err)
	}
	defer rc.Close()
	return io.ReadAll(rc)
}
