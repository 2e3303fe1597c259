package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

const documentColumns = `d.id, d.kind, d.status, d.issuer_unit_id, d.drafting_unit_id, d.drafter_id, d.drafter_name,
	d.summary, d.body, d.urgency, d.confidentiality, d.due_date, d.implements_document_id, d.in_reply_to_document_id,
	d.signer_id, d.signer_name, d.signer_title, d.signing_mark, d.approved_at,
	d.number_year, d.number, d.notation, d.issued_at, d.issued_by, d.created_at, d.updated_at,
	d.revoked_at, d.revoked_by, d.revoke_reason, d.requested_mark, d.signer_mark_line, d.signer_position_line,
	d.signer_authorisation_id, d.signer_authorised_by_id, d.signer_authorised_by_name,
	d.normative, d.copy_of_document_id, d.copy_form, d.copy_extract, d.copy_note, d.number_series,
	d.channel, d.sender_code, d.sender_name, d.original_notation, d.original_date, d.external_signer_name,
	d.external_signer_competence, d.external_signer_position, d.pages, d.exchange_package_id`

type scanner interface{ Scan(dest ...any) error }

// scanDocument reads the documentColumns (recipients are loaded apart);
// extra destinations follow them.
func scanDocument(row scanner, extra ...any) (domain.Document, error) {
	var (
		d                                       domain.Document
		kind, status, urgency, conf             string
		signerID, signerName, signerTitle, mrk  string
		approvedAt, notation, issuedAt, revoked sql.NullString
		year, number                            sql.NullInt64
		createdAt, updatedAt, copyForm          string
		requested, channel                      string
		sg                                      domain.Signer
	)
	dest := []any{&d.ID, &kind, &status, &d.IssuerUnitID, &d.DraftingUnitID, &d.Drafter.UserID, &d.Drafter.FullName,
		&d.Summary, &d.Body, &urgency, &conf, &d.DueDate, &d.ImplementsDocumentID, &d.InReplyToDocumentID,
		&signerID, &signerName, &signerTitle, &mrk, &approvedAt,
		&year, &number, &notation, &issuedAt, &d.IssuedBy, &createdAt, &updatedAt,
		&revoked, &d.RevokedBy, &d.RevokeReason, &requested, &sg.MarkLine, &sg.PositionLine,
		&sg.AuthorisationID, &sg.AuthorisedByID, &sg.AuthorisedByName,
		&d.Normative, &d.CopyOf, &copyForm, &d.CopyExtract, &d.CopyNote, &d.Series,
		&channel, &d.Sender.OrganisationCode, &d.Sender.Name, &d.OriginalNotation, &d.OriginalDate, &d.ExternalSigner.FullName,
		&d.ExternalSigner.Competence, &d.ExternalSigner.Position, &d.Pages, &d.ExchangePackageID}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return d, err
	}
	d.Kind, d.Status, d.CopyForm = domain.Kind(kind), domain.Status(status), domain.CopyForm(copyForm)
	d.Urgency, d.Confidentiality = domain.Urgency(urgency), domain.Confidentiality(conf)
	d.RequestedMark, d.Channel = domain.Mark(requested), domain.Channel(channel)
	if signerID != "" {
		sg.UserID, sg.FullName, sg.Title, sg.SigningMark = signerID, signerName, signerTitle, domain.SigningMark(mrk)
		d.Signer = &sg
	}
	d.NumberYear, d.Number, d.Notation = int(year.Int64), number.Int64, notation.String
	if !number.Valid {
		d.Series = "" // a series is the register a given number came from
	}
	var err error
	if d.ApprovedAt, err = parseTimePtr(approvedAt); err != nil {
		return d, err
	}
	if d.RevokedAt, err = parseTimePtr(revoked); err != nil {
		return d, err
	}
	if d.IssuedAt, err = parseTimePtr(issuedAt); err != nil {
		return d, err
	}
	if d.CreatedAt, err = store.ParseTime(createdAt); err != nil {
		return d, err
	}
	d.UpdatedAt, err = store.ParseTime(updatedAt)
	return d, err
}

// InsertDocument stores a new draft with its recipients.
func (s *Store) InsertDocument(ctx context.Context, tx *store.Tx, d domain.Document) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO documents (id, kind, status, issuer_unit_id, drafting_unit_id,
		drafter_id, drafter_name, summary, body, urgency, urgency_rank, confidentiality, due_date,
		implements_document_id, in_reply_to_document_id, created_at, updated_at, search_text, requested_mark,
		normative, copy_of_document_id, copy_form, copy_extract, copy_note,
		channel, sender_code, sender_name, original_notation, original_date, external_signer_name,
		external_signer_competence, external_signer_position, pages, exchange_package_id, sender_search, signer_search)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24,
		$25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36)`,
		d.ID, string(d.Kind), string(d.Status), d.IssuerUnitID, d.DraftingUnitID,
		d.Drafter.UserID, d.Drafter.FullName, d.Summary, d.Body, string(d.Urgency), d.Urgency.Rank(),
		string(d.Confidentiality), d.DueDate, d.ImplementsDocumentID, d.InReplyToDocumentID,
		store.FormatTime(d.CreatedAt), store.FormatTime(d.UpdatedAt), d.SearchText(), string(d.RequestedMark),
		d.Normative, d.CopyOf, string(d.CopyForm), d.CopyExtract, d.CopyNote,
		string(cmp.Or(d.Channel, domain.ChannelInternal)), d.Sender.OrganisationCode, d.Sender.Name, d.OriginalNotation,
		d.OriginalDate, d.ExternalSigner.FullName, d.ExternalSigner.Competence, d.ExternalSigner.Position, d.Pages,
		d.ExchangePackageID, domain.Fold(d.Sender.Name+" "+d.Sender.OrganisationCode), domain.Fold(d.ExternalSigner.FullName))
	if err != nil {
		return fmt.Errorf("insert document: %w", err)
	}
	return s.insertParts(ctx, tx, d)
}

// insertParts stores the recipients and plan items of d.
func (s *Store) insertParts(ctx context.Context, tx *store.Tx, d domain.Document) error {
	for i, r := range d.Recipients {
		if _, err := tx.ExecContext(ctx, `INSERT INTO document_recipients (document_id, position, unit_id, agency_id)
			VALUES ($1, $2, $3, $4)`, d.ID, i, r.UnitID, r.AgencyID); err != nil {
			return fmt.Errorf("insert recipient %s: %w", r.UnitID, err)
		}
	}
	// The incoming box finds the agency's own documents addressed to
	// itself by this flag (listSQL).
	self := slices.ContainsFunc(d.Recipients, func(r domain.Recipient) bool { return r.AgencyID == d.IssuerUnitID })
	if _, err := tx.ExecContext(ctx, `UPDATE documents SET self_addressed = $1 WHERE id = $2`, self, d.ID); err != nil {
		return fmt.Errorf("document %s self addressed: %w", d.ID, err)
	}
	for i, r := range d.ExternalRecipients {
		if _, err := tx.ExecContext(ctx, `INSERT INTO document_external_recipients (document_id, position, code, name)
			VALUES ($1, $2, $3, $4)`, d.ID, i, r.Code, r.Name); err != nil {
			return fmt.Errorf("insert external recipient %s: %w", r.Code, err)
		}
	}
	return s.insertItems(ctx, tx, d)
}

// UpdateContent rewrites a draft's editable fields, recipients and items,
// provided it is still a draft.
func (s *Store) UpdateContent(ctx context.Context, tx *store.Tx, d domain.Document) error {
	res, err := tx.ExecContext(ctx, `UPDATE documents SET kind = $1, summary = $2, body = $3, urgency = $4,
		urgency_rank = $5, confidentiality = $6, due_date = $7, implements_document_id = $8,
		in_reply_to_document_id = $9, search_text = $10, updated_at = $11, requested_mark = $12,
		normative = $13, drafting_unit_id = $14
		WHERE id = $15 AND status = 'draft'`,
		string(d.Kind), d.Summary, d.Body, string(d.Urgency), d.Urgency.Rank(), string(d.Confidentiality), d.DueDate,
		d.ImplementsDocumentID, d.InReplyToDocumentID, d.SearchText(), store.FormatTime(d.UpdatedAt),
		string(d.RequestedMark), d.Normative, d.DraftingUnitID, d.ID)
	if err != nil {
		return fmt.Errorf("update draft %s: %w", d.ID, err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return fmt.Errorf("update draft %s (%d rows, %v): %w", d.ID, n, err, ErrStale)
	}
	for _, table := range []string{"document_recipients", "document_external_recipients", "plan_items"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE document_id = $1`, d.ID); err != nil {
			return fmt.Errorf("update draft %s: %w", d.ID, err)
		}
	}
	return s.insertParts(ctx, tx, d)
}

// Document returns the document with its recipients, or ErrNotFound.
func (s *Store) Document(ctx context.Context, id string) (domain.Document, error) {
	q := s.DB
	return s.document(ctx, q, id, "")
}

// DocumentForUpdate reads the document inside tx and, on PostgreSQL, locks
// its row until the transaction ends, so that two clerks issuing the same
// document queue instead of both passing the status check. (SQLite has one
// writer at a time already.)
func (s *Store) DocumentForUpdate(ctx context.Context, tx *store.Tx, id string) (domain.Document, error) {
	lock := ""
	if tx.Dialect == store.Postgres {
		lock = " FOR UPDATE"
	}
	return s.document(ctx, tx, id, lock)
}

func (s *Store) document(ctx context.Context, q store.Querier, id, suffix string) (domain.Document, error) {
	d, err := scanDocument(q.QueryRowContext(ctx, `SELECT `+documentColumns+` FROM documents d WHERE d.id = $1`+suffix, id))
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("document %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return d, fmt.Errorf("document %s: %w", id, err)
	}
	rows, err := q.QueryContext(ctx, `SELECT unit_id, agency_id FROM document_recipients
		WHERE document_id = $1 ORDER BY position`, id)
	if err != nil {
		return d, fmt.Errorf("recipients of %s: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var r domain.Recipient
		if err := rows.Scan(&r.UnitID, &r.AgencyID); err != nil {
			return d, fmt.Errorf("recipients of %s: %w", id, err)
		}
		d.Recipients = append(d.Recipients, r)
	}
	if err := rows.Err(); err != nil {
		return d, fmt.Errorf("recipients of %s: %w", id, err)
	}
	if d.ExternalRecipients, err = s.externalRecipients(ctx, q, id); err != nil {
		return d, err
	}
	d.Items, err = s.items(ctx, q, id)
	return d, err
}

// ErrStale is returned when a document changed under a transition: its
// status was no longer the one the transition started from.
var ErrStale = errors.New("document changed concurrently")

// SaveDocument writes the lifecycle fields of d, provided its stored
// status is still from.
func (s *Store) SaveDocument(ctx context.Context, tx *store.Tx, d domain.Document, from domain.Status) error {
	var sg domain.Signer
	if d.Signer != nil {
		sg = *d.Signer
	}
	var year, number, notation any
	series := domain.SeriesGeneral
	if d.Number > 0 {
		year, number, notation, series = d.NumberYear, d.Number, d.Notation, d.Series
	} else if d.Notation != "" {
		notation = d.Notation // a document from outside: the sender's, unnumbered here
	}
	res, err := tx.ExecContext(ctx, `UPDATE documents SET status = $1, signer_id = $2, signer_name = $3,
		signer_title = $4, signing_mark = $5, approved_at = $6, number_year = $7, number = $8, notation = $9,
		issued_at = $10, issued_by = $11, updated_at = $12, revoked_at = $13, revoked_by = $14, revoke_reason = $15,
		signer_mark_line = $16, signer_position_line = $17, signer_authorisation_id = $18,
		signer_authorised_by_id = $19, signer_authorised_by_name = $20, number_series = $21,
		signer_search = CASE WHEN CAST($24 AS TEXT) = '' THEN signer_search ELSE CAST($24 AS TEXT) END
		WHERE id = $22 AND status = $23`,
		string(d.Status), sg.UserID, sg.FullName, sg.Title, string(sg.SigningMark), fmtTimePtr(d.ApprovedAt),
		year, number, notation, fmtTimePtr(d.IssuedAt), d.IssuedBy, store.FormatTime(d.UpdatedAt),
		fmtTimePtr(d.RevokedAt), d.RevokedBy, d.RevokeReason,
		sg.MarkLine, sg.PositionLine, sg.AuthorisationID, sg.AuthorisedByID, sg.AuthorisedByName, series, d.ID, string(from),
		domain.Fold(sg.FullName))
	if err != nil {
		return fmt.Errorf("update document %s: %w", d.ID, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("update document %s: %w", d.ID, err)
	} else if n != 1 {
		return fmt.Errorf("update document %s from %s: %w", d.ID, from, ErrStale)
	}
	if d.IssuedAt != nil {
		// Receipts made before the issue was written take its time as
		// their place in the incoming box (InsertReceipts).
		at := store.FormatTime(*d.IssuedAt)
		if _, err := tx.ExecContext(ctx, `UPDATE receipts SET box_at = $1 WHERE document_id = $2 AND box_at <> $1`, at, d.ID); err != nil {
			return fmt.Errorf("update document %s: receipts' box_at: %w", d.ID, err)
		}
	}
	return nil
}

// NextNumber takes the next number of the agency's register (series, see
// domain.SeriesFor and domain.IncomingSeriesFor) for year inside
// tx. The upsert holds the counter row until tx ends, so concurrent issuers
// queue on it, and a rollback gives the number back: no gaps, no repeats.
func (s *Store) NextNumber(ctx context.Context, tx *store.Tx, issuerUnitID string, year int, series string) (int64, error) {
	var n int64
	err := tx.QueryRowContext(ctx, `INSERT INTO number_counters (issuer_unit_id, year, series, n)
		VALUES ($1, $2, $3, 1)
		ON CONFLICT (issuer_unit_id, year, series) DO UPDATE SET n = number_counters.n + 1
		RETURNING n`, issuerUnitID, year, series).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("next number of %s/%d/%s: %w", issuerUnitID, year, series, err)
	}
	return n, nil
}

func (s *Store) externalRecipients(ctx context.Context, q store.Querier, id string) ([]domain.ExternalRecipient, error) {
	rows, err := q.QueryContext(ctx, `SELECT code, name FROM document_external_recipients
		WHERE document_id = $1 ORDER BY position`, id)
	if err != nil {
		return nil, fmt.Errorf("external recipients of %s: %w", id, err)
	}
	defer rows.Close()
	var out []domain.ExternalRecipient
	for rows.Next() {
		var r domain.ExternalRecipient
		if err := rows.Scan(&r.Code, &r.Name); err != nil {
			return nil, fmt.Errorf("external recipients of %s: %w", id, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
