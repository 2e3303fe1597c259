package app

import (
	"context"

	"github.com/eoffice-vn/eoffice/pkg/apperr"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// delegationTarget checks where a delegation may go. Without a named person
// it is a child unit of the assignee, as always. With one (giao việc cho
// chuyên viên), the target is a child unit or the assignee unit itself: a
// head of division hands the division's task to one of its own specialists,
// or a director names the specialist of a division directly. The person
// must be an active user of that unit; every refusal is a 400 naming the
// field, since the request is what is wrong and nothing is written.
func (a *App) delegationTarget(ctx context.Context, parent domain.Task, unitID, userID string) (domain.Unit, error) {
	u, ok, err := a.unitOf(ctx, unitID)
	if err != nil {
		return domain.Unit{}, err
	}
	own := ok && u.ID == parent.AssigneeUnitID
	if !ok || (u.ParentID != parent.AssigneeUnitID && !(own && userID != "")) {
		msg := "is not a child unit of the assignee"
		if userID != "" {
			msg = "is neither the assignee unit nor a child unit of it"
		}
		return domain.Unit{}, apperr.Invalid("a task is delegated to a child unit of its assignee, or to a named person of either",
			apperr.FieldError{Field: "assignee_unit_id", Message: msg})
	}
	if userID == "" {
		return u, nil
	}
	p, ok, err := a.userOf(ctx, userID)
	if err != nil {
		return domain.Unit{}, err
	}
	switch {
	case !ok:
		return domain.Unit{}, apperr.Invalid("the named person is not known",
			apperr.FieldError{Field: "assignee_user_id", Message: "is not a known user"})
	case p.UnitID != u.ID:
		return domain.Unit{}, apperr.Invalid("the named person does not belong to the target unit",
			apperr.FieldError{Field: "assignee_user_id", Message: "is not a member of unit " + u.ID})
	case !p.Active:
		return domain.Unit{}, apperr.Invalid("the named person is deactivated",
			apperr.FieldError{Field: "assignee_user_id", Message: "is deactivated"})
	}
	if parent.AssigneeUserID == userID && own {
		return domain.Unit{}, apperr.Invalid("the task is that person's already",
			apperr.FieldError{Field: "assignee_user_id", Message: "is the task's assignee already"})
	}
	return u, nil
}
