package console

import (
	"net/http"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

type draftPage struct {
	Doc   documentsapi.NewDocument
	Units []treeNode
	Kinds []string
	Key   string // Idempotency-Key: a double-submitted form makes one draft
	Error *session.Flash
}

var draftKinds = []string{"directive", "plan", "official_letter", "decision", "notice", "report", "submission", "invitation"}

func today() string { return time.Now().In(vnZone).Format("2006-01-02") }

func (s *Server) draftForm(rq *request) {
	s.showDraft(rq, http.StatusOK, documentsapi.NewDocument{Kind: "directive", Urgency: "normal"}, nil)
}

func (s *Server) showDraft(rq *request, status int, d documentsapi.NewDocument, fail *session.Flash) {
	p := draftPage{Doc: d, Kinds: draftKinds, Key: rq.r.PostFormValue("key"), Error: fail,
		Units: tree(s.units(rq), "", d.Recipients)}
	if p.Key == "" || fail == nil {
		p.Key = session.RandomToken()
	}
	s.render(rq, status, "draft", "Soạn dự thảo văn bản", p)
}

func (s *Server) createDraft(rq *request) {
	f := rq.r.PostForm
	d := documentsapi.NewDocument{
		Kind: f.Get("kind"), Summary: strings.TrimSpace(f.Get("summary")), Body: f.Get("body"),
		Urgency: f.Get("urgency"), Confidentiality: f.Get("confidentiality"),
		Recipients: f["recipients"], DueDate: f.Get("due_date"),
	}
	if d.Recipients == nil {
		d.Recipients = []string{}
	}
	out, err := rq.api.Documents.Create(rq.ctx(), d, f.Get("key"))
	if err != nil {
		fl := describe(err)
		s.showDraft(rq, statusOf(err), d, &fl)
		return
	}
	rq.sess.AddFlash(session.Flash{OK: true, Text: "Đã lưu dự thảo."})
	http.Redirect(rq.w, rq.r, "/documents/"+out.ID, http.StatusSeeOther)
}
