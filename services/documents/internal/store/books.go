package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// bookChunk is how many entries a register reads the recipients of at
// once: the register is never held whole, only a chunk of it.
const bookChunk = 500

// BookEntries reads a register's entries in the register's order:
// outgoing by series (the general or confidential one first, then
// normative, then copies) and number, incoming by incoming number. The
// name filters are the application's (domain.BookQuery.Matches). The
// entries stream from one cursor, a chunk at a time with its recipients,
// so a year of an agency's documents is never in memory at once; an error
// ends the sequence.
func (s *Store) BookEntries(ctx context.Context, bq domain.BookQuery) iter.Seq2[domain.BookEntry, error] {
	return func(yield func(domain.BookEntry, error) bool) {
		select {
		case s.registers <- struct{}{}:
			defer func() { <-s.registers }()
		case <-ctx.Done():
			yield(domain.BookEntry{}, fmt.Errorf("register: %w", ctx.Err()))
			return
		}
		each := func(e domain.BookEntry) bool { return yield(e, nil) }
		var err error
		if bq.Book == domain.BookIncoming {
			err = s.incomingBook(ctx, bq, each)
		} else {
			err = s.outgoingBook(ctx, bq, each)
		}
		if err != nil && !errors.Is(err, errStopped) {
			yield(domain.BookEntry{}, err)
		}
	}
}

// registersAtOnce bounds the registers read at once. A register holds
// its cursor on one connection while it reads each chunk's recipients on
// another: unbounded, as many registers as the pool has connections (four
// readers on SQLite) would each wait for a second one forever. Two leave
// the rest of the pool to everyone else, and bound the memory exports take.
const registersAtOnce = 2

// errStopped ends a register's reading when its caller stopped taking
// entries.
var errStopped = errors.New("register reading stopped")

func (s *Store) outgoingBook(ctx context.Context, bq domain.BookQuery, each func(domain.BookEntry) bool) error {
	series, err := s.outgoingSeries(ctx, bq)
	if err != nil {
		return err
	}
	c := s.chunks(ctx, bq, true, each)
	for _, ser := range series {
		if err := s.outgoingSeriesEntries(ctx, bq, ser, c); err != nil {
			return err
		}
	}
	return c.flush()
}

// outgoingSeries are the series the agency numbered documents in that
// year, in the register's order from the cursor's series on. Each is then
// read on its own in number order, along the unique index of numbers, so
// a page of the register costs its size and not a sort of the year.
func (s *Store) outgoingSeries(ctx context.Context, bq domain.BookQuery) ([]string, error) {
	q := &query{}
	q.and("issuer_unit_id = " + q.arg(bq.AgencyID))
	q.and("number_year = " + q.arg(bq.Year))
	q.and("number IS NOT NULL")
	if bq.Confidential {
		q.and("number_series = " + q.arg(domain.SeriesConfidential))
	} else {
		q.and("number_series <> " + q.arg(domain.SeriesConfidential))
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT DISTINCT number_series FROM documents WHERE `+strings.Join(q.where, " AND "), q.args...)
	if err != nil {
		return nil, fmt.Errorf("outgoing register: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var ser string
		if err := rows.Scan(&ser); err != nil {
			return nil, fmt.Errorf("outgoing register: %w", err)
		}
		if bq.After == nil || compareSeries(ser, bq.After.Series) >= 0 {
			out = append(out, ser)
		}
	}
	slices.SortFunc(out, compareSeries)
	return out, rows.Err()
}

// compareSeries orders an outgoing register's series: the general (or
// confidential) one first, then normative documents, then each form of
// copy.
func compareSeries(a, b string) int {
	rank := func(s string) int {
		switch s {
		case domain.SeriesGeneral, domain.SeriesConfidential:
			return 0
		case domain.SeriesNormative:
			return 1
		}
		return 2
	}
	return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a, b))
}

// outgoingSeriesEntries hands on one series of the register (past the
// cursor, in its series) to c.
func (s *Store) outgoingSeriesEntries(ctx context.Context, bq domain.BookQuery, series string, c *chunker) error {
	q := &query{}
	q.and("d.issuer_unit_id = " + q.arg(bq.AgencyID))
	q.and("d.number_year = " + q.arg(bq.Year))
	q.and("d.number_series = " + q.arg(series))
	q.and("d.number IS NOT NULL")
	if k := bq.After; k != nil && k.Series == series {
		q.and("d.number > " + q.arg(k.Number))
	}
	from, to := bq.Bounds()
	if !from.IsZero() {
		q.and("d.issued_at >= " + q.arg(store.FormatTime(from)))
	}
	if !to.IsZero() {
		q.and("d.issued_at < " + q.arg(store.FormatTime(to)))
	}
	bookFilters(q, bq)
	rows, err := s.DB.QueryContext(ctx, `SELECT `+listColumns+`, COALESCE(ku.name, '')
		FROM documents d LEFT JOIN identity_units ku ON ku.id = d.drafting_unit_id
		WHERE `+strings.Join(q.where, " AND ")+` ORDER BY d.number`+pageLimit(q, bq), q.args...)
	if err != nil {
		return fmt.Errorf("outgoing register: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e domain.BookEntry
		if e.Document, err = scanDocument(rows, &e.KeeperName); err != nil {
			return fmt.Errorf("outgoing register: %w", err)
		}
		if err := c.add(e); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("outgoing register: %w", err)
	}
	return nil
}

// pageLimit bounds a page's query in SQL when every row it reads is
// taken: the stream stops after the page anyway, but PostgreSQL plans for
// the rows it is told of (a page of 100 of 20,000: 70 ms without, 19 ms
// with).
func pageLimit(q *query, bq domain.BookQuery) string {
	if n := bq.PageRows(); n > 0 {
		return " LIMIT " + q.arg(n)
	}
	return ""
}

// bookFilters adds the kind and channel filters.
func bookFilters(q *query, bq domain.BookQuery) {
	if bq.Kind != "" {
		q.and("d.kind = " + q.arg(string(bq.Kind)))
	}
	if bq.Channel != "" {
		q.and("d.channel = " + q.arg(string(bq.Channel)))
	}
}

// chunker hands a register's entries on a chunk at a time, with their
// recipients when the register needs them.
type chunker struct {
	s          *Store
	ctx        context.Context
	recipients bool
	each       func(domain.BookEntry) bool
	chunk      []domain.BookEntry // its capacity is the chunk's size
}

// chunks hands entries on a chunk at a time; a page's chunk is its size
// and one more (the entry that says another page follows), so that a
// page of 100 does not read 500 entries and their recipients.
func (s *Store) chunks(ctx context.Context, bq domain.BookQuery, recipients bool, each func(domain.BookEntry) bool) *chunker {
	size := bookChunk
	if bq.Limit > 0 && bq.Limit+1 < size {
		size = bq.Limit + 1
	}
	return &chunker{s: s, ctx: ctx, recipients: recipients, each: each, chunk: make([]domain.BookEntry, 0, size)}
}

func (c *chunker) add(e domain.BookEntry) error {
	c.chunk = append(c.chunk, e)
	if len(c.chunk) < cap(c.chunk) {
		return nil
	}
	return c.flush()
}

func (c *chunker) flush() error {
	if len(c.chunk) == 0 {
		return nil
	}
	if c.recipients {
		if err := c.s.bookRecipients(c.ctx, c.chunk); err != nil {
			return err
		}
	}
	for _, e := range c.chunk {
		if !c.each(e) {
			return errStopped
		}
	}
	clear(c.chunk) // what the caller did not keep may go
	c.chunk = c.chunk[:0]
	return nil
}

// bookRecipients loads the recipients (ours, then outside) of a chunk of
// entries, in two scans rather than two per entry.
func (s *Store) bookRecipients(ctx context.Context, chunk []domain.BookEntry) error {
	index := make(map[string]int, len(chunk))
	ids := make([]string, len(chunk))
	for i, e := range chunk {
		index[e.Document.ID], ids[i] = i, e.Document.ID
	}
	q := &query{}
	in := q.list(ids)
	rows, err := s.DB.QueryContext(ctx, `SELECT dr.document_id, dr.unit_id, dr.agency_id, COALESCE(u.name, '')
		FROM document_recipients dr LEFT JOIN identity_units u ON u.id = dr.unit_id
		WHERE dr.document_id IN (`+in+`) ORDER BY dr.document_id, dr.position`, q.args...)
	if err != nil {
		return fmt.Errorf("register recipients: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, name string
		var r domain.Recipient
		if err := rows.Scan(&id, &r.UnitID, &r.AgencyID, &name); err != nil {
			return fmt.Errorf("register recipients: %w", err)
		}
		if i, ok := index[id]; ok {
			e := &chunk[i]
			e.Document.Recipients = append(e.Document.Recipients, r)
			e.RecipientNames = append(e.RecipientNames, cmp.Or(name, r.UnitID))
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("register recipients: %w", err)
	}
	rows.Close()
	ext, err := s.DB.QueryContext(ctx, `SELECT er.document_id, er.code, er.name
		FROM document_external_recipients er
		WHERE er.document_id IN (`+in+`) ORDER BY er.document_id, er.position`, q.args...)
	if err != nil {
		return fmt.Errorf("register external recipients: %w", err)
	}
	defer ext.Close()
	for ext.Next() {
		var id string
		var r domain.ExternalRecipient
		if err := ext.Scan(&id, &r.Code, &r.Name); err != nil {
			return fmt.Errorf("register external recipients: %w", err)
		}
		if i, ok := index[id]; ok {
			e := &chunk[i]
			e.Document.ExternalRecipients = append(e.Document.ExternalRecipients, r)
			e.RecipientNames = append(e.RecipientNames, cmp.Or(r.Name, r.Code))
		}
	}
	return ext.Err()
}

func (s *Store) incomingBook(ctx context.Context, bq domain.BookQuery, each func(domain.BookEntry) bool) error {
	q := &query{}
	q.and("r.agency_id = " + q.arg(bq.AgencyID))
	q.and("r.incoming_year = " + q.arg(bq.Year))
	q.and("r.incoming_number IS NOT NULL")
	series := domain.SeriesIncoming
	if bq.Confidential {
		series = domain.SeriesIncomingConfidential
	}
	q.and("r.incoming_series = " + q.arg(series))
	if bq.After != nil {
		q.and("r.incoming_number > " + q.arg(bq.After.Number))
	}
	from, to := bq.Bounds()
	if !from.IsZero() {
		q.and("r.created_at >= " + q.arg(store.FormatTime(from)))
	}
	if !to.IsZero() {
		q.and("r.created_at < " + q.arg(store.FormatTime(to)))
	}
	bookFilters(q, bq)
	rows, err := s.DB.QueryContext(ctx, `SELECT `+listColumns+`, `+prefixed("r.", receiptColumns)+`,
		COALESCE(iu.name, ''), COALESCE(lu.name, ''), COALESCE(rp.full_name, '')
		FROM receipts r JOIN documents d ON d.id = r.document_id
		LEFT JOIN identity_units iu ON iu.id = d.issuer_unit_id
		LEFT JOIN identity_units lu ON lu.id = r.lead_unit_id
		LEFT JOIN identity_people rp ON rp.id = r.registered_by
		WHERE `+strings.Join(q.where, " AND ")+` ORDER BY r.incoming_number`+pageLimit(q, bq), q.args...)
	if err != nil {
		return fmt.Errorf("incoming register: %w", err)
	}
	defer rows.Close()
	// who may see a confidential entry depends on its recipients
	c := s.chunks(ctx, bq, bq.Confidential, each)
	for rows.Next() {
		var e domain.BookEntry
		var rc receiptCells
		if e.Document, err = scanDocument(rows, append(rc.dest(), &e.IssuerName, &e.HandlerName, &e.RegisteredByName)...); err != nil {
			return fmt.Errorf("incoming register: %w", err)
		}
		if e.Receipt, err = rc.receipt(); err != nil {
			return err
		}
		if err := c.add(e); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("incoming register: %w", err)
	}
	return c.flush()
}

// prefixed qualifies each of a comma-separated column list.
func prefixed(p, cols string) string {
	parts := strings.Split(cols, ",")
	for i, c := range parts {
		parts[i] = p + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}

// receiptCells scans receiptColumns beside other columns (scanReceipt
// reads a row of them alone).
type receiptCells struct {
	documentID, agencyID, status, created, upd, series string
	number, year                                       sql.NullInt64
	registeredAt, directedAt, refusedAt                sql.NullString
	registeredBy, lead, coop, due, note, dirBy         string
	refusedBy, refuseReason, leadUser, coopUsers       string
}

func (c *receiptCells) dest() []any {
	return []any{&c.documentID, &c.agencyID, &c.status, &c.number, &c.year, &c.registeredAt, &c.registeredBy,
		&c.lead, &c.coop, &c.due, &c.note, &c.dirBy, &c.directedAt, &c.created, &c.upd,
		&c.series, &c.refusedAt, &c.refusedBy, &c.refuseReason, &c.leadUser, &c.coopUsers}
}

func (c *receiptCells) receipt() (domain.Receipt, error) {
	return scanReceipt(cellRow{c})
}

// cellRow replays scanned cells to scanReceipt.
type cellRow struct{ c *receiptCells }

func (r cellRow) Scan(dest ...any) error {
	src := r.c.dest()
	if len(dest) != len(src) {
		return fmt.Errorf("receipt cells: %d columns, want %d", len(dest), len(src))
	}
	for i := range dest {
		if err := assign(dest[i], src[i]); err != nil {
			return err
		}
	}
	return nil
}

// assign copies *src into *dest for the cell types receipts use.
func assign(dest, src any) error {
	switch d := dest.(type) {
	case *string:
		*d = *src.(*string)
	case *sql.NullInt64:
		*d = *src.(*sql.NullInt64)
	case *sql.NullString:
		*d = *src.(*sql.NullString)
	default:
		return fmt.Errorf("receipt cells: unexpected %T", dest)
	}
	return nil
}
