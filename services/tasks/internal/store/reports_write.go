package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

const reportColumns = `id, task_id, author_user_id, author_unit_id, progress_percent, summary, result, final, submitted_at,
    decision, review_comment, reviewed_by, reviewed_at, reply_document_id`

// AddReport inserts r; created is false when the reply it links has filed
// a report on the task already.
func (s *Store) AddReport(ctx context.Context, tx *store.Tx, r domain.Report) (bool, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO task_reports (`+reportColumns+`)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '', '', '', NULL, $10)
ON CONFLICT DO NOTHING`,
		r.ID, r.TaskID, r.AuthorUserID, r.AuthorUnitID, r.ProgressPercent, r.Summary, r.Result, r.Final,
		store.FormatTime(r.SubmittedAt), r.ReplyDocumentID)
	if err != nil {
		return false, fmt.Errorf("add report: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("add report: %w", err)
	}
	return n == 1, nil
}

// Report returns one report of a task, or an apperr.ErrNotFound error.
func (s *Store) Report(ctx context.Context, taskID, id string) (domain.Report, error) {
	return report(ctx, s.db, taskID, id)
}

// report reads one report of a task with q (the database or a transaction).
func report(ctx context.Context, q store.Querier, taskID, id string) (domain.Report, error) {
	r, err := scanReport(q.QueryRowContext(ctx, `SELECT `+reportColumns+` FROM task_reports WHERE task_id = $1 AND id = $2`, taskID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return domain.Report{}, apperr.NotFound("report")
	}
	return r, err
}

// ReviewReport records the review of r (only once: a reviewed report is
// left alone and the call fails with a conflict).
func (s *Store) ReviewReport(ctx context.Context, tx *store.Tx, r domain.Report) error {
	res, err := tx.ExecContext(ctx, `UPDATE task_reports SET decision = $1, review_comment = $2, reviewed_by = $3, reviewed_at = $4
WHERE id = $5 AND decision = ''`, string(r.Decision), r.Comment, r.ReviewedBy, formatOptTime(r.ReviewedAt), r.ID)
	if err != nil {
		return fmt.Errorf("review report: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return apperr.Conflict("this report has been reviewed already", "")
	}
	return nil
}

func scanReport(row rowScanner) (domain.Report, error) {
	var (
		r                   domain.Report
		submitted, decision string
		reviewed            *string
	)
	if err := row.Scan(&r.ID, &r.TaskID, &r.AuthorUserID, &r.AuthorUnitID, &r.ProgressPercent, &r.Summary,
		&r.Result, &r.Final, &submitted, &decision, &r.Comment, &r.ReviewedBy, &reviewed, &r.ReplyDocumentID); err != nil {
		return domain.Report{}, err
	}
	r.Decision = domain.ReviewDecision(decision)
	var err error
	if r.SubmittedAt, err = store.ParseTime(submitted); err != nil {
		return domain.Report{}, err
	}
	if r.ReviewedAt, err = parseOptTime(reviewed); err != nil {
		return domain.Report{}, err
	}
	return r, nil
}
