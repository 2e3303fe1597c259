package hub

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/eoffice-vn/eoffice/pkg/store"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migrations are the hub's goose migrations.
var Migrations = store.SubFS(migrationFiles, "migrations")

// Errors the server turns into answers.
var (
	ErrBadSecret        = errors.New("wrong secret for this system")
	ErrCodeTaken        = errors.New("organisation code announced by another system")
	ErrUnknownRecipient = errors.New("no system receives for that organisation code")
	ErrNotFound         = errors.New("no such message for this system")
)

// Recipient statuses of a message (the gateway's updateStatus values).
const (
	StatusNew        = "new"
	StatusProcessing = "processing"
	StatusDone       = "done"
	StatusFail       = "fail"
)

// Store keeps the hub's systems, codes and messages.
type Store struct{ db *store.DB }

// OpenStore opens and migrates the hub's database at dsn (a SQLite path or
// a PostgreSQL DSN).
func OpenStore(ctx context.Context, dsn string) (*Store, error) {
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	s, err := NewStore(ctx, db)
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// NewStore migrates db and returns the store on it.
func NewStore(ctx context.Context, db *store.DB) (*Store, error) {
	if err := db.Migrate(ctx, "goose_hub", Migrations); err != nil {
		return nil, err
	}
	return &Store{db: db}, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Ping checks the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.Ping(ctx) }

func hashSecret(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}

// Authenticate checks secret against system's. The first call of a system
// registers it with that secret (trust on first use: the hub serves the
// systems of one machine or of a group of agencies that set it up).
func (s *Store) Authenticate(ctx context.Context, system, secret string) error {
	want := hashSecret(secret)
	check := func(stored string) error {
		if subtle.ConstantTimeCompare([]byte(stored), []byte(want)) != 1 {
			return ErrBadSecret
		}
		return nil
	}
	var stored string
	err := s.db.QueryRowContext(ctx, `SELECT secret_hash FROM systems WHERE id = $1`, system).Scan(&stored)
	if err == nil {
		return check(stored)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("authenticate: %w", err)
	}
	err = s.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO systems (id, secret_hash, created_at) VALUES ($1, $2, $3)`,
			system, want, store.FormatTime(time.Now()))
		return err
	})
	if store.IsUniqueViolation(err) { // registered meanwhile by a concurrent first call
		if err := s.db.QueryRowContext(ctx, `SELECT secret_hash FROM systems WHERE id = $1`, system).Scan(&stored); err != nil {
			return fmt.Errorf("authenticate: %w", err)
		}
		return check(stored)
	}
	if err != nil {
		return fmt.Errorf("register system: %w", err)
	}
	return nil
}

// Announce makes codes exactly the set system receives for. A code
// another system announced is refused whole (ErrCodeTaken): a misconfigured
// system must not take another's mail.
func (s *Store) Announce(ctx context.Context, system string, codes []string) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		for _, c := range codes {
			var owner string
			err := tx.QueryRowContext(ctx, `SELECT system_id FROM codes WHERE code = $1`, c).Scan(&owner)
			if err == nil && owner != system {
				return fmt.Errorf("%w: %s", ErrCodeTaken, c)
			}
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("announce: %w", err)
			}
		}
		rows, err := tx.QueryContext(ctx, `SELECT code FROM codes WHERE system_id = $1`, system)
		if err != nil {
			return fmt.Errorf("announce: %w", err)
		}
		var held []string
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				rows.Close()
				return fmt.Errorf("announce: %w", err)
			}
			held = append(held, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("announce: %w", err)
		}
		for _, c := range held {
			if !slices.Contains(codes, c) {
				if _, err := tx.ExecContext(ctx, `DELETE FROM codes WHERE code = $1`, c); err != nil {
					return fmt.Errorf("announce: %w", err)
				}
			}
		}
		for _, c := range codes {
			if slices.Contains(held, c) {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO codes (code, system_id) VALUES ($1, $2)`, c, system); err != nil {
				if store.IsUniqueViolation(err) {
					return fmt.Errorf("%w: %s", ErrCodeTaken, c)
				}
				return fmt.Errorf("announce: %w", err)
			}
		}
		return nil
	})
}

// Incoming is a message a system hands over.
type Incoming struct {
	System, Key    string // the sender system and its key for the message
	Type, From, To string
	DocumentID     string // the edXML DocumentId of an edoc, "" when unknown
	Body           []byte
}

// Summary is a message without its body.
type Summary struct {
	ID, Type, From, To string
	SenderSystem       string
	RecipientSystem    string
	Status, StatusDesc string
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// Send stores m for the system that receives for m.To and returns its id.
// It is committed before Send returns. A repeat (same sender and key) or a
// package already held for that recipient (same DocumentId) answers the
// id of the message already stored and stores nothing.
func (s *Store) Send(ctx context.Context, m Incoming) (string, error) {
	if id, err := s.existing(ctx, s.db, m); err != nil || id != "" {
		return id, err
	}
	id := uuid.NewString()
	sum := sha256.Sum256(m.Body)
	err := s.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		// Again inside the transaction: on SQLite it sees every commit.
		if prior, err := s.existing(ctx, tx, m); err != nil || prior != "" {
			id = prior
			return err
		}
		var recipient string
		err := tx.QueryRowContext(ctx, `SELECT system_id FROM codes WHERE code = $1`, m.To).Scan(&recipient)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: %s", ErrUnknownRecipient, m.To)
		}
		if err != nil {
			return fmt.Errorf("send: %w", err)
		}
		now := store.FormatTime(time.Now())
		_, err = tx.ExecContext(ctx, `INSERT INTO messages (id, sender_system, sender_key, type, from_code, to_code,
			recipient_system, document_id, sha256, body, status, status_desc, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, '', $12, $12)`,
			id, m.System, m.Key, m.Type, m.From, m.To, recipient, m.DocumentID, hex.EncodeToString(sum[:]), m.Body, StatusNew, now)
		if err != nil {
			return fmt.Errorf("send: %w", err)
		}
		return nil
	})
	if store.IsUniqueViolation(err) {
		// A concurrent send of the same message won (PostgreSQL).
		if prior, perr := s.existing(ctx, s.db, m); perr == nil && prior != "" {
			return prior, nil
		}
	}
	if err != nil {
		return "", err
	}
	return id, nil
}

// existing finds the message m repeats, "" when none.
func (s *Store) existing(ctx context.Context, q store.Querier, m Incoming) (string, error) {
	var id string
	err := q.QueryRowContext(ctx, `SELECT id FROM messages WHERE sender_system = $1 AND sender_key = $2`, m.System, m.Key).Scan(&id)
	if err == nil || !errors.Is(err, sql.ErrNoRows) {
		return id, wrap("send", err)
	}
	if m.Type != "edoc" || m.DocumentID == "" {
		return "", nil
	}
	err = q.QueryRowContext(ctx, `SELECT id FROM messages WHERE to_code = $1 AND document_id = $2 AND type = 'edoc'`, m.To, m.DocumentID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return id, wrap("send", err)
}

func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", op, err)
}

const summaryCols = `id, type, from_code, to_code, sender_system, recipient_system, status, status_desc, created_at, updated_at`

func scanSummary(sc interface{ Scan(...any) error }) (Summary, error) {
	var m Summary
	var created, updated string
	if err := sc.Scan(&m.ID, &m.Type, &m.From, &m.To, &m.SenderSystem, &m.RecipientSystem, &m.Status, &m.StatusDesc, &created, &updated); err != nil {
		return m, err
	}
	var err error
	if m.CreatedAt, err = store.ParseTime(created); err != nil {
		return m, err
	}
	m.UpdatedAt, err = store.ParseTime(updated)
	return m, err
}

// Received lists up to max messages for system not yet done or failed,
// oldest first; typ "" lists both types.
func (s *Store) Received(ctx context.Context, system, typ string, max int) ([]Summary, error) {
	q := `SELECT ` + summaryCols + ` FROM messages WHERE recipient_system = $1 AND status IN ('new', 'processing')`
	args := []any{system}
	if typ != "" {
		q += ` AND type = $2`
		args = append(args, typ)
	}
	q += fmt.Sprintf(` ORDER BY created_at, id LIMIT %d`, max)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("received: %w", err)
	}
	defer rows.Close()
	var out []Summary
	for rows.Next() {
		m, err := scanSummary(rows)
		if err != nil {
			return nil, fmt.Errorf("received: %w", err)
		}
		out = append(out, m)
	}
	return out, wrap("received", rows.Err())
}

// Message returns message id with its body, for its recipient or sender.
func (s *Store) Message(ctx context.Context, system, id string) (Summary, []byte, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+summaryCols+`, body FROM messages WHERE id = $1 AND (recipient_system = $2 OR sender_system = $2)`, id, system)
	var body []byte
	m, err := scanSummary(scanWith{row, &body})
	if errors.Is(err, sql.ErrNoRows) {
		return m, nil, ErrNotFound
	}
	return m, body, wrap("message", err)
}

// scanWith scans a summary followed by extra columns.
type scanWith struct {
	row   *sql.Row
	extra *[]byte
}

func (s scanWith) Scan(dest ...any) error { return s.row.Scan(append(dest, s.extra)...) }

// Sent returns the summary of message id. Any system that holds the id
// may ask (ids are random): a sender whose repeat of a package was
// answered with the id another system's send got must see it delivered.
func (s *Store) Sent(ctx context.Context, id string) (Summary, error) {
	m, err := scanSummary(s.db.QueryRowContext(ctx, `SELECT `+summaryCols+` FROM messages WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return m, ErrNotFound
	}
	return m, wrap("sent", err)
}

// UpdateStatus records the recipient's status of message id.
func (s *Store) UpdateStatus(ctx context.Context, system, id, status, desc string) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE messages SET status = $1, status_desc = $2, updated_at = $3 WHERE id = $4 AND recipient_system = $5`,
			status, strings.TrimSpace(desc), store.FormatTime(time.Now()), id, system)
		if err != nil {
			return fmt.Errorf("update status: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("update status: %w", err)
		} else if n == 0 {
			return ErrNotFound
		}
		return nil
	})
}
