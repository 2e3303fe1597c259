package httpapi_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// call sends method to path with the named caller's token and decodes the
// answer.
func (e *env) call(t *testing.T, method, path, caller, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, e.srv.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if caller != "" {
		req.Header.Set("Authorization", "Bearer "+e.tokens[caller])
	}
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(resp.Body)
	var out map[string]any
	if buf.Len() > 0 {
		if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
			t.Fatalf("%s %s: %v: %s", method, path, err, buf.String())
		}
	}
	return resp.StatusCode, out
}

// calendar is the caller's calendar of year as its days "date off name".
func (e *env) calendar(t *testing.T, caller, year string) (tasksapi.Calendar, map[string]string) {
	t.Helper()
	var c tasksapi.Calendar
	if status, _ := e.get(t, "/v1/calendars/"+year, caller, &c); status != http.StatusOK {
		t.Fatalf("GET calendar %s as %s: %d", year, caller, status)
	}
	days := map[string]string{}
	for _, d := range c.Days {
		days[d.Date] = d.Name
		if !d.Off {
			days[d.Date] = "làm bù: " + d.Name
		}
	}
	return c, days
}

func TestCalendars(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		e.addTokens(map[string]auth.Principal{
			"sttt-admin": {Subject: "u-sttt-admin", UnitID: "sttt", AgencyID: "sttt", Roles: []string{auth.RoleAdmin}},
		})
		c, days := e.calendar(t, "sttt", "2026")
		if c.Source != "shipped" || c.AgencyID != "sttt" || days["2026-02-17"] != "Tết Nguyên đán (mùng 1 tháng Giêng)" ||
			days["2026-01-10"] != "làm bù: Làm bù cho thứ Sáu 02/01/2026" {
			t.Fatalf("shipped 2026: %+v", c)
		}
		if c, _ := e.calendar(t, "sttt", "2031"); c.Source != "rule" || len(c.Days) == 0 {
			t.Fatalf("2031 by rule: %+v", c)
		}

		good := `{"days":[{"date":"2026-09-02","off":true,"name":"Quốc khánh"},` +
			`{"date":"2026-03-10","off":true,"name":"Kỷ niệm ngày thành lập Sở"},` +
			`{"date":"2026-03-14","off":false,"name":"Làm bù"}]}`
		tests := []struct {
			name, method, path, caller, body string
			status                           int
			field                            string
		}{
			{"no token", "GET", "/v1/calendars/2026", "", "", 401, ""},
			{"not a year", "GET", "/v1/calendars/abc", "sttt", "", 400, "year"},
			{"too early", "GET", "/v1/calendars/1999", "sttt", "", 400, "year"},
			{"leader sets", "PUT", "/v1/calendars/2026", "sttt", good, 403, ""},
			{"malformed", "PUT", "/v1/calendars/2026", "sttt-admin", `{"days":[`, 400, ""},
			{"unknown field", "PUT", "/v1/calendars/2026", "sttt-admin", `{"holidays":[]}`, 400, ""},
			{"bad date", "PUT", "/v1/calendars/2026", "sttt-admin", `{"days":[{"date":"02/09/2026","off":true,"name":"QK"}]}`, 400, "days[0].date"},
			{"other year", "PUT", "/v1/calendars/2026", "sttt-admin", `{"days":[{"date":"2027-09-02","off":true,"name":"QK"}]}`, 400, "days[0].date"},
			{"twice", "PUT", "/v1/calendars/2026", "sttt-admin", `{"days":[{"date":"2026-09-02","off":true,"name":"QK"},{"date":"2026-09-02","off":true,"name":"QK"}]}`, 400, "days[1].date"},
			{"worked weekday", "PUT", "/v1/calendars/2026", "sttt-admin", `{"days":[{"date":"2026-09-03","off":false,"name":"Làm bù"}]}`, 400, "days[0].off"},
			{"no name", "PUT", "/v1/calendars/2026", "sttt-admin", `{"days":[{"date":"2026-09-02","off":true,"name":" "}]}`, 400, "days[0].name"},
			{"bad year", "PUT", "/v1/calendars/20266", "sttt-admin", good, 400, "year"},
			{"leader resets", "DELETE", "/v1/calendars/2026", "sttt", "", 403, ""},
			{"admin of another agency", "PUT", "/v1/calendars/2026?agency_id=sct", "sttt-admin", good, 403, ""},
			{"admin outside agencies, no agency", "PUT", "/v1/calendars/2026", "admin", good, 400, "agency_id"},
			{"admin outside agencies, a division", "PUT", "/v1/calendars/2026?agency_id=sttt-bc", "admin", good, 400, "agency_id"},
			{"admin outside agencies, reads none", "GET", "/v1/calendars/2026", "admin", "", 400, "agency_id"},
		}
		for _, tt := range tests {
			status, body := e.call(t, tt.method, tt.path, tt.caller, tt.body)
			if status != tt.status {
				t.Fatalf("%s: status %d, want %d: %v", tt.name, status, tt.status, body)
			}
			if tt.field != "" {
				badField(tt.field)(t, body)
			}
		}
		if c, _ := e.calendar(t, "sttt", "2026"); c.Source != "shipped" {
			t.Fatalf("bad input changed the calendar: %+v", c)
		}

		// The administrator replaces 2026: Tết and 1/9 are gone, 10/3 is
		// off and Saturday 14/3 worked; another agency keeps the shipped days.
		if status, body := e.call(t, "PUT", "/v1/calendars/2026", "sttt-admin", good); status != 200 || body["source"] != "agency" {
			t.Fatalf("PUT: %d %v", status, body)
		}
		c, days = e.calendar(t, "sttt", "2026")
		if c.Source != "agency" || c.UpdatedBy != "u-sttt-admin" || len(c.Days) != 3 || days["2026-03-10"] == "" ||
			days["2026-02-17"] != "" || days["2026-03-14"] != "làm bù: Làm bù" {
			t.Fatalf("agency 2026: %+v", c)
		}
		if c, _ := e.calendar(t, "sct", "2026"); c.Source != "shipped" {
			t.Fatalf("another agency: %+v", c)
		}
		// Anyone reads another agency's calendar; the bootstrap administrator
		// sets any agency's.
		if status, body := e.call(t, "GET", "/v1/calendars/2026?agency_id=sttt", "sct", ""); status != 200 || body["source"] != "agency" {
			t.Fatalf("GET another agency's: %d %v", status, body)
		}
		if status, body := e.call(t, "PUT", "/v1/calendars/2026?agency_id=sct", "admin", good); status != 200 || body["agency_id"] != "sct" {
			t.Fatalf("PUT by the bootstrap administrator: %d %v", status, body)
		}
		if status, body := e.call(t, "DELETE", "/v1/calendars/2026", "sttt-admin", ""); status != 200 || body["source"] != "shipped" {
			t.Fatalf("DELETE: %d %v", status, body)
		}
	})
}

// A delegation due in working days counts over the delegating agency's
// calendar as it stands when the task is given.
func TestDelegateInWorkingDays(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		e.addTokens(map[string]auth.Principal{
			"sttt-admin": {Subject: "u-sttt-admin", UnitID: "sttt", AgencyID: "sttt", Roles: []string{auth.RoleAdmin}},
		})
		id := e.taskID(t, "inbox", "sttt", "doc-1→sttt") // due 2025-03-31
		base := "/v1/tasks/" + id + "/delegate"
		run(t, e, []step{
			{name: "both", caller: "sttt", path: base, body: `{"assignee_unit_id":"sttt-bc","due_date":"2025-03-20","due_working_days":5}`, status: 400, check: badField("due_working_days")},
			{name: "negative", caller: "sttt", path: base, body: `{"assignee_unit_id":"sttt-bc","due_working_days":-1}`, status: 400, check: badField("due_working_days")},
			{name: "neither", caller: "sttt", path: base, body: `{"assignee_unit_id":"sttt-bc"}`, status: 400, check: badField("due_date")},
			// From Monday 10/3/2025: 30 working days end in April.
			{name: "after the parent", caller: "sttt", path: base, body: `{"assignee_unit_id":"sttt-bc","due_working_days":30}`, status: 400, check: badField("due_working_days")},
			// Counted: Tue 11 (1), Wed 12 (2), Thu 13 (3), Fri 14 (4), Mon 17 (5).
			{name: "five working days", caller: "sttt", path: base, body: `{"assignee_unit_id":"sttt-bc","due_working_days":5}`, status: 201, check: func(t *testing.T, body map[string]any) {
				field("due_date", "2025-03-17")(t, body)
				if body["due_working_days"] != float64(5) {
					t.Fatalf("due_working_days = %v", body["due_working_days"])
				}
			}},
		})
		// The administrator makes Wednesday 12/3 a day off: the next
		// delegation counts past it.
		if status, body := e.call(t, "PUT", "/v1/calendars/2025", "sttt-admin",
			`{"days":[{"date":"2025-03-12","off":true,"name":"Nghỉ theo quyết định của Giám đốc Sở"}]}`); status != 200 {
			t.Fatalf("PUT: %d %v", status, body)
		}
		run(t, e, []step{
			{name: "after the change", caller: "sttt", path: base, body: `{"assignee_unit_id":"sttt-bc","assignee_user_id":"u-lag","due_working_days":5}`, status: 201,
				check: field("due_date", "2025-03-18")},
		})
	})
}
