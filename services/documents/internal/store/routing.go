package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

const routingColumns = `id, seq, kind, from_user_id, from_name, to_user_id, to_name, to_unit_id, note, due_date,
	cooperating, informed, at`

// loadRouting reads the routing steps of each receipt in rs.
func loadRouting(ctx context.Context, q store.Querier, rs []domain.Receipt) error {
	for i := range rs {
		steps, err := routingOf(ctx, q, rs[i].DocumentID, rs[i].AgencyID)
		if err != nil {
			return err
		}
		rs[i].Routing = steps
	}
	return nil
}

func routingOf(ctx context.Context, q store.Querier, documentID, agencyID string) ([]domain.RoutingStep, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+routingColumns+` FROM routing_steps
		WHERE document_id = $1 AND agency_id = $2 ORDER BY seq`, documentID, agencyID)
	if err != nil {
		return nil, fmt.Errorf("routing of %s/%s: %w", documentID, agencyID, err)
	}
	defer rows.Close()
	var out []domain.RoutingStep
	for rows.Next() {
		var (
			s              domain.RoutingStep
			kind, coop, in string
			at             string
		)
		if err := rows.Scan(&s.ID, &s.Seq, &kind, &s.FromUserID, &s.FromName, &s.ToUserID, &s.ToName, &s.ToUnitID,
			&s.Note, &s.DueDate, &coop, &in, &at); err != nil {
			return nil, fmt.Errorf("routing of %s/%s: %w", documentID, agencyID, err)
		}
		s.Kind = domain.StepKind(kind)
		if err := json.Unmarshal([]byte(coop), &s.Cooperating); err != nil {
			return nil, fmt.Errorf("routing step %s: %w", s.ID, err)
		}
		if err := json.Unmarshal([]byte(in), &s.Informed); err != nil {
			return nil, fmt.Errorf("routing step %s: %w", s.ID, err)
		}
		if s.At, err = store.ParseTime(at); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// saveRouting inserts the steps of r not stored yet: steps are only ever
// added, so those numbered past the stored count are new.
func saveRouting(ctx context.Context, tx *store.Tx, r domain.Receipt) error {
	var stored int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM routing_steps WHERE document_id = $1 AND agency_id = $2`,
		r.DocumentID, r.AgencyID).Scan(&stored); err != nil {
		return fmt.Errorf("routing of %s: %w", r.ID(), err)
	}
	for i, s := range r.Routing {
		if s.Seq <= stored {
			continue
		}
		coop, err := json.Marshal(nonNilAddressees(s.Cooperating))
		if err != nil {
			return err
		}
		in, err := json.Marshal(nonNilAddressees(s.Informed))
		if err != nil {
			return err
		}
		var took any // the statistics' (domain/handling.go)
		if d, ok := r.StepTook(i); ok {
			took = int64(d)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO routing_steps (document_id, agency_id, `+routingColumns+`, arrived_at, took_ns)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
			r.DocumentID, r.AgencyID, s.ID, s.Seq, string(s.Kind), s.FromUserID, s.FromName, s.ToUserID, s.ToName,
			s.ToUnitID, s.Note, s.DueDate, string(coop), string(in), store.FormatTime(s.At), store.FormatTime(r.CreatedAt), took); err != nil {
			return fmt.Errorf("insert routing step %s of %s: %w", s.ID, r.ID(), err)
		}
	}
	return nil
}

func nonNilAddressees(s []domain.Addressee) []domain.Addressee {
	if s == nil {
		return []domain.Addressee{}
	}
	return s
}
