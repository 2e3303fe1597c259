package console

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

// planRow is one item row of the plan editor, as the user typed it (the
// due date stays dd/mm/yyyy until it is sent).
type planRow struct {
	Title, Description, LeadUnitID string
	Coop                           []string
	Due                            string
	Cadence                        string
	IndicatorName, IndicatorTarget string
}

func (r planRow) blank() bool {
	return strings.TrimSpace(r.Title+r.Description+r.LeadUnitID+r.Due+r.IndicatorName+r.IndicatorTarget) == "" && len(r.Coop) == 0
}

type planForm struct {
	ID                                 string // "" for a new plan
	Summary, Body, Urgency, Implements string
	Rows                               []planRow
	Key                                string
	Directives                         []documentsapi.Document
	DirectivesError                    string
	Units                              []treeNode
	Cadences                           []string
	Error                              *session.Flash
}

// maxPlanRows bounds the editor as the service bounds a plan's items.
const maxPlanRows = 2000

var planCadences = []string{"none", "weekly", "monthly", "quarterly"}

// plans lists the agency's plans, any status, a page at a time.
func (s *Server) plans(rq *request) {
	q := url.Values{"box": {"outgoing"}, "kind": {"plan"}, "limit": {"50"}}
	if c := rq.r.URL.Query().Get("cursor"); c != "" {
		q.Set("cursor", c)
	}
	page, err := rq.api.Documents.Page(rq.ctx(), q)
	if err != nil {
		s.failed(rq, err)
		return
	}
	p := boxPage{Box: "plans", Docs: page.Items}
	if page.NextCursor != "" {
		p.Next = template.URL("/plans?" + url.Values{"cursor": {page.NextCursor}}.Encode())
	}
	s.render(rq, http.StatusOK, "plans", "Kế hoạch", p)
}

func (s *Server) planNew(rq *request) {
	s.showPlan(rq, http.StatusOK, planForm{Urgency: "normal", Rows: make([]planRow, 3),
		Implements: rq.r.URL.Query().Get("implements")}, nil)
}

func (s *Server) planEdit(rq *request) {
	d, err := rq.api.Documents.Get(rq.ctx(), rq.r.PathValue("id"))
	if err != nil {
		s.failed(rq, err)
		return
	}
	if d.Kind != "plan" || d.Status != "draft" {
		s.render(rq, http.StatusConflict, "error", "Có lỗi", errorPage{Heading: "Chỉ sửa được kế hoạch đang là dự thảo.",
			Text: "Văn bản này " + label("doc", d.Status) + "."})
		return
	}
	f := planForm{ID: d.ID, Summary: d.Summary, Body: d.BodyText(), Urgency: d.Urgency, Implements: d.ImplementsDocumentID}
	for _, it := range d.Items {
		r := planRow{Title: it.Title, Description: it.Description, LeadUnitID: it.LeadUnitID, Coop: it.CooperatingUnitIDs,
			Due: date(it.DueDate), Cadence: it.ReportCadence}
		if it.Indicator != nil {
			r.IndicatorName, r.IndicatorTarget = it.Indicator.Name, it.Indicator.Target
		}
		f.Rows = append(f.Rows, r)
	}
	f.Rows = append(f.Rows, planRow{})
	s.showPlan(rq, http.StatusOK, f, nil)
}

func (s *Server) showPlan(rq *request, status int, f planForm, fail *session.Flash) {
	f.Error, f.Cadences = fail, planCadences
	f.Units = tree(s.units(rq), "", nil)
	if f.Key == "" {
		f.Key = session.RandomToken()
	}
	ds, err := rq.api.Documents.Page(rq.ctx(), url.Values{"box": {"incoming"}, "kind": {"directive"}, "limit": {"200"}})
	if err != nil {
		f.DirectivesError = describe(err).Text
	}
	for _, d := range ds.Items {
		if d.Status != "revoked" {
			f.Directives = append(f.Directives, d)
		}
	}
	title := "Soạn kế hoạch"
	if f.ID != "" {
		title = "Sửa dự thảo kế hoạch"
	}
	s.render(rq, status, "plan_edit", title, f)
}

// savePlan answers the editor's buttons: "thêm dòng" and "xóa dòng đã
// chọn" show the form again with the rows changed (nothing is sent);
// "lưu" creates the draft, or edits it when the form has an id.
func (s *Server) savePlan(rq *request) {
	f, removed := readPlanForm(rq.r.PostForm)
	f.ID = rq.r.PathValue("id")
	switch rq.r.PostForm.Get("op") {
	case "add":
		if len(f.Rows) < maxPlanRows {
			f.Rows = append(f.Rows, planRow{})
		}
		s.showPlan(rq, http.StatusOK, f, nil)
		return
	case "remove":
		f.Rows = removed
		s.showPlan(rq, http.StatusOK, f, nil)
		return
	}
	// Blank rows go now, so that the service's items[N] are the rows shown.
	f.Rows = slices.DeleteFunc(f.Rows, planRow.blank)
	items, bad := planItems(f.Rows)
	if len(bad) > 0 {
		f.Rows = append(f.Rows, planRow{})
		s.showPlan(rq, http.StatusBadRequest, f, &session.Flash{Text: "Thông tin chưa hợp lệ, vui lòng kiểm tra lại.", Details: bad})
		return
	}
	var out documentsapi.Document
	var err error
	if f.ID == "" {
		out, err = rq.api.Documents.Create(rq.ctx(), documentsapi.NewDocument{Kind: "plan", Summary: f.Summary, Body: f.Body,
			Urgency: f.Urgency, Recipients: []string{}, ImplementsDocumentID: f.Implements, Items: items}, f.Key)
	} else {
		// Every field is sent, so a cleared one clears and removed items
		// go; recipients are named empty so that they follow the items
		// again (the service adds every unit an item names).
		out, err = rq.api.Documents.Update(rq.ctx(), f.ID, documentsapi.Patch{Summary: new(f.Summary), Body: new(f.Body),
			Urgency: new(f.Urgency), Recipients: new([]string{}), ImplementsDocumentID: new(f.Implements), Items: new(items)})
	}
	if err != nil {
		fl := describe(err)
		f.Rows = append(f.Rows, planRow{})
		s.showPlan(rq, statusOf(err), f, &fl)
		return
	}
	msg := "Đã lưu dự thảo kế hoạch."
	if f.ID != "" {
		msg = "Đã lưu các thay đổi của dự thảo kế hoạch."
	}
	rq.sess.AddFlash(session.Flash{OK: true, Text: msg})
	http.Redirect(rq.w, rq.r, "/documents/"+url.PathEscape(out.ID), http.StatusSeeOther)
}

// readPlanForm reads the editor's fields; rows are row-N-<field> for N
// below "rows". It also returns the rows left when those ticked for
// removal are taken out.
func readPlanForm(v url.Values) (planForm, []planRow) {
	f := planForm{Summary: strings.TrimSpace(v.Get("summary")), Body: v.Get("body"), Urgency: v.Get("urgency"),
		Implements: v.Get("implements_document_id"), Key: v.Get("key")}
	n, _ := strconv.Atoi(v.Get("rows"))
	n = min(max(n, 0), maxPlanRows)
	var kept []planRow
	for i := range n {
		get := func(name string) string { return strings.TrimSpace(v.Get(fmt.Sprintf("row-%d-%s", i, name))) }
		r := planRow{Title: get("title"), Description: get("description"), LeadUnitID: get("lead"),
			Coop: v[fmt.Sprintf("row-%d-coop", i)], Due: get("due"), Cadence: get("cadence"),
			IndicatorName: get("indicator_name"), IndicatorTarget: get("indicator_target")}
		f.Rows = append(f.Rows, r)
		if get("remove") == "" {
			kept = append(kept, r)
		}
	}
	return f, kept
}

// planItems turns the rows into items;
// a date that is not dd/mm/yyyy is named here, before anything is sent.
func planItems(rows []planRow) ([]documentsapi.Item, []string) {
	items := []documentsapi.Item{}
	var bad []string
	for i, r := range rows {
		due, ok := parseDay(r.Due)
		if !ok {
			bad = append(bad, fmt.Sprintf("Nhiệm vụ %d — %s: phải là ngày dạng dd/mm/yyyy", i+1, label("field", "item_due_date")))
		}
		coop := r.Coop
		if coop == nil {
			coop = []string{}
		}
		it := documentsapi.Item{Title: r.Title, Description: r.Description, LeadUnitID: r.LeadUnitID,
			CooperatingUnitIDs: coop, DueDate: due, ReportCadence: r.Cadence}
		if r.IndicatorName != "" || r.IndicatorTarget != "" {
			it.Indicator = &documentsapi.Indicator{Name: r.IndicatorName, Target: r.IndicatorTarget}
		}
		items = append(items, it)
	}
	return items, bad
}
