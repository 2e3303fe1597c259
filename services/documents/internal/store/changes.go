package store

import (
	"context"
	"errors"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/idempotency"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// Outbox writes events in the caller's transaction (pkg/messaging), so
// that they are published if and only if the change commits.
type Outbox interface {
	Add(ctx context.Context, tx *store.Tx, evs ...envelope.Event) error
}

// Use cases: each opens, owns and commits one transaction, in which the
// change, its history entry, its events and its idempotency key commit
// together (app.Documents).

var _ app.Documents = (*Store)(nil)

// CreateDocument stores a draft and its first history entry, claiming key
// first in the same transaction.
func (s *Store) CreateDocument(ctx context.Context, key idempotency.Key, d domain.Document, h domain.HistoryEntry) (string, bool, error) {
	return idempotency.Do(ctx, s.DB, key, func(ctx context.Context, tx *store.Tx) (string, error) {
		if err := s.InsertDocument(ctx, tx, d); err != nil {
			return "", err
		}
		return d.ID, s.AddHistory(ctx, tx, h)
	})
}

// UpdateDocument runs apply on the locked document and stores what it did.
func (s *Store) UpdateDocument(ctx context.Context, id string, apply app.Step) (domain.Document, error) {
	var d domain.Document
	err := s.DB.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var err error
		if d, err = s.DocumentForUpdate(ctx, tx, id); err != nil {
			return err
		}
		from := d.Status
		h, evs, err := apply(ctx, Bound{s: s, tx: tx}, &d)
		if err != nil {
			return err
		}
		if err := s.SaveDocument(ctx, tx, d, from); err != nil {
			return err
		}
		return s.record(ctx, tx, h, evs)
	})
	return d, err
}

// UpdateReceipt runs apply on agencyID's locked receipt of the locked
// document and stores what it did.
func (s *Store) UpdateReceipt(ctx context.Context, id, agencyID string, apply app.ReceiptStep) error {
	return s.DB.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		d, err := s.DocumentForUpdate(ctx, tx, id) // revocation queues behind us
		if err != nil {
			return err
		}
		r, err := s.ReceiptForUpdate(ctx, tx, id, agencyID)
		if err != nil {
			return err
		}
		from := r.Status
		h, evs, err := apply(ctx, Bound{s: s, tx: tx}, d, &r)
		if err != nil {
			return err
		}
		if err := s.SaveReceipt(ctx, tx, r, from); err != nil {
			return err
		}
		return s.record(ctx, tx, h, evs)
	})
}

// AddAttachment stores att once check passes its locked document,
// claiming key first in the same transaction.
func (s *Store) AddAttachment(ctx context.Context, key idempotency.Key, att domain.Attachment, check func(domain.Document) error) (string, bool, error) {
	return idempotency.Do(ctx, s.DB, key, func(ctx context.Context, tx *store.Tx) (string, error) {
		d, err := s.DocumentForUpdate(ctx, tx, att.DocumentID)
		if err != nil {
			return "", err
		}
		if err := check(d); err != nil {
			return "", err
		}
		return att.ID, s.InsertAttachment(ctx, tx, att)
	})
}

// RemoveAttachment deletes an attachment's row once check passes its
// locked document.
func (s *Store) RemoveAttachment(ctx context.Context, documentID, id string, check func(domain.Document) error) error {
	return s.DB.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		d, err := s.DocumentForUpdate(ctx, tx, documentID)
		if err != nil {
			return err
		}
		if err := check(d); err != nil {
			return err
		}
		return s.DeleteAttachment(ctx, tx, documentID, id)
	})
}

// Replayed returns the id of what key created before.
func (s *Store) Replayed(ctx context.Context, key idempotency.Key) (string, bool, error) {
	return idempotency.Lookup(ctx, s.DB, key)
}

// record adds a step's history entry and events in its transaction.
func (s *Store) record(ctx context.Context, tx *store.Tx, h domain.HistoryEntry, evs []envelope.Event) error {
	if err := s.AddHistory(ctx, tx, h); err != nil {
		return err
	}
	return s.publish(ctx, tx, evs)
}

// publish adds events to the outbox in tx.
func (s *Store) publish(ctx context.Context, tx *store.Tx, evs []envelope.Event) error {
	if len(evs) == 0 {
		return nil
	}
	if s.Outbox == nil {
		return errors.New("store: events to publish but no outbox")
	}
	return s.Outbox.Add(ctx, tx, evs...)
}

// Bound is the store bound to one transaction: what a step may write
// beside its document (app.Writes), and what the task consumer writes in
// the transaction it takes an event in (app.TaskWrites).
type Bound struct {
	s  *Store
	tx *store.Tx
}

var (
	_ app.Writes     = Bound{}
	_ app.TaskWrites = Bound{}
)

// In binds the store to tx, which its caller opened and commits.
func (s *Store) In(tx *store.Tx) Bound { return Bound{s: s, tx: tx} }

// TaskWrites is In as the port the consumer hands app.TaskViews.
func (s *Store) TaskWrites(tx *store.Tx) app.TaskWrites { return s.In(tx) }

func (b Bound) NextNumber(ctx context.Context, unitID string, year int, series string) (int64, error) {
	return b.s.NextNumber(ctx, b.tx, unitID, year, series)
}

func (b Bound) InsertReceipts(ctx context.Context, rs []domain.Receipt) error {
	return b.s.InsertReceipts(ctx, b.tx, rs)
}

func (b Bound) UpdateContent(ctx context.Context, d domain.Document) error {
	return b.s.UpdateContent(ctx, b.tx, d)
}

func (b Bound) Unit(ctx context.Context, id string) (domain.Unit, error) {
	return b.s.Unit(ctx, b.tx, id)
}

func (b Bound) UpsertTask(ctx context.Context, v domain.TaskView) error {
	return b.s.UpsertTask(ctx, b.tx, v)
}

func (b Bound) AddReportRequest(ctx context.Context, r domain.ReportRequest) error {
	return b.s.AddReportRequest(ctx, b.tx, r)
}

func (b Bound) AnswerReportRequest(ctx context.Context, taskID, requestID, reportID, day, at string) error {
	return b.s.AnswerReportRequest(ctx, b.tx, taskID, requestID, reportID, day, at)
}

func (b Bound) MarkReceiptsDone(ctx context.Context, documentID, at string) ([]string, error) {
	return b.s.MarkReceiptsDone(ctx, b.tx, documentID, at)
}

func (b Bound) MarkReceiptHandling(ctx context.Context, documentID, agencyID, at string) (bool, error) {
	return b.s.MarkReceiptHandling(ctx, b.tx, documentID, agencyID, at)
}

func (b Bound) Document(ctx context.Context, id string) (domain.Document, error) {
	return b.s.document(ctx, b.tx, id, "")
}

func (b Bound) Publish(ctx context.Context, evs ...envelope.Event) error {
	return b.s.publish(ctx, b.tx, evs)
}
