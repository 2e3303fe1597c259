package endpoint

import (
	"context"

	"github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// TaskRequest names a task (accept).
type TaskRequest struct{ ID string }

// DelegateRequest is POST /v1/tasks/{id}/delegate: the task, the
// Idempotency-Key and the body.
type DelegateRequest struct {
	ID, IdempotencyKey string
	Body               tasksapi.Delegation
}

// ReportRequest is POST /v1/tasks/{id}/reports.
type ReportRequest struct {
	ID, IdempotencyKey string
	Body               tasksapi.NewReport
}

// ReviewRequest is POST /v1/tasks/{id}/reports/{report_id}/review.
type ReviewRequest struct {
	ID, ReportID string
	Body         tasksapi.ReviewRequest
}

// ExtensionRequest is POST /v1/tasks/{id}/extension.
type ExtensionRequest struct {
	ID, IdempotencyKey string
	Body               tasksapi.ExtensionRequest
}

// DecisionRequest is POST /v1/tasks/{id}/extension/decision.
type DecisionRequest struct {
	ID   string
	Body tasksapi.ExtensionDecisionRequest
}

func makeAccept(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		v, err := s.Accept(ctx, request.(TaskRequest).ID)
		if err != nil {
			return nil, err
		}
		return taskJSON(v), nil
	}
}

func makeDelegate(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(DelegateRequest)
		b := req.Body
		v, err := s.Delegate(ctx, req.ID, app.DelegateInput{AssigneeUnitID: b.AssigneeUnitID, AssigneeUserID: b.AssigneeUserID,
			DueDate: b.DueDate, DueWorkingDays: b.DueWorkingDays, Note: b.Note, IdempotencyKey: req.IdempotencyKey})
		if err != nil {
			return nil, err
		}
		return httpx.Created[tasksapi.Task]{V: taskJSON(v)}, nil
	}
}

func makeReport(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(ReportRequest)
		b := req.Body
		r, err := s.SubmitReport(ctx, req.ID, app.ReportInput{IdempotencyKey: req.IdempotencyKey, ReportInput: domain.ReportInput{
			ProgressPercent: b.ProgressPercent, Summary: b.Summary, Result: b.Result, Final: b.Final}})
		if err != nil {
			return nil, err
		}
		return httpx.Created[tasksapi.Report]{V: reportJSON(r)}, nil
	}
}

func makeReview(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(ReviewRequest)
		res, err := s.ReviewReport(ctx, req.ID, req.ReportID, app.ReviewInput{Decision: req.Body.Decision, Comment: req.Body.Comment})
		if err != nil {
			return nil, err
		}
		return tasksapi.ReviewResult{Report: reportJSON(res.Report), Task: taskJSON(res.Task)}, nil
	}
}

func makeExtension(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(ExtensionRequest)
		e, err := s.RequestExtension(ctx, req.ID, app.ExtensionInput{DueDate: req.Body.DueDate, Reason: req.Body.Reason,
			IdempotencyKey: req.IdempotencyKey})
		if err != nil {
			return nil, err
		}
		return httpx.Created[tasksapi.Extension]{V: extensionJSON(e)}, nil
	}
}

func makeDecision(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(DecisionRequest)
		res, err := s.DecideExtension(ctx, req.ID, app.DecisionInput{Approve: req.Body.Approve, Comment: req.Body.Comment})
		if err != nil {
			return nil, err
		}
		return tasksapi.ExtensionDecision{Extension: extensionJSON(res.Extension), Task: taskJSON(res.Task)}, nil
	}
}
