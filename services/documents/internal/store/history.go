package store

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// AddHistory records a transition; an empty id gets a time-ordered one.
func (s *Store) AddHistory(ctx context.Context, tx *store.Tx, h domain.HistoryEntry) error {
	if h.ID == "" {
		id, err := uuid.NewV7()
		if err != nil {
			return fmt.Errorf("history id: %w", err)
		}
		h.ID = id.String()
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO document_history (id, document_id, action, from_status, to_status,
		actor_id, actor_name, at, trace_id, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		h.ID, h.DocumentID, string(h.Action), string(h.From), string(h.To), h.ActorID, h.ActorName,
		store.FormatTime(h.At), h.TraceID, h.Reason)
	if err != nil {
		return fmt.Errorf("add history of %s: %w", h.DocumentID, err)
	}
	return nil
}

// History lists a document's transitions, oldest first.
func (s *Store) History(ctx context.Context, documentID string) ([]domain.HistoryEntry, error) {
	q := s.DB
	rows, err := q.QueryContext(ctx, `SELECT id, document_id, action, from_status, to_status, actor_id, actor_name,
		at, trace_id, reason FROM document_history WHERE document_id = $1 ORDER BY at, id`, documentID)
	if err != nil {
		return nil, fmt.Errorf("history of %s: %w", documentID, err)
	}
	defer rows.Close()
	var out []domain.HistoryEntry
	for rows.Next() {
		var h domain.HistoryEntry
		var action, from, to, at string
		if err := rows.Scan(&h.ID, &h.DocumentID, &action, &from, &to, &h.ActorID, &h.ActorName, &at, &h.TraceID, &h.Reason); err != nil {
			return nil, fmt.Errorf("history of %s: %w", documentID, err)
		}
		h.Action, h.From, h.To = domain.Action(action), domain.Status(from), domain.Status(to)
		if h.At, err = store.ParseTime(at); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}
