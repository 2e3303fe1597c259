package console

import (
	"html/template"
	"net/http"
	"net/url"

	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
)

// searchFields are the search form's fields, passed on to the documents
// service as they are (it checks them and answers 400 naming the field).
var searchFields = []string{"box", "q", "notation", "incoming_number", "sender", "recipient", "signer", "kind", "from", "to", "status", "channel"}

type searchPage struct {
	In       map[string]string // the form as filled
	Searched bool              // a field was filled: results are shown
	Docs     []documentsapi.Document
	Next     template.URL
	Kinds    []string
	Statuses []string
	Channels []string
}

// search is "Tìm kiếm văn bản": every document the user may see, by any of
// the fields combined, newest first (a notation typed comes first).
func (s *Server) search(rq *request) {
	in := rq.r.URL.Query()
	p := searchPage{In: map[string]string{}, Kinds: draftKinds, Channels: channels,
		Statuses: []string{"draft", "pending_approval", "approved", "issued", "revoked"}}
	q := url.Values{"limit": {"50"}}
	for _, k := range searchFields {
		if v := in.Get(k); v != "" {
			p.In[k] = v
			q.Set(k, v)
			p.Searched = p.Searched || k != "box"
		}
	}
	if in.Get("box") == "incoming" {
		p.Statuses = []string{"received", "registered", "directed", "done", "refused"}
	}
	if !p.Searched {
		s.render(rq, http.StatusOK, "search", "Tìm kiếm văn bản", p)
		return
	}
	if c := in.Get("cursor"); c != "" {
		q.Set("cursor", c)
	}
	page, err := rq.api.Documents.Page(rq.ctx(), q)
	if err != nil {
		s.failed(rq, err)
		return
	}
	p.Docs = page.Items
	if page.NextCursor != "" {
		next := url.Values{"cursor": {page.NextCursor}}
		for k, v := range p.In {
			next.Set(k, v)
		}
		p.Next = template.URL("/search?" + next.Encode()) // encoded here, safe
	}
	s.render(rq, http.StatusOK, "search", "Tìm kiếm văn bản", p)
}

// IssuedHere is true for a document the user's agency issued: the search
// results name its recipients, the others' sender.
func (v view) IssuedHere(d documentsapi.Document) bool {
	id := v.User.UnitID
	for range 10 { // a unit's agency is a few levels up at most
		u, ok := v.Units[id]
		if !ok {
			return false
		}
		if u.Kind == "agency" {
			return d.IssuerUnitID == id
		}
		id = string(u.ParentID)
	}
	return false
}
