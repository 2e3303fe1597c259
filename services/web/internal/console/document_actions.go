package console

import (
	"errors"
	"net/http"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
)

// documentActions are the buttons of a document page, with what each says
// when it worked.
var documentActions = map[string]string{
	"submit":   "Đã trình ký.",
	"approve":  "Đã ký văn bản.",
	"reject":   "Đã trả lại dự thảo.",
	"issue":    "Đã cấp số, phát hành văn bản.",
	"revoke":   "Đã thu hồi văn bản.",
	"register": "Đã vào sổ văn bản đến.",
	"direct":   "Đã phân công xử lý (bút phê và phân công).",
	"refuse":   "Đã từ chối văn bản; cơ quan gửi sẽ nhận được lý do.",
	"forward":  "Đã chuyển văn bản.",
	"propose":  "Đã gửi đề xuất.",
	"assign":   "Đã giao xử lý.",
	"return":   "Đã trả lại văn bản.",
	"read":     "Đã đánh dấu đã xem.",
}

func (s *Server) documentAction(rq *request) {
	id, action := rq.r.PathValue("id"), rq.r.PathValue("action")
	success, ok := documentActions[action]
	if !ok {
		s.notFound(rq.w, rq.r)
		return
	}
	f := rq.r.PostForm
	var body any
	switch action {
	case "approve":
		// The signer confirms with their password; a wrong one reaches
		// no document.
		if err := s.confirmSigner(rq, f.Get("password")); err != nil {
			s.done(rq, err, "", "/documents/"+id)
			return
		}
		if m := f.Get("signing_mark"); m != "" {
			body = documentsapi.Approve{SigningMark: m}
		}
	case "reject", "revoke", "refuse", "return":
		body = documentsapi.Reject{Reason: strings.TrimSpace(f.Get("reason"))}
	case "direct":
		coop := f["cooperating_unit_ids"]
		if coop == nil {
			coop = []string{}
		}
		dir := documentsapi.Direct{LeadUnitID: f.Get("lead_unit_id"), CooperatingUnitIDs: coop,
			CooperatingUserIDs: f["cooperating_user_ids"], InformedUnitIDs: f["informed_unit_ids"],
			InformedUserIDs: f["informed_user_ids"], DueDate: f.Get("due_date"), Note: strings.TrimSpace(f.Get("note"))}
		// The routing form names the lead as unit:<id> or user:<id>.
		if kind, lead, ok := strings.Cut(f.Get("lead"), ":"); ok {
			switch kind {
			case "unit":
				dir.LeadUnitID = lead
			case "user":
				dir.LeadUserID = lead
			}
		}
		body = dir
	case "forward", "propose", "assign":
		body = documentsapi.Route{ToUserID: f.Get("to_user_id"), ToUnitID: f.Get("to_unit_id"), Note: strings.TrimSpace(f.Get("note"))}
	}
	_, err := rq.api.Documents.Action(rq.ctx(), id, action, body)
	if action == "approve" {
		err = approveRefusal(err)
	}
	s.done(rq, err, success, "/documents/"+id)
}

// statusOf is the status to answer a refused form with.
func statusOf(err error) int {
	var p *client.Problem
	if errors.As(err, &p) && p.Status >= 400 && p.Status < 500 {
		return p.Status
	}
	return http.StatusBadGateway
}
