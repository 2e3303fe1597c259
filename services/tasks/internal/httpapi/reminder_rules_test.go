package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
)

// put sends body to path as the named caller; it returns the status, the
// Content-Type and the decoded JSON body.
func (e *env) put(t *testing.T, path, caller, body string) (int, string, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPut, e.srv.URL+path, bytes.NewBufferString(body))
	req.Header.Set("Content-Type", "application/json")
	if caller != "" {
		req.Header.Set("Authorization", "Bearer "+e.tokens[caller])
	}
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, resp.Header.Get("Content-Type"), out
}

// TestReminderRules: anyone of an agency reads its rules (the defaults
// first); only an administrator of the agency changes them; bad rules are
// a 400 problem that changes nothing; another agency keeps its own.
func TestReminderRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		e.addTokens(map[string]auth.Principal{"admin-sttt": {Subject: "a-sttt", UnitID: "sttt", AgencyID: "sttt", Roles: []string{auth.RoleAdmin}}})
		rules := func(caller string) string {
			t.Helper()
			path := "/v1/reminder-rules"
			if caller == "admin" {
				path += "?agency_id=sttt"
			}
			var r struct {
				AgencyID      string `json:"agency_id"`
				BeforeDays    []int  `json:"before_days"`
				OnDueDay      bool   `json:"on_due_day"`
				RepeatEvery   int    `json:"repeat_every"`
				EscalateAfter int    `json:"escalate_after"`
				UpdatedBy     string `json:"updated_by"`
			}
			if st, _ := e.get(t, path, caller, &r); st != http.StatusOK {
				t.Fatalf("GET as %s: %d", caller, st)
			}
			return fmt.Sprintf("%s %v %v %d %d %s", r.AgencyID, r.BeforeDays, r.OnDueDay, r.RepeatEvery, r.EscalateAfter, r.UpdatedBy)
		}
		if got := rules("sttt-bc"); got != "sttt [3 1] true 2 5 " {
			t.Fatalf("defaults: %s", got)
		}
		good := `{"before_days":[1,5],"on_due_day":false,"repeat_every":3,"escalate_after":10}`
		for _, c := range []struct {
			name, caller, body string
			status             int
		}{
			{"no token", "", good, http.StatusUnauthorized},
			{"a leader", "sttt", good, http.StatusForbidden},
			{"missing numbers", "admin-sttt", `{"before_days":[3]}`, http.StatusBadRequest},
			{"a zero day", "admin-sttt", `{"before_days":[0],"on_due_day":true,"repeat_every":2,"escalate_after":5}`, http.StatusBadRequest},
			{"no repeat", "admin-sttt", `{"before_days":[3],"on_due_day":true,"repeat_every":0,"escalate_after":5}`, http.StatusBadRequest},
			{"unknown field", "admin-sttt", `{"before_days":[3],"on_due_day":true,"repeat_every":2,"escalate_after":5,"x":1}`, http.StatusBadRequest},
			{"not JSON", "admin-sttt", `{`, http.StatusBadRequest},
		} {
			st, ct, _ := e.put(t, "/v1/reminder-rules", c.caller, c.body)
			if st != c.status || (st >= 400 && ct != "application/problem+json") {
				t.Errorf("%s: %d %s, want %d problem", c.name, st, ct, c.status)
			}
		}
		if got := rules("sttt"); got != "sttt [3 1] true 2 5 " {
			t.Fatalf("refused changes changed the rules: %s", got)
		}
		if st, _, body := e.put(t, "/v1/reminder-rules", "admin-sttt", good); st != http.StatusOK || fmt.Sprint(body["before_days"]) != "[5 1]" {
			t.Fatalf("PUT: %d %v", st, body)
		}
		if got := rules("sttt-bc"); got != "sttt [5 1] false 3 10 a-sttt" {
			t.Fatalf("after PUT: %s", got)
		}
		if got := rules("sct"); got != "sct [3 1] true 2 5 " {
			t.Fatalf("another agency: %s", got)
		}
		// An administrator outside any agency names one; staff read only
		// their own; a division is no agency.
		if got := rules("admin"); got != "sttt [5 1] false 3 10 a-sttt" {
			t.Fatalf("admin: %s", got)
		}
		for _, c := range []struct {
			caller, query string
			status        int
		}{
			{"admin", "", http.StatusBadRequest},
			{"sct", "?agency_id=sttt", http.StatusForbidden},
			{"sttt", "?agency_id=sttt", http.StatusOK},
			{"admin", "?agency_id=sttt-bc", http.StatusNotFound},
			{"admin", "?agency_id=nowhere", http.StatusNotFound},
		} {
			if st, _ := e.get(t, "/v1/reminder-rules"+c.query, c.caller, nil); st != c.status {
				t.Errorf("GET%s as %s: %d, want %d", c.query, c.caller, st, c.status)
			}
		}
		if st, _, body := e.put(t, "/v1/reminder-rules?agency_id=sct", "admin", good); st != http.StatusOK || body["agency_id"] != "sct" || body["updated_by"] != "admin" {
			t.Fatalf("PUT by admin: %d %v", st, body)
		}
		if st, body := e.post(t, "/v1/weekly-digests", "sttt", "", ""); st != http.StatusForbidden {
			t.Fatalf("digests by a leader: %d %v", st, body)
		}
		if st, body := e.post(t, "/v1/weekly-digests", "admin-sttt", "", ""); st != http.StatusOK || body["sent"] == nil {
			t.Fatalf("digests by an admin: %d %v", st, body)
		}
	})
}
