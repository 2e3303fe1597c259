package console

import (
	"html/template"
	"net/http"
	"net/url"

	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

type boxPage struct {
	Box, Q, Status string
	Docs           []documentsapi.Document
	Next           template.URL // the next page, "" on the last
	Statuses       []string
	// Channel filters the incoming box: internal, exchange or paper.
	Channel  string
	Channels []string
	// Sends: per document of the outgoing box sent by exchange, its
	// external recipients counted by state.
	Sends map[string][]stateCount
}

// boxFilters are the query parameters a box passes on to the service.
var boxFilters = []string{"q", "status", "kind", "channel"}

// box lists the incoming or outgoing documents, a page at a time, with the
// service's accent-insensitive search.
func (s *Server) box(box string) func(*request) {
	return func(rq *request) {
		in := rq.r.URL.Query()
		q := url.Values{"box": {box}, "limit": {"50"}}
		for _, k := range append(boxFilters, "cursor") {
			if v := in.Get(k); v != "" {
				q.Set(k, v)
			}
		}
		page, err := rq.api.Documents.Page(rq.ctx(), q)
		if err != nil {
			s.failed(rq, err)
			return
		}
		p := boxPage{Box: box, Q: in.Get("q"), Status: in.Get("status"), Docs: page.Items}
		if box == "incoming" {
			p.Statuses = []string{"received", "registered", "directed", "done", "refused"}
			p.Channel, p.Channels = in.Get("channel"), channels
		} else {
			p.Statuses = []string{"draft", "pending_approval", "approved", "issued", "revoked"}
			p.Sends = s.outgoingSends(rq, page.Items)
		}
		if page.NextCursor != "" {
			next := url.Values{"cursor": {page.NextCursor}}
			for _, k := range boxFilters {
				if v := in.Get(k); v != "" {
					next.Set(k, v)
				}
			}
			p.Next = template.URL("/" + box + "?" + next.Encode()) // encoded here, safe
		}
		title := "Văn bản đến"
		switch box {
		case "outgoing":
			title = "Văn bản đi"
		case "for_information":
			title, p.Statuses = "Văn bản để biết", nil
		}
		s.render(rq, http.StatusOK, box, title, p)
	}
}

type documentPage struct {
	Doc          documentsapi.Document
	History      []historyLine
	HistoryError string
	// Directable are the units a direction may name: the receipt's agency
	// and the units under it.
	Directable []treeNode
	Today      string
	Can        documentCan
	MaxUpload  int64  // attachment size limit, shown by the upload form
	UploadKey  string // Idempotency-Key of the upload form
	// Marks a signer may choose from, the draft's requested one first.
	Marks []string
	// Copies made of the document, and why they could not be read.
	Copies      []documentsapi.Document
	CopiesError string
	CopyForms   []string
	CopyKey     string     // Idempotency-Key of the copy form
	CopyTo      []treeNode // the units a copy may go to
	PDF         officialPDF
	// Exchange: the packages that carry the document out or brought it in.
	Exchange exchangeSection
	Routing  routingView
}

// documentCan is which actions the page offers the user; the service
// still decides, and its refusal is shown when it says no.
type documentCan struct {
	Submit, Approve, Issue, Revoke, Register, Direct bool
	// Copy: a clerk makes a copy (bản sao) of an issued or received
	// document.
	Copy bool
	// Refuse: a clerk refuses a document that came by exchange and waits
	// for registration (its sender is told why).
	Refuse bool
	// Upload: the drafter adds files to a draft; the clerk who registered
	// a paper document, its scans.
	Upload bool
}

// Any is true when the page offers some action.
func (c documentCan) Any() bool {
	return c.Submit || c.Approve || c.Issue || c.Revoke || c.Register || c.Direct || c.Copy || c.Refuse
}

// offeredCrossing adds to c what the page offers u on a document that came
// from outside.
func offeredCrossing(c documentCan, d documentsapi.Document, u session.User) documentCan {
	c.Upload = c.Submit
	if r := d.Receipt; r != nil && u.HasRole("clerk") {
		c.Refuse = d.Channel == "exchange" && r.Status == "received"
		c.Upload = c.Upload || d.Channel == "paper"
	}
	return c
}

// offered is what the page offers u on d; signs says whether u may sign
// at all (maySign).
func offered(d documentsapi.Document, u session.User, signs bool) documentCan {
	c := documentCan{
		Submit:  d.Status == "draft" && (d.Drafter.UserID == "" || d.Drafter.UserID == u.ID),
		Approve: d.Status == "pending_approval" && signs && d.Receipt == nil,
		Issue:   d.Status == "approved" && u.HasRole("clerk") && d.Receipt == nil,
		Revoke:  d.Status == "issued" && u.HasRole("leader") && d.Receipt == nil,
		Copy:    d.Status == "issued" && u.HasRole("clerk"),
	}
	if r := d.Receipt; r != nil && d.Status == "issued" {
		c.Register = r.Status == "received" && u.HasRole("clerk")
		c.Direct = r.Status == "registered" && u.HasRole("leader")
	}
	if d.RoutingActions != nil { // the service says who holds it: the routing forms take over
		c.Direct = false
	}
	return c
}

func (s *Server) document(rq *request) {
	d, err := rq.api.Documents.Get(rq.ctx(), rq.r.PathValue("id"))
	if err != nil {
		s.failed(rq, err)
		return
	}
	signs := false
	if d.Status == "pending_approval" && d.Receipt == nil {
		signs = maySign(rq.sess.User, nil)
		if !signs { // an authorisation in force may make them a signer
			auths, _ := rq.api.Documents.Authorisations(rq.ctx())
			signs = maySign(rq.sess.User, auths)
		}
	}
	p := documentPage{Doc: d, Today: today(), Can: offeredCrossing(offered(d, rq.sess.User, signs), d, rq.sess.User), MaxUpload: s.maxAttachment(),
		UploadKey: session.RandomToken(), CopyForms: copyForms, CopyKey: session.RandomToken(),
		Marks: marksFirst(d.SigningMark)}
	if d.Status == "issued" && d.CopyOfDocumentID == "" {
		if copies, err := rq.api.Documents.Copies(rq.ctx(), d.ID); err != nil {
			p.CopiesError = describe(err).Text
		} else {
			p.Copies = copies
		}
	}
	if h, err := rq.api.Documents.History(rq.ctx(), d.ID); err != nil {
		p.HistoryError = describe(err).Text
	} else {
		p.History = documentHistory(h)
	}
	p.Exchange = s.documentExchange(rq, d)
	// One that came from outside has its sender's files, no PDF of ours.
	p.PDF = s.pdfSection(rq, d, d.Channel == "exchange" || d.Channel == "paper")
	if p.Can.Copy {
		p.CopyTo = tree(s.units(rq), "", nil)
	}
	if d.Receipt != nil {
		p.Directable = tree(s.units(rq), d.Receipt.AgencyID, nil)
	}
	p.Routing = s.routingView(rq, d)
	if p.Routing.Actions["direct"] && p.Directable == nil {
		p.Directable = tree(s.units(rq), s.units(rq)[rq.sess.User.UnitID].AgencyID, nil)
	}
	title := d.Summary
	if d.Notation != "" {
		title = d.Notation + " — " + d.Summary
	}
	s.render(rq, http.StatusOK, "document", title, p)
}

// marksFirst lists the signing marks with the requested one first, so the
// signer's form offers it.
func marksFirst(requested string) []string {
	out := []string{requested}
	for _, m := range signingMarks {
		if m != requested {
			out = append(out, m)
		}
	}
	return out
}
