package console

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/url"

	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

// maxSigningImage is the documents service's limit on a signature or seal
// image (512 KiB); the console refuses a larger one before sending it on.
const maxSigningImage = 512 << 10

// Routes of the signature image (a person's, on the user page) and the
// seal image (an agency's, on the unit page). Their POSTs stream a
// multipart form, read by uploadImage itself.
const (
	signatureImageRoute = "/admin/users/{id}/signature-image"
	sealImageRoute      = "/admin/units/{id}/seal-image"
)

var pngMagic = []byte("\x89PNG\r\n\x1a\n")

// imageBack is the admin page an image belongs to.
func imageBack(seal bool, owner string) string {
	if seal {
		return "/admin/units/" + url.PathEscape(owner) + "#h-image"
	}
	return "/admin/users/" + url.PathEscape(owner) + "#h-image"
}

// signingImage streams the current image for the admin page's <img>.
func (s *Server) signingImage(seal bool) func(*request) {
	return func(rq *request) {
		resp, err := rq.api.Documents.OpenImage(rq.ctx(), seal, rq.r.PathValue("id"))
		if err != nil {
			s.failed(rq, err)
			return
		}
		defer resp.Body.Close()
		h := rq.w.Header()
		h.Set("Content-Type", "image/png")
		if v := resp.Header.Get("Content-Length"); v != "" {
			h.Set("Content-Length", v)
		}
		h.Set("Cache-Control", "private, no-store")
		h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
		rq.w.WriteHeader(http.StatusOK)
		if _, err := io.Copy(rq.w, io.LimitReader(resp.Body, maxSigningImage)); err != nil {
			s.cfg.Log.WarnContext(rq.ctx(), "image cut", "path", rq.r.URL.Path, "err", err)
		}
	}
}

// imageSection is the admin page's image and its upload form.
type imageSection struct {
	Route, Heading, What string
	Has                  bool // there is an image to show
}

// imageOf reads whether the person (or with seal the agency) has an image.
func (s *Server) imageOf(rq *request, seal bool, owner string) *imageSection {
	if seal {
		return &imageSection{Route: "/admin/units/" + owner + "/seal-image", Heading: "Ảnh con dấu",
			What: "của cơ quan", Has: s.hasImage(rq, true, owner)}
	}
	return &imageSection{Route: "/admin/users/" + owner + "/signature-image", Heading: "Ảnh chữ ký",
		What: "của người này", Has: s.hasImage(rq, false, owner)}
}

// hasImage reports whether the owner has an image to show; a failure to
// tell shows none (the upload form is still there).
func (s *Server) hasImage(rq *request, seal bool, owner string) bool {
	resp, err := rq.api.Documents.OpenImage(rq.ctx(), seal, owner)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return true
}

// uploadImage takes an administrator's PNG and sends it to the
// documents service: the CSRF token first, then the role, then the file's
// first bytes (a PNG's signature) are checked before anything is sent.
func (s *Server) uploadImage(seal bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rq, mr := s.openMultipart(w, r, maxSigningImage)
		if rq == nil {
			return
		}
		if !rq.sess.User.HasRole("admin") {
			s.notAdmin(rq)
			return
		}
		owner := r.PathValue("id")
		back := imageBack(seal, owner)
		for {
			part, err := mr.NextPart()
			if err != nil {
				s.done(rq, imageRefusal(err), "", back)
				return
			}
			if part.FormName() != "file" {
				continue
			}
			if part.FileName() == "" {
				s.done(rq, imageRefusal(errNoFile), "", back)
				return
			}
			s.done(rq, s.putImage(rq, seal, owner, part), imageSaved(seal), back)
			return
		}
	}
}

func imageSaved(seal bool) string {
	if seal {
		return "Đã cập nhật ảnh con dấu."
	}
	return "Đã cập nhật ảnh chữ ký."
}

var (
	errNotPNG     = errors.New("not a PNG")
	errImageLarge = errors.New("image over the limit")
)

// putImage sends the file on if it is a PNG within the limit. The file
// (at most 512 KiB) is read whole first: streaming it would hand the
// service the start of a file the console then refuses as too large.
func (s *Server) putImage(rq *request, seal bool, owner string, file io.Reader) error {
	br := bufio.NewReader(file)
	if head, _ := br.Peek(len(pngMagic)); !bytes.Equal(head, pngMagic) {
		return imageRefusal(errNotPNG)
	}
	data, err := io.ReadAll(io.LimitReader(br, maxSigningImage+1))
	if err != nil {
		return imageRefusal(err)
	}
	if len(data) > maxSigningImage {
		return imageRefusal(errImageLarge)
	}
	_, err = rq.api.Documents.PutImage(rq.ctx(), seal, owner, bytes.NewReader(data))
	return imageRefusal(err)
}

// imageRefusal words what went wrong with an image in Vietnamese.
func imageRefusal(err error) error {
	var tooBig *http.MaxBytesError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, errNotPNG):
		return flashError{session.Flash{Text: "Tệp không phải ảnh PNG. Vui lòng chọn ảnh định dạng PNG (nền trong suốt)."}}
	case errors.Is(err, errImageLarge), errors.As(err, &tooBig):
		return flashError{session.Flash{Text: "Ảnh quá lớn: tối đa " + megabytes(maxSigningImage) + "."}}
	case errors.Is(err, errNoFile), errors.Is(err, io.EOF):
		return flashError{session.Flash{Text: "Vui lòng chọn ảnh PNG để tải lên."}}
	}
	return err
}
