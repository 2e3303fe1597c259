package console

import (
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apis"
	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/envconf"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

// transfer is the HTTP client of uploads and downloads: no limit on the
// whole exchange (a large file on a slow line), a bound on each wait.
func (s *Server) transfer() *http.Client {
	if s.cfg.Transfer != nil {
		return s.cfg.Transfer
	}
	return defaultTransfer
}

var defaultTransfer = &http.Client{Transport: &http.Transport{
	Proxy: http.ProxyFromEnvironment, ResponseHeaderTimeout: time.Minute, IdleConnTimeout: time.Minute,
	TLSHandshakeTimeout: 10 * time.Second, MaxIdleConnsPerHost: 4,
}}

func (s *Server) maxAttachment() int64 {
	if s.cfg.MaxAttachment > 0 {
		return s.cfg.MaxAttachment
	}
	return envconf.DefaultMaxAttachment
}

// megabytes shows a size for people: "20 MB", "350 KB", "12 byte".
func megabytes(n int64) string {
	switch {
	case n >= 1<<20:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", float64(n)/(1<<20)), ".0") + " MB"
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", (n+512)>>10)
	}
	return fmt.Sprintf("%d byte", n)
}

// download streams an attachment through the console with the user's
// token; its type and file name are the service's.
func (s *Server) download(rq *request) {
	files := apis.New(&client.Client{URLs: s.cfg.URLs, HTTP: s.transfer(), Tokens: rq.sess})
	resp, err := files.Documents.OpenAttachment(rq.ctx(), rq.r.PathValue("id"), rq.r.PathValue("aid"))
	if err != nil {
		s.failed(rq, err)
		return
	}
	defer resp.Body.Close()
	h := rq.w.Header()
	for _, k := range []string{"Content-Type", "Content-Length", "Content-Disposition", "Digest"} {
		if v := resp.Header.Get(k); v != "" {
			h.Set(k, v)
		}
	}
	if h.Get("Content-Disposition") == "" {
		h.Set("Content-Disposition", "attachment")
	}
	h.Set("Cache-Control", "private, no-store")
	// A file is never shown as a page of this site.
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	rq.w.WriteHeader(http.StatusOK)
	httpx.ExtendWrite(rq.ctx()) // a large file may outlast the write timeout
	if _, err := io.Copy(rq.w, resp.Body); err != nil {
		s.cfg.Log.WarnContext(rq.ctx(), "download cut", "path", rq.r.URL.Path, "err", err)
	}
}

// upload takes the document page's multipart form and streams its file to
// the documents service, never holding it whole. The form puts the CSRF
// token first, so a forged upload is refused before its file is read.
func (s *Server) upload(w http.ResponseWriter, r *http.Request) {
	limit := s.maxAttachment()
	rq, mr := s.openMultipart(w, r, limit)
	if rq == nil {
		return
	}
	id := r.PathValue("id")
	back := "/documents/" + url.PathEscape(id)
	key := ""
	var part *multipart.Part
	for {
		var err error
		part, err = mr.NextPart()
		if err != nil {
			s.done(rq, s.uploadRefusal(err, limit), "", back)
			return
		}
		if part.FormName() == "key" {
			raw, _ := io.ReadAll(io.LimitReader(part, 128))
			key = string(raw)
			continue
		}
		if part.FormName() == "file" {
			break
		}
	}
	if part.FileName() == "" {
		s.done(rq, s.uploadRefusal(errNoFile, limit), "", back)
		return
	}
	att, err := s.relay(rq, id, key, part)
	if err != nil {
		s.done(rq, s.uploadRefusal(err, limit), "", back)
		return
	}
	s.done(rq, nil, "Đã tải lên tệp "+att.Filename+".", back)
}

// openMultipart opens a streamed multipart form of at most limit bytes of
// file: a signed-in session and the CSRF token as its first part, or it
// answers 403 and returns nil, before any file is read.
func (s *Server) openMultipart(w http.ResponseWriter, r *http.Request, limit int64) (*request, *multipart.Reader) {
	sess, err := s.current(r)
	if sess == nil || err != nil {
		s.forbidden(w, r)
		return nil, nil
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit+64<<10) // the file and the form's framing
	mr, err := r.MultipartReader()
	if err != nil {
		s.forbidden(w, r)
		return nil, nil
	}
	part, err := mr.NextPart()
	if err != nil || part.FormName() != "csrf" {
		s.forbidden(w, r)
		return nil, nil
	}
	tok, _ := io.ReadAll(io.LimitReader(part, 512))
	if !sess.ValidCSRF(string(tok)) {
		s.forbidden(w, r)
		return nil, nil
	}
	httpx.ExtendRead(r.Context()) // a signed-in upload may outlast the read timeout
	return &request{w: s.withFlashes(w, r, sess), r: r, sess: sess, api: apis.New(&client.Client{URLs: s.cfg.URLs, HTTP: s.transfer(), Tokens: sess})}, mr
}

// relay copies one file part into a new multipart body for the service,
// through a pipe.
func (s *Server) relay(rq *request, docID, key string, part *multipart.Part) (documentsapi.Attachment, error) {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	copied := make(chan error, 1)
	go func() {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename="%s"`, quoteEscaper.Replace(part.FileName())))
		if ct := part.Header.Get("Content-Type"); ct != "" {
			h.Set("Content-Type", ct)
		}
		fw, err := mw.CreatePart(h)
		if err == nil {
			_, err = io.Copy(fw, part)
		}
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
		copied <- err
	}()
	att, err := rq.api.Documents.Upload(rq.ctx(), docID, mw.FormDataContentType(), pr, key)
	pr.CloseWithError(errors.New("upload answered")) // stops the copy if the service answered early
	if cerr := <-copied; cerr != nil && err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(cerr, &tooBig) {
			return att, cerr
		}
	}
	return att, err
}

var quoteEscaper = strings.NewReplacer("\\", "\\\\", `"`, "\\\"", "\r", "", "\n", "")

var errNoFile = errors.New("no file chosen")

// uploadRefusal names what went wrong with an upload that the service did
// not refuse itself.
func (s *Server) uploadRefusal(err error, limit int64) error {
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return flashError{session.Flash{Text: "Tệp quá lớn: tối đa " + megabytes(limit) + "."}}
	case errors.Is(err, errNoFile), errors.Is(err, io.EOF):
		return flashError{session.Flash{Text: "Vui lòng chọn tệp để tải lên."}}
	}
	return err
}

// flashError is a refusal the console words itself.
type flashError struct{ session.Flash }

func (e flashError) Error() string { return e.Text }
