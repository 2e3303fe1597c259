package app

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// ListQuery selects a box page.
type ListQuery struct {
	Box    string // outgoing or incoming
	Kind   string
	Status string // document status (outgoing) or receipt status (incoming)
	Q      string // search in summary and body, case and accent blind
	// Channel: internal, exchange or paper; "" any.
	Channel string
	Limit   int
	Cursor  []string
}

// BoxQuery selects a page of a box for the actor: what the repository
// is asked once the request is checked.
type BoxQuery struct {
	Box    string
	Actor  domain.Actor
	Kind   string // optional
	Status string // document status (outgoing) or receipt status (incoming)
	// Q is a search already folded (domain.Fold): a substring of the
	// folded summary and body.
	Q       string
	Channel string // optional
	Limit   int
	After   []string // the sort key the previous page ended on
}

// ListItem is a document in a box; ReceiptStatus, IncomingNumber (số đến,
// 0 until registered) and RegisteredAt (ngày đến) are the caller's agency's
// receipt in the incoming box, the columns clerks read it by.
type ListItem struct {
	Document       domain.Document
	ReceiptStatus  domain.ReceiptStatus
	IncomingNumber int64
	RegisteredAt   *time.Time
	// ReceiptUpdatedAt is when the receipt last changed (nil outside the
	// incoming box).
	ReceiptUpdatedAt *time.Time
}

// ListPage is one page and the key of the next (nil on the last page).
type ListPage struct {
	Items []ListItem
	Next  []string
}

// ListDocuments lists the outgoing box (the caller's agency's documents in
// any status, newest first) or the incoming box (issued documents addressed
// to the caller's agency or a unit in it, most urgent first, then newest).
func (s *service) ListDocuments(ctx context.Context, q ListQuery) (ListPage, error) {
	a, _, err := actor(ctx)
	if err != nil {
		return ListPage{}, err
	}
	var v apperr.Validator
	switch q.Box {
	case domain.BoxOutgoing:
		v.Check(q.Status == "" || domain.Status(q.Status).Valid(), "status", "must be draft, pending_approval, approved, issued or revoked")
	case domain.BoxIncoming:
		v.Check(q.Status == "" || domain.ReceiptStatus(q.Status).Valid(), "status", "must be received, registered, directed, done or refused")
	case domain.BoxForInformation:
		v.Check(q.Status == "", "status", "is not a filter of the for_information box")
	case "":
		v.Add("box", "is required: outgoing, incoming or for_information")
	default:
		v.Add("box", "must be outgoing, incoming or for_information")
	}
	v.Check(q.Kind == "" || domain.Kind(q.Kind).Valid(), "kind", "unknown document kind")
	v.Check(q.Channel == "" || domain.Channel(q.Channel).Valid(), "channel", "must be internal, exchange or paper")
	v.Check(len(q.Q) <= 500, "q", "must be at most 500 characters")
	// The search indexes are of trigrams: a shorter search matches through
	// none and would scan every document.
	folded := strings.TrimSpace(domain.Fold(q.Q))
	v.Check(folded == "" || utf8.RuneCountInString(folded) >= domain.MinSearch, "q",
		fmt.Sprintf("must be at least %d characters", domain.MinSearch))
	if err := v.Err(); err != nil {
		return ListPage{}, err
	}
	rows, next, err := s.st.List(ctx, BoxQuery{
		Box: q.Box, Actor: a, Kind: q.Kind, Status: q.Status, Q: folded, Channel: q.Channel, Limit: q.Limit, After: q.Cursor,
	})
	if err != nil {
		return ListPage{}, err
	}
	return ListPage{Items: rows, Next: next}, nil
}
