package console

import (
	"errors"
	"html/template"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/exchange/exchangeapi"
	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

// The clerks' "Gói tin liên thông" page: the agency's packages in and out
// with their states and reasons (refused ones included, so none is lost
// from sight), and the upload of an .edxml file that came by other means.

// packageRoute takes an uploaded package, streamed under its own limit.
const packageRoute = "POST /exchange/packages"

// maxPackage is the size of the largest package exchange takes (the edXML
// reader's DefaultLimits.MaxSize, 100 MiB).
const maxPackage = 100 << 20

func init() { streamed[packageRoute] = true }

type packagesPage struct {
	Direction, State string
	Packages         []exchangeapi.Package
	Next             template.URL
	States           []string
	MaxUpload        int64
}

var packageStates = []string{"accepted", "refused", "received", "waiting_pdf", "building", "queued", "sent", "delivered", "failed",
	"arrived", "registered", "assigned", "handling", "done"}

func (s *Server) packages(rq *request) {
	if !s.clerkOnly(rq) {
		return
	}
	in := rq.r.URL.Query()
	p := packagesPage{Direction: in.Get("direction"), State: in.Get("state"), States: packageStates, MaxUpload: maxPackage}
	if p.Direction != "in" && p.Direction != "out" {
		p.Direction = ""
	}
	filters := url.Values{}
	for k, v := range map[string]string{"direction": p.Direction, "state": p.State} {
		if v != "" {
			filters.Set(k, v)
		}
	}
	q := url.Values{"limit": {"50"}}
	for k, v := range filters {
		q[k] = v
	}
	if c := in.Get("cursor"); c != "" {
		q.Set("cursor", c)
	}
	page, err := rq.api.Exchange.Packages(rq.ctx(), q)
	if err != nil {
		s.failed(rq, err)
		return
	}
	p.Packages = page.Items
	if page.NextCursor != "" {
		next := url.Values{"cursor": {page.NextCursor}}
		for k, v := range filters {
			next[k] = v
		}
		p.Next = template.URL("/exchange/packages?" + next.Encode()) // encoded here, safe
	}
	s.render(rq, http.StatusOK, "packages", "Gói tin liên thông", p)
}

// uploadPackage takes a clerk's .edxml file and hands it to exchange. The
// file is read whole before it is sent: exchange keeps and answers every
// package it is given, so a cut one must never reach it.
func (s *Server) uploadPackage(w http.ResponseWriter, r *http.Request) {
	rq, mr := s.openMultipart(w, r, maxPackage)
	if rq == nil {
		return
	}
	const back = "/exchange/packages"
	if !s.clerkOnly(rq) {
		return
	}
	data, err := readFilePart(mr, maxPackage)
	if err != nil {
		s.done(rq, packageRefusal(err), "", back)
		return
	}
	got, err := rq.api.Exchange.Import(rq.ctx(), data)
	if err != nil {
		s.done(rq, packageRefusal(err), "", back)
		return
	}
	text := "Đã nhận gói tin (" + label("package_state", got.State) + ")."
	if got.DocumentID != "" {
		text += " Văn bản đã vào hộp Văn bản đến."
	}
	s.done(rq, nil, text, back)
}

// readFilePart reads the form's "file" part whole: more than limit bytes
// is errTooLarge, no file or an empty one errNoFile.
func readFilePart(mr *multipart.Reader, limit int64) ([]byte, error) {
	var part *multipart.Part
	for {
		var err error
		if part, err = mr.NextPart(); err != nil {
			return nil, err
		}
		if part.FormName() == "file" {
			break
		}
	}
	if part.FileName() == "" {
		return nil, errNoFile
	}
	data, err := io.ReadAll(io.LimitReader(part, limit+1))
	switch {
	case err != nil:
		return nil, err
	case int64(len(data)) > limit:
		return nil, errTooLarge
	case len(data) == 0:
		return nil, errNoFile
	}
	return data, nil
}

var errTooLarge = errors.New("file over the limit")

// packageRefusal words an upload's failure in Vietnamese; exchange's 422
// carries its reason (in English, short), shown as it came.
func packageRefusal(err error) error {
	var tooBig *http.MaxBytesError
	var p *client.Problem
	switch {
	case errors.Is(err, errTooLarge), errors.As(err, &tooBig):
		return flashError{session.Flash{Text: "Tệp quá lớn: gói tin tối đa " + megabytes(maxPackage) + "."}}
	case errors.Is(err, errNoFile), errors.Is(err, io.EOF):
		return flashError{session.Flash{Text: "Vui lòng chọn tệp gói tin (.edxml) để tải lên."}}
	case errors.As(err, &p) && p.Status == http.StatusUnprocessableEntity:
		f := session.Flash{Text: "Gói tin bị từ chối; cơ quan gửi sẽ nhận được thông báo từ chối."}
		if reason := strings.TrimPrefix(p.Detail, "package refused: "); reason != "" { // the heading says it was refused
			f.Details = []string{"Lý do: " + reason}
		}
		return flashError{f}
	}
	return err
}
