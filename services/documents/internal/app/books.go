package app

import (
	"context"
	"errors"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// Books are the registers and the statistics of an agency.
type Books interface {
	// Book is an agency's register of a year, for its clerks and leaders;
	// a confidential register lists only the entries the caller is named
	// on (domain.BookEntry.VisibleInBook).
	Book(ctx context.Context, q domain.BookQuery) (BookView, error)
	// Statistics are an agency's figures of a period, for its clerks and
	// leaders.
	Statistics(ctx context.Context, q domain.StatsQuery) (domain.Stats, error)
}

// BookStore reads registers and figures (internal/store is it).
type BookStore interface {
	Book(ctx context.Context, q domain.BookQuery) ([]domain.BookEntry, error)
	Statistics(ctx context.Context, q domain.StatsQuery) (domain.Stats, error)
}

// BookView is a register as the caller may see it.
type BookView struct {
	Query   domain.BookQuery
	Agency  domain.Unit
	Entries []domain.BookEntry
}

func (s *service) Book(ctx context.Context, q domain.BookQuery) (BookView, error) {
	a, p, err := actor(ctx)
	if err != nil {
		return BookView{}, err
	}
	if q.AgencyID == "" {
		q.AgencyID = a.AgencyID
	}
	if q.Year == 0 {
		q.Year = domain.NumberingYear(s.now())
	}
	if err := q.Validate(); err != nil {
		return BookView{}, err
	}
	if !a.MayReadBooks(q.AgencyID) {
		return BookView{}, apperr.Forbidden("only the agency's clerks and leaders read its registers")
	}
	agency, err := s.dir.Unit(ctx, p.Token, q.AgencyID)
	if errors.Is(err, ErrUnknownUnit) {
		return BookView{}, apperr.Invalid("unknown agency", apperr.FieldError{Field: "agency_id", Message: "unknown unit " + q.AgencyID})
	}
	if err != nil {
		return BookView{}, err
	}
	entries, err := s.books.Book(ctx, q)
	if err != nil {
		return BookView{}, err
	}
	kept := entries[:0]
	for _, e := range entries {
		if (!q.Confidential || e.VisibleInBook(a)) && q.Matches(e) {
			kept = append(kept, e)
		}
	}
	return BookView{Query: q, Agency: agency, Entries: kept}, nil
}

func (s *service) Statistics(ctx context.Context, q domain.StatsQuery) (domain.Stats, error) {
	a, _, err := actor(ctx)
	if err != nil {
		return domain.Stats{}, err
	}
	if q.AgencyID == "" {
		q.AgencyID = a.AgencyID
	}
	if err := q.Validate(); err != nil {
		return domain.Stats{}, err
	}
	if !a.MayReadBooks(q.AgencyID) {
		return domain.Stats{}, apperr.Forbidden("only the agency's clerks and leaders read its statistics")
	}
	return s.books.Statistics(ctx, q)
}
