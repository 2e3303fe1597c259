package console

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/exchange/exchangeapi"
	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

// A document that arrived on paper or by e-mail, registered by a clerk
// ("Vào sổ văn bản giấy"): the sender from the exchange directory or typed,
// the sender's notation and date, then the scanned files on the document's
// page, uploaded as any attachment.

type paperForm struct {
	SenderText       string // as typed: a directory name or code, or any name
	OriginalNotation string
	OriginalDate     string
	Kind             string
	Summary          string
	Urgency          string
	Confidentiality  string
	Pages            string
	DueDate          string
}

type paperPage struct {
	Form              paperForm
	Orgs              []exchangeapi.Organisation
	OrgsError         string
	OrgsMore          bool // the directory holds more: "Tìm trong danh bạ" narrows it by the sender typed
	Kinds             []string
	Confidentialities []string
	Today             string
	Key               string
	Error             *session.Flash
}

func (s *Server) paperForm(rq *request) {
	if !s.clerkOnly(rq) {
		return
	}
	s.showPaper(rq, http.StatusOK, paperForm{Kind: "official_letter", Urgency: "normal", Confidentiality: "normal"}, nil)
}

// clerkOnly answers 403 to anyone but a clerk (false); the service decides
// again.
func (s *Server) clerkOnly(rq *request) bool {
	if rq.sess.User.HasRole("clerk") {
		return true
	}
	s.render(rq, http.StatusForbidden, "error", "Không được phép", errorPage{Heading: "Trang này dành cho văn thư",
		Text: "Chỉ văn thư của cơ quan mới vào sổ văn bản đến và xử lý gói tin liên thông."})
	return false
}

func (s *Server) showPaper(rq *request, status int, f paperForm, fail *session.Flash) {
	p := paperPage{Form: f, Kinds: draftKinds, Confidentialities: confidentialities, Today: today(),
		Key: rq.r.PostFormValue("key"), Error: fail}
	if p.Key == "" || fail == nil {
		p.Key = session.RandomToken()
	}
	orgs, next, err := findOrgs(rq, f.SenderText, maxOrgOffers, "")
	if err != nil {
		p.OrgsError = "Không đọc được danh bạ cơ quan ngoài hệ thống; hãy nhập tên cơ quan gửi."
	}
	p.Orgs, p.OrgsMore = orgs, next != ""
	s.render(rq, status, "paper", "Vào sổ văn bản giấy", p)
}

func (s *Server) registerPaper(rq *request) {
	if !s.clerkOnly(rq) {
		return
	}
	f := rq.r.PostForm
	form := paperForm{SenderText: strings.TrimSpace(f.Get("sender")), OriginalNotation: strings.TrimSpace(f.Get("original_notation")),
		OriginalDate: f.Get("original_date"), Kind: f.Get("kind"), Summary: strings.TrimSpace(f.Get("summary")),
		Urgency: f.Get("urgency"), Confidentiality: f.Get("confidentiality"), Pages: strings.TrimSpace(f.Get("pages")),
		DueDate: f.Get("due_date")}
	in := documentsapi.NewIncoming{OriginalNotation: form.OriginalNotation, OriginalDate: form.OriginalDate, Kind: form.Kind,
		Summary: form.Summary, Urgency: form.Urgency, Confidentiality: form.Confidentiality, DueDate: form.DueDate}
	if f.Has("find") { // narrow the directory's list by the sender typed; nothing sent
		s.showPaper(rq, http.StatusOK, form, nil)
		return
	}
	var bad []string
	if form.SenderText == "" {
		bad = append(bad, "Nơi gửi: chọn cơ quan trong danh bạ hoặc nhập tên")
	}
	if form.Pages != "" {
		n, err := strconv.Atoi(form.Pages)
		if err != nil || n < 0 {
			bad = append(bad, "Số trang: phải là số nguyên không âm")
		}
		in.Pages = n
	}
	if len(bad) > 0 {
		s.showPaper(rq, http.StatusBadRequest, form, &session.Flash{Text: "Thông tin chưa hợp lệ, vui lòng kiểm tra lại.", Details: bad})
		return
	}
	in.Sender = s.senderOf(rq, form.SenderText)
	d, err := rq.api.Documents.Incoming(rq.ctx(), in, f.Get("key"))
	if err != nil {
		if !s.sessionEnded(rq, err) {
			fl := describe(err)
			s.showPaper(rq, statusOf(err), form, &fl)
		}
		return
	}
	text := "Đã vào sổ văn bản đến."
	if d.Receipt != nil && d.Receipt.IncomingNumber > 0 {
		text = "Đã vào sổ văn bản đến, số đến " + strconv.FormatInt(d.Receipt.IncomingNumber, 10) + "."
	}
	rq.sess.AddFlash(session.Flash{OK: true, Text: text + " Hãy tải lên bản quét của văn bản."})
	http.Redirect(rq.w, rq.r, "/documents/"+url.PathEscape(d.ID)+"#h-attachments", http.StatusSeeOther)
}

// senderOf is the sender a clerk typed: an organisation of the directory
// when the text is its name or code (any case) or the form's "name (code)"
// option, else the name as typed.
func (s *Server) senderOf(rq *request, text string) documentsapi.Sender {
	code := text
	if i := strings.LastIndex(text, " ("); i > 0 && strings.HasSuffix(text, ")") {
		code = text[i+2 : len(text)-1]
	}
	if o, err := rq.api.Exchange.Organisation(rq.ctx(), code); err == nil && (code == text || orgOption(o) == text) {
		return documentsapi.Sender{OrganisationCode: o.Code, Name: o.Name}
	}
	orgs, _, err := findOrgs(rq, text, 50, "")
	if err == nil {
		for _, o := range orgs {
			if strings.EqualFold(o.Code, text) || strings.EqualFold(o.Name, text) {
				return documentsapi.Sender{OrganisationCode: o.Code, Name: o.Name}
			}
		}
	}
	return documentsapi.Sender{Name: text}
}

// orgOption is how the form's list offers an organisation: "name (code)".
func orgOption(o exchangeapi.Organisation) string { return o.Name + " (" + o.Code + ")" }

func init() { funcs["orgOption"] = orgOption }
