package console

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

// TestApproveConfirmsPassword: the signer confirms with their own password
// (identity's password grant, as the browser's address); a wrong or
// missing one sends nothing to the documents service, and the service's
// 403 on the mark is told in Vietnamese.
func TestApproveConfirmsPassword(t *testing.T) {
	tests := []struct {
		name      string
		password  string
		refuse    *refusal
		wantToken bool // the password was checked at identity
		wantSent  bool // the approval reached the documents service
		want      string
	}{
		{"right password", "dung-mat-khau-2026", nil, true, true, "Đã ký văn bản."},
		{"wrong password", "sai-mat-khau", nil, true, false, "Mật khẩu xác nhận không đúng. Văn bản chưa được ký."},
		{"no password", "", nil, false, false, "Vui lòng nhập mật khẩu để xác nhận ký văn bản."},
		{"mark not theirs", "dung-mat-khau-2026", &refusal{403, `{"status":403,"title":"Forbidden","detail":"a deputy signs KT., not TM."}`}, true, true,
			"Bạn không có thẩm quyền ký với dấu này."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBrowser(t)
			csrf := b.login()
			b.up.mu.Lock()
			b.up.calls = nil
			b.up.forwardedFor = ""
			b.up.mu.Unlock()
			if tt.refuse != nil {
				b.up.refuse["POST /v1/documents/d-flash/approve"] = *tt.refuse
			}
			p := b.post("/documents/d-flash/approve", url.Values{"csrf": {csrf}, "signing_mark": {"TM"}, "password": {tt.password}})
			if p.status != http.StatusSeeOther || p.location != "/documents/d-flash" {
				t.Fatalf("%d %q %s", p.status, p.location, p.body)
			}
			sent := b.up.sent()
			if got := slices.Contains(sent, "POST /v1/token"); got != tt.wantToken {
				t.Fatalf("password checked: %v, want %v (%v)", got, tt.wantToken, sent)
			}
			if tt.wantToken && b.up.forwardedFor == "" {
				t.Errorf("the confirmation did not name the browser's address")
			}
			if got := slices.Contains(sent, "POST /v1/documents/d-flash/approve"); got != tt.wantSent {
				t.Fatalf("approval sent: %v, want %v (%v)", got, tt.wantSent, sent)
			}
			if tt.wantSent {
				if body := b.up.body("POST /v1/documents/d-flash/approve"); body != `{"signing_mark":"TM"}` {
					t.Errorf("sent %s", body)
				}
				// The token that proved the password is given back at once.
				if !slices.Contains(sent, "POST /v1/token/revoke") {
					t.Errorf("the confirmation's token was not revoked: %v", sent)
				}
			}
			if next := b.get("/documents/d-flash"); !strings.Contains(next.body, tt.want) {
				t.Errorf("page lacks %q:\n%s", tt.want, next.body)
			}
		})
	}
}

// TestSignOffered: the approve form is offered to whoever may sign —
// leaders, people in a signing position, people authorised to sign today —
// and the service decides the mark.
func TestSignOffered(t *testing.T) {
	inForce := documentsapi.Authorisation{GranteeID: "u1", Scope: "sign", InForce: true}
	tests := []struct {
		name  string
		user  session.User
		auths []documentsapi.Authorisation
		want  bool
	}{
		{"leader", session.User{ID: "u1", Roles: []string{"leader"}}, nil, true},
		{"office head (TL.)", session.User{ID: "u1", Roles: []string{"specialist"}, Position: "office_head"}, nil, true},
		{"division head (TL.)", session.User{ID: "u1", Roles: []string{"specialist"}, Position: "division_head"}, nil, true},
		{"authorised (TUQ.)", session.User{ID: "u1", Roles: []string{"specialist"}}, []documentsapi.Authorisation{inForce}, true},
		{"authorisation expired", session.User{ID: "u1", Roles: []string{"specialist"}},
			[]documentsapi.Authorisation{{GranteeID: "u1", Scope: "sign"}}, false},
		{"inbox only", session.User{ID: "u1", Roles: []string{"specialist"}},
			[]documentsapi.Authorisation{{GranteeID: "u1", Scope: "inbox", InForce: true}}, false},
		{"someone else's", session.User{ID: "u2", Roles: []string{"specialist"}}, []documentsapi.Authorisation{inForce}, false},
		{"specialist", session.User{ID: "u1", Roles: []string{"specialist"}}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := documentsapi.Document{Status: "pending_approval"}
			if got := offered(d, tt.user, maySign(tt.user, tt.auths)).Approve; got != tt.want {
				t.Fatalf("approve offered %v, want %v", got, tt.want)
			}
		})
	}
}

// TestCopyOffered: clerks copy issued documents, others do not.
func TestCopyOffered(t *testing.T) {
	issued := documentsapi.Document{Status: "issued"}
	if !offered(issued, session.User{Roles: []string{"clerk"}}, false).Copy {
		t.Errorf("a clerk is not offered the copy of an issued document")
	}
	if offered(issued, session.User{Roles: []string{"leader"}}, true).Copy {
		t.Errorf("a leader is offered the copy")
	}
	if offered(documentsapi.Document{Status: "approved"}, session.User{Roles: []string{"clerk"}}, false).Copy {
		t.Errorf("a clerk is offered the copy of an unissued document")
	}
}
