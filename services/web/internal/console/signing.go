package console

import (
	"errors"
	"net/http"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

// signerPositions may sign something under some mark (the head and acting
// head for the agency, a deputy KT., office and division heads TL.); the
// documents service decides which mark and kind.
var signerPositions = map[string]bool{"head": true, "deputy": true, "acting_head": true, "office_head": true,
	"division_head": true}

// maySign is whether the console offers the user the approve (sign)
// action: leaders, people in a signing position, and those authorised to
// sign (TUQ.) today. It is only an offer; the service refuses a mark the
// person may not sign under.
func maySign(u session.User, auths []documentsapi.Authorisation) bool {
	if u.HasRole("leader") || signerPositions[u.Position] {
		return true
	}
	for _, a := range auths {
		if a.GranteeID == u.ID && a.InForce && a.Scope == "sign" {
			return true
		}
	}
	return false
}

// errWrongPassword is a signature's confirmation that failed.
var errWrongPassword = flashError{session.Flash{Text: "Mật khẩu xác nhận không đúng. Văn bản chưa được ký."}}

// confirmSigner checks the signed-in person's password before they sign in
// the console, the way they signed in (identity's password grant, counted
// against the browser's address by its throttling). The token it yields is
// revoked at once: it only proved the password.
func (s *Server) confirmSigner(rq *request, password string) error {
	if password == "" {
		return flashError{session.Flash{Text: "Vui lòng nhập mật khẩu để xác nhận ký văn bản."}}
	}
	tok, err := identityapi.PasswordGrant(s.forClient(rq.r), s.cfg.HTTP, s.cfg.URLs[client.Identity], rq.sess.User.Username, password)
	if err != nil {
		var p *client.Problem
		if errors.As(err, &p) && p.OAuthError == "invalid_grant" {
			return errWrongPassword
		}
		return err
	}
	if tok.RefreshToken != "" {
		if err := identityapi.RevokeToken(rq.ctx(), s.cfg.HTTP, s.cfg.URLs[client.Identity], tok.RefreshToken); err != nil {
			s.cfg.Log.WarnContext(rq.ctx(), "signing confirmation: refresh token not revoked", "user_id", rq.sess.User.ID, "err", err)
		}
	}
	return nil
}

// approveRefusal words the service's 403 on approve: the person may not
// sign under the mark (or the kind is not theirs to sign).
func approveRefusal(err error) error {
	var p *client.Problem
	if errors.As(err, &p) && p.Status == http.StatusForbidden {
		f := describe(err)
		f.Text = "Bạn không có thẩm quyền ký với dấu này."
		return flashError{f}
	}
	return err
}
