package app

import (
	"context"
	"errors"
	"iter"

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
	BookEntries(ctx context.Context, q domain.BookQuery) iter.Seq2[domain.BookEntry, error]
	Statistics(ctx context.Context, q domain.StatsQuery) (domain.Stats, error)
}

// BookView is a register as the caller may see it. Its entries are read
// as they are ranged over, once: a year of a busy agency is tens of
// thousands, which an export writes out as they come rather than holding.
type BookView struct {
	Query   domain.BookQuery
	Agency  domain.Unit
	Entries iter.Seq2[domain.BookEntry, error]
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
	entries := func(yield func(domain.BookEntry, error) bool) {
		for e, err := range s.books.BookEntries(ctx, q) {
			if err != nil {
				yield(e, err)
				return
			}
			if (!q.Confidential || e.VisibleInBook(a)) && q.Matches(e) && !yield(e, nil) {
				return
			}
		}
	}
	return BookView{Query: q, Agency: agency, Entries: entries}, nil
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
