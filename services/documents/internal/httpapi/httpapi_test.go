package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

var id = testenv.ID

type client struct {
	t testing.TB // benchmarks call the API through it too
	e *testenv.Env
}

type reply struct {
	status      int
	ctype       string
	raw         []byte
	disposition string
}

func (r reply) json(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.raw, v); err != nil {
		t.Fatalf("decode %s: %v", r.raw, err)
	}
}

type problem struct {
	Type          string `json:"type"`
	Status        int    `json:"status"`
	Detail        string `json:"detail"`
	CurrentStatus string `json:"current_status"`
	Errors        []struct {
		Field   string `json:"field"`
		Message string `json:"message"`
	} `json:"errors"`
}

// do sends body (raw when a string, else JSON; none when nil) as login
// ("" for no token; a login starting with "raw:" sends the rest as token).
func (c client) do(method, path, login string, body any) reply {
	c.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		buf, _ := json.Marshal(b)
		rd = bytes.NewReader(buf)
	}
	req, _ := http.NewRequest(method, c.e.Server.URL+path, rd)
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	switch {
	case strings.HasPrefix(login, "raw:"):
		req.Header.Set("Authorization", "Bearer "+strings.TrimPrefix(login, "raw:"))
	case login != "":
		req.Header.Set("Authorization", "Bearer "+c.e.Token(login))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return reply{resp.StatusCode, resp.Header.Get("Content-Type"), raw, resp.Header.Get("Content-Disposition")}
}

func (c client) must(status int, method, path, login string, body, out any) {
	c.t.Helper()
	r := c.do(method, path, login, body)
	if r.status != status {
		c.t.Fatalf("%s %s as %q: %d %s, want %d", method, path, login, r.status, r.raw, status)
	}
	if out != nil {
		r.json(c.t, out)
	}
}

type document struct {
	ID             string `json:"id"`
	Kind           string `json:"kind"`
	KindName       string `json:"kind_name"`
	Status         string `json:"status"`
	IssuerUnitID   string `json:"issuer_unit_id"`
	DraftingUnitID string `json:"drafting_unit_id"`
	Drafter        struct {
		UserID   string `json:"user_id"`
		FullName string `json:"full_name"`
	} `json:"drafter"`
	Summary         string   `json:"summary"`
	Body            *string  `json:"body"`
	Urgency         string   `json:"urgency"`
	Confidentiality string   `json:"confidentiality"`
	Recipients      []string `json:"recipients"`
	DueDate         string   `json:"due_date"`
	Signer          *struct {
		UserID      string `json:"user_id"`
		FullName    string `json:"full_name"`
		Title       string `json:"title"`
		SigningMark string `json:"signing_mark"`
	} `json:"signer"`
	Number    int64      `json:"number"`
	Notation  string     `json:"notation"`
	IssuedAt  *time.Time `json:"issued_at"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
	Receipts  []struct {
		AgencyID string `json:"agency_id"`
		Status   string `json:"status"`
	} `json:"receipts"`
	Receipt *struct {
		AgencyID string `json:"agency_id"`
		Status   string `json:"status"`
	} `json:"receipt"`
	ReceiptStatus string `json:"receipt_status"`
}

type list struct {
	Items      []document `json:"items"`
	NextCursor string     `json:"next_cursor"`
}

func validBody() map[string]any {
	return map[string]any{"kind": "directive", "summary": "Về việc nâng cao Chỉ số PAPI năm 2026",
		"body": "Các sở, ngành triển khai…", "urgency": "urgent", "recipients": []string{id("STTTT"), id("SNV")},
		"due_date": "2026-06-30"}
}

func TestCreate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		c := client{t, e}
		var d document
		before := time.Now().Add(-time.Second)
		c.must(201, "POST", "/v1/documents", "kt.cv", validBody(), &d)
		if d.ID == "" || d.Kind != "directive" || d.KindName != "Chỉ thị" || d.Status != "draft" ||
			d.IssuerUnitID != id("UBND") || d.DraftingUnitID != id("KT") ||
			d.Drafter.UserID != "u-kt-cv" || d.Drafter.FullName != "Lý Thị Kim" ||
			d.Summary != "Về việc nâng cao Chỉ số PAPI năm 2026" || d.Body == nil || *d.Body != "Các sở, ngành triển khai…" ||
			d.Urgency != "urgent" || d.Confidentiality != "normal" || fmt.Sprint(d.Recipients) != fmt.Sprint([]string{id("STTTT"), id("SNV")}) ||
			d.DueDate != "2026-06-30" || d.Signer != nil || d.Number != 0 || d.CreatedAt.Before(before) || !d.UpdatedAt.Equal(d.CreatedAt) {
			t.Fatalf("created %+v", d)
		}
		var got document
		c.must(200, "GET", "/v1/documents/"+d.ID, "ubnd.vt", nil, &got)
		if got.ID != d.ID || got.Summary != d.Summary {
			t.Fatalf("read back %+v", got)
		}
		// A unit identity knows but the directory has not heard of yet is fine.
		b := validBody()
		b["recipients"] = []string{id("LAG")}
		c.must(201, "POST", "/v1/documents", "ubnd.cv", b, nil)
	})
}

// TestBadInput: every refusal is a problem+json naming what is wrong, and
// nothing changes.
func TestBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		c := client{t, e}
		with := func(k string, v any) map[string]any { b := validBody(); b[k] = v; return b }
		without := func(k string) map[string]any { b := validBody(); delete(b, k); return b }
		tests := []struct {
			name   string
			login  string
			body   any
			status int
			field  string
		}{
			{"malformed JSON", "ubnd.cv", `{"kind": "directive",`, 400, ""},
			{"not an object", "ubnd.cv", `[1]`, 400, ""},
			{"empty body", "ubnd.cv", ``, 400, ""},
			{"unknown field", "ubnd.cv", with("recipient", "x"), 400, "recipient"},
			{"wrong type", "ubnd.cv", with("recipients", "x"), 400, "recipients"},
			{"unknown kind", "ubnd.cv", with("kind", "memo"), 400, "kind"},
			{"missing kind", "ubnd.cv", without("kind"), 400, "kind"},
			{"unknown urgency", "ubnd.cv", with("urgency", "asap"), 400, "urgency"},
			{"unknown confidentiality", "ubnd.cv", with("confidentiality", "private"), 400, "confidentiality"},
			{"missing summary", "ubnd.cv", without("summary"), 400, "summary"},
			{"summary too long", "ubnd.cv", with("summary", strings.Repeat("ẫ", 501)), 400, "summary"},
			{"body too long", "ubnd.cv", with("body", strings.Repeat("a", 200_001)), 400, "body"},
			{"bad due date", "ubnd.cv", with("due_date", "2026-02-30"), 400, "due_date"},
			{"due date not ISO", "ubnd.cv", with("due_date", "30/06/2026"), 400, "due_date"},
			{"no recipients", "ubnd.cv", with("recipients", []string{}), 400, "recipients"},
			{"duplicate recipient", "ubnd.cv", with("recipients", []string{id("SNV"), id("SNV")}), 400, "recipients"},
			{"unknown recipient unit", "ubnd.cv", with("recipients", []string{id("SNV"), "00000000-0000-0000-0000-000000000000"}), 400, "recipients"},
			{"unknown implemented document", "ubnd.cv", with("implements_document_id", "00000000-0000-0000-0000-000000000000"), 400, "implements_document_id"},
			{"too large", "ubnd.cv", with("body", strings.Repeat("a", 3<<20)), 413, ""},
			{"no token", "", validBody(), 401, ""},
			{"no token and malformed JSON", "", `{"kind":`, 401, ""},
			{"bad token and an unknown kind", "raw:x.y.z", with("kind", "memo"), 401, ""},
			{"bad token", "raw:not.a.jwt", validBody(), 401, ""},
			{"admin without a unit", "admin", validBody(), 403, ""},
			{"a unit's admin is not a drafter", "ubnd.admin", validBody(), 403, ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := c.do("POST", "/v1/documents", tt.login, tt.body)
				var p problem
				r.json(t, &p)
				if r.status != tt.status || r.ctype != "application/problem+json" || p.Status != tt.status {
					t.Fatalf("%d %s %s, want %d problem", r.status, r.ctype, r.raw, tt.status)
				}
				if tt.field != "" && (len(p.Errors) == 0 || p.Errors[0].Field != tt.field) {
					t.Fatalf("problem %s does not name %q", r.raw, tt.field)
				}
			})
		}
		for _, table := range []string{"documents", "document_recipients", "document_history", "outbox"} {
			if n := e.Count(t, table); n != 0 {
				t.Fatalf("refused requests left %d rows in %s", n, table)
			}
		}
	})
}

// snapshot is what must not change after a refused step.
func snapshot(t *testing.T, c client, docID string) string {
	t.Helper()
	var d document
	c.must(200, "GET", "/v1/documents/"+docID, "ubnd.cv", nil, &d)
	return fmt.Sprintf("%s %v %d %s history=%d outbox=%d receipts=%d counters=%d", d.Status, d.UpdatedAt, d.Number, d.Notation,
		c.e.Count(t, "document_history"), c.e.Count(t, "outbox"), c.e.Count(t, "receipts"), c.e.Count(t, "number_counters"))
}

func TestLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		c := client{t, e}
		var d document
		c.must(201, "POST", "/v1/documents", "ubnd.cv", validBody(), &d)
		doc := "/v1/documents/" + d.ID

		type step struct {
			name   string
			path   string
			login  string
			body   any
			status int
			field  string
			cur    string // current_status of a 409
		}
		refused := func(steps ...step) {
			t.Helper()
			for _, s := range steps {
				t.Run(s.name, func(t *testing.T) {
					before := snapshot(t, c, d.ID)
					r := c.do("POST", doc+s.path, s.login, s.body)
					var p problem
					r.json(t, &p)
					if r.status != s.status || r.ctype != "application/problem+json" {
						t.Fatalf("%d %s, want %d", r.status, r.raw, s.status)
					}
					if s.field != "" && (len(p.Errors) == 0 || p.Errors[0].Field != s.field) {
						t.Fatalf("problem %s does not name %q", r.raw, s.field)
					}
					if p.CurrentStatus != s.cur {
						t.Fatalf("current_status %q, want %q", p.CurrentStatus, s.cur)
					}
					if after := snapshot(t, c, d.ID); after != before {
						t.Fatalf("a refused step changed things:\n%s\n%s", before, after)
					}
				})
			}
		}

		// Draft.
		refused(
			step{"a colleague submits", "/submit", "kt.cv", nil, 403, "", ""},
			step{"another agency submits", "/submit", "stttt.ld", nil, 404, "", ""},
			step{"no token", "/submit", "", nil, 401, "", ""},
			step{"approve a draft", "/approve", "ubnd.ld", map[string]any{}, 409, "", "draft"},
			step{"issue a draft", "/issue", "ubnd.vt", nil, 409, "", "draft"},
			step{"submit with an unknown field", "/submit", "ubnd.cv", map[string]any{"now": true}, 400, "now", ""},
		)
		c.must(200, "POST", doc+"/submit", "ubnd.cv", nil, &d)
		if d.Status != "pending_approval" {
			t.Fatalf("submitted: %s", d.Status)
		}
		// Pending approval.
		refused(
			step{"a specialist approves", "/approve", "ubnd.cv", map[string]any{}, 403, "", ""},
			step{"a division's leader approves", "/approve", "kt.ld", map[string]any{}, 403, "", ""},
			step{"another agency's leader approves", "/approve", "stttt.ld", map[string]any{}, 404, "", ""},
			step{"unknown signing mark", "/approve", "ubnd.ld", map[string]any{"signing_mark": "XX."}, 400, "signing_mark", ""},
			step{"issue before approval", "/issue", "ubnd.vt", nil, 409, "", "pending_approval"},
			step{"submit twice", "/submit", "ubnd.cv", nil, 409, "", "pending_approval"},
			step{"reject without a reason", "/reject", "ubnd.ld", map[string]any{}, 400, "reason", ""},
			step{"reject with no body", "/reject", "ubnd.ld", nil, 400, "", ""},
			step{"a clerk rejects", "/reject", "ubnd.vt", map[string]any{"reason": "x"}, 403, "", ""},
		)
		c.must(200, "POST", doc+"/reject", "ubnd.ld", map[string]any{"reason": "Bổ sung nơi nhận"}, &d)
		if d.Status != "draft" || d.Signer != nil {
			t.Fatalf("rejected: %+v", d)
		}
		c.must(200, "POST", doc+"/submit", "ubnd.cv", "{}", nil)
		c.must(200, "POST", doc+"/approve", "ubnd.ld", map[string]any{"signing_mark": "TM."}, &d)
		if d.Status != "approved" || d.Signer == nil || d.Signer.UserID != "u-ubnd-ld" || d.Signer.FullName != "Trần Thị Bình" ||
			d.Signer.SigningMark != "TM." || d.Signer.Title != "" {
			t.Fatalf("approved: %+v %+v", d, d.Signer)
		}
		// Approved.
		refused(
			step{"the drafter issues", "/issue", "ubnd.cv", nil, 403, "", ""},
			step{"the leader issues", "/issue", "ubnd.ld", nil, 403, "", ""},
			step{"a clerk of another agency cannot see it yet", "/issue", "stttt.vt", nil, 404, "", ""},
			step{"approve twice", "/approve", "ubnd.ld", nil, 409, "", "approved"},
		)
		c.must(200, "POST", doc+"/issue", "ubnd.vt", nil, &d)
		if d.Status != "issued" || d.Number != 1 || d.Notation != "01/CT-UBND" || d.IssuedAt == nil || len(d.Receipts) != 2 {
			t.Fatalf("issued: %+v", d)
		}
		// Issued: recipients see it now, but may not act on it.
		refused(
			step{"a clerk of a recipient agency issues", "/issue", "stttt.vt", nil, 403, "", ""},
			step{"issue twice", "/issue", "ubnd.vt2", nil, 409, "", "issued"},
			step{"reject after issue", "/reject", "ubnd.ld", map[string]any{"reason": "muộn"}, 409, "", "issued"},
			step{"a non-recipient", "/issue", "syt.ld", nil, 404, "", ""},
		)

		raw := c.do("GET", doc+"/history", "kt.cv", nil)
		var wrapped struct {
			Items []map[string]any `json:"items"`
		}
		raw.json(t, &wrapped)
		hist := wrapped.Items
		var acts []string
		for _, it := range hist {
			acts = append(acts, fmt.Sprint(it["action"]))
		}
		if raw.status != 200 || strings.Join(acts, ",") != "create,submit,reject,submit,approve,issue" {
			t.Fatalf("history %d %s", raw.status, raw.raw)
		}
		if hist[2]["reason"] != "Bổ sung nơi nhận" || hist[2]["from_status"] != "pending_approval" || hist[2]["to_status"] != "draft" ||
			hist[2]["actor_id"] != "u-ubnd-ld" || hist[0]["from_status"] != nil {
			t.Fatalf("history entries %v", hist)
		}
		if r := c.do("GET", doc+"/history", "syt.ld", nil); r.status != 404 {
			t.Fatalf("history for a stranger: %d", r.status)
		}
	})
}

func TestRead(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		c := client{t, e}
		issue := func(body map[string]any) document {
			var d document
			c.must(201, "POST", "/v1/documents", "ubnd.cv", body, &d)
			c.must(200, "POST", "/v1/documents/"+d.ID+"/submit", "ubnd.cv", nil, nil)
			c.must(200, "POST", "/v1/documents/"+d.ID+"/approve", "ubnd.ld", nil, nil)
			c.must(200, "POST", "/v1/documents/"+d.ID+"/issue", "ubnd.vt", nil, &d)
			return d
		}
		var draft document
		c.must(201, "POST", "/v1/documents", "ubnd.cv", validBody(), &draft)
		b := validBody()
		b["recipients"] = []string{id("PB"), id("SNV"), id("KT")}
		b["urgency"] = "normal"
		normal := issue(b)
		b["urgency"] = "flash"
		flash := issue(b)

		tests := []struct {
			name    string
			doc     string
			login   string
			status  int
			receipt string // the caller's own receipt
			all     int    // receipts shown (issuer staff)
		}{
			{"issuer staff see a draft", draft.ID, "kt.cv", 200, "", 0},
			{"other agency's draft is not found", draft.ID, "stttt.ld", 404, "", 0},
			{"issuer staff see every receipt", normal.ID, "ubnd.vt2", 200, "", 2},
			{"a recipient division's agency sees its receipt", normal.ID, "stttt.vt", 200, "received", 0},
			{"a recipient agency's division sees it", normal.ID, "stttt.cv", 200, "received", 0},
			{"a non-recipient does not", normal.ID, "syt.ld", 404, "", 0},
			{"the unit-less admin does not", normal.ID, "admin", 404, "", 0},
			{"unknown id", "00000000-0000-0000-0000-000000000000", "ubnd.cv", 404, "", 0},
			{"no token", normal.ID, "", 401, "", 0},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := c.do("GET", "/v1/documents/"+tt.doc, tt.login, nil)
				if r.status != tt.status {
					t.Fatalf("%d %s, want %d", r.status, r.raw, tt.status)
				}
				if r.status != 200 {
					return
				}
				var d document
				r.json(t, &d)
				got := ""
				if d.Receipt != nil {
					got = d.Receipt.Status
				}
				if got != tt.receipt || len(d.Receipts) != tt.all {
					t.Fatalf("receipt %q and %d receipts: %s", got, len(d.Receipts), r.raw)
				}
			})
		}

		lists := []struct {
			name   string
			query  string
			login  string
			status int
			want   []string
			field  string
		}{
			{"outgoing, newest first", "box=outgoing", "ubnd.cv", 200, []string{flash.ID, normal.ID, draft.ID}, ""},
			{"outgoing drafts", "box=outgoing&status=draft", "kt.ld", 200, []string{draft.ID}, ""},
			{"outgoing by kind", "box=outgoing&kind=plan", "ubnd.cv", 200, nil, ""},
			{"incoming, flash first", "box=incoming", "stttt.cv", 200, []string{flash.ID, normal.ID}, ""},
			{"incoming received", "box=incoming&status=received", "snv.ld", 200, []string{flash.ID, normal.ID}, ""},
			{"incoming registered", "box=incoming&status=registered", "snv.ld", 200, nil, ""},
			{"nothing for a non-recipient", "box=incoming", "syt.ld", 200, nil, ""},
			{"internal recipients see issued documents", "box=incoming", "kt.cv", 200, []string{flash.ID, normal.ID}, ""},
			{"no box: everything the caller sees, by date", "", "ubnd.cv", 200, []string{flash.ID, normal.ID, draft.ID}, ""},
			{"no box: what came in", "", "stttt.cv", 200, []string{flash.ID, normal.ID}, ""},
			{"no box: nothing of another agency", "", "syt.ld", 200, nil, ""},
			{"unknown box", "box=all", "ubnd.cv", 400, nil, "box"},
			{"unknown kind", "box=outgoing&kind=memo", "ubnd.cv", 400, nil, "kind"},
			{"unknown status", "box=incoming&status=issued", "ubnd.cv", 400, nil, "status"},
			{"bad limit", "box=outgoing&limit=0", "ubnd.cv", 400, nil, "limit"},
			{"bad cursor", "box=outgoing&cursor=zzz", "ubnd.cv", 400, nil, "cursor"},
			{"no token", "box=outgoing", "", 401, nil, ""},
		}
		for _, tt := range lists {
			t.Run(tt.name, func(t *testing.T) {
				r := c.do("GET", "/v1/documents?"+tt.query, tt.login, nil)
				if r.status != tt.status {
					t.Fatalf("%d %s, want %d", r.status, r.raw, tt.status)
				}
				if r.status != 200 {
					var p problem
					r.json(t, &p)
					if tt.field != "" && (len(p.Errors) == 0 || p.Errors[0].Field != tt.field) {
						t.Fatalf("problem %s does not name %q", r.raw, tt.field)
					}
					return
				}
				var l list
				r.json(t, &l)
				var got []string
				for _, it := range l.Items {
					got = append(got, it.ID)
					if it.Body != nil {
						t.Fatalf("lists carry no body: %s", r.raw)
					}
				}
				if fmt.Sprint(got) != fmt.Sprint(tt.want) || l.NextCursor != "" || l.Items == nil {
					t.Fatalf("got %v, want %v: %s", got, tt.want, r.raw)
				}
			})
		}
		var l list
		c.must(200, "GET", "/v1/documents?box=incoming", "stttt.vt", nil, &l)
		if l.Items[0].ReceiptStatus != string(domain.ReceiptReceived) || l.Items[0].Urgency != "flash" {
			t.Fatalf("incoming item %+v", l.Items[0])
		}
		// Paging by one follows the cursor to the end.
		var seen []string
		cursor := ""
		for range 5 {
			var page list
			c.must(200, "GET", "/v1/documents?box=outgoing&limit=1"+cursor, "ubnd.cv", nil, &page)
			for _, it := range page.Items {
				seen = append(seen, it.ID)
			}
			if page.NextCursor == "" {
				break
			}
			cursor = "&cursor=" + page.NextCursor
		}
		if fmt.Sprint(seen) != fmt.Sprint([]string{flash.ID, normal.ID, draft.ID}) {
			t.Fatalf("paged %v", seen)
		}
		if r := c.do("GET", "/v1/nothing", "ubnd.cv", nil); r.status != 404 || r.ctype != "application/problem+json" {
			t.Fatalf("unknown route: %d %s", r.status, r.ctype)
		}
	})
}
