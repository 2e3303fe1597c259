package console

import (
	"errors"
	"io"
	"mime"
	"net/http"

	"github.com/eoffice-vn/eoffice/pkg/apis"
	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
)

// documentPDF streams a document's official PDF (with ?preview=true the
// unsigned rendering of a draft) for the page's embedded viewer, or, with
// ?download=1, as a file to save.
func (s *Server) documentPDF(rq *request) {
	q := rq.r.URL.Query()
	files := apis.New(&client.Client{URLs: s.cfg.URLs, HTTP: s.transfer(), Tokens: rq.sess})
	resp, err := files.Documents.OpenPDF(rq.ctx(), rq.r.PathValue("id"), q.Get("preview") == "true")
	if err != nil {
		s.failed(rq, err)
		return
	}
	defer resp.Body.Close()
	h := rq.w.Header()
	if v := resp.Header.Get("Content-Length"); v != "" {
		h.Set("Content-Length", v)
	}
	// Always a PDF, whatever the answer says: the browser's viewer shows
	// it, never this site's pages.
	h.Set("Content-Type", "application/pdf")
	disposition := "inline"
	if q.Get("download") == "1" {
		disposition = "attachment"
	}
	params := map[string]string{}
	if _, p, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition")); err == nil && p["filename"] != "" {
		params["filename"] = p["filename"]
	}
	h.Set("Content-Disposition", mime.FormatMediaType(disposition, params))
	h.Set("Cache-Control", "private, no-store")
	// The document page frames it; no other site may. No sandbox: the
	// browsers' PDF viewers refuse to run in a sandboxed frame.
	h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'self'")
	h.Set("X-Frame-Options", "SAMEORIGIN")
	rq.w.WriteHeader(http.StatusOK)
	httpx.ExtendWrite(rq.ctx()) // a long PDF on a slow line
	if _, err := io.Copy(rq.w, resp.Body); err != nil {
		s.cfg.Log.WarnContext(rq.ctx(), "pdf cut", "path", rq.r.URL.Path, "err", err)
	}
}

// signatureList is a PDF's verified signatures, or why they are not shown:
// Pending while the service still makes the PDF (409), Error otherwise.
type signatureList struct {
	Items   []documentsapi.Signature
	Pending bool
	Error   string
}

// signaturesOf turns the answer of a …/signatures call into the list.
func signaturesOf(sigs documentsapi.Signatures, err error) signatureList {
	var p *client.Problem
	switch {
	case err == nil:
		return signatureList{Items: sigs.Items}
	case errors.As(err, &p) && p.Status == http.StatusConflict:
		return signatureList{Pending: true}
	}
	return signatureList{Error: describe(err).Text}
}

// officialPDF is the document page's PDF section.
type officialPDF struct {
	Shown      bool // the document was issued: its PDF is or will be there
	Signatures signatureList
	// Preview: the user drafted or may approve the draft, so may see its
	// unsigned rendering.
	Preview bool
	// Verified is the PDF attachment whose signatures the user asked to
	// check (?verify=), nil when none.
	Verified *verifiedAttachment
}

type verifiedAttachment struct {
	Attachment documentsapi.Attachment
	Signatures signatureList
}

// isPDF: an attachment that may carry PAdES signatures.
func isPDF(a documentsapi.Attachment) bool {
	mt, _, _ := mime.ParseMediaType(a.ContentType)
	return mt == "application/pdf"
}

// pdfSection reads what the document page shows of d's PDFs.
func (s *Server) pdfSection(rq *request, d documentsapi.Document, external bool) officialPDF {
	var out officialPDF
	u := rq.sess.User
	switch {
	case external: // only its attachments' signatures
	case d.Status == "issued" || d.Status == "revoked":
		out.Shown = true
		if d.PDF == nil { // the service makes it after the issue
			out.Signatures = signatureList{Pending: true}
		} else {
			out.Signatures = signaturesOf(rq.api.Documents.Signatures(rq.ctx(), d.ID))
		}
	case d.Status == "draft" || d.Status == "pending_approval" || d.Status == "approved":
		out.Preview = d.Receipt == nil && (d.Drafter.UserID == u.ID || maySign(u, nil))
	}
	if aid := rq.r.URL.Query().Get("verify"); aid != "" {
		for _, a := range d.Attachments {
			if a.ID == aid && isPDF(a) {
				out.Verified = &verifiedAttachment{Attachment: a,
					Signatures: signaturesOf(rq.api.Documents.AttachmentSignatures(rq.ctx(), d.ID, a.ID))}
			}
		}
	}
	return out
}
