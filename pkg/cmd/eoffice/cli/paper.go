package cli

import (
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/apis"
	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
)

// stringList is a flag given any number of times.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// docsRegisterPaper registers a document that arrived on paper or by
// e-mail (a clerk): it takes the next incoming number; the scans given with
// --file are then uploaded as its attachments.
func docsRegisterPaper(ctx context.Context, a *App, args []string) error {
	f := a.flags("docs register-paper")
	sender := f.String("sender", "", "who sent it: a code or name of the exchange directory, or any name (required)")
	notation := f.String("notation", "", "its number and notation as the sender wrote it, e.g. 88/PCKH-KD (required)")
	date := f.String("date", "", "its date, YYYY-MM-DD (required)")
	kind := f.String("kind", "official_letter", "its kind (official_letter, decision, invitation, ...)")
	summary := f.String("summary", "", "trích yếu (required)")
	urgency := f.String("urgency", "", "normal, urgent, very_urgent or flash")
	conf := f.String("confidentiality", "", "normal, confidential, secret or top_secret")
	pages := f.Int("pages", 0, "number of pages")
	due := f.String("due", "", "due date to handle it, YYYY-MM-DD")
	key := f.String("idempotency-key", "", "send this Idempotency-Key (a retry with it registers nothing new)")
	var files stringList
	f.Var(&files, "file", "a scanned file to attach (repeatable)")
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	var missing []string
	for name, v := range map[string]string{"--sender": *sender, "--notation": *notation, "--date": *date, "--summary": *summary} {
		if strings.TrimSpace(v) == "" {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return usagef("docs register-paper: %s required", strings.Join(missing, ", "))
	}
	if *pages < 0 {
		return usagef("docs register-paper: --pages must not be negative")
	}
	for _, p := range files { // every file is there before anything is registered
		if st, err := os.Stat(p); err != nil {
			return err
		} else if st.IsDir() {
			return a.errf("%s: a folder, not a file", p)
		}
	}
	c, err := a.client()
	if err != nil {
		return err
	}
	in := documentsapi.NewIncoming{Sender: senderOf(ctx, c, strings.TrimSpace(*sender)), OriginalNotation: strings.TrimSpace(*notation),
		OriginalDate: *date, Kind: *kind, Summary: strings.TrimSpace(*summary), Urgency: *urgency, Confidentiality: *conf,
		Pages: *pages, DueDate: *due}
	var raw rawJSON
	if err := c.DoWith(ctx, client.Documents, http.MethodPost, "/v1/documents/incoming", client.Idempotency(*key), in, &raw); err != nil {
		return err
	}
	var d documentsapi.Document
	if err := raw.decode(&d); err != nil {
		return err
	}
	for _, p := range files {
		if err := uploadFile(ctx, c, d.ID, p); err != nil {
			return a.errf("registered %s but could not attach %s: %w", d.ID, p, err)
		}
	}
	if len(files) > 0 { // show it with its attachments
		if err := c.Do(ctx, client.Documents, http.MethodGet, "/v1/documents/"+url.PathEscape(d.ID), nil, &raw); err != nil {
			return err
		}
	}
	return a.showDocument(c, raw, *f.json, a.directory(ctx, c))
}

// senderOf is an organisation of the exchange directory when text is its
// code or name (any case); else the name as given. Without the directory
// the name is sent as given.
func senderOf(ctx context.Context, c *apis.Clients, text string) documentsapi.Sender {
	if o, err := c.Exchange.Organisation(ctx, text); err == nil {
		return documentsapi.Sender{OrganisationCode: o.Code, Name: o.Name}
	}
	orgs, err := c.Exchange.Organisations(ctx, url.Values{"q": {text}, "limit": {"500"}})
	if err == nil {
		for _, o := range orgs.Items {
			if strings.EqualFold(o.Name, text) || strings.EqualFold(o.Code, text) {
				return documentsapi.Sender{OrganisationCode: o.Code, Name: o.Name}
			}
		}
	}
	return documentsapi.Sender{Name: text}
}

// uploadFile streams one file to a document's attachments.
func uploadFile(ctx context.Context, c *apis.Clients, docID, path string) error {
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename="%s"`, quoteEscaper.Replace(filepath.Base(path))))
		h.Set("Content-Type", contentTypeOf(path))
		fw, err := mw.CreatePart(h)
		if err == nil {
			_, err = io.Copy(fw, file)
		}
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	_, err = c.Documents.Upload(ctx, docID, mw.FormDataContentType(), pr, "")
	pr.CloseWithError(io.ErrClosedPipe) // stops the copy if the service answered early
	return err
}

var quoteEscaper = strings.NewReplacer("\\", "\\\\", `"`, "\\\"", "\r", "", "\n", "")

// contentTypeOf names a scan's type by its extension; the service checks
// the bytes.
func contentTypeOf(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".pdf":
		return "application/pdf"
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".tif", ".tiff":
		return "image/tiff"
	}
	return "application/octet-stream"
}
