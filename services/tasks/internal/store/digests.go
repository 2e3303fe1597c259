package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// DigestLeaders lists up to limit active people with the leader role who
// have no digest for the week yet (or, with empty, one that listed
// nothing), after the leader id after.
func (s *Store) DigestLeaders(ctx context.Context, week domain.Date, empty bool, after string, limit int) ([]app.Leader, error) {
	sent := `d.week_start = $1`
	if empty {
		sent += ` AND d.items > 0`
	}
	rows, err := s.db.QueryContext(ctx, `SELECT p.id, p.unit_id, p.agency_id
FROM identity_people p JOIN identity_roles r ON r.person_id = p.id AND r.role = 'leader'
WHERE p.active = TRUE AND p.id > $3 AND NOT EXISTS (SELECT 1 FROM task_digests d WHERE d.user_id = p.id AND `+sent+`)
ORDER BY p.id LIMIT $2`, week.String(), limit, after)
	if err != nil {
		return nil, fmt.Errorf("digest leaders: %w", err)
	}
	defer rows.Close()
	var out []app.Leader
	for rows.Next() {
		var l app.Leader
		if err := rows.Scan(&l.UserID, &l.UnitID, &l.AgencyID); err != nil {
			return nil, fmt.Errorf("digest leaders: %w", err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// AgencyUnits maps each unit of the agency to its parent.
func (s *Store) AgencyUnits(ctx context.Context, agencyID string) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, parent_id FROM identity_units WHERE agency_id = $1`, agencyID)
	if err != nil {
		return nil, fmt.Errorf("agency units: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, parent string
		if err := rows.Scan(&id, &parent); err != nil {
			return nil, fmt.Errorf("agency units: %w", err)
		}
		out[id] = parent
	}
	return out, rows.Err()
}

// DigestTasks lists up to limit open tasks of the units due on or before
// through, by due date, and counts them all.
func (s *Store) DigestTasks(ctx context.Context, units []string, through domain.Date, limit int) ([]domain.Task, int, error) {
	if len(units) == 0 {
		return nil, 0, nil
	}
	args := []any{through.String()}
	in := make([]string, len(units))
	for i, u := range units {
		args = append(args, u)
		in[i] = fmt.Sprintf("$%d", len(args))
	}
	where := `t.due_date <= $1 AND t.assignee_unit_id IN (` + strings.Join(in, ", ") + `) AND t.status IN ` + openIn(&args)
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM tasks t WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("digest tasks: %w", err)
	}
	args = append(args, limit)
	ts, err := queryTasks(ctx, s.db, `SELECT `+prefixed("t.", taskColumns)+` FROM tasks t WHERE `+where+
		fmt.Sprintf(` ORDER BY t.due_date, t.id LIMIT $%d`, len(args)), args...)
	return ts, total, err
}

// MarkDigest claims the leader's digest of the week; a claim that listed
// nothing may be claimed again (a digest asked for later in the week).
func (s *Store) MarkDigest(ctx context.Context, tx *store.Tx, userID string, week domain.Date, items int, at time.Time) (bool, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO task_digests (user_id, week_start, items, sent_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (user_id, week_start) DO UPDATE SET items = excluded.items, sent_at = excluded.sent_at
WHERE task_digests.items = 0`, userID, week.String(), items, store.FormatTime(at))
	if err != nil {
		return false, fmt.Errorf("mark digest: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("mark digest: %w", err)
	}
	return n == 1, nil
}
