package console

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

// Messages for the next page ("Đã lưu dự thảo.") travel in a cookie of
// their own, since the next page may be served by another replica. The
// cookie is signed with the console's key and bound to the session
// handle, so nobody can plant a message in someone's page.
const flashCookie = "eoffice_flash"

// maxFlashCookie keeps the cookie under browsers' 4 KB limit; past it,
// the details are dropped and the message kept.
const maxFlashCookie = 3500

// FlashKey derives the signing key of the flash cookie from the console's
// client secret, which every replica shares.
func FlashKey(secret string) []byte {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("eoffice web flash cookie"))
	return m.Sum(nil)
}

func randomKey() []byte {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return b
}

func (s *Server) flashMAC(handle, payload string) string {
	m := hmac.New(sha256.New, s.cfg.FlashKey)
	m.Write([]byte(handle))
	m.Write([]byte{0})
	m.Write([]byte(payload))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func (s *Server) encodeFlashes(handle string, f []session.Flash) string {
	for {
		raw, _ := json.Marshal(f)
		payload := base64.RawURLEncoding.EncodeToString(raw)
		if len(payload) < maxFlashCookie || len(f) == 0 {
			return payload + "." + s.flashMAC(handle, payload)
		}
		if len(f[len(f)-1].Details) > 0 {
			f[len(f)-1].Details = nil
		} else {
			f = f[:len(f)-1]
		}
	}
}

// readFlashes are the messages of the request's cookie (none if it is
// missing, not signed by us or of another session).
func (s *Server) readFlashes(r *http.Request, handle string) ([]session.Flash, bool) {
	c, err := r.Cookie(s.cookieName(r, flashCookie))
	if err != nil {
		return nil, false
	}
	payload, mac, ok := strings.Cut(c.Value, ".")
	if !ok || !hmac.Equal([]byte(mac), []byte(s.flashMAC(handle, payload))) {
		return nil, true
	}
	raw, err := base64.RawURLEncoding.DecodeString(payload)
	var f []session.Flash
	if err != nil || json.Unmarshal(raw, &f) != nil {
		return nil, true
	}
	return f, true
}

// withFlashes gives sess the request's messages and answers through a
// writer that sends the next page's.
func (s *Server) withFlashes(w http.ResponseWriter, r *http.Request, sess *session.Session) http.ResponseWriter {
	flashes, had := s.readFlashes(r, sess.ID)
	sess.SetFlashes(flashes)
	return &flashWriter{ResponseWriter: w, s: s, r: r, sess: sess, had: had}
}

// flashWriter sets the flash cookie on the answer, just before its header
// goes: the messages queued for the next page, or the cookie's removal
// once the request's messages were shown.
type flashWriter struct {
	http.ResponseWriter
	s       *Server
	r       *http.Request
	sess    *session.Session
	had     bool
	written bool
}

func (fw *flashWriter) WriteHeader(code int) {
	if !fw.written {
		fw.written = true
		added, taken := fw.sess.PendingFlashes()
		name := fw.s.cookieName(fw.r, flashCookie)
		switch {
		case len(added) > 0:
			http.SetCookie(fw.ResponseWriter, &http.Cookie{Name: name, Value: fw.s.encodeFlashes(fw.sess.ID, added), Path: "/",
				HttpOnly: true, Secure: fw.s.secure(fw.r), SameSite: http.SameSiteLaxMode})
		case taken && fw.had:
			http.SetCookie(fw.ResponseWriter, &http.Cookie{Name: name, Path: "/", HttpOnly: true, Secure: fw.s.secure(fw.r),
				SameSite: http.SameSiteLaxMode, MaxAge: -1})
		}
	}
	fw.ResponseWriter.WriteHeader(code)
}

func (fw *flashWriter) Write(b []byte) (int, error) {
	if !fw.written {
		fw.WriteHeader(http.StatusOK)
	}
	return fw.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection (uploads and
// downloads set their own deadlines).
func (fw *flashWriter) Unwrap() http.ResponseWriter { return fw.ResponseWriter }
