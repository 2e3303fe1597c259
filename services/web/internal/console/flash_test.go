package console

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

// TestFlashCookie: the next page's message travels in a cookie signed for
// the session, so any replica shows it, once; a cookie not signed with
// the console's key, or signed for another session, shows nothing.
func TestFlashCookie(t *testing.T) {
	key := FlashKey("0123456789abcdef0123456789abcdef-web")
	b := newBrowser(t, func(c *Config) { c.FlashKey = key })
	b.login()
	u, _ := url.Parse(b.base)
	var handle string
	for _, c := range b.hc.Jar.Cookies(u) {
		if c.Name == sessionCookie {
			handle = c.Value
		}
	}
	signer := &Server{cfg: Config{FlashKey: key}}
	forger := &Server{cfg: Config{FlashKey: FlashKey("another key, not the console's")}}
	msg := []session.Flash{{OK: true, Text: "Thông điệp thử nghiệm"}}
	tests := []struct {
		name, value string
		shown       bool
	}{
		{"signed for this session", signer.encodeFlashes(handle, msg), true},
		{"signed for another session", signer.encodeFlashes("another-handle", msg), false},
		{"signed with another key", forger.encodeFlashes(handle, msg), false},
		{"not signed", strings.Split(signer.encodeFlashes(handle, msg), ".")[0], false},
	}
	for _, tt := range tests {
		b.hc.Jar.SetCookies(u, []*http.Cookie{{Name: flashCookie, Value: tt.value, Path: "/"}})
		if p := b.get("/"); strings.Contains(p.body, "Thông điệp thử nghiệm") != tt.shown {
			t.Fatalf("%s: shown %v", tt.name, !tt.shown)
		}
		if p := b.get("/"); strings.Contains(p.body, "Thông điệp thử nghiệm") {
			t.Fatalf("%s: shown twice", tt.name)
		}
	}
	long := []session.Flash{{Text: "Có lỗi", Details: []string{strings.Repeat("chi tiết ", 1000)}}}
	if v := signer.encodeFlashes(handle, long); len(v) > maxFlashCookie+100 {
		t.Fatalf("a cookie of %d bytes", len(v))
	}
}
