package app

import (
	"context"
	"errors"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

// TaskViews keeps what documents knows of the tasks its documents gave
// rise to (from the tasks service's events): their status, progress and
// class, which the consolidated report reads, and the receipts a
// direction's finished tasks complete.
type TaskViews struct{ st *store.Store }

// NewTaskViews returns the task read model's use case over st.
func NewTaskViews(st *store.Store) *TaskViews { return &TaskViews{st: st} }

// Record applies one task event's view of a task (at: the event's time)
// in the consumer's transaction tx and, when the task ended, marks the
// receipts whose direction it completes. The assigner's agency tells a
// recipient's own direction from the issuer's assignment of the same
// document.
func (t *TaskViews) Record(ctx context.Context, tx *pkgstore.Tx, v domain.TaskView, at time.Time) error {
	if v.Status == "" {
		v.Status = "in_progress"
	}
	v.AssignerAgencyID = v.AssignerUnitID
	if u, err := t.st.Unit(ctx, tx, v.AssignerUnitID); err == nil && u.AgencyID != "" {
		v.AssignerAgencyID = u.AgencyID
	} else if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	v.UpdatedAt = pkgstore.FormatTime(at)
	if err := t.st.UpsertTask(ctx, tx, v); err != nil {
		return err
	}
	if v.Status == "completed" || v.Status == "cancelled" {
		_, err := t.st.MarkReceiptsDone(ctx, tx, v.SourceDocumentID, v.UpdatedAt)
		return err
	}
	return nil
}
