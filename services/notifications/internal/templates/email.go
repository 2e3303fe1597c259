package templates

import (
	"bytes"
	"html/template"
	"strings"
)

// Email is a notification as an e-mail: the same texts as in-app, in plain
// text and in HTML.
type Email struct {
	Subject string
	Text    string
	HTML    string
}

var emailHTML = template.Must(template.New("email").Parse(`<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{{.Title}}</title></head>
<body style="font-family: Arial, sans-serif">
<p>Kính gửi {{.Name}},</p>
<p><strong>{{.Title}}</strong></p>
<p style="white-space: pre-line">{{.Body}}</p>
{{if .Link}}<p><a href="{{.Link}}">Xem chi tiết trên hệ thống</a></p>{{end}}
<hr><p style="color:#666;font-size:small">Thư gửi tự động từ hệ thống quản lý văn bản và điều hành; vui lòng không trả lời thư này.</p>
</body></html>
`))

// RenderEmail writes msg as an e-mail to a person called name; baseURL (may
// be empty) turns the message's link into an absolute one.
func RenderEmail(msg Message, name, baseURL string) Email {
	link := ""
	if msg.Link != "" {
		link = strings.TrimRight(baseURL, "/") + msg.Link
	}
	if name == "" {
		name = "anh/chị"
	}
	var text strings.Builder
	text.WriteString("Kính gửi " + name + ",\n\n" + msg.Title + "\n\n" + msg.Body + "\n")
	if link != "" {
		text.WriteString("\nXem chi tiết: " + link + "\n")
	}
	text.WriteString("\n--\nThư gửi tự động từ hệ thống quản lý văn bản và điều hành; vui lòng không trả lời thư này.\n")
	var html bytes.Buffer
	// The template is fixed and its data are strings: it cannot fail.
	_ = emailHTML.Execute(&html, map[string]string{"Title": msg.Title, "Body": msg.Body, "Link": link, "Name": name})
	return Email{Subject: msg.Title, Text: text.String(), HTML: html.String()}
}
