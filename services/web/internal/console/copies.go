package console

import (
	"net/http"
	"strings"

	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

// makeCopy makes a copy (bản sao y, trích sao or sao lục) of a document for
// its recipients; the copy has its own number and page.
func (s *Server) makeCopy(rq *request) {
	id := rq.r.PathValue("id")
	f := rq.r.PostForm
	c := documentsapi.NewCopy{Form: f.Get("form"), Recipients: f["recipients"], Note: strings.TrimSpace(f.Get("note"))}
	if c.Recipients == nil {
		c.Recipients = []string{}
	}
	if c.Form == "BTS" { // only a trích sao copies a part; the others copy it all
		c.Extract = strings.TrimSpace(f.Get("extract"))
	}
	out, err := rq.api.Documents.Copy(rq.ctx(), id, c, f.Get("key"))
	if err != nil {
		s.done(rq, err, "", "/documents/"+id)
		return
	}
	rq.sess.AddFlash(session.Flash{OK: true, Text: "Đã tạo bản sao " + out.Notation + "."})
	http.Redirect(rq.w, rq.r, "/documents/"+out.ID, http.StatusSeeOther)
}
