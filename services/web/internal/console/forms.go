package console

import (
	"errors"
	"mime"
	"net/http"
)

// uploadRoute streams a multipart file under its own limit (upload).
const uploadRoute = "POST /documents/{id}/attachments"

// streamed are the routes that read a multipart body themselves, under
// their own limits.
var streamed = map[string]bool{uploadRoute: true, "POST " + signatureImageRoute: true, "POST " + sealImageRoute: true}

// maxForm bounds every other form the console takes; maxTextForm the
// forms that carry a document's or a plan's text (200 000 characters,
// percent-encoded).
const (
	maxForm     = 64 << 10
	maxTextForm = 2 << 20
)

var textForms = map[string]bool{"POST /documents": true, "POST /plans": true, "POST /plans/{id}": true,
	"POST /documents/{id}/copies": true} // a trích sao carries text

// limitForms admits to a POST route of mux only a form
// (application/x-www-form-urlencoded; a POST without a body needs no
// type), and bounds its body. It reads nothing: the route reads the form
// after it has checked the session (readForm).
func (s *Server) limitForms(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			mux.ServeHTTP(w, r)
			return
		}
		_, pattern := mux.Handler(r)
		if streamed[pattern] {
			mux.ServeHTTP(w, r)
			return
		}
		ct := r.Header.Get("Content-Type")
		if mt, _, _ := mime.ParseMediaType(ct); mt != "application/x-www-form-urlencoded" && (ct != "" || r.ContentLength != 0) {
			s.refuseBody(w, http.StatusUnsupportedMediaType, "Dữ liệu gửi lên không đúng dạng biểu mẫu.")
			return
		}
		limit := int64(maxForm)
		if textForms[pattern] {
			limit = maxTextForm
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		mux.ServeHTTP(w, r)
	})
}

// readForm parses a POST's form, answering 413 to one over its limit and
// 400 to a malformed one; false when it answered.
func (s *Server) readForm(w http.ResponseWriter, r *http.Request) bool {
	err := r.ParseForm()
	var tooBig *http.MaxBytesError
	switch {
	case err == nil:
		return true
	case errors.As(err, &tooBig):
		s.refuseBody(w, http.StatusRequestEntityTooLarge, "Nội dung gửi lên quá lớn.")
	default:
		s.refuseBody(w, http.StatusBadRequest, "Biểu mẫu gửi lên không hợp lệ.")
	}
	return false
}

func (s *Server) refuseBody(w http.ResponseWriter, status int, text string) {
	s.pages.renderStatus(w, status, "error", view{Title: "Yêu cầu không hợp lệ",
		Data: errorPage{Heading: "Yêu cầu không được chấp nhận", Text: text + " Không có gì được thay đổi."}})
}
