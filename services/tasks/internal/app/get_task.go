package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/apperr"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// TaskDetail is a task with its reports and history.
type TaskDetail struct {
	TaskView
	Reports    []domain.Report
	History    []domain.HistoryEntry
	Extensions []domain.Extension
}

// GetTask returns a task to staff of its assigner's or assignee's agency;
// to anyone else it does not exist.
func (a *App) GetTask(ctx context.Context, id string) (TaskDetail, error) {
	v, err := viewer(ctx)
	if err != nil {
		return TaskDetail{}, err
	}
	t, err := a.repo.Task(ctx, id)
	if err != nil {
		return TaskDetail{}, err
	}
	visible, err := a.canSee(ctx, v, t)
	if err != nil {
		return TaskDetail{}, err
	}
	if !visible {
		return TaskDetail{}, apperr.NotFound("task")
	}
	reports, err := a.repo.Reports(ctx, t.ID)
	if err != nil {
		return TaskDetail{}, err
	}
	history, err := a.repo.History(ctx, t.ID)
	if err != nil {
		return TaskDetail{}, err
	}
	exts, err := a.repo.Extensions(ctx, t.ID)
	if err != nil {
		return TaskDetail{}, err
	}
	return TaskDetail{TaskView: a.view(t, a.now()), Reports: reports, History: history, Extensions: exts}, nil
}

// canSee resolves the agencies of the task's units only as far as needed:
// the token settles the common cases, the unit tree most others, identity
// the rest.
func (a *App) canSee(ctx context.Context, v domain.Viewer, t domain.Task) (bool, error) {
	if domain.IsNamed(v, t) {
		return true, nil
	}
	if v.AgencyID == "" {
		return false, nil
	}
	for _, unit := range []string{t.AssignerUnitID, t.AssigneeUnitID} {
		agency, err := a.agencyOf(ctx, v, unit)
		if err != nil {
			return false, err
		}
		if domain.CanSee(v, agency, "") {
			return true, nil
		}
	}
	return false, nil
}

// agencyOf returns the agency of unit, "" for a unit that does not exist.
// A unit the tree does not know yet is asked of identity on the caller's
// behalf and cached; the answer is never guessed.
func (a *App) agencyOf(ctx context.Context, v domain.Viewer, unit string) (string, error) {
	if agency, ok := v.KnownAgency(unit); ok {
		return agency, nil
	}
	u, ok, err := a.repo.Unit(ctx, unit)
	if err != nil {
		return "", err
	}
	if ok {
		return u.AgencyID, nil
	}
	if a.units == nil {
		return "", &apperr.Error{Kind: apperr.ErrUnavailable, Detail: "the unit directory is not up to date yet; retry shortly"}
	}
	u, err = a.units.Unit(ctx, unit)
	if errors.Is(err, apperr.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		// The cause goes to the log only (it may name internal addresses).
		return "", fmt.Errorf("%w (cause: %v)", &apperr.Error{Kind: apperr.ErrUnavailable, Detail: "the unit directory could not be reached; retry shortly"}, err)
	}
	// A failed cache write costs only a later lookup; the answer stands.
	_ = a.repo.CacheUnit(ctx, u)
	return u.AgencyID, nil
}

// unitOf returns a unit from the tree or, when its events lag, from
// identity on the caller's behalf (cached); ok is false for a unit that
// does not exist. A valid id is never refused because of lag.
func (a *App) unitOf(ctx context.Context, id string) (domain.Unit, bool, error) {
	return lookThrough(ctx, a, "unit", id, a.repo.Unit, UnitDirectory.Unit, a.repo.CacheUnit)
}

// lookThrough reads what of id from the read model or, when it lacks it,
// from identity through a.units, caching the answer; ok is false for
// something identity does not know either.
func lookThrough[T any](ctx context.Context, a *App, what, id string,
	local func(context.Context, string) (T, bool, error),
	remote func(UnitDirectory, context.Context, string) (T, error),
	cache func(context.Context, T) error) (T, bool, error) {
	var zero T
	v, ok, err := local(ctx, id)
	if err != nil || ok {
		return v, ok, err
	}
	if a.units == nil {
		return zero, false, &apperr.Error{Kind: apperr.ErrUnavailable, Detail: "the " + what + " directory is not up to date yet; retry shortly"}
	}
	v, err = remote(a.units, ctx, id)
	if errors.Is(err, apperr.ErrNotFound) {
		return zero, false, nil
	}
	if err != nil {
		// The cause goes to the log only (it may name internal addresses).
		return zero, false, fmt.Errorf("%w (cause: %v)", &apperr.Error{Kind: apperr.ErrUnavailable, Detail: "the " + what + " directory could not be reached; retry shortly"}, err)
	}
	// A failed cache write costs only a later lookup; the answer stands.
	_ = cache(ctx, v)
	return v, true, nil
}
