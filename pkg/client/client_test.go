package client

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestEndpointsFromEnv(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want Endpoints
	}{
		{"defaults", nil, Endpoints{"http://127.0.0.1:8081", "http://127.0.0.1:8082", "http://127.0.0.1:8083", "http://127.0.0.1:8084", "http://127.0.0.1:8085"}},
		{"addresses as up.sh takes them", map[string]string{"EOFFICE_TASKS_ADDR": "127.0.0.1:2810"},
			Endpoints{"http://127.0.0.1:8081", "http://127.0.0.1:8082", "http://127.0.0.1:2810", "http://127.0.0.1:8084", "http://127.0.0.1:8085"}},
		{"a URL wins over the address, trailing slash dropped", map[string]string{"EOFFICE_IDENTITY_URL": "https://id.example.vn/", "EOFFICE_IDENTITY_ADDR": "x:1"},
			Endpoints{"https://id.example.vn", "http://127.0.0.1:8082", "http://127.0.0.1:8083", "http://127.0.0.1:8084", "http://127.0.0.1:8085"}},
		{"exchange's own URL", map[string]string{"EOFFICE_EXCHANGE_URL": "http://10.0.0.5:9085"},
			Endpoints{"http://127.0.0.1:8081", "http://127.0.0.1:8082", "http://127.0.0.1:8083", "http://127.0.0.1:8084", "http://10.0.0.5:9085"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := EndpointsFromEnvFunc(func(k string) string { return tt.env[k] }); got != tt.want {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestProblemRendering(t *testing.T) {
	tests := []struct {
		name        string
		status      int
		contentType string
		body        string
		retryAfter  string
		want        []string
		notWant     []string
	}{
		{"validation", 400, "application/problem+json",
			`{"type":"about:blank","title":"Bad Request","status":400,"detail":"the request has invalid fields","errors":[{"field":"items[0].due_date","message":"is not a date"}]}`, "",
			[]string{"400 Bad Request: the request has invalid fields", "items[0].due_date: is not a date", "(POST /v1/documents)"}, nil},
		{"conflict names the current status", 409, "application/problem+json",
			`{"title":"Conflict","status":409,"detail":"the document is not approved","current_status":"draft"}`, "",
			[]string{"409 Conflict: the document is not approved (current status: draft)"}, nil},
		{"oauth error of the token route", 400, "application/problem+json",
			`{"status":400,"error":"invalid_grant","error_description":"wrong username or password"}`, "",
			[]string{"400 Bad Request: wrong username or password"}, nil},
		{"throttled", 429, "application/problem+json", `{"status":429,"title":"Too Many Requests"}`, "30",
			[]string{"429 Too Many Requests", "retry after 30s"}, nil},
		{"not JSON is cut short", 502, "text/html", "<html>" + strings.Repeat("x", 500) + "</html>", "",
			[]string{"502 Bad Gateway: <html>xxx", "…"}, []string{"</html>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tt.contentType)
				if tt.retryAfter != "" {
					w.Header().Set("Retry-After", tt.retryAfter)
				}
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte(tt.body))
			}))
			defer srv.Close()
			c := New(Endpoints{srv.URL, srv.URL, srv.URL, srv.URL}, nil)
			err := c.Do(context.Background(), Documents, http.MethodPost, "/v1/documents", map[string]string{}, nil)
			var p *Problem
			if !errors.As(err, &p) || p.Status != tt.status {
				t.Fatalf("got %v, want a *Problem with status %d", err, tt.status)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%q lacks %q", err.Error(), w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(err.Error(), w) {
					t.Errorf("%q has %q", err.Error(), w)
				}
			}
		})
	}
}

func TestAllFollowsCursors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer tok" || r.URL.Query().Get("box") != "inbox" || r.URL.Query().Get("limit") != "500" {
			w.WriteHeader(401)
			return
		}
		switch r.URL.Query().Get("cursor") {
		case "":
			_, _ = w.Write([]byte(`{"items":[{"id":"a"},{"id":"b"}],"next_cursor":"c1"}`))
		case "c1":
			_, _ = w.Write([]byte(`{"items":[{"id":"c"}]}`))
		}
	}))
	defer srv.Close()
	c := New(Endpoints{srv.URL, srv.URL, srv.URL, srv.URL}, staticToken("tok"))
	got, err := All[item](context.Background(), c, Tasks, "/v1/tasks?box=inbox", 0)
	if err != nil || len(got) != 3 || got[2].ID != "c" {
		t.Fatalf("got %+v, %v", got, err)
	}
	got, err = All[item](context.Background(), c, Tasks, "/v1/tasks?box=inbox", 2)
	if err != nil || len(got) != 2 {
		t.Fatalf("max 2: %+v, %v", got, err)
	}
}

type staticToken string

func (s staticToken) AccessToken(context.Context) (string, error) { return string(s), nil }

// item is any listed thing with an id.
type item struct {
	ID string `json:"id"`
}
