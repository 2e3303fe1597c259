package console

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apis"
	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/exchange/exchangeapi"
)

// externalSend is one external recipient of an issued document and the
// package that carries it to them (nil before exchange has made it).
type externalSend struct {
	documentsapi.ExternalRecipient
	Package *exchangeapi.Package
}

// State is the package's latest state, "queued" while exchange has not
// made it yet.
func (e externalSend) State() string {
	if e.Package == nil {
		return "queued"
	}
	return e.Package.State
}

// Reason is why the recipient refused it: the package's reason, else the
// note of the refusal it reported.
func (e externalSend) Reason() string {
	if e.Package == nil || e.Package.State != "refused" {
		return ""
	}
	if e.Package.Reason != "" {
		return e.Package.Reason
	}
	for i := len(e.Package.Statuses) - 1; i >= 0; i-- {
		if st := e.Package.Statuses[i]; st.Code == "02" && st.Direction == "received" {
			return st.Note
		}
	}
	return ""
}

// Built is true once its edXML exists to download.
func (e externalSend) Built() bool {
	return e.Package != nil && e.Package.State != "waiting_pdf" && e.Package.State != "building"
}

// At is when its state last changed.
func (e externalSend) At() time.Time {
	if e.Package == nil {
		return time.Time{}
	}
	at := e.Package.UpdatedAt
	for _, st := range e.Package.Statuses {
		if st.At.After(at) {
			at = st.At
		}
	}
	return at
}

// exchangeSection is what the document page shows of the packages that
// carry a document: to each external recipient of one we issued, or the
// one it came in.
type exchangeSection struct {
	Sends    []externalSend
	Incoming *exchangeapi.Package
	Error    string // why the packages could not be read
}

// documentExchange reads the packages of d when it has any: those sent to
// its external recipients once issued, or the one it came in by exchange.
func (s *Server) documentExchange(rq *request, d documentsapi.Document) exchangeSection {
	var out exchangeSection
	direction := ""
	switch {
	case d.Channel == "exchange":
		direction = "in"
	case len(d.ExternalRecipients) > 0 && d.Receipt == nil && (d.Status == "issued" || d.Status == "revoked"):
		direction = "out"
	default:
		return out
	}
	page, err := rq.api.Exchange.Packages(rq.ctx(), url.Values{"direction": {direction}, "document_id": {d.ID}, "limit": {"500"}})
	pkgs := page.Items
	if err != nil {
		out.Error = exchangeUnread(err)
	}
	if direction == "in" {
		if len(pkgs) > 0 {
			out.Incoming = &pkgs[0]
		}
		return out
	}
	// Newest first: the first package to a code is its latest (a resend
	// makes another).
	byCode := map[string]*exchangeapi.Package{}
	for i := range pkgs {
		if _, ok := byCode[pkgs[i].OrganisationCode]; !ok {
			byCode[pkgs[i].OrganisationCode] = &pkgs[i]
		}
	}
	for _, r := range d.ExternalRecipients {
		out.Sends = append(out.Sends, externalSend{ExternalRecipient: r, Package: byCode[r.Code]})
	}
	return out
}

// exchangeUnread says why the page shows no packages: exchange shows the
// agency's staff its outgoing packages, and what came in to its clerks only.
func exchangeUnread(err error) string {
	var p *client.Problem
	if errors.As(err, &p) && p.Status == http.StatusForbidden {
		return "Văn thư của cơ quan xem được gói tin liên thông đã nhận của văn bản này."
	}
	return "Không đọc được tình hình gửi, nhận liên thông: " + describe(err).Text
}

// downloadEDXML streams a package's edXML as a file to save.
func (s *Server) downloadEDXML(rq *request) {
	id := rq.r.PathValue("id")
	files := apis.New(&client.Client{URLs: s.cfg.URLs, HTTP: s.transfer(), Tokens: rq.sess})
	resp, err := files.Exchange.OpenEdxml(rq.ctx(), id)
	if err != nil {
		s.failed(rq, err)
		return
	}
	defer resp.Body.Close()
	h := rq.w.Header()
	if v := resp.Header.Get("Content-Length"); v != "" {
		h.Set("Content-Length", v)
	}
	// Always a file to save, never a page of this site.
	h.Set("Content-Type", "application/xml")
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": id + ".edxml"}))
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	rq.w.WriteHeader(http.StatusOK)
	httpx.ExtendWrite(rq.ctx())
	if _, err := io.Copy(rq.w, resp.Body); err != nil {
		s.cfg.Log.WarnContext(rq.ctx(), "edxml download cut", "path", rq.r.URL.Path, "err", err)
	}
}

// stateCount is how many of a document's external recipients are in one
// state, for the outgoing box.
type stateCount struct {
	State string
	N     int
}

// sendStates orders the states a sent package reports, earliest first.
var sendStates = []string{"waiting_pdf", "building", "queued", "sent", "delivered", "arrived", "registered", "assigned", "handling", "done", "refused", "failed"}

// outgoingSends tells, per document of the outgoing box sent to external
// recipients, how many of them are in each state: one read of the
// agency's newest packages (exchange shows them to clerks), then the
// documents it did not cover, a few at most. Nothing when it cannot read.
func (s *Server) outgoingSends(rq *request, docs []documentsapi.Document) map[string][]stateCount {
	// A box's items may not carry their external recipients: any issued
	// one may have packages.
	var sent []documentsapi.Document
	for _, d := range docs {
		if d.Status == "issued" || d.Status == "revoked" {
			sent = append(sent, d)
		}
	}
	if len(sent) == 0 || !rq.sess.User.HasRole("clerk") {
		return nil
	}
	page, err := rq.api.Exchange.Packages(rq.ctx(), url.Values{"direction": {"out"}, "limit": {"500"}})
	if err != nil {
		return nil
	}
	byDoc := map[string][]exchangeapi.Package{}
	for _, p := range page.Items {
		byDoc[p.DocumentID] = append(byDoc[p.DocumentID], p)
	}
	const maxLookups = 10
	lookups := 0
	out := map[string][]stateCount{}
	for _, d := range sent {
		pkgs, ok := byDoc[d.ID]
		if !ok && len(d.ExternalRecipients) > 0 && page.NextCursor != "" && lookups < maxLookups { // older than the page read
			lookups++
			more, err := rq.api.Exchange.Packages(rq.ctx(), url.Values{"direction": {"out"}, "document_id": {d.ID}, "limit": {"500"}})
			if err != nil {
				continue
			}
			pkgs = more.Items
		}
		if c := countStates(d, pkgs); len(c) > 0 {
			out[d.ID] = c
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// countStates counts d's external recipients by the state of the newest
// package to each: those its packages name, and those d names that have
// none yet (queued).
func countStates(d documentsapi.Document, pkgs []exchangeapi.Package) []stateCount {
	n := map[string]int{}
	seen := map[string]bool{}
	for _, p := range pkgs { // newest first
		if p.DocumentID == d.ID && !seen[p.OrganisationCode] {
			seen[p.OrganisationCode] = true
			n[p.State]++
		}
	}
	for _, r := range d.ExternalRecipients {
		if !seen[r.Code] {
			seen[r.Code] = true
			n["queued"]++
		}
	}
	var out []stateCount
	for _, st := range sendStates {
		if n[st] > 0 {
			out = append(out, stateCount{st, n[st]})
			delete(n, st)
		}
	}
	for st, c := range n { // a state new to the console, as it came
		out = append(out, stateCount{st, c})
	}
	return out
}
