package httpapi

import (
	"context"
	"net/http"

	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/pkg/idempotency"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/endpoint"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// bodyLimit bounds request bodies (reports carry the longest text).
const bodyLimit = 256 << 10

func decodeAccept(_ context.Context, r *http.Request) (any, error) {
	return endpoint.TaskRequest{ID: r.PathValue("id")}, nil
}

func decodeDelegate(_ context.Context, r *http.Request) (any, error) {
	var req endpoint.DelegateRequest
	if err := httpx.DecodeJSON(r, &req.Body, bodyLimit); err != nil {
		return nil, err
	}
	req.ID, req.IdempotencyKey = r.PathValue("id"), r.Header.Get(idempotency.Header)
	return req, nil
}

func decodeReport(_ context.Context, r *http.Request) (any, error) {
	var req endpoint.ReportRequest
	if err := httpx.DecodeJSON(r, &req.Body, bodyLimit); err != nil {
		return nil, err
	}
	req.ID, req.IdempotencyKey = r.PathValue("id"), r.Header.Get(idempotency.Header)
	return req, nil
}

func decodeReview(_ context.Context, r *http.Request) (any, error) {
	var req endpoint.ReviewRequest
	if err := httpx.DecodeJSON(r, &req.Body, bodyLimit); err != nil {
		return nil, err
	}
	req.ID, req.ReportID = r.PathValue("id"), r.PathValue("report_id")
	return req, nil
}

func decodeExtension(_ context.Context, r *http.Request) (any, error) {
	var req endpoint.ExtensionRequest
	if err := httpx.DecodeJSON(r, &req.Body, bodyLimit); err != nil {
		return nil, err
	}
	req.ID, req.IdempotencyKey = r.PathValue("id"), r.Header.Get(idempotency.Header)
	return req, nil
}

func decodeDecision(_ context.Context, r *http.Request) (any, error) {
	var req endpoint.DecisionRequest
	if err := httpx.DecodeJSON(r, &req.Body, bodyLimit); err != nil {
		return nil, err
	}
	req.ID = r.PathValue("id")
	return req, nil
}

func decodePlanProgress(_ context.Context, r *http.Request) (any, error) {
	return endpoint.PlanProgressRequest{PlanDocumentID: r.PathValue("id")}, nil
}

func decodeUnitStats(_ context.Context, r *http.Request) (any, error) {
	return tasksapi.ParseStatsQuery(r.URL.Query()), nil
}

func decodeCalendar(_ context.Context, r *http.Request) (any, error) {
	return endpoint.CalendarRequest{Year: r.PathValue("year"), AgencyID: r.URL.Query().Get("agency_id")}, nil
}

func decodeSetCalendar(_ context.Context, r *http.Request) (any, error) {
	req := endpoint.CalendarRequest{Year: r.PathValue("year"), AgencyID: r.URL.Query().Get("agency_id")}
	if err := httpx.DecodeJSON(r, &req.Body, bodyLimit); err != nil {
		return nil, err
	}
	return req, nil
}

func decodeNothing(context.Context, *http.Request) (any, error) { return nil, nil }

func decodeRulesAgency(_ context.Context, r *http.Request) (any, error) {
	return endpoint.ReminderRulesRequest{AgencyID: r.URL.Query().Get("agency_id")}, nil
}

func decodeReminderRules(_ context.Context, r *http.Request) (any, error) {
	req := endpoint.ReminderRulesRequest{AgencyID: r.URL.Query().Get("agency_id")}
	if err := httpx.DecodeJSON(r, &req.Body, bodyLimit); err != nil {
		return nil, err
	}
	return req, nil
}

func decodeAnalytics(_ context.Context, r *http.Request) (any, error) {
	return tasksapi.ParseAnalyticsQuery(r.URL.Query()), nil
}
