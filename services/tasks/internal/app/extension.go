package app

import (
	"context"
	"errors"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/idempotency"
	"github.com/eoffice-vn/eoffice/pkg/store"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// ExtensionInput is an extension request as the endpoint hands it over
// (from tasksapi.ExtensionRequest); its JSON names are the body's, which the
// Idempotency-Key fingerprints.
type ExtensionInput struct {
	DueDate        string `json:"due_date"`
	Reason         string `json:"reason"`
	IdempotencyKey string `json:"-"`
}

// RequestExtension asks the assigner for a later due date; members of the
// assignee unit ask, one pending request at a time.
func (a *App) RequestExtension(ctx context.Context, id string, in ExtensionInput) (domain.Extension, error) {
	var val apperr.Validator
	due := domain.ParseDueDate(&val, "due_date", in.DueDate)
	val.Check(strings.TrimSpace(in.Reason) != "", "reason", "is required")
	val.Check(len([]rune(in.Reason)) <= domain.MaxNote, "reason", "is too long")
	if err := val.Err(); err != nil {
		return domain.Extension{}, err
	}
	s, err := a.load(ctx, id)
	if err != nil {
		return domain.Extension{}, err
	}
	if !s.place.IsMember(s.v, s.t) {
		return domain.Extension{}, apperr.Forbidden("only members of the assignee unit ask for an extension")
	}
	if err := s.t.CanRequestExtension(); err != nil {
		return domain.Extension{}, err
	}
	if !s.t.DueDate.Before(due) {
		return domain.Extension{}, apperr.Invalid("an extension asks for a later due date",
			apperr.FieldError{Field: "due_date", Message: "must be after the current due date " + s.t.DueDate.String()})
	}
	k, err := idempotency.New(s.v.UserID, in.IdempotencyKey, "extension "+id, in)
	if err != nil {
		return domain.Extension{}, err
	}
	now := a.now()
	eid, err := a.once(ctx, k, func(ctx context.Context, tx *store.Tx) (string, error) {
		e := domain.Extension{ID: a.newID(), TaskID: id, RequestedDueDate: due, Reason: strings.TrimSpace(in.Reason),
			RequestedBy: s.v.UserID, RequestedAt: now.UTC()}
		_, err := a.changeIn(ctx, tx, id, func(ctx context.Context, tx *store.Tx, t domain.Task) (domain.Task, error) {
			if err := t.CanRequestExtension(); err != nil {
				return t, err
			}
			e.PreviousDueDate = t.DueDate
			if err := a.extensions.AddExtension(ctx, tx, e); err != nil {
				var ae *apperr.Error
				if errors.As(err, &ae) && ae.Kind == apperr.ErrConflict {
					return t, apperr.Conflict(ae.Detail, string(t.Status))
				}
				return t, err
			}
			t.UpdatedAt = now
			if err := a.record(ctx, tx, t, s.v, t.Status, domain.HistoryEntry{Action: domain.ActionExtensionAsked,
				OldDueDate: t.DueDate, NewDueDate: due, Reason: e.Reason}); err != nil {
				return t, err
			}
			if err := a.emit(ctx, tx, events.TaskExtensionRequested, t.ID, &eventsv1.TaskExtensionRequested{Task: ref(t, now),
				ExtensionId: e.ID, RequestedDueDate: due.String(), Reason: e.Reason, RequestedBy: s.v.UserID}); err != nil {
				return t, err
			}
			return t, nil
		})
		return e.ID, err
	})
	if err != nil {
		return domain.Extension{}, err
	}
	return a.extensions.Extension(ctx, id, eid)
}

// DecisionInput is a decision on the pending extension request (from
// tasksapi.ExtensionDecisionRequest).
type DecisionInput struct {
	Approve *bool
	Comment string
}

// ExtensionResult is the decided request and the task after it.
type ExtensionResult struct {
	Extension domain.Extension
	Task      TaskView
}

// DecideExtension lets a leader of the assigner's agency approve or reject
// the pending request; only an approval moves the due date.
func (a *App) DecideExtension(ctx context.Context, id string, in DecisionInput) (ExtensionResult, error) {
	var val apperr.Validator
	val.Check(in.Approve != nil, "approve", "is required")
	val.Check(len([]rune(in.Comment)) <= domain.MaxNote, "comment", "is too long")
	if err := val.Err(); err != nil {
		return ExtensionResult{}, err
	}
	s, err := a.load(ctx, id)
	if err != nil {
		return ExtensionResult{}, err
	}
	if !s.place.MayDecideExtension(s.v) {
		return ExtensionResult{}, apperr.Forbidden("only leaders of the assigner's agency decide extensions")
	}
	now := a.now()
	var e domain.Extension
	t, err := a.change(ctx, id, func(ctx context.Context, tx *store.Tx, t domain.Task) (domain.Task, error) {
		if err := t.CanRequestExtension(); err != nil {
			return t, err // a closed task has nothing left to extend
		}
		var err error
		e, err = a.extensions.PendingExtension(ctx, tx, id)
		if errors.Is(err, apperr.ErrNotFound) {
			return t, apperr.Conflict("no extension request awaits a decision", string(t.Status))
		}
		if err != nil {
			return t, err
		}
		e.Decision, e.Comment, e.DecidedBy, e.DecidedAt = domain.ExtensionRejected, in.Comment, s.v.UserID, &now
		previous := t.DueDate
		if *in.Approve {
			e.Decision = domain.ExtensionApproved
			if t, err = t.Extend(e.RequestedDueDate, now); err != nil {
				return t, err
			}
			if err := a.tasks.UpdateTask(ctx, tx, t); err != nil {
				return t, err
			}
		} else {
			t.UpdatedAt = now
		}
		if err := a.extensions.DecideExtension(ctx, tx, e); err != nil {
			return t, err
		}
		if err := a.record(ctx, tx, t, s.v, t.Status, domain.HistoryEntry{Action: domain.ActionExtensionDecided,
			Decision: e.Decision, OldDueDate: previous, NewDueDate: e.RequestedDueDate, Note: in.Comment}); err != nil {
			return t, err
		}
		return t, a.emit(ctx, tx, events.TaskExtensionDecided, t.ID, &eventsv1.TaskExtensionDecided{Task: ref(t, now),
			ExtensionId: e.ID, Approved: *in.Approve, PreviousDueDate: previous.String(),
			RequestedDueDate: e.RequestedDueDate.String(), Comment: in.Comment, DecidedBy: s.v.UserID})
	})
	if err != nil {
		return ExtensionResult{}, err
	}
	return ExtensionResult{Extension: e, Task: a.view(t, now)}, nil
}
