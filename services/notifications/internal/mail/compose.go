// Package mail sends the e-mail outbox: the message (composed by go-mail:
// UTF-8 headers encoded per RFC 2047, plain text and HTML alternatives),
// the SMTP and .eml-file transports, and the sender worker with retries.
package mail

import (
	"bytes"
	"fmt"
	"net/mail"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// Message is e as a go-mail message from from. Everything in it comes from
// the e-mail's row (the boundary from its id, the date from its creation),
// so the same e-mail always has the same bytes: a repeat after a crash is
// recognisably the same message.
func Message(e domain.Email, from mail.Address) *gomail.Msg {
	m := gomail.NewMsg(gomail.WithBoundary("eoffice-"+strings.ReplaceAll(e.ID, "-", "")), gomail.WithNoDefaultUserAgent())
	m.SetAddrHeaderFromMailAddress(gomail.HeaderFrom, &from)
	m.SetAddrHeaderFromMailAddress(gomail.HeaderTo, &mail.Address{Name: e.ToName, Address: e.ToAddr})
	m.Subject(e.Subject)
	m.SetDateWithValue(e.CreatedAt.In(vietnam))
	m.SetGenHeader(gomail.HeaderMessageID, e.MessageID) // already <id@host>
	m.SetGenHeader("Auto-Submitted", "auto-generated")
	m.SetBodyString(gomail.TypeTextPlain, e.Text)
	m.AddAlternativeString(gomail.TypeTextHTML, e.HTML)
	return m
}

// Compose writes e as an RFC 5322 message from from: the bytes Message
// sends, for the .eml transport.
func Compose(e domain.Email, from mail.Address) ([]byte, error) {
	var b bytes.Buffer
	if _, err := Message(e, from).WriteTo(&b); err != nil {
		return nil, fmt.Errorf("compose e-mail %s: %w", e.ID, err)
	}
	return b.Bytes(), nil
}

// vietnam is the time zone of the Date header readers expect.
var vietnam = func() *time.Location {
	l, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		return time.FixedZone("ICT", 7*3600)
	}
	return l
}()
