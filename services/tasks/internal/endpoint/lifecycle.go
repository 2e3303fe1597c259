package endpoint

import (
	"context"

	"github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// TaskRequest names a task (accept).
type TaskRequest struct{ ID string }

// DelegateRequest is POST /v1/tasks/{id}/delegate.
type DelegateRequest struct {
	ID string `json:"-"`
	app.DelegateInput
}

// ReportRequest is POST /v1/tasks/{id}/reports.
type ReportRequest struct {
	ID              string `json:"-"`
	IdempotencyKey  string `json:"-"`
	ProgressPercent *int   `json:"progress_percent"`
	Summary         string `json:"summary"`
	Result          string `json:"result"`
	Final           *bool  `json:"final"`
}

// ReviewRequest is POST /v1/tasks/{id}/reports/{report_id}/review.
type ReviewRequest struct {
	ID       string `json:"-"`
	ReportID string `json:"-"`
	app.ReviewInput
}

// ExtensionRequest is POST /v1/tasks/{id}/extension.
type ExtensionRequest struct {
	ID string `json:"-"`
	app.ExtensionInput
}

// DecisionRequest is POST /v1/tasks/{id}/extension/decision.
type DecisionRequest struct {
	ID string `json:"-"`
	app.DecisionInput
}

// ReviewResponse is the reviewed report and the task after it.
type ReviewResponse struct {
	Report Report `json:"report"`
	Task   Task   `json:"task"`
}

// DecisionResponse is the decided request and the task after it.
type DecisionResponse struct {
	Extension Extension `json:"extension"`
	Task      Task      `json:"task"`
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
		v, err := s.Delegate(ctx, req.ID, req.DelegateInput)
		if err != nil {
			return nil, err
		}
		return httpx.Created[Task]{V: taskJSON(v)}, nil
	}
}

func makeReport(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(ReportRequest)
		r, err := s.SubmitReport(ctx, req.ID, app.ReportInput{IdempotencyKey: req.IdempotencyKey, ReportInput: domain.ReportInput{
			ProgressPercent: req.ProgressPercent, Summary: req.Summary, Result: req.Result, Final: req.Final}})
		if err != nil {
			return nil, err
		}
		return httpx.Created[Report]{V: reportJSON(r)}, nil
	}
}

func makeReview(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(ReviewRequest)
		res, err := s.ReviewReport(ctx, req.ID, req.ReportID, req.ReviewInput)
		if err != nil {
			return nil, err
		}
		return ReviewResponse{Report: reportJSON(res.Report), Task: taskJSON(res.Task)}, nil
	}
}

func makeExtension(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(ExtensionRequest)
		e, err := s.RequestExtension(ctx, req.ID, req.ExtensionInput)
		if err != nil {
			return nil, err
		}
		return httpx.Created[Extension]{V: extensionJSON(e)}, nil
	}
}

func makeDecision(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(DecisionRequest)
		res, err := s.DecideExtension(ctx, req.ID, req.DecisionInput)
		if err != nil {
			return nil, err
		}
		return DecisionResponse{Extension: extensionJSON(res.Extension), Task: taskJSON(res.Task)}, nil
	}
}
