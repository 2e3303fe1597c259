package console

import (
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/exchange/exchangeapi"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

type draftPage struct {
	Doc               documentsapi.NewDocument
	Units             []treeNode
	Kinds             []string
	Confidentialities []string
	Marks             []string
	NormativeKinds    map[string]bool
	// Divisions are the drafter's agency's divisions, one of which drafts
	// the document (a Công văn's notation names it: 123/UBND-VP).
	Divisions []identityapi.Unit
	// Recipients is the "Nơi nhận" block as it will print.
	Recipients []string
	// Orgs are the organisations outside the deployment (the exchange
	// directory) a document may also go to; OrgsError says why they are
	// missing.
	Orgs      []orgOffer
	OrgsError string
	OrgQ      string // the search that narrowed Orgs
	OrgsMore  bool   // the directory holds more than those offered
	Key       string // Idempotency-Key: a double-submitted form makes one draft
	Error     *session.Flash
}

func today() string { return time.Now().In(vnZone).Format("2006-01-02") }

func (s *Server) draftForm(rq *request) {
	s.showDraft(rq, http.StatusOK, documentsapi.NewDocument{Kind: "directive", Urgency: "normal",
		Confidentiality: "normal", DraftingUnitID: defaultDivision(s.units(rq), rq.sess.User.UnitID)}, nil)
}

func (s *Server) showDraft(rq *request, status int, d documentsapi.NewDocument, fail *session.Flash) {
	units := s.units(rq)
	p := draftPage{Doc: d, Kinds: draftKinds, Confidentialities: confidentialities, Marks: signingMarks,
		NormativeKinds: normativeKinds, Key: rq.r.PostFormValue("key"), Error: fail,
		Units: tree(units, "", d.Recipients), Divisions: divisions(units, rq.sess.User.UnitID)}
	p.OrgQ = strings.TrimSpace(rq.r.PostFormValue("org_q"))
	orgs, next, err := findOrgs(rq, p.OrgQ, maxOrgOffers, "")
	if err != nil {
		p.OrgsError = "Không đọc được danh bạ cơ quan ngoài hệ thống."
	}
	p.OrgsMore = next != ""
	p.Orgs = orgOffers(withChosen(rq, orgs, d.ExternalRecipients), d.ExternalRecipients)
	p.Recipients = recipientsBlock(units, d.Recipients, d.DraftingUnitID, p.Orgs)
	if p.Key == "" || fail == nil {
		p.Key = session.RandomToken()
	}
	s.render(rq, status, "draft", "Soạn dự thảo văn bản", p)
}

// orgOffer is an organisation of the directory on the draft form.
type orgOffer struct {
	exchangeapi.Organisation
	Checked bool
}

// withChosen adds to orgs the chosen organisations a search left out, so
// that they stay chosen and print in Nơi nhận; one the directory no longer
// has is kept by its code.
func withChosen(rq *request, orgs []exchangeapi.Organisation, chosen []string) []exchangeapi.Organisation {
	have := map[string]bool{}
	for _, o := range orgs {
		have[o.Code] = true
	}
	for _, c := range chosen {
		if have[c] {
			continue
		}
		have[c] = true
		o, err := rq.api.Exchange.Organisation(rq.ctx(), c)
		if err != nil {
			o = exchangeapi.Organisation{Code: c, Name: c}
		}
		orgs = append(orgs, o)
	}
	return orgs
}

// orgOffers lists the directory by name, the chosen codes checked.
func orgOffers(orgs []exchangeapi.Organisation, chosen []string) []orgOffer {
	out := make([]orgOffer, 0, len(orgs))
	for _, o := range orgs {
		out = append(out, orgOffer{Organisation: o, Checked: contains(chosen, o.Code)})
	}
	sort.SliceStable(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out
}

func (s *Server) createDraft(rq *request) {
	f := rq.r.PostForm
	d := documentsapi.NewDocument{ExternalRecipients: f["external_recipients"],
		Kind: f.Get("kind"), Summary: strings.TrimSpace(f.Get("summary")), Body: f.Get("body"),
		Urgency: f.Get("urgency"), Confidentiality: f.Get("confidentiality"),
		Recipients: f["recipients"], DueDate: f.Get("due_date"),
		DraftingUnitID: f.Get("drafting_unit_id"), SigningMark: f.Get("signing_mark"),
		// Only the kinds that can be normative carry the flag; a box left
		// ticked while the kind changed means nothing.
		Normative: f.Get("normative") != "" && normativeKinds[f.Get("kind")],
	}
	if d.Recipients == nil {
		d.Recipients = []string{}
	}
	if f.Has("preview") { // the "Nơi nhận" block as it will print; nothing sent
		s.showDraft(rq, http.StatusOK, d, nil)
		return
	}
	out, err := rq.api.Documents.Create(rq.ctx(), d, f.Get("key"))
	if err != nil {
		fl := describe(err)
		s.showDraft(rq, statusOf(err), d, &fl)
		return
	}
	rq.sess.AddFlash(session.Flash{OK: true, Text: "Đã lưu dự thảo."})
	http.Redirect(rq.w, rq.r, "/documents/"+out.ID, http.StatusSeeOther)
}

// divisions are the active divisions of the agency the unit belongs to,
// by name.
func divisions(units map[string]identityapi.Unit, unitID string) []identityapi.Unit {
	agency := agencyOf(units, unitID)
	var out []identityapi.Unit
	for _, u := range units {
		if u.Kind == "division" && u.Active && u.ID != agency && agencyOf(units, u.ID) == agency {
			out = append(out, u)
		}
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out
}

// defaultDivision is the drafter's own division; for a drafter placed at
// the agency itself, its office (Văn phòng, "VP") or else its first
// division, so that a Công văn, which needs one, is valid as offered.
func defaultDivision(units map[string]identityapi.Unit, unitID string) string {
	if u, ok := units[unitID]; ok && u.Kind == "division" {
		return u.ID
	}
	divs := divisions(units, unitID)
	for _, d := range divs {
		if strings.EqualFold(d.ShortName, "VP") {
			return d.ID
		}
	}
	if len(divs) > 0 {
		return divs[0].ID
	}
	return ""
}

// recipientsBlock is the "Nơi nhận:" block of Decree 30: one line per
// recipient, ours then the chosen organisations outside the deployment,
// then the file copies kept by the clerks (VT) and the drafting division.
func recipientsBlock(units map[string]identityapi.Unit, recipients []string, draftingUnit string, orgs []orgOffer) []string {
	var out []string
	for _, id := range recipients {
		if u, ok := units[id]; ok {
			out = append(out, "- "+u.Name+";")
		}
	}
	for _, o := range orgs {
		if o.Checked {
			out = append(out, "- "+o.Name+";")
		}
	}
	keep := "- Lưu: VT"
	if u, ok := units[draftingUnit]; ok && u.Kind == "division" && u.ShortName != "" {
		keep += ", " + u.ShortName
	}
	return append(out, keep+".")
}
