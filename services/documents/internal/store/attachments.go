package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// InsertAttachment records an attachment whose content is already stored.
func (s *Store) InsertAttachment(ctx context.Context, tx *store.Tx, a domain.Attachment) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO attachments (id, document_id, filename, content_type, size, sha256,
		uploaded_by, created_at, system_kind, seal) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		a.ID, a.DocumentID, a.Filename, a.ContentType, a.Size, a.SHA256, a.UploadedBy, store.FormatTime(a.CreatedAt),
		a.System, a.Seal)
	if err != nil {
		return fmt.Errorf("insert attachment %s: %w", a.ID, err)
	}
	return nil
}

const attachmentColumns = `id, document_id, filename, content_type, size, sha256, uploaded_by, created_at,
	system_kind, seal`

func scanAttachment(row scanner) (domain.Attachment, error) {
	var a domain.Attachment
	var at string
	if err := row.Scan(&a.ID, &a.DocumentID, &a.Filename, &a.ContentType, &a.Size, &a.SHA256, &a.UploadedBy, &at,
		&a.System, &a.Seal); err != nil {
		return a, err
	}
	var err error
	a.CreatedAt, err = store.ParseTime(at)
	return a, err
}

// Attachment returns one attachment of a document, or ErrNotFound.
func (s *Store) Attachment(ctx context.Context, documentID, id string) (domain.Attachment, error) {
	q := s.DB
	a, err := scanAttachment(q.QueryRowContext(ctx, `SELECT `+attachmentColumns+` FROM attachments
		WHERE document_id = $1 AND id = $2`, documentID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("attachment %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("attachment %s: %w", id, err)
	}
	return a, nil
}

// Attachments lists a document's attachments, oldest first.
func (s *Store) Attachments(ctx context.Context, documentID string) ([]domain.Attachment, error) {
	q := s.DB
	rows, err := q.QueryContext(ctx, `SELECT `+attachmentColumns+` FROM attachments WHERE document_id = $1
		ORDER BY created_at, id`, documentID)
	if err != nil {
		return nil, fmt.Errorf("attachments of %s: %w", documentID, err)
	}
	defer rows.Close()
	var out []domain.Attachment
	for rows.Next() {
		a, err := scanAttachment(rows)
		if err != nil {
			return nil, fmt.Errorf("attachments of %s: %w", documentID, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// ReferencedBlobs returns which of the given hashes an attachment row still
// names (the blob collector keeps those).
func (s *Store) ReferencedBlobs(ctx context.Context, sums []string) (map[string]bool, error) {
	q := s.DB
	out := make(map[string]bool, len(sums))
	if len(sums) == 0 {
		return out, nil
	}
	args := make([]any, len(sums))
	marks := make([]string, len(sums))
	for i, sum := range sums {
		args[i], marks[i] = sum, fmt.Sprintf("$%d", i+1)
	}
	in := strings.Join(marks, ", ")
	// Signature and seal images are blobs too.
	rows, err := q.QueryContext(ctx, `SELECT sha256 FROM attachments WHERE sha256 IN (`+in+`)
		UNION SELECT sha256 FROM signing_images WHERE sha256 IN (`+in+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("referenced blobs: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var sum string
		if err := rows.Scan(&sum); err != nil {
			return nil, fmt.Errorf("referenced blobs: %w", err)
		}
		out[sum] = true
	}
	return out, rows.Err()
}

// DeleteAttachment removes an attachment row, or returns ErrNotFound. Its
// content stays until the blob collector finds no row naming it.
func (s *Store) DeleteAttachment(ctx context.Context, tx *store.Tx, documentID, id string) error {
	res, err := tx.ExecContext(ctx, `DELETE FROM attachments WHERE document_id = $1 AND id = $2`, documentID, id)
	if err != nil {
		return fmt.Errorf("delete attachment %s: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return fmt.Errorf("delete attachment %s: %w", id, errors.Join(ErrNotFound, err))
	}
	return nil
}
