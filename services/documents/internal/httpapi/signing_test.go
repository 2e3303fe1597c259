package httpapi_test

import (
	"testing"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

// TestSigningRoutes: the requested mark on a draft, the approval's 403
// as problem+json, authorisations and an agency's signing rules over HTTP.
func TestSigningRoutes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		e.SetClock(time.Date(2026, 3, 5, 3, 0, 0, 0, time.UTC))
		c := client{t, e}
		wantProblem := func(r reply, status int, field string) {
			t.Helper()
			var p problem
			r.json(t, &p)
			if r.status != status || r.ctype != "application/problem+json" || p.Status != status ||
				(field != "" && (len(p.Errors) == 0 || p.Errors[0].Field != field)) {
				t.Fatalf("got %d %s %s, want %d on %q", r.status, r.ctype, r.raw, status, field)
			}
		}

		body := map[string]any{"kind": "decision", "summary": "Về việc ủy quyền", "recipients": []string{id("SNV")},
			"signing_mark": "KT"}
		wantProblem(c.do("POST", "/v1/documents", "ubnd.cv", map[string]any{"kind": "decision", "summary": "x",
			"recipients": []string{id("SNV")}, "signing_mark": "XX"}), 400, "signing_mark")
		var d documentsapi.Document
		c.must(201, "POST", "/v1/documents", "ubnd.cv", body, &d)
		if d.SigningMark != "KT" {
			t.Fatalf("requested mark %q", d.SigningMark)
		}
		c.must(200, "PATCH", "/v1/documents/"+d.ID, "ubnd.cv", map[string]any{"signing_mark": "TUQ"}, &d)
		if d.SigningMark != "TUQ" {
			t.Fatalf("patched mark %q", d.SigningMark)
		}
		c.must(200, "POST", "/v1/documents/"+d.ID+"/submit", "ubnd.cv", nil, nil)
		doc := "/v1/documents/" + d.ID

		// Nobody holds an authorisation yet: the draft's TUQ is refused.
		wantProblem(c.do("POST", doc+"/approve", "kt.cv", nil), 403, "")
		wantProblem(c.do("POST", doc+"/approve", "ubnd.ld", nil), 403, "")

		// The chairperson authorises a specialist for decisions.
		grant := documentsapi.NewAuthorisation{GranteeID: "u-kt-cv", From: "2026-03-05", To: "2026-03-06",
			Kinds: []string{"decision"}, Scope: "sign"}
		wantProblem(c.do("POST", "/v1/authorisations", "ubnd.cv", grant), 403, "")
		bad := grant
		bad.To = "2026-03-04"
		wantProblem(c.do("POST", "/v1/authorisations", "ubnd.ld", bad), 400, "to")
		wantProblem(c.do("POST", "/v1/authorisations", "ubnd.ld", map[string]any{"grantee_id": "u-kt-cv", "scope": "sign", "extra": 1}), 400, "")
		var au documentsapi.Authorisation
		c.must(201, "POST", "/v1/authorisations", "ubnd.ld", grant, &au)
		if au.GrantorID != "u-ubnd-ld" || au.GranteeName != "Lý Thị Kim" || !au.InForce || au.Scope != "sign" {
			t.Fatalf("authorisation %+v", au)
		}
		var list documentsapi.Authorisations
		c.must(200, "GET", "/v1/authorisations", "kt.cv", nil, &list)
		if len(list.Items) != 1 || list.Items[0].ID != au.ID {
			t.Fatalf("grantee's list %+v", list)
		}
		c.must(200, "GET", "/v1/authorisations", "snv.ld", nil, &list)
		if len(list.Items) != 0 {
			t.Fatalf("a stranger's list %+v", list)
		}

		c.must(200, "POST", doc+"/approve", "kt.cv", nil, &d)
		if s := d.Signer; s == nil || s.SigningMark != "TUQ." || s.MarkLine != "TUQ. CHỦ TỊCH" || s.AuthorisationID != au.ID ||
			s.AuthorisedBy == nil || s.AuthorisedBy.UserID != "u-ubnd-ld" || s.AuthorisedBy.FullName != "Trần Thị Bình" {
			t.Fatalf("signer %+v", d.Signer)
		}

		wantProblem(c.do("POST", "/v1/authorisations/"+au.ID+"/revoke", "kt.cv", nil), 403, "")
		wantProblem(c.do("POST", "/v1/authorisations/nope/revoke", "ubnd.ld", nil), 404, "")
		c.must(200, "POST", "/v1/authorisations/"+au.ID+"/revoke", "ubnd.ld", "{}", &au)
		if au.RevokedAt == nil || au.InForce {
			t.Fatalf("revoked %+v", au)
		}
		wantProblem(c.do("POST", "/v1/authorisations/"+au.ID+"/revoke", "ubnd.ld", nil), 409, "")

		// Signing rules: the defaults, then the agency's own.
		var rules documentsapi.SigningRules
		rulesPath := "/v1/agencies/" + id("UBND") + "/signing-rules"
		c.must(200, "GET", rulesPath, "kt.ld", nil, &rules)
		if len(rules.TLKinds) != len(domain.DefaultTLKinds) || rules.TLKinds[0] != "official_letter" {
			t.Fatalf("default rules %+v", rules)
		}
		wantProblem(c.do("PUT", rulesPath, "kt.ld", documentsapi.SigningRules{TLKinds: []string{"report"}}), 403, "")
		wantProblem(c.do("PUT", rulesPath, "ubnd.ld", map[string]any{"tl_kinds": []string{"memo"}}), 400, "tl_kinds")
		wantProblem(c.do("PUT", rulesPath, "ubnd.ld", map[string]any{}), 400, "tl_kinds")
		wantProblem(c.do("GET", "/v1/agencies/"+id("KT")+"/signing-rules", "ubnd.ld", nil), 404, "")
		c.must(200, "PUT", rulesPath, "ubnd.ld", documentsapi.SigningRules{TLKinds: []string{"report", "notice"}}, &rules)
		c.must(200, "GET", rulesPath, "snv.ld", nil, &rules)
		if len(rules.TLKinds) != 2 || rules.TLKinds[0] != "report" || rules.TLKinds[1] != "notice" {
			t.Fatalf("set rules %+v", rules)
		}
		c.must(200, "PUT", rulesPath, "admin", documentsapi.SigningRules{TLKinds: []string{}}, &rules)
		if rules.TLKinds == nil || len(rules.TLKinds) != 0 {
			t.Fatalf("emptied rules %+v", rules)
		}
		wantProblem(c.do("GET", "/v1/authorisations", "", nil), 401, "")
	})
}
