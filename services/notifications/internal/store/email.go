package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// AddEmail queues e in the caller's transaction (the one that creates its
// notification); a second add of the same id changes nothing.
func (s *Store) AddEmail(ctx context.Context, tx *store.Tx, e domain.Email) error {
	_, err := tx.ExecContext(ctx, `
INSERT INTO email_outbox (id, message_id, user_id, to_name, to_addr, subject, text_body, html_body, priority,
    cause_event_id, cause_event_type, status, next_attempt_at, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
ON CONFLICT (id) DO NOTHING`,
		e.ID, e.MessageID, e.UserID, e.ToName, e.ToAddr, e.Subject, e.Text, e.HTML, e.Priority,
		e.CauseEventID, e.CauseEventType, domain.EmailPending, store.FormatTime(e.CreatedAt), store.FormatTime(e.CreatedAt))
	if err != nil {
		return fmt.Errorf("queue e-mail %s: %w", e.ID, err)
	}
	tx.OnCommit(s.emails.Notify)
	return nil
}

// DueEmails lists the ids of pending e-mails whose time has come and that no
// sender holds, most urgent first, then oldest.
func (s *Store) DueEmails(ctx context.Context, now time.Time, limit int) ([]string, error) {
	return s.dueIDs(ctx, `
SELECT id FROM email_outbox
WHERE status = 'pending' AND next_attempt_at <= $1 AND lease_until <= $1
ORDER BY priority DESC, created_at, id LIMIT $2`, now, limit)
}

func (s *Store) dueIDs(ctx context.Context, query string, now time.Time, limit int) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, query, store.FormatTime(now), limit)
	if err != nil {
		return nil, fmt.Errorf("due work: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("due work: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// ClaimEmail takes the lease of a pending e-mail until until; ok is false
// when another sender holds it or it is no longer pending. The conditional
// update is what keeps two replicas from sending one message together.
func (s *Store) ClaimEmail(ctx context.Context, id string, now, until time.Time) (e domain.Email, ok bool, err error) {
	err = s.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		e, err = scanEmail(tx.QueryRowContext(ctx, `
UPDATE email_outbox SET lease_until = $3
WHERE id = $1 AND status = 'pending' AND lease_until <= $2
RETURNING `+emailColumns, id, store.FormatTime(now), store.FormatTime(until)))
		return err
	})
	if errors.Is(err, sql.ErrNoRows) {
		return e, false, nil
	}
	if err != nil {
		return e, false, fmt.Errorf("claim e-mail %s: %w", id, err)
	}
	return e, true, nil
}

// ClaimEmails takes the lease of up to limit due e-mails until until, in
// one transaction, and returns them most urgent first, then oldest. The
// conditions are repeated on the outer update: on PostgreSQL a row another
// worker claimed meanwhile is rechecked after its lock and skipped.
func (s *Store) ClaimEmails(ctx context.Context, now, until time.Time, limit int) ([]domain.Email, error) {
	out, err := claim(ctx, s, scanEmail, `
UPDATE email_outbox SET lease_until = $2
WHERE id IN (SELECT id FROM email_outbox WHERE status = 'pending' AND next_attempt_at <= $1 AND lease_until <= $1
             ORDER BY priority DESC, created_at, id LIMIT $3)
  AND status = 'pending' AND lease_until <= $1
RETURNING `+emailColumns, now, until, limit)
	if err != nil {
		return nil, fmt.Errorf("claim e-mails: %w", err)
	}
	slices.SortFunc(out, func(a, b domain.Email) int {
		return cmp.Or(cmp.Compare(b.Priority, a.Priority), a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// NextEmailDue is when the next pending e-mail falls due: its retry, or the
// end of the lease another sender holds on it.
func (s *Store) NextEmailDue(ctx context.Context) (time.Time, bool, error) {
	return s.nextDue(ctx, `SELECT MIN(CASE WHEN lease_until > next_attempt_at THEN lease_until ELSE next_attempt_at END)
FROM email_outbox WHERE status = 'pending'`)
}

// claim runs a claiming UPDATE ... RETURNING with (now, until, limit) in
// one transaction and scans what it took.
func claim[T any](ctx context.Context, s *Store, scan func(scanner) (T, error), query string, now, until time.Time, limit int) ([]T, error) {
	var out []T
	err := s.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		out = nil
		rows, err := tx.QueryContext(ctx, query, store.FormatTime(now), store.FormatTime(until), limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			v, err := scan(rows)
			if err != nil {
				return err
			}
			out = append(out, v)
		}
		return rows.Err()
	})
	return out, err
}

func (s *Store) nextDue(ctx context.Context, query string) (time.Time, bool, error) {
	var at sql.NullString
	if err := s.db.QueryRowContext(ctx, query).Scan(&at); err != nil {
		return time.Time{}, false, fmt.Errorf("next due: %w", err)
	}
	if !at.Valid {
		return time.Time{}, false, nil
	}
	t, err := store.ParseTime(at.String)
	return t, err == nil, err
}

// MarkEmailSent records the successful attempt.
func (s *Store) MarkEmailSent(ctx context.Context, tx *store.Tx, id string, attempts int, at time.Time) error {
	_, err := tx.ExecContext(ctx, `
UPDATE email_outbox SET status = 'sent', attempts = $2, sent_at = $3, lease_until = '', last_error = ''
WHERE id = $1`, id, attempts, store.FormatTime(at))
	if err != nil {
		return fmt.Errorf("mark e-mail %s sent: %w", id, err)
	}
	return nil
}

// MarkEmailFailed records a failed attempt: status stays pending with the
// next try at next, or becomes failed when the sender gives up.
func (s *Store) MarkEmailFailed(ctx context.Context, tx *store.Tx, id string, attempts int, next time.Time, giveUp bool, lastErr string) error {
	status := domain.EmailPending
	if giveUp {
		status = domain.EmailFailed
	}
	_, err := tx.ExecContext(ctx, `
UPDATE email_outbox SET status = $2, attempts = $3, next_attempt_at = $4, lease_until = '', last_error = $5
WHERE id = $1`, id, status, attempts, store.FormatTime(next), lastErr)
	if err != nil {
		return fmt.Errorf("mark e-mail %s failed: %w", id, err)
	}
	return nil
}

// ExpireSentEmails deletes the e-mails sent before cutoff, a batch at a
// time, and returns how many went. Pending and given-up ones stay: the
// first are still to send, the second are what support asks about.
func (s *Store) ExpireSentEmails(ctx context.Context, cutoff time.Time) (int64, error) {
	return s.expireSentEmails(ctx, cutoff, expireBatch)
}

func (s *Store) expireSentEmails(ctx context.Context, cutoff time.Time, batch int) (int64, error) {
	return s.expire(ctx, "sent e-mails", batch, func(ctx context.Context, tx *store.Tx) (int64, error) {
		return rowsGone(tx.ExecContext(ctx, `DELETE FROM email_outbox WHERE id IN (
    SELECT id FROM email_outbox WHERE status = 'sent' AND sent_at < $1 LIMIT $2)`, store.FormatTime(cutoff), batch))
	})
}

// Email returns one queued e-mail.
func (s *Store) Email(ctx context.Context, q store.Querier, id string) (domain.Email, error) {
	e, err := scanEmail(q.QueryRowContext(ctx, `SELECT `+emailColumns+` FROM email_outbox WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("e-mail %s: %w", id, domain.ErrNotFound)
	}
	if err != nil {
		return e, fmt.Errorf("e-mail %s: %w", id, err)
	}
	return e, nil
}

// EmailsTo lists the e-mails queued for a person, oldest first (tests and
// support).
func (s *Store) EmailsTo(ctx context.Context, userID string) ([]domain.Email, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+emailColumns+` FROM email_outbox WHERE user_id = $1 ORDER BY created_at, id`, userID)
	if err != nil {
		return nil, fmt.Errorf("e-mails to %s: %w", userID, err)
	}
	defer rows.Close()
	var out []domain.Email
	for rows.Next() {
		e, err := scanEmail(rows)
		if err != nil {
			return nil, fmt.Errorf("e-mails to %s: %w", userID, err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

const emailColumns = `id, message_id, user_id, to_name, to_addr, subject, text_body, html_body, priority,
    cause_event_id, cause_event_type, status, attempts, next_attempt_at, last_error, created_at, sent_at`

func scanEmail(r scanner) (domain.Email, error) {
	var (
		e             domain.Email
		next, created string
		sent          sql.NullString
	)
	if err := r.Scan(&e.ID, &e.MessageID, &e.UserID, &e.ToName, &e.ToAddr, &e.Subject, &e.Text, &e.HTML, &e.Priority,
		&e.CauseEventID, &e.CauseEventType, &e.Status, &e.Attempts, &next, &e.LastError, &created, &sent); err != nil {
		return e, err
	}
	var err error
	if e.NextAttemptAt, err = store.ParseTime(next); err != nil {
		return e, err
	}
	if e.CreatedAt, err = store.ParseTime(created); err != nil {
		return e, err
	}
	if sent.Valid {
		t, err := store.ParseTime(sent.String)
		if err != nil {
			return e, err
		}
		e.SentAt = &t
	}
	return e, nil
}
