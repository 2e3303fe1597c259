package app

import (
	"context"
	"slices"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// ReminderRulesInput is what an administrator sets.
type ReminderRulesInput struct {
	BeforeDays    []int
	OnDueDay      bool
	RepeatEvery   int
	EscalateAfter int
}

// ReminderRules are an agency's rules (the defaults until an administrator
// sets them): agencyID "" is the caller's. Its staff read them, and
// administrators, who may name any agency.
func (a *App) ReminderRules(ctx context.Context, agencyID string) (domain.ReminderRules, error) {
	id, err := a.rulesAgency(ctx, agencyID, false)
	if err != nil {
		return domain.ReminderRules{}, err
	}
	return a.reminders.ReminderRules(ctx, id)
}

// SetReminderRules replaces an agency's rules (agencyID "" is the
// caller's); administrators only. The next scheduler run follows them.
func (a *App) SetReminderRules(ctx context.Context, agencyID string, in ReminderRulesInput) (domain.ReminderRules, error) {
	id, err := a.rulesAgency(ctx, agencyID, true)
	if err != nil {
		return domain.ReminderRules{}, err
	}
	v, _ := viewer(ctx)
	r := domain.ReminderRules{AgencyID: id, BeforeDays: slices.Clone(in.BeforeDays), OnDueDay: in.OnDueDay,
		RepeatEvery: in.RepeatEvery, EscalateAfter: in.EscalateAfter, UpdatedBy: v.UserID, UpdatedAt: a.now()}
	if r.BeforeDays == nil {
		r.BeforeDays = []int{}
	}
	if err := r.Validate(); err != nil {
		return domain.ReminderRules{}, err
	}
	if err := a.reminders.PutReminderRules(ctx, r); err != nil {
		return domain.ReminderRules{}, err
	}
	return r, nil
}

// rulesAgency is the agency whose rules the caller reads or (write) sets:
// the caller's own, or for an administrator the one named, which must be
// an agency.
func (a *App) rulesAgency(ctx context.Context, agencyID string, write bool) (string, error) {
	v, err := viewer(ctx)
	if err != nil {
		return "", err
	}
	admin := slices.Contains(v.Roles, auth.RoleAdmin)
	if write && !admin {
		return "", apperr.Forbidden("only an administrator sets the reminder rules")
	}
	if agencyID == "" {
		if v.AgencyID == "" {
			return "", apperr.Invalid("name the agency", apperr.FieldError{Field: "agency_id", Message: "is required for a caller outside any agency"})
		}
		return v.AgencyID, nil
	}
	if agencyID != v.AgencyID && !admin {
		return "", apperr.Forbidden("the reminder rules of another agency are its own")
	}
	u, ok, err := a.unitOf(ctx, agencyID)
	if err != nil {
		return "", err
	}
	if !ok || !u.IsAgency() {
		return "", apperr.NotFound("agency")
	}
	return agencyID, nil
}
