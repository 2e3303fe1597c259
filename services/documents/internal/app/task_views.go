package app

import (
	"context"
	"errors"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
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
// it completes. The assigner's agency tells a recipient's own direction
// from the issuer's assignment of the same document.
func (t *TaskViews) Record(ctx context.Context, w TaskWrites, v domain.TaskView, at time.Time) error {
	if v.Status == "" {
		v.Status = "in_progress"
	}
	v.AssignerAgencyID = v.AssignerUnitID
	if u, err := w.Unit(ctx, v.AssignerUnitID); err == nil && u.AgencyID != "" {
		v.AssignerAgencyID = u.AgencyID
	} else if err != nil && !errors.Is(err, domain.ErrNotFound) {
		return err
	}
	v.UpdatedAt = pkgstore.FormatTime(at)
	if err := w.UpsertTask(ctx, v); err != nil {
		return err
	}
	if v.Status == "completed" || v.Status == "cancelled" {
		_, err := w.MarkReceiptsDone(ctx, v.SourceDocumentID, v.UpdatedAt)
		return err
	}
	return nil
}
