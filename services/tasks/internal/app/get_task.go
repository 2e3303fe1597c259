package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/identityclient"
	"github.com/eoffice-vn/eoffice/pkg/identityview"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// TaskDetail is a task with its reports and history.
type TaskDetail struct {
	TaskView
	Reports    []domain.Report
	History    []domain.HistoryEntry
	Extensions []domain.Extension
	// ReportRequests are the periodic reports asked of the task (a plan
	// item's cadence), in period order; OverdueReports counts those
	// missing past their due date.
	ReportRequests []RequestView
	OverdueReports int
}

// RequestView is a report request with its state at one instant.
type RequestView struct {
	domain.ReportRequest
	State string
}

// requestViews gives each of t's requests its state at now, and counts
// the overdue ones.
func requestViews(t domain.Task, rs []domain.ReportRequest, now time.Time) ([]RequestView, int) {
	out := make([]RequestView, 0, len(rs))
	overdue := 0
	for _, r := range rs {
		v := RequestView{ReportRequest: r, State: r.State(t.Status, now)}
		if v.State == domain.RequestOverdue {
			overdue++
		}
		out = append(out, v)
	}
	return out, overdue
}

// GetTask returns a task to staff of its assigner's or assignee's agency;
// to anyone else it does not exist.
func (a *App) GetTask(ctx context.Context, id string) (TaskDetail, error) {
	v, err := viewer(ctx)
	if err != nil {
		return TaskDetail{}, err
	}
	t, err := a.tasks.Task(ctx, id)
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
	reports, err := a.reports.Reports(ctx, t.ID)
	if err != nil {
		return TaskDetail{}, err
	}
	history, err := a.tasks.History(ctx, t.ID)
	if err != nil {
		return TaskDetail{}, err
	}
	exts, err := a.extensions.Extensions(ctx, t.ID)
	if err != nil {
		return TaskDetail{}, err
	}
	reqs, err := a.requests.ReportRequests(ctx, t.ID)
	if err != nil {
		return TaskDetail{}, err
	}
	now := a.now()
	d := TaskDetail{TaskView: a.view(t, now), Reports: reports, History: history, Extensions: exts}
	d.ReportRequests, d.OverdueReports = requestViews(t, reqs[t.ID], now)
	return d, nil
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
// behalf and kept; the answer is never guessed.
func (a *App) agencyOf(ctx context.Context, v domain.Viewer, unit string) (string, error) {
	if agency, ok := v.KnownAgency(unit); ok {
		return agency, nil
	}
	u, ok, err := a.unitOf(ctx, unit)
	if err != nil || !ok {
		return "", err
	}
	return u.AgencyID, nil
}

// unitOf returns a unit from the tree or, when its events lag, from
// identity on the caller's behalf (kept); ok is false for a unit that does
// not exist. A valid id is never refused because of lag.
func (a *App) unitOf(ctx context.Context, id string) (domain.Unit, bool, error) {
	u, err := a.dir.Unit(ctx, token(ctx), id)
	if err := lookupError("unit", err); err != nil || u.ID == "" {
		return domain.Unit{}, false, err
	}
	return u, true, nil
}

// userOf returns a person from the read model or, when identity's events
// lag (or predate the read model: people created before it was fed), from
// identity on the caller's behalf, kept; ok is false for a user that does
// not exist.
func (a *App) userOf(ctx context.Context, id string) (domain.User, bool, error) {
	p, err := a.dir.Person(ctx, token(ctx), id)
	if err := lookupError("user", err); err != nil || p.ID == "" {
		return domain.User{}, false, err
	}
	return domain.User{ID: p.ID, UnitID: p.UnitID, AgencyID: p.AgencyID, FullName: p.FullName, Active: p.Active}, true, nil
}

// lookupError maps a Directory error: nil for what identity does not know
// either (the caller sees ok false), a 503 while the read model lags.
func lookupError(what string, err error) error {
	switch {
	case err == nil, errors.Is(err, identityclient.ErrUnknownUnit), errors.Is(err, identityclient.ErrUnknownUser):
		return nil
	case errors.Is(err, identityview.ErrNoRemote):
		return &apperr.Error{Kind: apperr.ErrUnavailable, Detail: "the " + what + " directory is not up to date yet; retry shortly"}
	default:
		// The cause goes to the log only (it may name internal addresses).
		return fmt.Errorf("%w (cause: %v)", &apperr.Error{Kind: apperr.ErrUnavailable, Detail: "the " + what + " directory could not be reached; retry shortly"}, err)
	}
}

// token is the caller's bearer token, forwarded to identity.
func token(ctx context.Context) string {
	if p, ok := auth.FromContext(ctx); ok {
		return p.Token
	}
	return ""
}
