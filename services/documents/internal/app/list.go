package app

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
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
	// The search form's fields (GET /v1/documents?notation=…): Notation
	// exact or a prefix of it (a document from outside: as its sender
	// wrote it); IncomingNumber the caller's agency's số đến, as typed;
	// Sender, Recipient and Signer names or codes, accent blind; From and
	// To bound the document's date (YYYY-MM-DD).
	Notation, IncomingNumber, Sender, Recipient, Signer, From, To string
	Limit                                                         int
	Cursor                                                        []string
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
	// Notation: exact or a prefix, upper case; NotationFirst: the document
	// whose notation q (or notation) spells exactly comes first.
	Notation, NotationFirst string
	// IncomingNumber: the caller's agency's số đến (0 any).
	IncomingNumber int64
	// Sender, Recipient and Signer: folded substrings of the names.
	Sender, Recipient, Signer string
	// From and To: YYYY-MM-DD bounds of the document's date (its original
	// date for one from outside, else its issue, in Vietnam's time).
	From, To string
	Limit    int
	After    []string // the sort key the previous page ended on
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
	// DirectionDueDate: the due date the receipt's direction set (incoming
	// box; "" before direction or without one).
	DirectionDueDate string
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
		// Every document the caller may see: status is the document's.
		v.Check(q.Status == "" || domain.Status(q.Status).Valid(), "status", "must be draft, pending_approval, approved, issued or revoked")
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
	bq := BoxQuery{Box: q.Box, Actor: a, Kind: q.Kind, Status: q.Status, Channel: q.Channel, Limit: q.Limit, After: q.Cursor}
	searchFields(&v, q, folded, &bq)
	if err := v.Err(); err != nil {
		return ListPage{}, err
	}
	rows, next, err := s.st.List(ctx, bq)
	if err != nil {
		return ListPage{}, err
	}
	return ListPage{Items: rows, Next: next}, nil
}

// incomingInQ is "số đến 125" (folded: "so den 125") typed in q.
var incomingInQ = regexp.MustCompile(`^(?:so den|sd)\s*:?\s*(\d{1,18})$`)

// searchFields checks the search form's fields into bq. A q that spells a
// notation (it has a "/") also finds the document of that notation, first;
// "số đến 125" in q is the incoming number 125.
func searchFields(v *apperr.Validator, q ListQuery, folded string, bq *BoxQuery) {
	bq.Q = folded
	if m := incomingInQ.FindStringSubmatch(folded); m != nil && q.IncomingNumber == "" {
		q.IncomingNumber, bq.Q = m[1], ""
	}
	if n := strings.TrimSpace(q.IncomingNumber); n != "" {
		num, err := strconv.ParseInt(n, 10, 64)
		v.Check(err == nil && num > 0, "incoming_number", "must be a positive whole number")
		bq.IncomingNumber = num
	}
	v.Check(bq.IncomingNumber == 0 || q.Box == "" || q.Box == domain.BoxIncoming, "incoming_number",
		"is a filter of the incoming box (the caller's agency's số đến)")
	bq.Notation = strings.ToUpper(strings.TrimSpace(q.Notation))
	v.Check(len(bq.Notation) <= 100, "notation", "must be at most 100 characters")
	switch {
	case bq.Notation != "":
		bq.NotationFirst = bq.Notation
	case strings.Contains(q.Q, "/"):
		bq.NotationFirst = strings.ToUpper(strings.TrimSpace(q.Q))
	}
	for _, f := range []struct {
		name, in string
		out      *string
	}{{"sender", q.Sender, &bq.Sender}, {"recipient", q.Recipient, &bq.Recipient}, {"signer", q.Signer, &bq.Signer}} {
		*f.out = strings.TrimSpace(domain.Fold(f.in))
		v.Check(len(f.in) <= 200, f.name, "must be at most 200 characters")
	}
	for _, f := range []struct{ name, in string }{{"from", q.From}, {"to", q.To}} {
		v.Check(f.in == "" || domain.ValidDate(f.in), f.name, "must be a date written YYYY-MM-DD")
	}
	v.Check(q.From == "" || q.To == "" || !domain.ValidDate(q.From) || !domain.ValidDate(q.To) || q.From <= q.To,
		"to", "must not be before from")
	bq.From, bq.To = q.From, q.To
}
