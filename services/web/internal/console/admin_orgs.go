package console

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/exchange/exchangeapi"
	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

// The administrators' "Danh bạ cơ quan ngoài hệ thống": the organisations
// outside the deployment that documents go to and come from by exchange
// (list, add, edit, import from CSV), kept by the exchange service.

// orgImportRoute takes a CSV file, streamed under its own limit.
const orgImportRoute = "POST /admin/organisations/import"

// maxOrgCSV bounds an imported directory: the national one, some tens of
// thousands of lines, fits well within it.
const maxOrgCSV = 8 << 20

func init() { streamed[orgImportRoute] = true }

type orgsPage struct {
	Page  string // orgs or org
	Orgs  []exchangeapi.Organisation
	Org   exchangeapi.Organisation // the one edited, or the add form's values
	Error *session.Flash
	// Filter narrows the list by name or code (exchange searches).
	Filter string
	Next   template.URL // the next page, "" on the last
}

func (s *Server) adminOrgs(rq *request) {
	s.showOrgs(rq, http.StatusOK, orgsPage{Page: "orgs", Filter: strings.TrimSpace(rq.r.URL.Query().Get("q"))})
}

func (s *Server) showOrgs(rq *request, status int, p orgsPage) {
	if p.Page == "orgs" {
		orgs, next, err := findOrgs(rq, p.Filter, 100, rq.r.URL.Query().Get("cursor"))
		if err != nil {
			if s.sessionEnded(rq, err) {
				return
			}
			if p.Error == nil {
				f := describe(err)
				f.Text = "Không đọc được danh bạ: " + f.Text
				p.Error = &f
			}
		}
		p.Orgs = orgs
		if next != "" {
			q := url.Values{"cursor": {next}}
			if p.Filter != "" {
				q.Set("q", p.Filter)
			}
			p.Next = template.URL("/admin/organisations?" + q.Encode()) // encoded here, safe
		}
	}
	s.render(rq, status, "organisations", "Quản trị · Danh bạ cơ quan ngoài hệ thống", p)
}

func orgFromForm(f url.Values) exchangeapi.Organisation {
	return exchangeapi.Organisation{Code: strings.TrimSpace(f.Get("code")), Name: strings.TrimSpace(f.Get("name")),
		ParentCode: strings.TrimSpace(f.Get("parent_code")), Address: strings.TrimSpace(f.Get("address")),
		Email: strings.TrimSpace(f.Get("email"))}
}

func (s *Server) adminAddOrg(rq *request) {
	o := orgFromForm(rq.r.PostForm)
	if _, err := rq.api.Exchange.CreateOrganisation(rq.ctx(), o); err != nil {
		if !s.sessionEnded(rq, err) {
			f := adminRefusal(err)
			if p := (*client.Problem)(nil); errors.As(err, &p) && p.Status == http.StatusConflict { // exchange: the code is taken
				f = session.Flash{Text: "Mã định danh " + o.Code + " đã có trong danh bạ; hãy sửa cơ quan đó thay vì thêm mới."}
			}
			s.showOrgs(rq, statusOf(err), orgsPage{Page: "orgs", Org: o, Error: &f})
		}
		return
	}
	s.done(rq, nil, "Đã thêm "+o.Name+" vào danh bạ.", "/admin/organisations")
}

func (s *Server) adminOrg(rq *request) {
	o, err := rq.api.Exchange.Organisation(rq.ctx(), rq.r.PathValue("code"))
	if err != nil {
		s.failed(rq, err)
		return
	}
	s.showOrgs(rq, http.StatusOK, orgsPage{Page: "org", Org: o})
}

func (s *Server) adminUpdateOrg(rq *request) {
	code := rq.r.PathValue("code")
	o := orgFromForm(rq.r.PostForm)
	o.Code = code // the code names the organisation; it is not edited
	if _, err := rq.api.Exchange.UpdateOrganisation(rq.ctx(), o); err != nil {
		if !s.sessionEnded(rq, err) {
			f := adminRefusal(err)
			s.showOrgs(rq, statusOf(err), orgsPage{Page: "org", Org: o, Error: &f})
		}
		return
	}
	s.done(rq, nil, "Đã lưu thông tin "+o.Name+".", "/admin/organisations/"+url.PathEscape(code))
}

// adminImportOrgs takes a CSV file of organisations: CSRF token first,
// then the role; the file, read whole (it is small), must be UTF-8 text
// before it is sent.
func (s *Server) adminImportOrgs(w http.ResponseWriter, r *http.Request) {
	rq, mr := s.openMultipart(w, r, maxOrgCSV)
	if rq == nil {
		return
	}
	if !rq.sess.User.HasRole("admin") {
		s.notAdmin(rq)
		return
	}
	const back = "/admin/organisations"
	data, err := readFilePart(mr, maxOrgCSV)
	switch {
	case err != nil:
	case len(bytes.TrimSpace(data)) == 0:
		err = errNoFile
	case !utf8.Valid(data):
		err = errNotUTF8
	}
	if err != nil {
		s.done(rq, csvRefusal(err), "", back)
		return
	}
	res, err := rq.api.Exchange.ImportOrganisations(rq.ctx(), data)
	s.adminDone(rq, csvRefusal(err), fmt.Sprintf("Đã nhập danh bạ: %d cơ quan.", res.Imported), back)
}

var errNotUTF8 = errors.New("not UTF-8 text")

// csvRefusal words an import's failure in Vietnamese.
func csvRefusal(err error) error {
	var tooBig *http.MaxBytesError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, errTooLarge) || errors.As(err, &tooBig):
		return flashError{session.Flash{Text: "Tệp quá lớn: tối đa " + megabytes(maxOrgCSV) + "."}}
	case errors.Is(err, errNoFile) || errors.Is(err, io.EOF):
		return flashError{session.Flash{Text: "Vui lòng chọn tệp CSV danh bạ để tải lên."}}
	case errors.Is(err, errNotUTF8):
		return flashError{session.Flash{Text: "Tệp không phải văn bản UTF-8. Hãy lưu tệp CSV với bảng mã UTF-8 rồi tải lên lại."}}
	}
	return err
}
