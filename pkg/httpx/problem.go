// Package httpx holds the HTTP pieces every service shares: RFC 9457
// problem+json errors mapped from pkg/apperr kinds in one place, strict JSON
// decoding, JSON encoding for go-kit responses, list paging and health.
package httpx

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// ProblemContentType is the media type of error bodies.
const ProblemContentType = "application/problem+json"

// Problem is an RFC 9457 problem body with eoffice's extensions.
type Problem struct {
	Type          string              `json:"type"`
	Title         string              `json:"title"`
	Status        int                 `json:"status"`
	Detail        string              `json:"detail,omitempty"`
	Errors        []apperr.FieldError `json:"errors,omitempty"`
	CurrentStatus string              `json:"current_status,omitempty"`
	// Error is the RFC 6749 error code on token endpoint failures.
	Error string `json:"error,omitempty"`
}

type kindInfo struct {
	kind   error
	status int
	slug   string
}

// kinds maps every business error kind to its status: the one place where
// that happens.
// Unavailable comes first: an error that is both (a token that could not be
// checked because identity's keys are unreachable) is the server's fault.
var kinds = []kindInfo{
	{apperr.ErrUnavailable, http.StatusServiceUnavailable, "unavailable"},
	{apperr.ErrInvalid, http.StatusBadRequest, "invalid-request"},
	{apperr.ErrUnauthorized, http.StatusUnauthorized, "unauthorized"},
	{apperr.ErrForbidden, http.StatusForbidden, "forbidden"},
	{apperr.ErrNotFound, http.StatusNotFound, "not-found"},
	{apperr.ErrConflict, http.StatusConflict, "conflict"},
	{apperr.ErrTooLarge, http.StatusRequestEntityTooLarge, "too-large"},
	{apperr.ErrMediaType, http.StatusUnsupportedMediaType, "unsupported-media-type"},
	{apperr.ErrRefused, http.StatusUnprocessableEntity, "refused"},
	{apperr.ErrThrottled, http.StatusTooManyRequests, "throttled"},
}

// ProblemFor builds the problem body for err. Errors of no known kind are a
// 500 whose detail says nothing of the cause (it is logged instead).
func ProblemFor(err error) Problem {
	for _, k := range kinds {
		if !errors.Is(err, k.kind) {
			continue
		}
		p := Problem{
			Type:   "urn:eoffice:problem:" + k.slug,
			Title:  http.StatusText(k.status),
			Status: k.status,
			Detail: err.Error(),
		}
		if k.kind == apperr.ErrUnavailable {
			// The cause names internal addresses; the log has it.
			p.Detail = "a service this one depends on did not answer; try again shortly"
		}
		if e, ok := apperr.As(err); ok {
			p.Detail = e.Detail
			if p.Detail == "" {
				p.Detail = e.Kind.Error()
			}
			p.Errors, p.CurrentStatus, p.Error = e.Fields, e.CurrentStatus, e.Code
		}
		return p
	}
	return Problem{
		Type:   "urn:eoffice:problem:internal",
		Title:  http.StatusText(http.StatusInternalServerError),
		Status: http.StatusInternalServerError,
		Detail: "internal error; the server logged it",
	}
}

// WriteProblem writes p as problem+json.
func WriteProblem(w http.ResponseWriter, p Problem) {
	w.Header().Set("Content-Type", ProblemContentType)
	w.WriteHeader(p.Status)
	_ = json.NewEncoder(w).Encode(p)
}

// ErrorEncoder is the go-kit error encoder of every service.
func ErrorEncoder(_ context.Context, err error, w http.ResponseWriter) {
	p := ProblemFor(err)
	if e, ok := apperr.As(err); ok && e.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(e.RetryAfter))
	}
	WriteProblem(w, p)
}

// NotFoundHandler answers unknown routes with a problem body.
func NotFoundHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		WriteProblem(w, ProblemFor(apperr.NotFound("route "+r.Method+" "+r.URL.Path)))
	})
}
