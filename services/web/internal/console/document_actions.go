package console

import (
	"errors"
	"net/http"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/client"
)

// documentActions are the buttons of a document page, with what each says
// when it worked.
var documentActions = map[string]string{
	"submit":   "Đã trình lãnh đạo duyệt.",
	"approve":  "Đã phê duyệt văn bản.",
	"reject":   "Đã trả lại dự thảo.",
	"issue":    "Đã ban hành văn bản.",
	"revoke":   "Đã thu hồi văn bản.",
	"register": "Đã vào sổ văn bản đến.",
	"direct":   "Đã chỉ đạo xử lý; nhiệm vụ đã được giao.",
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
		if m := f.Get("signing_mark"); m != "" {
			body = map[string]string{"signing_mark": m}
		}
	case "reject", "revoke":
		body = map[string]string{"reason": strings.TrimSpace(f.Get("reason"))}
	case "direct":
		coop := f["cooperating_unit_ids"]
		if coop == nil {
			coop = []string{}
		}
		body = map[string]any{"lead_unit_id": f.Get("lead_unit_id"), "cooperating_unit_ids": coop,
			"due_date": f.Get("due_date"), "note": strings.TrimSpace(f.Get("note"))}
	}
	_, err := rq.api.Documents.Action(rq.ctx(), id, action, body)
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
