package httpapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-kit/kit/endpoint"
	kithttp "github.com/go-kit/kit/transport/http"
	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/auth/authtest"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/pkg/idempotency"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"

	"github.com/eoffice-vn/eoffice/pkg/identityclient"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/consumer"
	taskendpoint "github.com/eoffice-vn/eoffice/services/tasks/internal/endpoint"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/httpapi"
	taskstore "github.com/eoffice-vn/eoffice/services/tasks/internal/store"
)

// The clock starts on 2025-03-10 09:00 in Hanoi and ticks a second per
// reading, so tasks created one after another sort newest first.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
	return c.t
}

// set moves the clock to t (it ticks on from there).
func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// fakeIdentity serves GET /v1/units/{id} and GET /v1/users/{id} for units
// and people that are not in the tasks service's read models yet, and
// counts the calls.
type fakeIdentity struct {
	units map[string]map[string]any
	users map[string]map[string]any
	calls atomic.Int32
	down  atomic.Bool
}

func (f *fakeIdentity) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.calls.Add(1)
	if f.down.Load() {
		http.Error(w, "down", http.StatusBadGateway)
		return
	}
	if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
		http.Error(w, "no token forwarded", http.StatusUnauthorized)
		return
	}
	u, ok := f.units[strings.TrimPrefix(r.URL.Path, "/v1/units/")]
	if id, isUser := strings.CutPrefix(r.URL.Path, "/v1/users/"); isUser {
		u, ok = f.users[id]
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(u)
}

type env struct {
	srv      *httptest.Server
	iss      *authtest.TokenIssuer
	identity *fakeIdentity
	store    *taskstore.Store
	outbox   *messaging.Outbox
	tokens   map[string]string
	// deliver hands an event to the consumer's handler, in its own transaction.
	deliver func(short, subject string, p proto.Message)
	// deliverAt is deliver with the event's time set (ordering tests).
	deliverAt func(short, subject string, at time.Time, p proto.Message) envelope.Event
	// redeliver hands the same event again.
	redeliver func(ev envelope.Event)
	clk       *clock
	app       *app.App
}

// The tree:
//
//	ubnd (agency) ─ ubnd-vp (division)
//	├── sttt (agency) ─ sttt-bc (division)
//	├── sct (agency)    [sct-new (division): only identity knows it yet]
//	└── sgd (agency)    receives nothing
//
// ubnd issues 07/CT-UBND to sttt and sct (due 2025-03-31); sttt issues
// 15/CV-STTTT to its division sttt-bc (due 2025-03-05, so overdue); ubnd
// issues 09/CT-UBND to sct-new (due 2025-04-30).
func setup(t testing.TB, db *store.DB) *env {
	t.Helper()
	return setupWith(t, db, messaging.OutboxConfig{})
}

// setupWith is setup with the outbox configured as given (a benchmark's
// relay publishes to a broker).
func setupWith(t testing.TB, db *store.DB, outbox messaging.OutboxConfig) *env {
	t.Helper()
	ctx := context.Background()
	if err := messaging.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := taskstore.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := idempotency.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	e := &env{iss: authtest.NewIssuer(t), outbox: messaging.NewOutbox(db, outbox)}
	e.store, e.identity = taskstore.New(db, e.outbox), &fakeIdentity{units: map[string]map[string]any{
		"sct-new": {"id": "sct-new", "kind": "division", "parent_id": "sct", "agency_id": "sct", "name": "Phòng mới", "short_name": "PM", "active": true},
	}, users: map[string]map[string]any{
		"u-lag":      {"id": "u-lag", "username": "lag", "full_name": "Người mới", "unit_id": "sttt-bc", "agency_id": "sttt", "roles": []string{"specialist"}, "active": true},
		"u-lag-gone": {"id": "u-lag-gone", "username": "gone", "full_name": "Người nghỉ", "unit_id": "sttt-bc", "agency_id": "sttt", "roles": []string{"specialist"}, "active": false},
	}}
	idSrv := httptest.NewServer(e.identity)
	t.Cleanup(idSrv.Close)

	clk := &clock{t: time.Date(2025, 3, 10, 2, 0, 0, 0, time.UTC)}
	e.clk = clk
	a := app.New(app.Config{
		DB: db, Repos: e.store.Repos(), Source: "/eoffice/tasks",
		Identity: identityclient.New(idSrv.URL, idSrv.Client()), Now: clk.Now,
	})
	e.app = a
	h := consumer.New(a, e.store.In).Map()
	send := func(short, subject string, ev envelope.Event, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		if err := db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error { return h[short](ctx, tx, ev) }); err != nil {
			t.Fatalf("%s %s: %v", short, subject, err)
		}
	}
	for _, u := range []*eventsv1.UnitCreated{
		{UnitId: "ubnd", Kind: "agency", AgencyId: "ubnd", ShortName: "UBND", Active: true},
		{UnitId: "ubnd-vp", ParentId: "ubnd", Kind: "division", AgencyId: "ubnd", ShortName: "VP", Active: true},
		{UnitId: "sttt", ParentId: "ubnd", Kind: "agency", AgencyId: "sttt", ShortName: "STTTT", Active: true},
		{UnitId: "sttt-bc", ParentId: "sttt", Kind: "division", AgencyId: "sttt", ShortName: "BC", Active: true},
		{UnitId: "sct", ParentId: "ubnd", Kind: "agency", AgencyId: "sct", ShortName: "SCT", Active: true},
		{UnitId: "sgd", ParentId: "ubnd", Kind: "agency", AgencyId: "sgd", ShortName: "SGD", Active: true},
	} {
		ev, err := envelope.New(ctx, "/eoffice/identity", events.UnitCreated, u.UnitId, u)
		send(events.UnitCreated, u.UnitId, ev, err)
	}
	for _, d := range []*eventsv1.DocumentIssued{
		{DocumentId: "doc-1", Kind: "directive", Notation: "07/CT-UBND", IssuerUnitId: "ubnd", RecipientUnitIds: []string{"sttt", "sct"},
			Urgency: "urgent", Confidentiality: "normal", Summary: "Nâng cao chỉ số PAPI", DueDate: "2025-03-31", IssuedBy: "clerk-ubnd"},
		{DocumentId: "doc-2", Kind: "official_letter", Notation: "15/STTTT-BC", IssuerUnitId: "sttt", RecipientUnitIds: []string{"sttt-bc"},
			Confidentiality: "normal", Summary: "Tuyên truyền PAPI", DueDate: "2025-03-05", IssuedBy: "clerk-sttt"},
		{DocumentId: "doc-3", Kind: "directive", Notation: "09/CT-UBND", IssuerUnitId: "ubnd", RecipientUnitIds: []string{"sct-new"},
			Confidentiality: "confidential", DueDate: "2025-04-30", IssuedBy: "clerk-ubnd"},
		{DocumentId: "plan-1", Kind: "plan", Notation: "20/KH-UBND", IssuerUnitId: "ubnd", RecipientUnitIds: []string{"sgd"},
			Confidentiality: "normal", Summary: "Kế hoạch", DueDate: "2025-12-31", IssuedBy: "clerk-ubnd"},
	} {
		ev, err := envelope.New(ctx, "/eoffice/documents", events.DocumentIssued, d.DocumentId, d)
		send(events.DocumentIssued, d.DocumentId, ev, err)
	}

	mw := func(string) endpoint.Middleware {
		return func(next endpoint.Endpoint) endpoint.Endpoint {
			return auth.Middleware(e.iss.Verifier())(httpx.RejectUndecodable(next))
		}
	}
	opts := []kithttp.ServerOption{
		kithttp.ServerBefore(auth.HTTPToContext()),
		kithttp.ServerErrorEncoder(httpx.ErrorEncoder),
	}
	e.deliver = func(short, subject string, p proto.Message) {
		t.Helper()
		ev, err := envelope.New(ctx, events.SourceOfType(short), short, subject, p)
		send(short, subject, ev, err)
	}
	e.deliverAt = func(short, subject string, at time.Time, p proto.Message) envelope.Event {
		t.Helper()
		ev, err := envelope.New(ctx, events.SourceOfType(short), short, subject, p)
		ev.Time = at
		send(short, subject, ev, err)
		return ev
	}
	e.redeliver = func(ev envelope.Event) {
		t.Helper()
		short, _ := events.Short(ev.Type)
		send(short, ev.Subject, ev, nil)
	}
	e.srv = httptest.NewServer(httpapi.NewHandler(taskendpoint.New(a, mw), opts))
	t.Cleanup(e.srv.Close)

	e.tokens = map[string]string{}
	for name, p := range map[string]auth.Principal{
		"ubnd":    {Subject: "u-ubnd", UnitID: "ubnd", AgencyID: "ubnd", Roles: []string{auth.RoleLeader}},
		"ubnd-vp": {Subject: "u-ubnd-vp", UnitID: "ubnd-vp", AgencyID: "ubnd", Roles: []string{auth.RoleSpecialist}},
		"sttt":    {Subject: "u-sttt", UnitID: "sttt", AgencyID: "sttt", Roles: []string{auth.RoleLeader}},
		"sttt-bc": {Subject: "u-sttt-bc", UnitID: "sttt-bc", AgencyID: "sttt", Roles: []string{auth.RoleSpecialist}},
		"sct":     {Subject: "u-sct", UnitID: "sct", AgencyID: "sct", Roles: []string{auth.RoleLeader}},
		"sct-new": {Subject: "u-sct-new", UnitID: "sct-new", AgencyID: "sct", Roles: []string{auth.RoleLeader}},
		"sgd":     {Subject: "u-sgd", UnitID: "sgd", AgencyID: "sgd", Roles: []string{auth.RoleLeader}},
		"admin":   {Subject: "admin", Roles: []string{auth.RoleAdmin}},
	} {
		e.tokens[name] = e.iss.Token(p)
	}
	return e
}

type taskJSON struct {
	ID               string `json:"id"`
	SourceDocumentID string `json:"source_document_id"`
	AssignerUnitID   string `json:"assigner_unit_id"`
	AssigneeUnitID   string `json:"assignee_unit_id"`
	Role             string `json:"role"`
	Title            string `json:"title"`
	DueDate          string `json:"due_date"`
	Status           string `json:"status"`
	ProgressPercent  *int   `json:"progress_percent"`
	Class            string `json:"class"`
	CreatedAt        string `json:"created_at"`
	Urgency          string `json:"urgency"`
	SourceNotation   string `json:"source_notation"`
	Reports          []any  `json:"reports"`
	History          []struct {
		Seq         int    `json:"seq"`
		Action      string `json:"action"`
		ActorUserID string `json:"actor_user_id"`
		ActorUnitID string `json:"actor_unit_id"`
		At          string `json:"at"`
		ToStatus    string `json:"to_status"`
	} `json:"history"`
}

type listJSON struct {
	Items      []taskJSON `json:"items"`
	NextCursor string     `json:"next_cursor"`
}

type problemJSON struct {
	Type   string `json:"type"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
	Errors []struct {
		Field string `json:"field"`
	} `json:"errors"`
}

// get calls path with the named caller's token ("" for none, or a raw
// Authorization value such as "Bearer x.y.z") and decodes the body into out.
func (e *env) get(t *testing.T, path, caller string, out any) (int, http.Header) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, e.srv.URL+path, nil)
	switch {
	case strings.Contains(caller, " "):
		req.Header.Set("Authorization", caller)
	case caller != "":
		req.Header.Set("Authorization", "Bearer "+e.tokens[caller])
	}
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	// A problem body decodes only into a *problemJSON, a success body into
	// anything else.
	_, wantProblem := out.(*problemJSON)
	if out != nil && (resp.StatusCode < 300) != wantProblem {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("GET %s: decode: %v", path, err)
		}
	}
	return resp.StatusCode, resp.Header
}

// summary is "document→assignee" of each item, in order.
func summary(items []taskJSON) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.SourceDocumentID+"→"+it.AssigneeUnitID)
	}
	return out
}

func TestListTasks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		tests := []struct {
			caller, query string
			want          []string
		}{
			{"sttt", "box=inbox", []string{"doc-2→sttt-bc", "doc-1→sttt"}},
			{"sttt-bc", "box=inbox", []string{"doc-2→sttt-bc"}},
			// sct-new is below sct, but the tree has not heard of it yet.
			{"sct", "box=inbox", []string{"doc-1→sct"}},
			{"sct-new", "box=inbox", []string{"doc-3→sct-new"}},
			{"ubnd", "box=inbox", nil},
			{"sgd", "box=inbox", nil},   // not a recipient (a plan's recipients get no per-recipient task)
			{"sgd", "box=outbox", nil},  // assigned nothing
			{"admin", "box=inbox", nil}, // belongs to no unit
			{"ubnd", "box=outbox", []string{"doc-3→sct-new", "doc-1→sct", "doc-1→sttt"}},
			{"ubnd-vp", "box=outbox", []string{"doc-3→sct-new", "doc-1→sct", "doc-1→sttt"}},
			{"sttt", "box=outbox", []string{"doc-2→sttt-bc"}},
			{"sttt-bc", "box=outbox", []string{"doc-2→sttt-bc"}},
			{"sttt", "box=inbox&overdue=true", []string{"doc-2→sttt-bc"}},
			{"sttt", "box=inbox&overdue=false", []string{"doc-1→sttt"}},
			{"sttt", "box=inbox&source_document_id=doc-1", []string{"doc-1→sttt"}},
			{"sttt", "box=inbox&status=assigned", []string{"doc-2→sttt-bc", "doc-1→sttt"}},
			{"sttt", "box=inbox&status=completed", nil},
		}
		for _, tt := range tests {
			var got listJSON
			status, h := e.get(t, "/v1/tasks?"+tt.query, tt.caller, &got)
			if status != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
				t.Fatalf("%s %s: status %d", tt.caller, tt.query, status)
			}
			if got.Items == nil {
				t.Errorf("%s %s: items is null, want []", tt.caller, tt.query)
			}
			if s := summary(got.Items); !slices.Equal(s, tt.want) {
				t.Errorf("%s %s: got %v, want %v", tt.caller, tt.query, s, tt.want)
			}
			if got.NextCursor != "" {
				t.Errorf("%s %s: next_cursor on the last page", tt.caller, tt.query)
			}
		}

		// Fields and classes as read on 2025-03-10.
		var got listJSON
		e.get(t, "/v1/tasks?box=inbox", "sttt", &got)
		overdue, open := got.Items[0], got.Items[1]
		if overdue.Class != "open_overdue" || open.Class != "open_within_deadline" {
			t.Errorf("classes %s, %s", overdue.Class, open.Class)
		}
		if open.Title != "Xử lý Chỉ thị số 07/CT-UBND: Nâng cao chỉ số PAPI" || open.AssignerUnitID != "ubnd" ||
			open.Role != "lead" || open.DueDate != "2025-03-31" || open.Status != "assigned" ||
			open.ProgressPercent == nil || *open.ProgressPercent != 0 || open.Urgency != "urgent" ||
			open.SourceNotation != "07/CT-UBND" || open.ID == "" {
			t.Errorf("task = %+v", open)
		}
		if _, err := time.Parse(time.RFC3339, open.CreatedAt); err != nil {
			t.Errorf("created_at %q: %v", open.CreatedAt, err)
		}
		if overdue.Urgency != "normal" {
			t.Errorf("default urgency %q", overdue.Urgency)
		}
		var sct listJSON
		e.get(t, "/v1/tasks?box=inbox", "sct-new", &sct)
		if sct.Items[0].Title != "Xử lý Chỉ thị số 09/CT-UBND" {
			t.Errorf("confidential title %q", sct.Items[0].Title)
		}

		// Once unit.created arrives, sct's inbox includes its new division's task.
		e.deliver(events.UnitCreated, "sct-new", &eventsv1.UnitCreated{UnitId: "sct-new", ParentId: "sct", Kind: "division", AgencyId: "sct", Active: true})
		e.get(t, "/v1/tasks?box=inbox", "sct", &sct)
		if s := summary(sct.Items); !slices.Equal(s, []string{"doc-3→sct-new", "doc-1→sct"}) {
			t.Errorf("sct inbox after the tree caught up: %v", s)
		}
	})
}

func TestListTasksPaging(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		var walked []string
		path := "/v1/tasks?box=outbox&limit=2"
		for pages := 0; ; pages++ {
			var page listJSON
			if status, _ := e.get(t, path, "ubnd", &page); status != http.StatusOK {
				t.Fatalf("status %d", status)
			}
			walked = append(walked, summary(page.Items)...)
			if page.NextCursor == "" {
				if pages != 1 {
					t.Fatalf("%d pages, want 2", pages+1)
				}
				break
			}
			path = "/v1/tasks?box=outbox&limit=2&cursor=" + url.QueryEscape(page.NextCursor)
		}
		if want := []string{"doc-3→sct-new", "doc-1→sct", "doc-1→sttt"}; !slices.Equal(walked, want) {
			t.Fatalf("walked %v, want %v", walked, want)
		}
		// A page that holds exactly the rest is the last one.
		var page listJSON
		e.get(t, "/v1/tasks?box=outbox&limit=3", "ubnd", &page)
		if len(page.Items) != 3 || page.NextCursor != "" {
			t.Fatalf("limit=3: %d items, next_cursor %q", len(page.Items), page.NextCursor)
		}
	})
}

func TestListTasksBadRequests(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		tests := []struct {
			query string
			field string
		}{
			{"", "box"},
			{"box=", "box"},
			{"box=incoming", "box"},
			{"box=INBOX", "box"},
			{"box=inbox&status=done", "status"},
			{"box=inbox&overdue=yes", "overdue"},
			{"box=inbox&limit=0", "limit"},
			{"box=inbox&limit=501", "limit"},
			{"box=inbox&limit=ten", "limit"},
			{"box=inbox&cursor=not-a-cursor", "cursor"},
			{"box=inbox&assignee=you", "assignee"},
			{"box=outbox&assignee=me", "assignee"},
			{"box=inbox&cursor=" + httpx.EncodeCursor("yesterday", "x"), "cursor"},
		}
		for _, tt := range tests {
			var p problemJSON
			status, h := e.get(t, "/v1/tasks?"+tt.query, "sttt", &p)
			if status != http.StatusBadRequest || h.Get("Content-Type") != httpx.ProblemContentType || p.Status != 400 {
				t.Errorf("%q: status %d, %s", tt.query, status, h.Get("Content-Type"))
				continue
			}
			if !slices.ContainsFunc(p.Errors, func(f struct {
				Field string `json:"field"`
			}) bool {
				return f.Field == tt.field
			}) {
				t.Errorf("%q: errors %+v do not name %s", tt.query, p.Errors, tt.field)
			}
		}
	})
}

func TestUnauthorized(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		var taskID string
		var l listJSON
		e.get(t, "/v1/tasks?box=inbox", "sttt", &l)
		taskID = l.Items[0].ID
		good := e.iss.Token(auth.Principal{Subject: "x", UnitID: "sttt", AgencyID: "sttt"})
		tampered := "Bearer " + good[:len(good)-4] + strings.Repeat("A", 4)
		expired := "Bearer " + e.iss.TokenWithExpiry(auth.Principal{Subject: "x", UnitID: "sttt", AgencyID: "sttt"}, time.Now().Add(-time.Hour))
		for _, path := range []string{"/v1/tasks?box=inbox", "/v1/tasks", "/v1/tasks?box=bad", "/v1/tasks/" + taskID} {
			for name, caller := range map[string]string{"no token": "", "garbage": "Bearer abc.def.ghi", "bad signature": tampered, "basic": "Basic dXNlcjpwYXNz", "expired": expired} {
				var p problemJSON
				status, h := e.get(t, path, caller, &p)
				if status != http.StatusUnauthorized || h.Get("Content-Type") != httpx.ProblemContentType {
					t.Errorf("%s %s: status %d %s", name, path, status, h.Get("Content-Type"))
				}
			}
		}
	})
}

func TestGetTask(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		ids := map[string]string{}
		var l listJSON
		e.get(t, "/v1/tasks?box=outbox", "ubnd", &l)
		for _, it := range l.Items {
			ids[it.SourceDocumentID+"→"+it.AssigneeUnitID] = it.ID
		}
		e.get(t, "/v1/tasks?box=outbox", "sttt", &l)
		ids["doc-2→sttt-bc"] = l.Items[0].ID

		tests := []struct {
			caller, task string
			want         int
		}{
			{"ubnd", "doc-1→sttt", 200},    // assigner's agency
			{"ubnd-vp", "doc-1→sttt", 200}, // a division of the assigner's agency
			{"sttt", "doc-1→sttt", 200},    // assignee
			{"sttt-bc", "doc-1→sttt", 200}, // a division of the assignee's agency
			{"sct", "doc-1→sttt", 404},     // a fellow recipient of the document, another agency
			{"sgd", "doc-1→sttt", 404},     // a foreign agency
			{"admin", "doc-1→sttt", 404},   // no agency
			{"sttt-bc", "doc-2→sttt-bc", 200},
			{"sttt", "doc-2→sttt-bc", 200},
			{"ubnd", "doc-2→sttt-bc", 404}, // the parent in the tree is another agency
			{"sct", "doc-3→sct-new", 200},  // the assignee's agency, known only to identity
		}
		for _, tt := range tests {
			var got taskJSON
			status, h := e.get(t, "/v1/tasks/"+ids[tt.task], tt.caller, &got)
			if status != tt.want {
				t.Errorf("%s GET %s: status %d, want %d", tt.caller, tt.task, status, tt.want)
				continue
			}
			if status == 404 {
				if h.Get("Content-Type") != httpx.ProblemContentType {
					t.Errorf("404 content type %s", h.Get("Content-Type"))
				}
				continue
			}
			if got.ID != ids[tt.task] || got.Reports == nil || len(got.Reports) != 0 || len(got.History) != 1 {
				t.Errorf("%s GET %s: %+v", tt.caller, tt.task, got)
				continue
			}
			hist := got.History[0]
			if hist.Seq != 1 || hist.Action != "assigned" || hist.ToStatus != "assigned" || hist.ActorUserID == "" || hist.At == "" {
				t.Errorf("history %+v", hist)
			}
		}
		for _, id := range []string{"no-such-task", ids["doc-1→sttt"] + "x"} {
			if status, _ := e.get(t, "/v1/tasks/"+id, "ubnd", &problemJSON{}); status != 404 {
				t.Errorf("unknown task %s: status %d", id, status)
			}
		}
		if status, _ := e.get(t, "/v1/nothing", "ubnd", &problemJSON{}); status != 404 {
			t.Errorf("unknown route: %d", status)
		}
	})
}

// A task whose unit the tree does not know yet: identity is asked once with
// the caller's token, the answer cached; if identity cannot answer, 503
// rather than a wrong 404.
func TestGetTaskUnitLag(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		var l listJSON
		e.get(t, "/v1/tasks?box=inbox", "sct-new", &l)
		id := l.Items[0].ID

		e.identity.down.Store(true)
		var p problemJSON
		if status, _ := e.get(t, "/v1/tasks/"+id, "sgd", &p); status != http.StatusServiceUnavailable || strings.Contains(p.Detail, "127.0.0.1") {
			t.Fatalf("identity down: status %d, detail %q", status, p.Detail)
		}
		e.identity.down.Store(false)

		before := e.identity.calls.Load()
		if status, _ := e.get(t, "/v1/tasks/"+id, "sgd", &p); status != 404 {
			t.Fatalf("foreign agency: %d", status)
		}
		if status, _ := e.get(t, "/v1/tasks/"+id, "sct", &taskJSON{}); status != 200 {
			t.Fatalf("assignee's agency: %d", status)
		}
		if calls := e.identity.calls.Load() - before; calls != 1 {
			t.Fatalf("identity asked %d times, want once (then cached)", calls)
		}
		if u, err := identityview.GetUnit(context.Background(), db, "sct-new"); err != nil || u.AgencyID != "sct" {
			t.Fatalf("cached unit %+v, %v", u, err)
		}
	})
}
