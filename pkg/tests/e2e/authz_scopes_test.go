package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/notifications/notificationsapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// clientScopes are the scopes an integration client needs for each /v1
// route (API.md); a route not named here no client may call (403). It is
// the matrix's own statement, checked against each service's behaviour and
// against the x-client-scope of its openapi.json (the first scope).
var clientScopes = map[string][]string{
	"GET /v1/units":      {auth.ScopeUnitsRead},
	"GET /v1/units/{id}": {auth.ScopeUnitsRead},
	"GET /v1/users":      {auth.ScopeUsersRead},
	"GET /v1/users/{id}": {auth.ScopeUsersRead},

	"GET /v1/documents":                        {auth.ScopeDocumentsRead},
	"GET /v1/documents/{id}":                   {auth.ScopeDocumentsRead},
	"GET /v1/documents/{id}/history":           {auth.ScopeDocumentsRead},
	"GET /v1/documents/{id}/attachments/{aid}": {auth.ScopeDocumentsRead},
	"GET /v1/documents/{id}/copies":            {auth.ScopeDocumentsRead},
	"GET /v1/documents/{id}/pdf":               {auth.ScopeDocumentsRead},
	"GET /v1/documents/{id}/signatures":        {auth.ScopeDocumentsRead},

	"GET /v1/documents/{id}/attachments/{aid}/signatures": {auth.ScopeDocumentsRead},

	"GET /v1/tasks":               {auth.ScopeTasksRead},
	"GET /v1/tasks/{id}":          {auth.ScopeTasksRead},
	"GET /v1/plans/{id}/progress": {auth.ScopeTasksRead},
	"GET /v1/stats/units":         {auth.ScopeTasksRead},
	"GET /v1/calendars/{year}":    {auth.ScopeTasksRead},

	"GET /v1/exchange/organisations":               {auth.ScopeExchangeRead},
	"GET /v1/exchange/organisations/{code}":        {auth.ScopeExchangeRead},
	"POST /v1/exchange/packages":                   {auth.ScopeExchangeWrite},
	"GET /v1/exchange/packages":                    {auth.ScopeExchangeRead},
	"GET /v1/exchange/packages/{id}":               {auth.ScopeExchangeRead},
	"GET /v1/exchange/packages/{id}/edxml":         {auth.ScopeExchangeRead},
	"GET /v1/exchange/packages/{id}/files/{index}": {auth.ScopeExchangeRead},

	// The matrix registers a task.assigned webhook: tasks:read too.
	"POST /v1/webhooks":                {auth.ScopeWebhooksWrite, auth.ScopeTasksRead},
	"GET /v1/webhooks":                 {auth.ScopeWebhooksWrite},
	"GET /v1/webhooks/{id}":            {auth.ScopeWebhooksWrite},
	"DELETE /v1/webhooks/{id}":         {auth.ScopeWebhooksWrite},
	"POST /v1/webhooks/{id}/enable":    {auth.ScopeWebhooksWrite},
	"POST /v1/webhooks/{id}/secret":    {auth.ScopeWebhooksWrite},
	"GET /v1/webhooks/{id}/deliveries": {auth.ScopeWebhooksWrite},
}

// scopeClients are integration clients of the matrix, each with a token:
// only[s] holds scope s alone, without[s] every scope but s, hooks[s]
// webhooks:write and s.
type scopeClients struct {
	only, without, hooks map[string]string
}

func newScopeClients(t *testing.T, f *authzFixtures) scopeClients {
	t.Helper()
	c := scopeClients{only: map[string]string{}, without: map[string]string{}, hooks: map[string]string{}}
	for _, sc := range auth.Scopes {
		_, c.only[sc] = f.newClient([]string{sc}, "")
		var rest []string
		for _, o := range auth.Scopes {
			if o != sc {
				rest = append(rest, o)
			}
		}
		_, c.without[sc] = f.newClient(rest, "")
		if sc != auth.ScopeWebhooksWrite {
			_, c.hooks[sc] = f.newClient([]string{auth.ScopeWebhooksWrite, sc}, "")
		}
	}
	return c
}

var clientAddrs atomic.Int64

// newClient registers a client with scopes (limited to agency when not
// empty) and returns its id and a token. Each token is asked from its own
// address (the stack trusts X-Forwarded-For), so the matrix's many grants
// stay under the per-address throttle.
func (f *authzFixtures) newClient(scopes []string, agency string) (id, token string) {
	t := f.t
	t.Helper()
	body := identityapi.NewClient{Name: f.unique("tich-hop-"), Scopes: scopes, AgencyID: agency}
	var cl identityapi.ClientCredentials
	must(t, http.StatusCreated, "POST", f.s.identity+"/v1/clients", f.admin, body, &cl)
	form := identityapi.TokenRequest{GrantType: "client_credentials", ClientID: cl.ClientID, ClientSecret: cl.ClientSecret}.Form()
	req, _ := http.NewRequest(http.MethodPost, f.s.identity+"/v1/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	n := clientAddrs.Add(1)
	req.Header.Set("X-Forwarded-For", fmt.Sprintf("198.51.100.%d", n%250+1))
	resp, err := httpClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var tok identityapi.TokenResponse
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&tok) != nil || tok.AccessToken == "" {
		t.Fatalf("client token: %d", resp.StatusCode)
	}
	return cl.ClientID, tok.AccessToken
}

// checkClientScopeRows runs every route for clients with and without each
// scope: a client lacking a scope the route needs (or any client, on a
// route that names none) gets 403; one holding them gets what the
// all-scopes client of the matrix gets (a webhook of another owner: 404).
func checkClientScopeRows(t *testing.T, f *authzFixtures, rows []authzRow) {
	t.Helper()
	c := newScopeClients(t, f)
	var mismatches []string
	var mu sync.Mutex
	n := 0
	for _, r := range rows {
		if parseWant(t, r.want)["anon"] != http.StatusUnauthorized {
			continue // public: token issuance and revocation take no token
		}
		allScopes := parseWant(t, r.want)["client"]
		need := clientScopes[r.route]
		method, _, _ := strings.Cut(r.route, " ")
		target := r.path(f) // reads and refusals only: one fixture serves all
		var wg sync.WaitGroup
		for _, variant := range []struct {
			kind   string
			tokens map[string]string
		}{{"only", c.only}, {"without", c.without}} {
			for sc, token := range variant.tokens {
				granted := []string{sc}
				if variant.kind == "without" {
					granted = slices.DeleteFunc(slices.Clone(auth.Scopes), func(s string) bool { return s == sc })
				}
				want := http.StatusForbidden
				if len(need) > 0 && containsAll(granted, need) {
					want = allScopes
					if strings.Contains(r.route, "/v1/webhooks/{id}") {
						want = http.StatusNotFound // not the webhook's owner
					}
				}
				n++
				wg.Add(1)
				go func() {
					defer wg.Done()
					var body any
					if r.body != nil {
						body = r.body(f)
					}
					if got := f.send(method, target, token, body); got != want {
						mu.Lock()
						mismatches = append(mismatches, fmt.Sprintf("%-50s client %s %s: got %d want %d", r.route, variant.kind, sc, got, want))
						mu.Unlock()
					}
				}()
			}
		}
		wg.Wait()
	}
	sort.Strings(mismatches)
	for _, m := range mismatches {
		t.Error(m)
	}
	t.Logf("client scopes: %d route × client calls", n)
}

func containsAll(have, need []string) bool {
	for _, s := range need {
		if !slices.Contains(have, s) {
			return false
		}
	}
	return true
}

// checkWebhookScopeRows registers a webhook of every event type for
// clients with and without the type's scope (auth.EventScope, the one
// map), for a client limited to an agency and for the administrator.
func checkWebhookScopeRows(t *testing.T, f *authzFixtures) {
	t.Helper()
	c := newScopeClients(t, f)
	_, agencyAll := f.newClient(auth.Scopes, f.units["STTTT"])
	var mismatches []string
	var mu sync.Mutex
	for _, et := range events.All() {
		scope, receivable := auth.EventScope(et)
		type caller struct {
			name, token string
			granted     []string
		}
		callers := []caller{{"admin", f.admin, nil}, {"agency client, every scope", agencyAll, auth.Scopes}}
		for sc, tok := range c.hooks {
			callers = append(callers, caller{"webhooks:write+" + sc, tok, []string{auth.ScopeWebhooksWrite, sc}})
		}
		for sc, tok := range c.without {
			if sc != auth.ScopeWebhooksWrite {
				callers = append(callers, caller{"all but " + sc, tok,
					slices.DeleteFunc(slices.Clone(auth.Scopes), func(s string) bool { return s == sc })})
			}
		}
		var wg sync.WaitGroup
		for _, cl := range callers {
			want := http.StatusForbidden
			if cl.name == "admin" || (receivable && slices.Contains(cl.granted, scope)) {
				want = http.StatusCreated
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				got := f.send("POST", f.s.notifications+"/v1/webhooks", cl.token, notificationsapi.WebhookRequest{
					URL: "http://127.0.0.1:9/hook", EventTypes: []string{et}, Secret: "bi-mat-webhook-0123456789"})
				if got != want {
					mu.Lock()
					mismatches = append(mismatches, fmt.Sprintf("webhook of %-26s for %-28s: got %d want %d", et, cl.name, got, want))
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
	}
	sort.Strings(mismatches)
	for _, m := range mismatches {
		t.Error(m)
	}
}

// hookReceiver accepts every delivery.
func hookReceiver(t *testing.T) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) }))
	t.Cleanup(srv.Close)
	return srv.URL
}

// delivery is a webhook delivery with the data of the CloudEvent it
// carries, which the audience checks match on.
type delivery struct {
	notificationsapi.Delivery
	Data map[string]any
}

func (f *authzFixtures) registerHook(token, receiver string, types ...string) string {
	var wh notificationsapi.Webhook
	must(f.t, http.StatusCreated, "POST", f.s.notifications+"/v1/webhooks", token, notificationsapi.WebhookRequest{
		URL: receiver + "/hook", EventTypes: types, Secret: "bi-mat-webhook-0123456789"}, &wh)
	return wh.ID
}

func (f *authzFixtures) deliveries(token, hook string) []delivery {
	var l notificationsapi.DeliveryList
	must(f.t, http.StatusOK, "GET", f.s.notifications+"/v1/webhooks/"+hook+"/deliveries?limit=500", token, nil, &l)
	out := make([]delivery, 0, len(l.Items))
	for _, d := range l.Items {
		var ev struct {
			Data map[string]any `json:"data"`
		}
		if err := json.Unmarshal(d.Event, &ev); err != nil {
			f.t.Fatalf("delivery %s: event %s: %v", d.ID, d.Event, err)
		}
		out = append(out, delivery{d, ev.Data})
	}
	return out
}

// eventIDs finds, in the administrator's webhook's deliveries (every
// event), the ids of the events each match picks; it waits until each
// matched once.
func (f *authzFixtures) eventIDs(hook string, match map[string]func(delivery) bool) map[string]string {
	ids := map[string]string{}
	eventually(f.t, 60*time.Second, "the administrator's webhook is owed every event", func() bool {
		for _, d := range f.deliveries(f.admin, hook) {
			for name, m := range match {
				if m(d) {
					ids[name] = d.EventID
				}
			}
		}
		return len(ids) == len(match)
	})
	return ids
}

// checkWebhookAudience reproduces issue 14's attack and its cure on a
// running stack: a client granted only webhooks:write cannot subscribe to
// people's or tasks' events; a client limited to an agency receives only
// the events that concern it; a deactivated client, or one whose scopes
// shrink, receives nothing more.
func checkWebhookAudience(t *testing.T, f *authzFixtures) {
	t.Helper()
	recv := hookReceiver(t)
	types := []string{events.UserCreated, events.TaskReportSubmitted}
	readers := []string{auth.ScopeWebhooksWrite, auth.ScopeUsersRead, auth.ScopeTasksRead}

	_, hooksOnly := f.newClient([]string{auth.ScopeWebhooksWrite}, "")
	for _, et := range types {
		must(t, http.StatusForbidden, "POST", f.s.notifications+"/v1/webhooks", hooksOnly, notificationsapi.WebhookRequest{
			URL: recv + "/hook", EventTypes: []string{et}, Secret: "bi-mat-webhook-0123456789"}, nil)
	}
	admin := f.registerHook(f.admin, recv, types...)
	_, syt := f.newClient(readers, f.units["SYT"])
	sytHook := f.registerHook(syt, recv, types...)
	stttID, stttt := f.newClient(readers, f.units["STTTT"])
	sttttHook := f.registerHook(stttt, recv, types...)
	usersID, usersOnly := f.newClient([]string{auth.ScopeWebhooksWrite, auth.ScopeUsersRead}, "")
	usersHook := f.registerHook(usersOnly, recv, events.UserCreated)

	person := func(unit string) string {
		name := f.unique("ng.")
		var u identityapi.User
		must(t, http.StatusCreated, "POST", f.s.identity+"/v1/users", f.admin, identityapi.NewUser{Username: name, FullName: "Người mới",
			Email: name + "@khanhhoa.gov.vn", UnitID: f.units[unit], Roles: []string{"specialist"}, Password: password}, &u)
		return u.ID
	}
	userOf := func(id string) func(delivery) bool {
		return func(d delivery) bool { return d.EventType == events.UserCreated && d.Data["user_id"] == id }
	}
	uSTTTT, uSYT := person("STTTT"), person("SYT")
	task := f.acceptedTask()
	var rep tasksapi.Report
	must(t, http.StatusCreated, "POST", f.s.tasks+"/v1/tasks/"+task+"/reports", f.tok["stttt.chuyenvien"],
		tasksapi.NewReport{ProgressPercent: new(30), Summary: "Đang làm", Final: new(false)}, &rep)
	ids := f.eventIDs(admin, map[string]func(delivery) bool{
		"user STTTT": userOf(uSTTTT), "user SYT": userOf(uSYT),
		"report STTTT": func(d delivery) bool {
			return d.EventType == events.TaskReportSubmitted && d.Data["report_id"] == rep.ID
		},
	})
	// Every event is owed to the administrator's webhook in the same
	// transaction as to the others: theirs are settled by now.
	expect := func(who, token, hook string, want ...string) {
		t.Helper()
		var got []string
		for _, d := range f.deliveries(token, hook) {
			got = append(got, d.EventID)
		}
		var wantIDs []string
		for _, w := range want {
			wantIDs = append(wantIDs, ids[w])
		}
		sort.Strings(got)
		sort.Strings(wantIDs)
		if !slices.Equal(got, wantIDs) {
			t.Errorf("%s was owed %v, want %v (%v)", who, got, wantIDs, want)
		}
	}
	// An agency's client reads that agency's people and tasks only.
	var people client.Page[identityapi.User]
	must(t, http.StatusOK, "GET", f.s.identity+"/v1/users?limit=500", syt, nil, &people)
	for _, p := range people.Items {
		if p.AgencyID.String() != f.units["SYT"] {
			t.Errorf("the SYT client listed a person of agency %q", p.AgencyID)
		}
	}
	if len(people.Items) == 0 {
		t.Error("the SYT client listed no one of its own agency")
	}
	must(t, http.StatusNotFound, "GET", f.s.tasks+"/v1/tasks/"+task, syt, nil, nil)
	must(t, http.StatusOK, "GET", f.s.tasks+"/v1/tasks/"+task, stttt, nil, nil)

	expect("the SYT client", syt, sytHook, "user SYT")
	expect("the STTTT client", stttt, sttttHook, "user STTTT", "report STTTT")
	expect("the users:read client", usersOnly, usersHook, "user STTTT", "user SYT")

	// The STTTT client is deactivated and the other loses users:read.
	must(t, http.StatusOK, "POST", f.s.identity+"/v1/clients/"+stttID+"/deactivate", f.admin, nil, nil)
	must(t, http.StatusOK, "PATCH", f.s.identity+"/v1/clients/"+usersID, f.admin, identityapi.ClientPatch{Scopes: &[]string{auth.ScopeWebhooksWrite}}, nil)
	// Their tokens live on; notifications has applied the changes once it
	// refuses them a new subscription.
	for _, tok := range []string{stttt, usersOnly} {
		eventually(t, 60*time.Second, "notifications hears of the client's change", func() bool {
			status, _ := call(t, "POST", f.s.notifications+"/v1/webhooks", tok, notificationsapi.WebhookRequest{
				URL: "http://127.0.0.1:9/probe", EventTypes: []string{events.UserCreated}, Secret: "bi-mat-webhook-0123456789"}, nil)
			return status == http.StatusForbidden
		})
	}
	uLater := person("STTTT")
	ids = f.eventIDs(admin, map[string]func(delivery) bool{"user STTTT": userOf(uSTTTT), "user SYT": userOf(uSYT),
		"report STTTT": func(d delivery) bool {
			return d.EventType == events.TaskReportSubmitted && d.Data["report_id"] == rep.ID
		},
		"later user": userOf(uLater)})
	expect("the deactivated client", stttt, sttttHook, "user STTTT", "report STTTT")
	expect("the client without users:read", usersOnly, usersHook, "user STTTT", "user SYT")
}
