package testenv

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// Seeded is a document written straight into the tables (for registers and
// statistics over tens of thousands of documents, which the API would take
// minutes to make), with at most one receipt.
type Seeded struct {
	ID, Kind, Status, Urgency, Confidentiality, Channel string
	IssuerUnitID, DraftingUnitID, DrafterID             string
	Summary, SenderName, OriginalNotation, OriginalDate string
	SignerID, SignerName                                string
	// Outgoing numbering ("" Series: not numbered).
	Number   int64
	Series   string
	Notation string
	IssuedAt time.Time
	IssuedBy string
	// Recipients are unit ids (their agency is taken from Units or the
	// unit itself).
	Recipients []string
	// The receipt, when ReceiptAgency is set.
	ReceiptAgency, ReceiptStatus, IncomingSeries string
	IncomingNumber                               int64
	Arrived                                      time.Time
	RegisteredAt, DirectedAt                     time.Time
	RegisteredBy, DirectedBy, LeadUnitID         string
	// Steps are the receipt's routing, in order.
	Steps []SeededStep
}

// SeededStep is one routing step of a seeded receipt.
type SeededStep struct {
	Kind, FromUserID, ToUserID string
	At                         time.Time
}

// Seed inserts docs in batches in one transaction.
func Seed(t testing.TB, db *pkgstore.DB, docs []Seeded) {
	t.Helper()
	const batch = 20
	ft := func(x time.Time) any {
		if x.IsZero() {
			return nil
		}
		return pkgstore.FormatTime(x)
	}
	agencyOf := map[string]string{}
	for _, u := range Units {
		agencyOf[u.ID] = u.AgencyID
	}
	err := db.InTx(context.Background(), func(ctx context.Context, tx *pkgstore.Tx) error {
		for start := 0; start < len(docs); start += batch {
			part := docs[start:min(start+batch, len(docs))]
			var dq, rq, pq, sq []string
			var da, ra, pa, sa []any
			for _, d := range part {
				// A document from outside is released when it reaches us
				// and bears the sender's notation (domain.NewIncoming).
				issued := d.IssuedAt
				if issued.IsZero() {
					issued = d.Arrived
				}
				year, number, notation := any(nil), any(nil), any(nil)
				if d.Series != "" {
					year, number = domain.NumberingYear(d.IssuedAt), d.Number
				}
				if n := or(d.Notation, d.OriginalNotation); n != "" {
					notation = n
				}
				series := d.Series
				if series == "" {
					series = domain.SeriesGeneral
				}
				created := issued
				da = append(da, d.ID, d.Kind, or(d.Status, "issued"), d.IssuerUnitID, d.DraftingUnitID, or(d.DrafterID, "u-seed"),
					d.Summary, or(d.Urgency, "normal"), domain.Urgency(or(d.Urgency, "normal")).Rank(), or(d.Confidentiality, "normal"),
					d.SignerID, d.SignerName, year, number, notation, ft(issued), d.IssuedBy, ft(created), ft(created),
					series, or(d.Channel, "internal"), d.SenderName, d.OriginalNotation, d.OriginalDate,
					// The search columns as the store writes them (search.go).
					domain.Fold(d.Summary+"\n"), domain.Fold(d.SenderName)+" ", domain.Fold(d.SignerName)+" ")
				dq = append(dq, placeholders(len(da)-26, 27))
				for i, u := range d.Recipients {
					pa = append(pa, d.ID, i, u, or(agencyOf[u], u))
					pq = append(pq, placeholders(len(pa)-3, 4))
				}
				if d.ReceiptAgency != "" {
					num, year := any(nil), any(nil)
					if d.IncomingNumber > 0 {
						num, year = d.IncomingNumber, domain.NumberingYear(d.Arrived)
					}
					// The handling times as the store writes them (domain/handling.go).
					r := d.receipt()
					var regNs, dirNs any
					if took, ok := r.RegistrationTook(); ok {
						regNs = int64(took)
					}
					dirBy, took, ok := r.DirectionTook()
					if ok {
						dirNs = int64(took)
					}
					// The place in the incoming box as the store keeps it
					// (receipts.go boxRank; box_at is the issue).
					status, rank := or(d.ReceiptStatus, "registered"), 0
					if status == string(domain.ReceiptReceived) || status == string(domain.ReceiptRegistered) {
						rank = 1 + domain.Urgency(or(d.Urgency, "normal")).Rank()
					}
					ra = append(ra, d.ID, d.ReceiptAgency, status, num, year, or(d.IncomingSeries, domain.SeriesIncoming),
						ft(d.RegisteredAt), d.RegisteredBy, d.LeadUnitID, ft(d.DirectedAt), d.DirectedBy, ft(d.Arrived), ft(d.Arrived),
						regNs, dirBy, dirNs, rank, pkgstore.FormatTime(issued))
					rq = append(rq, placeholders(len(ra)-17, 18))
					for i, st := range d.Steps {
						var stepNs any
						if took, ok := r.StepTook(i); ok {
							stepNs = int64(took)
						}
						sa = append(sa, d.ID, d.ReceiptAgency, i+1, fmt.Sprintf("%s-step-%d", d.ID, i+1), st.Kind, st.FromUserID,
							st.ToUserID, ft(st.At), ft(d.Arrived), stepNs)
						sq = append(sq, placeholders(len(sa)-9, 10))
					}
				}
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO documents (id, kind, status, issuer_unit_id, drafting_unit_id, drafter_id,
				summary, urgency, urgency_rank, confidentiality, signer_id, signer_name, number_year, number, notation, issued_at,
				issued_by, created_at, updated_at, number_series, channel, sender_name, original_notation, original_date,
				search_text, sender_search, signer_search)
				VALUES `+strings.Join(dq, ", "), da...); err != nil {
				return err
			}
			if len(pq) > 0 {
				if _, err := tx.ExecContext(ctx, `INSERT INTO document_recipients (document_id, position, unit_id, agency_id)
					VALUES `+strings.Join(pq, ", "), pa...); err != nil {
					return err
				}
			}
			if len(rq) > 0 {
				if _, err := tx.ExecContext(ctx, `INSERT INTO receipts (document_id, agency_id, status, incoming_number, incoming_year,
					incoming_series, registered_at, registered_by, lead_unit_id, directed_at, directed_by, created_at, updated_at,
					registration_ns, direction_by, direction_ns, box_rank, box_at)
					VALUES `+strings.Join(rq, ", "), ra...); err != nil {
					return err
				}
			}
			if len(sq) > 0 {
				if _, err := tx.ExecContext(ctx, `INSERT INTO routing_steps (document_id, agency_id, seq, id, kind, from_user_id,
					to_user_id, at, arrived_at, took_ns) VALUES `+strings.Join(sq, ", "), sa...); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// A server that has held the rows a while has its planner's figures of
	// them (autovacuum); without, PostgreSQL plans on a guess of one row
	// and probes 100,000 times where it would hash once. SQLite gathers
	// none unless told to, so it is left as it runs.
	if db.Dialect == pkgstore.Postgres {
		if _, err := db.ExecContext(context.Background(), `ANALYZE`); err != nil {
			t.Fatal(err)
		}
	}
}

// receipt is what of d's receipt the handling times are taken from.
func (d Seeded) receipt() domain.Receipt {
	r := domain.Receipt{CreatedAt: d.Arrived}
	if !d.RegisteredAt.IsZero() {
		r.RegisteredAt = &d.RegisteredAt
	}
	if !d.DirectedAt.IsZero() {
		r.Direction = &domain.Direction{LeadUnitID: d.LeadUnitID, DirectedBy: d.DirectedBy, DirectedAt: d.DirectedAt}
	}
	for i, st := range d.Steps {
		r.Routing = append(r.Routing, domain.RoutingStep{Seq: i + 1, Kind: domain.StepKind(st.Kind), FromUserID: st.FromUserID,
			ToUserID: st.ToUserID, At: st.At})
	}
	return r
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// placeholders is "($first, …, $first+n-1)".
func placeholders(first, n int) string {
	p := make([]string, n)
	for i := range p {
		p[i] = "$" + strconv.Itoa(first+i)
	}
	return "(" + strings.Join(p, ", ") + ")"
}
