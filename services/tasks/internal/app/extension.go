package app

import (
	"context"
	"errors"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/idempotency"
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
	eid, err := a.txs.Once(ctx, k, func(ctx context.Context, w Writes) (string, error) {
		e := domain.Extension{ID: a.newID(), TaskID: id, RequestedDueDate: due, Reason: strings.TrimSpace(in.Reason),
			RequestedBy: s.v.UserID, RequestedAt: now.UTC()}
		t, err := w.Tasks.TaskForUpdate(ctx, id)
		if err != nil {
			return "", err
		}
		if err := t.CanRequestExtension(); err != nil {
			return "", err
		}
		e.PreviousDueDate = t.DueDate
		if err := w.Extensions.AddExtension(ctx, e); err != nil {
			var ae *apperr.Error
			if errors.As(err, &ae) && ae.Kind == apperr.ErrConflict {
				return "", apperr.Conflict(ae.Detail, string(t.Status))
			}
			return "", err
		}
		t.UpdatedAt = now // the history's time; the task itself is not written
		if err := a.record(ctx, w, t, s.v, t.Status, domain.HistoryEntry{Action: domain.ActionExtensionAsked,
			OldDueDate: t.DueDate, NewDueDate: due, Reason: e.Reason}); err != nil {
			return "", err
		}
		if err := a.emit(ctx, w, events.TaskExtensionRequested, t.ID, &eventsv1.TaskExtensionRequested{Task: ref(t, now),
			ExtensionId: e.ID, RequestedDueDate: due.String(), Reason: e.Reason, RequestedBy: s.v.UserID}); err != nil {
			return "", err
		}
		return e.ID, nil
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
	var (
		e domain.Extension
		t domain.Task
	)
	err = a.tasks.Update(ctx, id, func(ctx context.Context, cur *domain.Task, w Writes) error {
		if err := cur.CanRequestExtension(); err != nil {
			return err // a closed task has nothing left to extend
		}
		var err error
		e, err = w.Extensions.PendingExtension(ctx, id)
		if errors.Is(err, apperr.ErrNotFound) {
			return apperr.Conflict("no extension request awaits a decision", string(cur.Status))
		}
		if err != nil {
			return err
		}
		e.Decision, e.Comment, e.DecidedBy, e.DecidedAt = domain.ExtensionRejected, in.Comment, s.v.UserID, &now
		previous := cur.DueDate
		t = *cur
		if *in.Approve {
			e.Decision = domain.ExtensionApproved
			if t, err = cur.Extend(e.RequestedDueDate, now); err != nil {
				return err
			}
			*cur = t // stored by Update: only an approval moves the task
		} else {
			t.UpdatedAt = now // the history's time
		}
		if err := w.Extensions.DecideExtension(ctx, e); err != nil {
			return err
		}
		if err := a.record(ctx, w, t, s.v, t.Status, domain.HistoryEntry{Action: domain.ActionExtensionDecided,
			Decision: e.Decision, OldDueDate: previous, NewDueDate: e.RequestedDueDate, Note: in.Comment}); err != nil {
			return err
		}
		return a.emit(ctx, w, events.TaskExtensionDecided, t.ID, &eventsv1.TaskExtensionDecided{Task: ref(t, now),
			ExtensionId: e.ID, Approved: *in.Approve, PreviousDueDate: previous.String(),
			RequestedDueDate: e.RequestedDueDate.String(), Comment: in.Comment, DecidedBy: s.v.UserID})
	})
	if err != nil {
		return ExtensionResult{}, err
	}
	return ExtensionResult{Extension: e, Task: a.view(t, now)}, nil
}
