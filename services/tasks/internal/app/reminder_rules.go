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

// ReminderRules are the caller's agency's rules (the defaults until an
// administrator sets them); anyone of the agency may read them.
func (a *App) ReminderRules(ctx context.Context) (domain.ReminderRules, error) {
	v, err := viewer(ctx)
	if err != nil {
		return domain.ReminderRules{}, err
	}
	if v.AgencyID == "" {
		return domain.ReminderRules{}, apperr.Forbidden("the caller belongs to no agency")
	}
	return a.reminders.ReminderRules(ctx, v.AgencyID)
}

// SetReminderRules replaces the caller's agency's rules; administrators
// only. The next scheduler run follows them.
func (a *App) SetReminderRules(ctx context.Context, in ReminderRulesInput) (domain.ReminderRules, error) {
	v, err := viewer(ctx)
	if err != nil {
		return domain.ReminderRules{}, err
	}
	if !slices.Contains(v.Roles, auth.RoleAdmin) {
		return domain.ReminderRules{}, apperr.Forbidden("only an administrator sets the reminder rules")
	}
	if v.AgencyID == "" {
		return domain.ReminderRules{}, apperr.Forbidden("the caller belongs to no agency")
	}
	r := domain.ReminderRules{AgencyID: v.AgencyID, BeforeDays: slices.Clone(in.BeforeDays), OnDueDay: in.OnDueDay,
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
