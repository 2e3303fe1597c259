package endpoint

import (
	"context"

	"github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// ReminderRulesRequest names the agency (query agency_id; "" is the
// caller's) and, for PUT, the new rules.
type ReminderRulesRequest struct {
	AgencyID string
	Body     tasksapi.ReminderRulesRequest
}

func makeReminderRules(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		r, err := s.ReminderRules(ctx, request.(ReminderRulesRequest).AgencyID)
		if err != nil {
			return nil, err
		}
		return rulesJSON(r), nil
	}
}

func makeSetReminderRules(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		in := request.(ReminderRulesRequest)
		req := in.Body
		var v apperr.Validator
		v.Check(req.BeforeDays != nil, "before_days", "is required (an empty list: no reminder before the deadline)")
		v.Check(req.OnDueDay != nil, "on_due_day", "is required")
		v.Check(req.RepeatEvery != nil, "repeat_every", "is required")
		v.Check(req.EscalateAfter != nil, "escalate_after", "is required")
		if err := v.Err(); err != nil {
			return nil, err
		}
		r, err := s.SetReminderRules(ctx, in.AgencyID, app.ReminderRulesInput{BeforeDays: req.BeforeDays, OnDueDay: *req.OnDueDay,
			RepeatEvery: *req.RepeatEvery, EscalateAfter: *req.EscalateAfter})
		if err != nil {
			return nil, err
		}
		return rulesJSON(r), nil
	}
}

func makeSendDigests(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, _ any) (any, error) {
		n, err := s.SendDigestsNow(ctx)
		if err != nil {
			return nil, err
		}
		return tasksapi.DigestsSent{Sent: n}, nil
	}
}

func rulesJSON(r domain.ReminderRules) tasksapi.ReminderRules {
	out := tasksapi.ReminderRules{AgencyID: r.AgencyID, BeforeDays: r.BeforeDays, OnDueDay: r.OnDueDay,
		RepeatEvery: r.RepeatEvery, EscalateAfter: r.EscalateAfter, UpdatedBy: r.UpdatedBy}
	if out.BeforeDays == nil {
		out.BeforeDays = []int{}
	}
	if !r.UpdatedAt.IsZero() {
		out.UpdatedAt = utc(&r.UpdatedAt)
	}
	return out
}
