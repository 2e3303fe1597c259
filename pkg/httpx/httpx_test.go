package httpx

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

type req struct {
	Kind       string   `json:"kind"`
	Recipients []string `json:"recipients"`
	Count      int      `json:"count"`
}

func TestDecodeJSON(t *testing.T) {
	tests := []struct {
		name        string
		body        string
		contentType string
		limit       int64
		wantKind    error
		wantField   string
	}{
		{"valid", `{"kind":"directive","recipients":["a"],"count":2}`, "application/json", 0, nil, ""},
		{"valid with charset", `{"kind":"plan"}`, "application/json; charset=utf-8", 0, nil, ""},
		{"empty", ``, "application/json", 0, apperr.ErrInvalid, ""},
		{"malformed", `{"kind":`, "application/json", 0, apperr.ErrInvalid, ""},
		{"wrong type", `{"count":"two"}`, "application/json", 0, apperr.ErrInvalid, "count"},
		{"array for string", `{"kind":["x"]}`, "application/json", 0, apperr.ErrInvalid, "kind"},
		{"unknown field", `{"kinds":"x"}`, "application/json", 0, apperr.ErrInvalid, "kinds"},
		{"trailing data", `{"kind":"x"} {"kind":"y"}`, "application/json", 0, apperr.ErrInvalid, ""},
		{"not an object", `[1,2]`, "application/json", 0, apperr.ErrInvalid, ""},
		{"wrong content type", `{"kind":"x"}`, "text/plain", 0, apperr.ErrMediaType, ""},
		{"form instead of JSON", `kind=x`, "application/x-www-form-urlencoded", 0, apperr.ErrMediaType, ""},
		{"multipart instead of JSON", "--b\r\n", "multipart/form-data; boundary=b", 0, apperr.ErrMediaType, ""},
		{"no content type on a body", `{"kind":"x"}`, "", 0, apperr.ErrMediaType, ""},
		{"no content type, no body", ``, "", 0, apperr.ErrInvalid, ""},
		{"a +json type is JSON", `{"kind":"x"}`, "application/merge-patch+json", 0, nil, ""},
		{"too large", `{"kind":"` + strings.Repeat("x", 100) + `"}`, "application/json", 50, apperr.ErrTooLarge, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(tt.body))
			if tt.contentType != "" {
				r.Header.Set("Content-Type", tt.contentType)
			}
			var got req
			err := DecodeJSON(r, &got, tt.limit)
			if tt.wantKind == nil {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if !errors.Is(err, tt.wantKind) {
				t.Fatalf("err = %v, want kind %v", err, tt.wantKind)
			}
			if tt.wantField != "" {
				e, _ := apperr.As(err)
				if e == nil || len(e.Fields) == 0 || e.Fields[0].Field != tt.wantField {
					t.Fatalf("want field %q in %+v", tt.wantField, e)
				}
			}
		})
	}
}

func TestErrorEncoder(t *testing.T) {
	tests := []struct {
		name       string
		err        error
		wantStatus int
		check      func(t *testing.T, p Problem)
	}{
		{"validation", fmt.Errorf("create: %w", apperr.Invalid("bad", apperr.FieldError{Field: "kind", Message: "unknown"})), 400, func(t *testing.T, p Problem) {
			if len(p.Errors) != 1 || p.Errors[0].Field != "kind" || p.Detail != "bad" {
				t.Errorf("problem %+v", p)
			}
		}},
		{"conflict", apperr.Conflict("cannot issue", "draft"), 409, func(t *testing.T, p Problem) {
			if p.CurrentStatus != "draft" {
				t.Errorf("current_status = %q", p.CurrentStatus)
			}
		}},
		{"oauth", &apperr.Error{Kind: apperr.ErrInvalid, Code: "invalid_grant", Detail: "wrong password"}, 400, func(t *testing.T, p Problem) {
			if p.Error != "invalid_grant" {
				t.Errorf("error = %q", p.Error)
			}
		}},
		{"not found", apperr.NotFound("task"), 404, nil},
		{"too large", &apperr.Error{Kind: apperr.ErrTooLarge, Detail: "over 1024 bytes"}, 413, nil},
		{"media type", apperr.UnsupportedMediaType("JSON only"), 415, nil},
		{"forbidden", apperr.Forbidden("leaders only"), 403, nil},
		{"unauthorized kind", fmt.Errorf("verify: %w", apperr.ErrUnauthorized), 401, nil},
		{"keys unreachable is the server's fault", fmt.Errorf("%w: %w", apperr.ErrUnauthorized, apperr.ErrUnavailable), 503, nil},
		{"unknown error hides cause", errors.New("pq: password=secret"), 500, func(t *testing.T, p Problem) {
			if strings.Contains(p.Detail, "secret") {
				t.Errorf("internal detail leaked: %q", p.Detail)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			ErrorEncoder(context.Background(), tt.err, w)
			if w.Code != tt.wantStatus {
				t.Fatalf("status %d, want %d", w.Code, tt.wantStatus)
			}
			if ct := w.Header().Get("Content-Type"); ct != ProblemContentType {
				t.Fatalf("content type %q", ct)
			}
			var p Problem
			if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
				t.Fatal(err)
			}
			if p.Status != tt.wantStatus || p.Type == "" || p.Title == "" {
				t.Fatalf("problem %+v", p)
			}
			if tt.check != nil {
				tt.check(t, p)
			}
		})
	}
}

type failing struct{ err error }

func (f failing) Failed() error { return f.err }

func TestEncodeJSON(t *testing.T) {
	tests := []struct {
		name       string
		resp       any
		wantStatus int
		wantBody   string
	}{
		{"plain", map[string]int{"a": 1}, 200, `{"a":1}`},
		{"created", Created[map[string]string]{V: map[string]string{"id": "x"}}, 201, `{"id":"x"}`},
		{"failed", failing{apperr.NotFound("unit")}, 404, `"status":404`},
		{"not failed", failing{nil}, 200, `{}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			if err := EncodeJSON(context.Background(), w, tt.resp); err != nil {
				t.Fatal(err)
			}
			if w.Code != tt.wantStatus || !strings.Contains(w.Body.String(), tt.wantBody) {
				t.Fatalf("got %d %s", w.Code, w.Body)
			}
		})
	}
}

func TestParsePage(t *testing.T) {
	cur := EncodeCursor("2026-11-25T10:00:00Z", "id-9")
	tests := []struct {
		query      string
		wantLimit  int
		wantCursor []string
		wantErr    bool
	}{
		{"", DefaultLimit, nil, false},
		{"limit=10", 10, nil, false},
		{"limit=500&cursor=" + cur, 500, []string{"2026-11-25T10:00:00Z", "id-9"}, false},
		{"limit=0", 0, nil, true},
		{"limit=501", 0, nil, true},
		{"limit=ten", 0, nil, true},
		{"cursor=%21%21", 0, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			q, _ := url.ParseQuery(tt.query)
			p, err := ParsePage(q)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v", err)
			}
			if tt.wantErr {
				if !errors.Is(err, apperr.ErrInvalid) {
					t.Fatalf("err kind %v", err)
				}
				return
			}
			if p.Limit != tt.wantLimit || fmt.Sprint(p.Cursor) != fmt.Sprint(tt.wantCursor) {
				t.Fatalf("got %+v", p)
			}
		})
	}
}

func TestReadyz(t *testing.T) {
	down := errors.New("down")
	tests := []struct {
		name   string
		checks []Check
		want   int
	}{
		{"all up", []Check{{"database", func(context.Context) error { return nil }}}, 200},
		{"one down", []Check{{"database", func(context.Context) error { return nil }}, {"broker", func(context.Context) error { return down }}}, 503},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			Readyz(tt.checks...).ServeHTTP(w, httptest.NewRequest("GET", "/readyz", nil))
			if w.Code != tt.want {
				t.Fatalf("status %d, want %d: %s", w.Code, tt.want, w.Body)
			}
		})
	}
}

func TestDeferredDecodeErrorsReachTheEndpoint(t *testing.T) {
	bad := apperr.Invalid("malformed JSON")
	dec := Deferred(func(context.Context, *http.Request) (any, error) { return nil, bad })
	req, err := dec(context.Background(), httptest.NewRequest("POST", "/", nil))
	if err != nil {
		t.Fatalf("deferred decoder returned %v", err)
	}
	called := false
	ep := RejectUndecodable(func(context.Context, any) (any, error) { called = true; return "ok", nil })
	if _, err := ep(context.Background(), req); !errors.Is(err, bad) || called {
		t.Fatalf("err = %v, endpoint called = %v", err, called)
	}
	if resp, err := ep(context.Background(), "fine"); err != nil || resp != "ok" || !called {
		t.Fatalf("good request: %v %v", resp, err)
	}
}

// The route found below AllowTransfers reaches the request above it, where
// tracing names its span after it.
func TestAllowTransfersKeepsThePattern(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/documents/{id}/issue", func(http.ResponseWriter, *http.Request) {})
	r := httptest.NewRequest(http.MethodPost, "/v1/documents/d1/issue", nil)
	AllowTransfers(mux, 0).ServeHTTP(httptest.NewRecorder(), r)
	if r.Pattern != "POST /v1/documents/{id}/issue" {
		t.Fatalf("pattern %q", r.Pattern)
	}
}
