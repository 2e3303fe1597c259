package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

func (s *Store) insertItems(ctx context.Context, tx *store.Tx, d domain.Document) error {
	for i, it := range d.Items {
		coop, err := json.Marshal(nonNil(it.CooperatingUnitIDs))
		if err != nil {
			return fmt.Errorf("item %s: %w", it.ID, err)
		}
		var name, target string
		if it.Indicator != nil {
			name, target = it.Indicator.Name, it.Indicator.Target
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO plan_items (document_id, id, position, title, description,
			lead_unit_id, cooperating_unit_ids, due_date, report_cadence, indicator_name, indicator_target)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
			d.ID, it.ID, i, it.Title, it.Description, it.LeadUnitID, string(coop), it.DueDate,
			string(it.ReportCadence), name, target); err != nil {
			return fmt.Errorf("insert item %s of %s: %w", it.ID, d.ID, err)
		}
	}
	return nil
}

// items reads a plan's items in order (nil for other documents).
func (s *Store) items(ctx context.Context, q store.Querier, documentID string) ([]domain.PlanItem, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, title, description, lead_unit_id, cooperating_unit_ids, due_date,
		report_cadence, indicator_name, indicator_target FROM plan_items WHERE document_id = $1 ORDER BY position`, documentID)
	if err != nil {
		return nil, fmt.Errorf("items of %s: %w", documentID, err)
	}
	defer rows.Close()
	var out []domain.PlanItem
	for rows.Next() {
		var (
			it                   domain.PlanItem
			coop, cadence        string
			indicator, indTarget string
		)
		if err := rows.Scan(&it.ID, &it.Title, &it.Description, &it.LeadUnitID, &coop, &it.DueDate,
			&cadence, &indicator, &indTarget); err != nil {
			return nil, fmt.Errorf("items of %s: %w", documentID, err)
		}
		if err := json.Unmarshal([]byte(coop), &it.CooperatingUnitIDs); err != nil {
			return nil, fmt.Errorf("items of %s: %w", documentID, err)
		}
		it.ReportCadence = domain.Cadence(cadence)
		if indicator != "" {
			it.Indicator = &domain.Indicator{Name: indicator, Target: indTarget}
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
