package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	kitendpoint "github.com/go-kit/kit/endpoint"
	kithttp "github.com/go-kit/kit/transport/http"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/auth/authtest"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/app"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/endpoint"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/httpapi"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/store"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/webhook"
)

var (
	t0      = time.Date(2022, 3, 1, 8, 0, 0, 0, time.UTC)
	readNow = time.Date(2022, 3, 2, 9, 30, 0, 0, time.UTC)
)

type api struct {
	t      *testing.T
	srv    *httptest.Server
	store  *store.Store
	tokens map[string]string
}

type notification struct {
	ID        string     `json:"id"`
	Type      string     `json:"type"`
	Title     string     `json:"title"`
	Body      string     `json:"body"`
	Link      string     `json:"link"`
	CreatedAt time.Time  `json:"created_at"`
	ReadAt    *time.Time `json:"read_at"`
}

type list struct {
	Items      []notification `json:"items"`
	NextCursor string         `json:"next_cursor"`
}

// newAPI serves the API on db with the middleware and options the runtime
// uses, and seeds five notifications of "lan" (n0 oldest .. n4 newest) and
// one of "hung".
func newAPI(t *testing.T, db *pkgstore.DB) *api {
	t.Helper()
	ctx := context.Background()
	if err := store.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	s := store.New(db)
	iss := authtest.NewIssuer(t)
	mw := func(string) kitendpoint.Middleware {
		return kitendpoint.Chain(auth.Middleware(iss.Verifier()), httpx.RejectUndecodable)
	}
	eps := endpoint.New(app.New(s.Repo(), func() time.Time { return readNow }, webhook.Guard{Resolver: fakeDNS}), mw)
	h := httpapi.NewHandler(eps,
		kithttp.ServerBefore(auth.HTTPToContext()),
		kithttp.ServerErrorEncoder(httpx.ErrorEncoder))
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)

	seed := func(id, user string, at time.Time) {
		err := db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
			_, err := s.AddNotification(ctx, tx, domain.Notification{
				ID: id, UserID: user, EventID: "ev-" + id, Type: domain.TypeTaskAssigned,
				Title: "Nhiệm vụ mới: " + id, Body: "Nội dung " + id, Link: "/tasks/" + id, CreatedAt: at,
			})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for i := range 5 {
		seed(fmt.Sprintf("n%d", i), "lan", t0.Add(time.Duration(i)*time.Minute))
	}
	seed("h0", "hung", t0.Add(time.Hour))

	tok := func(sub string, roles ...string) string {
		return iss.Token(auth.Principal{Subject: sub, Username: sub, UnitID: "stttt", AgencyID: "stttt", Roles: roles})
	}
	return &api{t: t, srv: srv, store: s, tokens: map[string]string{
		"lan":     tok("lan", "leader"),
		"hung":    tok("hung", "leader"),
		"nobody":  tok("nobody", "specialist"),
		"expired": iss.TokenWithExpiry(auth.Principal{Subject: "lan"}, time.Now().Add(-time.Hour)),
		"forged":  tamper(tok("lan", "leader")),
		"garbage": "not-a-jwt",
		"admin":   iss.Token(auth.Principal{Subject: "admin", Username: "admin", Roles: []string{"admin"}}),
		"client":  iss.Token(auth.Principal{Subject: "client-1", ClientID: "client-1", Scopes: hookScopes}),
		"client2": iss.Token(auth.Principal{Subject: "client-2", ClientID: "client-2", Scopes: hookScopes}),
		// Issue 14: a client granted only webhooks:write subscribed to
		// every agency's events.
		"hooks-only": iss.Token(auth.Principal{Subject: "client-4", ClientID: "client-4", Scopes: []string{auth.ScopeWebhooksWrite}}),
		"noscope":    iss.Token(auth.Principal{Subject: "client-3", ClientID: "client-3", Scopes: []string{"events"}}),
		// client-1 after its webhooks scope was taken away.
		"client-lost": iss.Token(auth.Principal{Subject: "client-1", ClientID: "client-1", Scopes: []string{"events"}}),
	}}
}

// hookScopes let a client subscribe to goodHook's types.
var hookScopes = []string{auth.ScopeDocumentsRead, auth.ScopeTasksRead, auth.ScopeWebhooksWrite}

// tamper changes a token's signature, keeping its header (and so its kid).
func tamper(token string) string {
	parts := strings.Split(token, ".")
	sig := []byte(parts[2])
	if sig[10] == 'A' {
		sig[10] = 'B'
	} else {
		sig[10] = 'A'
	}
	return parts[0] + "." + parts[1] + "." + string(sig)
}

// do sends a request as who ("" for no token) and decodes a 2xx JSON body
// into out.
func (a *api) do(method, path, who string, out any) (int, http.Header, []byte) {
	a.t.Helper()
	return a.send(method, path, who, "", out)
}

// send is do with a JSON body.
func (a *api) send(method, path, who, body string, out any) (int, http.Header, []byte) {
	a.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, a.srv.URL+path, rd)
	if err != nil {
		a.t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if who != "" {
		req.Header.Set("Authorization", "Bearer "+a.tokens[who])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode < 300 && out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			a.t.Fatalf("%s %s: %v in %s", method, path, err, raw)
		}
	}
	return resp.StatusCode, resp.Header, raw
}

func ids(items []notification) []string {
	out := []string{}
	for _, n := range items {
		out = append(out, n.ID)
	}
	return out
}

func TestUnauthenticated(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		a := newAPI(t, db)
		routes := []struct{ method, path string }{
			{"GET", "/v1/notifications"},
			{"GET", "/v1/notifications/unread-count"},
			{"POST", "/v1/notifications/n0/read"},
		}
		for _, r := range routes {
			for _, who := range []string{"", "expired", "forged", "garbage"} {
				status, h, body := a.do(r.method, r.path, who, nil)
				if status != http.StatusUnauthorized || !strings.HasPrefix(h.Get("Content-Type"), "application/problem+json") {
					t.Errorf("%s %s as %q: %d %s, want 401 problem", r.method, r.path, who, status, body)
				}
			}
		}
		if n, _ := a.store.UnreadCount(context.Background(), "lan"); n != 5 {
			t.Fatalf("unread after refused calls = %d, want 5", n)
		}
	})
}

func TestListOwnNotifications(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		a := newAPI(t, db)
		if status, _, body := a.do("POST", "/v1/notifications/n1/read", "lan", nil); status != 200 {
			t.Fatalf("mark n1 read: %d %s", status, body)
		}
		tests := []struct {
			name, who, query string
			want             []string
		}{
			{"all of lan's, newest first", "lan", "", []string{"n4", "n3", "n2", "n1", "n0"}},
			{"unread", "lan", "?unread=true", []string{"n4", "n3", "n2", "n0"}},
			{"read", "lan", "?unread=false", []string{"n1"}},
			{"empty filter is all", "lan", "?unread=", []string{"n4", "n3", "n2", "n1", "n0"}},
			{"hung sees only his", "hung", "", []string{"h0"}},
			{"someone with none", "nobody", "", []string{}},
		}
		for _, tt := range tests {
			var got list
			status, _, body := a.do("GET", "/v1/notifications"+tt.query, tt.who, &got)
			if status != 200 {
				t.Fatalf("%s: %d %s", tt.name, status, body)
			}
			if !slices.Equal(ids(got.Items), tt.want) || got.NextCursor != "" {
				t.Errorf("%s: got %v (next %q), want %v", tt.name, ids(got.Items), got.NextCursor, tt.want)
			}
			if !strings.Contains(string(body), `"items":[`) {
				t.Errorf("%s: items must be an array: %s", tt.name, body)
			}
		}

		var all list
		a.do("GET", "/v1/notifications", "lan", &all)
		n4, n1 := all.Items[0], all.Items[3]
		if n4.Type != "task.assigned" || n4.Title != "Nhiệm vụ mới: n4" || n4.Body != "Nội dung n4" || n4.Link != "/tasks/n4" ||
			!n4.CreatedAt.Equal(t0.Add(4*time.Minute)) || n4.ReadAt != nil {
			t.Errorf("n4 = %+v", n4)
		}
		if n1.ReadAt == nil || !n1.ReadAt.Equal(readNow) {
			t.Errorf("n1 read_at = %v, want %v", n1.ReadAt, readNow)
		}
		_, _, raw := a.do("GET", "/v1/notifications?unread=true&limit=1", "lan", nil)
		if strings.Contains(string(raw), "read_at") {
			t.Errorf("unread notification carries read_at: %s", raw)
		}
	})
}

func TestPaging(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		a := newAPI(t, db)
		tests := []struct {
			query     string
			wantPages [][]string
		}{
			{"limit=2", [][]string{{"n4", "n3"}, {"n2", "n1"}, {"n0"}}},
			{"limit=5", [][]string{{"n4", "n3", "n2", "n1", "n0"}}},
			{"limit=4&unread=true", [][]string{{"n4", "n3", "n2", "n1"}, {"n0"}}},
		}
		for _, tt := range tests {
			var pages [][]string
			cursor := ""
			for range 10 {
				q := "?" + tt.query
				if cursor != "" {
					q += "&cursor=" + url.QueryEscape(cursor)
				}
				var got list
				if status, _, body := a.do("GET", "/v1/notifications"+q, "lan", &got); status != 200 {
					t.Fatalf("%s: %d %s", q, status, body)
				}
				pages = append(pages, ids(got.Items))
				if cursor = got.NextCursor; cursor == "" {
					break
				}
			}
			if fmt.Sprint(pages) != fmt.Sprint(tt.wantPages) {
				t.Errorf("%s: pages %v, want %v", tt.query, pages, tt.wantPages)
			}
		}
		// Another person's cursor does not reveal anything of the owner's.
		var first list
		a.do("GET", "/v1/notifications?limit=1", "lan", &first)
		var hung list
		a.do("GET", "/v1/notifications?cursor="+url.QueryEscape(first.NextCursor), "hung", &hung)
		if len(hung.Items) != 0 {
			t.Errorf("hung with lan's cursor got %v", ids(hung.Items))
		}
	})
}

func TestBadQueries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		a := newAPI(t, db)
		forged := httpx.EncodeCursor("yesterday", "n1")
		tests := []struct{ query, field string }{
			{"unread=maybe", "unread"},
			{"unread=TRUE", "unread"},
			{"unread=1", "unread"},
			{"limit=0", "limit"},
			{"limit=501", "limit"},
			{"limit=ten", "limit"},
			{"cursor=%21%21", "cursor"},
			{"cursor=" + forged, "cursor"},
			{"cursor=" + httpx.EncodeCursor("only-one"), "cursor"},
		}
		for _, tt := range tests {
			status, h, body := a.do("GET", "/v1/notifications?"+tt.query, "lan", nil)
			var p httpx.Problem
			_ = json.Unmarshal(body, &p)
			if status != 400 || !strings.HasPrefix(h.Get("Content-Type"), "application/problem+json") ||
				len(p.Errors) == 0 || p.Errors[0].Field != tt.field {
				t.Errorf("%s: %d %s, want 400 naming %s", tt.query, status, body, tt.field)
			}
		}
	})
}

func TestMarkRead(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		a := newAPI(t, db)
		count := func(who string) int {
			t.Helper()
			var c struct {
				Unread *int `json:"unread"`
			}
			if status, _, body := a.do("GET", "/v1/notifications/unread-count", who, &c); status != 200 || c.Unread == nil {
				t.Fatalf("unread-count: %d %s", status, body)
			}
			return *c.Unread
		}
		if got := count("lan"); got != 5 {
			t.Fatalf("lan unread = %d, want 5", got)
		}
		tests := []struct {
			name, who, id string
			want          int
			wantUnread    int // lan's afterwards
		}{
			{"someone else's", "hung", "n2", 404, 5},
			{"unknown", "lan", "nope", 404, 5},
			{"own", "lan", "n2", 200, 4},
			{"own again", "lan", "n2", 200, 4},
		}
		for _, tt := range tests {
			var n notification
			status, h, body := a.do("POST", "/v1/notifications/"+tt.id+"/read", tt.who, &n)
			if status != tt.want {
				t.Fatalf("%s: %d %s, want %d", tt.name, status, body, tt.want)
			}
			if status == 404 && !strings.HasPrefix(h.Get("Content-Type"), "application/problem+json") {
				t.Errorf("%s: 404 without problem body", tt.name)
			}
			if status == 200 && (n.ID != tt.id || n.ReadAt == nil || !n.ReadAt.Equal(readNow) || n.Title != "Nhiệm vụ mới: n2") {
				t.Errorf("%s: got %s", tt.name, body)
			}
			if got := count("lan"); got != tt.wantUnread {
				t.Errorf("%s: lan unread = %d, want %d", tt.name, got, tt.wantUnread)
			}
		}
		if got := count("hung"); got != 1 {
			t.Errorf("hung unread = %d, want 1", got)
		}
	})
}

func TestUnknownRoutes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		a := newAPI(t, db)
		for _, r := range []struct{ method, path string }{
			{"GET", "/v1/notification"},
			{"DELETE", "/v1/notifications/n0"},
			{"GET", "/v1/notifications/n0/read"},
		} {
			if status, h, body := a.do(r.method, r.path, "lan", nil); status != 404 || !strings.HasPrefix(h.Get("Content-Type"), "application/problem+json") {
				t.Errorf("%s %s: %d %s, want 404 problem", r.method, r.path, status, body)
			}
		}
	})
}
