// Package httpapi is the HTTP transport of the tasks service: routes,
// decoders and the OpenAPI document.
package httpapi

import (
	"context"
	"net/http"

	kitendpoint "github.com/go-kit/kit/endpoint"
	kithttp "github.com/go-kit/kit/transport/http"

	"github.com/eoffice-vn/eoffice/pkg/httpx"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/endpoint"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// OpenAPI describes every route NewHandler serves (tasksapi holds it with
// the types it describes).
var OpenAPI = tasksapi.OpenAPI

// NewHandler routes the API to the endpoints; unknown routes answer a 404
// problem.
func NewHandler(set endpoint.Set, opts []kithttp.ServerOption) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /v1/tasks", kithttp.NewServer(set.ListTasks, decodeListTasks, httpx.EncodeJSON, opts...))
	mux.Handle("GET /v1/tasks/{id}", kithttp.NewServer(set.GetTask, decodeGetTask, httpx.EncodeJSON, opts...))
	post := func(pattern string, e kitendpoint.Endpoint, dec kithttp.DecodeRequestFunc) {
		mux.Handle("POST "+pattern, kithttp.NewServer(e, httpx.Deferred(dec), httpx.EncodeJSON, opts...))
	}
	post("/v1/tasks/{id}/accept", set.Accept, decodeAccept)
	post("/v1/tasks/{id}/delegate", set.Delegate, decodeDelegate)
	post("/v1/tasks/{id}/reports", set.SubmitReport, decodeReport)
	post("/v1/tasks/{id}/reports/{report_id}/review", set.ReviewReport, decodeReview)
	post("/v1/tasks/{id}/extension", set.RequestExtension, decodeExtension)
	post("/v1/tasks/{id}/extension/decision", set.DecideExtension, decodeDecision)
	mux.Handle("GET /v1/plans/{id}/progress", kithttp.NewServer(set.PlanProgress, decodePlanProgress, httpx.EncodeJSON, opts...))
	mux.Handle("GET /v1/stats/units", kithttp.NewServer(set.UnitStats, decodeUnitStats, httpx.EncodeJSON, opts...))
	mux.Handle("GET /v1/calendars/{year}", kithttp.NewServer(set.Calendar, decodeCalendar, httpx.EncodeJSON, opts...))
	mux.Handle("PUT /v1/calendars/{year}", kithttp.NewServer(set.SetCalendar, httpx.Deferred(decodeSetCalendar), httpx.EncodeJSON, opts...))
	mux.Handle("DELETE /v1/calendars/{year}", kithttp.NewServer(set.ResetCalendar, decodeCalendar, httpx.EncodeJSON, opts...))
	mux.Handle("GET /v1/reminder-rules", kithttp.NewServer(set.ReminderRules, decodeRulesAgency, httpx.EncodeJSON, opts...))
	mux.Handle("PUT /v1/reminder-rules", kithttp.NewServer(set.SetReminderRules, httpx.Deferred(decodeReminderRules), httpx.EncodeJSON, opts...))
	post("/v1/weekly-digests", set.SendDigests, decodeNothing)
	mux.Handle("GET /v1/analytics/tasks", kithttp.NewServer(set.Analytics, decodeAnalytics, httpx.EncodeDownload, opts...))
	mux.Handle("/", httpx.NotFoundHandler())
	return mux
}

func decodeListTasks(_ context.Context, r *http.Request) (any, error) {
	return tasksapi.ParseTaskQuery(r.URL.Query()), nil
}

func decodeGetTask(_ context.Context, r *http.Request) (any, error) {
	return endpoint.GetTaskRequest{ID: r.PathValue("id")}, nil
}
