// Package mail sends the e-mail outbox: the RFC 5322 message (UTF-8 headers
// encoded per RFC 2047, plain text and HTML alternatives), the SMTP and
// .eml-file transports, and the sender worker with retries.
package mail

import (
	"bytes"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// Compose writes e as an RFC 5322 message from from. The boundary comes
// from the e-mail's id, so the same e-mail always has the same bytes.
func Compose(e domain.Email, from mail.Address) []byte {
	to := mail.Address{Name: e.ToName, Address: e.ToAddr}
	boundary := "eoffice-" + strings.ReplaceAll(e.ID, "-", "")
	var b bytes.Buffer
	header := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	header("From", from.String()) // mail.Address encodes a non-ASCII name per RFC 2047
	header("To", to.String())
	header("Subject", mime.BEncoding.Encode("UTF-8", e.Subject))
	header("Date", e.CreatedAt.In(vietnam).Format(time.RFC1123Z))
	header("Message-ID", e.MessageID)
	header("MIME-Version", "1.0")
	header("Auto-Submitted", "auto-generated")
	header("Content-Type", `multipart/alternative; boundary="`+boundary+`"`)
	b.WriteString("\r\n")
	for _, part := range []struct{ typ, body string }{{"text/plain", e.Text}, {"text/html", e.HTML}} {
		b.WriteString("--" + boundary + "\r\n")
		header("Content-Type", part.typ+"; charset=UTF-8")
		header("Content-Transfer-Encoding", "quoted-printable")
		b.WriteString("\r\n")
		qp := quotedprintable.NewWriter(&b)
		_, _ = qp.Write([]byte(strings.ReplaceAll(part.body, "\n", "\r\n")))
		_ = qp.Close()
		b.WriteString("\r\n")
	}
	b.WriteString("--" + boundary + "--\r\n")
	return b.Bytes()
}

// vietnam is the time zone of the Date header readers expect.
var vietnam = func() *time.Location {
	l, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		return time.FixedZone("ICT", 7*3600)
	}
	return l
}()
