package domain

import (
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// Books (sổ văn bản, Decree 30 Phụ lục IV): an agency's outgoing and
// incoming registers of a year, and its confidential ones apart.
const (
	BookOutgoing = "outgoing"
	BookIncoming = "incoming"
)

// BookQuery selects a register and filters its entries.
type BookQuery struct {
	Book     string
	AgencyID string
	Year     int
	// From and To bound the issue date (outgoing) or the arrival date
	// (incoming), YYYY-MM-DD in Viet Nam, both included; "" for none.
	From, To string
	Kind     Kind
	Channel  Channel
	// Sender (incoming) and Recipient (outgoing: a nơi nhận; incoming:
	// the unit handling it) match an id or code exactly or a part of the
	// name, without regard to case or accents.
	Sender, Recipient string
	// Confidential selects the confidential register.
	Confidential bool
	// After, when set, starts the register past this entry (a page's
	// cursor): entries come in the register's order.
	After *BookKey
	// Limit > 0 asks for a page of that many entries (of the JSON
	// register); 0 for the whole register.
	Limit int
}

// BookKey is where an entry stands in its register: its series and its
// number (the số, or the số đến of an incoming register).
type BookKey struct {
	Series string
	Number int64
}

// Validate checks the query (not who asks).
func (q BookQuery) Validate() error {
	var v apperr.Validator
	v.Check(q.Book == BookOutgoing || q.Book == BookIncoming, "book", "must be outgoing or incoming")
	v.Check(q.AgencyID != "", "agency_id", "is required")
	v.Check(q.Year >= 1900 && q.Year <= 9999, "year", "must be a year such as 2026")
	v.Check(q.From == "" || ValidDate(q.From), "from", "must be a date YYYY-MM-DD")
	v.Check(q.To == "" || ValidDate(q.To), "to", "must be a date YYYY-MM-DD")
	v.Check(q.Kind == "" || q.Kind.Valid(), "kind", "unknown document kind")
	v.Check(q.Channel == "" || q.Channel.Valid(), "channel", "must be internal, exchange or paper")
	return v.Err()
}

// Bounds are the instants From and To stand for: the start of From's day
// and the end of To's (exclusive), zero when unset.
func (q BookQuery) Bounds() (from, to time.Time) {
	if q.From != "" {
		from, _ = time.ParseInLocation(DateLayout, q.From, Zone)
	}
	if q.To != "" {
		t, _ := time.ParseInLocation(DateLayout, q.To, Zone)
		to = t.AddDate(0, 0, 1)
	}
	return from, to
}

// MayReadBooks reports whether a keeps or reads the agency's registers:
// its clerks and its leaders.
func (a Actor) MayReadBooks(agencyID string) bool {
	return a.clerks(agencyID) || (a.Has(RoleLeader) && a.AgencyID == agencyID)
}

// BookEntry is one line of a register as the repository reads it.
type BookEntry struct {
	// Document has its recipients when the register is outgoing or
	// confidential (they decide who sees a confidential one).
	Document Document
	// Receipt is the agency's receipt (incoming registers).
	Receipt Receipt
	// IssuerName: the issuing agency of ours (the sender outside is
	// Document.Sender).
	IssuerName string
	// RecipientNames are the nơi nhận: our units, then organisations
	// outside.
	RecipientNames []string
	// KeeperName: the unit that drafted it, which keeps the file copy.
	KeeperName string
	// HandlerName: the unit leading its handling (incoming, directed).
	HandlerName string
	// RegisteredByName: the clerk who entered it (incoming).
	RegisteredByName string
}

// SenderName is the tác giả of an incoming entry.
func (e BookEntry) SenderName() string {
	if e.Document.Sender.Name != "" {
		return e.Document.Sender.Name
	}
	return e.IssuerName
}

// DocumentDate is the date the document bears, YYYY-MM-DD: the one it
// wrote when it came from outside, else its issue date.
func (e BookEntry) DocumentDate() string {
	if e.Document.OriginalDate != "" {
		return e.Document.OriginalDate
	}
	if e.Document.IssuedAt != nil {
		return e.Document.IssuedAt.In(Zone).Format(DateLayout)
	}
	return ""
}

// PageRows is how many rows of the store a page needs, 0 for all of them:
// its entries and the one that says another page follows, when the
// application takes every row (no name filter, nor the confidential
// register's visibility, drops any after the store).
func (q BookQuery) PageRows() int {
	if q.Limit == 0 || q.Sender != "" || q.Recipient != "" || q.Confidential {
		return 0
	}
	return q.Limit + 1
}

// Matches applies the query's name filters to the entry.
func (q BookQuery) Matches(e BookEntry) bool {
	d := e.Document
	if q.Sender != "" && !matchName(q.Sender, []string{d.IssuerUnitID, d.Sender.OrganisationCode}, []string{e.SenderName()}) {
		return false
	}
	if q.Recipient == "" {
		return true
	}
	if q.Book == BookIncoming {
		lead := ""
		if e.Receipt.Direction != nil {
			lead = e.Receipt.Direction.LeadUnitID
		}
		return matchName(q.Recipient, []string{lead}, []string{e.HandlerName})
	}
	ids := make([]string, 0, len(d.Recipients)+len(d.ExternalRecipients))
	for _, r := range d.Recipients {
		ids = append(ids, r.UnitID)
	}
	for _, r := range d.ExternalRecipients {
		ids = append(ids, r.Code)
	}
	return matchName(q.Recipient, ids, e.RecipientNames)
}

// matchName: want equals one of ids, or is a part of one of names, folded.
func matchName(want string, ids, names []string) bool {
	for _, id := range ids {
		if id != "" && id == want {
			return true
		}
	}
	w := Fold(strings.TrimSpace(want))
	for _, n := range names {
		if w != "" && strings.Contains(Fold(n), w) {
			return true
		}
	}
	return false
}

// VisibleInBook reports whether a may see the entry in a confidential
// register: the people the document or its receipt names, as for the
// document itself (VisibleTo, VisibleThrough).
func (e BookEntry) VisibleInBook(a Actor) bool {
	d := e.Document
	if !d.Confidentiality.Restricted() {
		return true
	}
	if d.VisibleTo(a) {
		return true
	}
	return e.Receipt.AgencyID != "" && d.VisibleThrough(a, []Receipt{e.Receipt})
}

// VNDate writes a YYYY-MM-DD date as readers read it, dd/mm/yyyy.
func VNDate(day string) string {
	t, err := time.Parse(DateLayout, day)
	if err != nil {
		return day
	}
	return t.Format("02/01/2006")
}
