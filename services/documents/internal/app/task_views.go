package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// TaskViews keeps what documents knows of the tasks its documents gave
// rise to (from the tasks service's events): their status, progress and
// class, which the consolidated report reads, and the receipts a
// direction's finished tasks complete.
type TaskViews struct{}

// NewTaskViews returns the task read model's use case.
func NewTaskViews() *TaskViews { return &TaskViews{} }

// Record applies one task event's view of a task (at: the event's time)
// through w, which the consumer binds to the transaction it takes the
// event in, and, when the task ended, marks the receipts whose direction
// it completes (document.completed, once per receipt). The assigner's
// agency tells a recipient's own direction from the issuer's assignment
// of the same document.
func (t *TaskViews) Record(ctx context.Context, w TaskWrites, v domain.TaskView, at time.Time) error {
	_, err := t.record(ctx, w, v, at)
	return err
}

// Began records a task event that means work on the task began (it was
// accepted or reported on), as Record does; the first such event on the
// tasks of a directed receipt emits document.handling.
func (t *TaskViews) Began(ctx context.Context, w TaskWrites, v domain.TaskView, at time.Time) error {
	v, err := t.record(ctx, w, v, at)
	if err != nil || v.SourceDocumentID == "" {
		return err
	}
	first, err := w.MarkReceiptHandling(ctx, v.SourceDocumentID, v.AssignerAgencyID, v.UpdatedAt)
	if err != nil || !first {
		return err
	}
	return t.emit(ctx, w, events.DocumentHandling, v.SourceDocumentID, v.AssignerAgencyID)
}

func (t *TaskViews) record(ctx context.Context, w TaskWrites, v domain.TaskView, at time.Time) (domain.TaskView, error) {
	if v.Status == "" {
		v.Status = "in_progress"
	}
	v.AssignerAgencyID = v.AssignerUnitID
	if u, err := w.Unit(ctx, v.AssignerUnitID); err == nil && u.AgencyID != "" {
		v.AssignerAgencyID = u.AgencyID
	} else if err != nil && !errors.Is(err, domain.ErrNotFound) {
		return v, err
	}
	v.UpdatedAt = pkgstore.FormatTime(at)
	if err := w.UpsertTask(ctx, v); err != nil {
		return v, err
	}
	if v.Status == "completed" || v.Status == "cancelled" {
		done, err := w.MarkReceiptsDone(ctx, v.SourceDocumentID, v.UpdatedAt)
		if err != nil {
			return v, err
		}
		for _, agency := range done {
			if err := t.emit(ctx, w, events.DocumentCompleted, v.SourceDocumentID, agency); err != nil {
				return v, err
			}
		}
	}
	return v, nil
}

// emit writes document.handling or document.completed of agencyID's
// receipt of documentID, with the document's channel and package.
func (t *TaskViews) emit(ctx context.Context, w TaskWrites, short, documentID, agencyID string) error {
	d, err := w.Document(ctx, documentID)
	if err != nil {
		return fmt.Errorf("%s of %s: %w", short, documentID, err)
	}
	r := domain.Receipt{DocumentID: documentID, AgencyID: agencyID}
	var payload proto.Message
	switch short {
	case events.DocumentHandling:
		payload = &eventsv1.DocumentHandling{DocumentId: d.ID, ReceiptId: r.ID(), RecipientAgencyId: agencyID,
			Channel: string(channelOf(d)), ExchangePackageId: d.ExchangePackageID}
	default:
		payload = &eventsv1.DocumentCompleted{DocumentId: d.ID, ReceiptId: r.ID(), RecipientAgencyId: agencyID,
			Channel: string(channelOf(d)), ExchangePackageId: d.ExchangePackageID}
	}
	ev, err := envelope.New(ctx, events.SourceOfType(short), short, d.ID, payload)
	if err != nil {
		return fmt.Errorf("event %s: %w", short, err)
	}
	return w.Publish(ctx, ev)
}
