package console

import (
	"html/template"
	"io"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apis"
	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

type registersPage struct {
	Book, Year, From, To, Channel, Sender, Recipient, Kind string
	Kinds                                                  []string
	Confidential                                           bool
	Register                                               documentsapi.Register
	Excel, PDF                                             template.URL
	// First (the register's start) and Next link its pages; both empty
	// when it fits on one.
	First, Next template.URL
	PageSize    int
	Error       string
}

// registerPageSize is how many entries a register page shows: a busy
// agency's year is tens of thousands, its files hold them all.
const registerPageSize = 100

// registerQuery reads the register form into the service's query; the
// dates typed dd/mm/yyyy go as YYYY-MM-DD.
func registerQuery(in url.Values) (registersPage, url.Values, string) {
	p := registersPage{Book: in.Get("book"), Year: in.Get("year"), From: in.Get("from"), To: in.Get("to"), Channel: in.Get("channel"),
		Sender: in.Get("sender"), Recipient: in.Get("recipient"), Kind: in.Get("kind"), Kinds: draftKinds,
		Confidential: in.Get("confidential") == "1"}
	if p.Book != "outgoing" {
		p.Book = "incoming"
	}
	if p.Year == "" {
		p.Year = strconv.Itoa(time.Now().In(vnZone).Year())
	}
	q := url.Values{"year": {p.Year}}
	for k, v := range map[string]string{"channel": p.Channel, "sender": p.Sender, "recipient": p.Recipient, "kind": p.Kind} {
		if v != "" {
			q.Set(k, v)
		}
	}
	for k, v := range map[string]string{"from": p.From, "to": p.To} {
		if v == "" {
			continue
		}
		d, ok := parseDay(v)
		if !ok {
			return p, q, "Ngày phải viết dạng dd/mm/yyyy."
		}
		q.Set(k, d)
	}
	if _, err := strconv.Atoi(p.Year); err != nil {
		return p, q, "Năm phải là một số, ví dụ " + strconv.Itoa(time.Now().In(vnZone).Year()) + "."
	}
	if p.Confidential {
		q.Set("confidential", "true")
	}
	return p, q, ""
}

// registers is "Sổ văn bản": the agency's outgoing or incoming register of
// a year as a table, with its spreadsheet and its printable PDF.
func (s *Server) registers(rq *request) {
	p, q, msg := registerQuery(rq.r.URL.Query())
	if msg != "" {
		p.Error = msg
		s.render(rq, http.StatusBadRequest, "registers", "Sổ văn bản", p)
		return
	}
	q.Set("limit", strconv.Itoa(registerPageSize))
	cursor := rq.r.URL.Query().Get("cursor")
	if cursor != "" {
		q.Set("cursor", cursor)
	}
	reg, err := rq.api.Documents.Register(rq.ctx(), p.Book, q)
	if err != nil {
		s.failed(rq, err)
		return
	}
	p.Register, p.PageSize = reg, registerPageSize
	link := func(path string, set map[string]string) template.URL {
		f := rq.r.URL.Query()
		f.Del("cursor")
		f.Set("book", p.Book)
		for k, v := range set {
			f.Set(k, v)
		}
		return template.URL(path + "?" + f.Encode()) // encoded here, safe
	}
	p.Excel, p.PDF = link("/registers/file", map[string]string{"format": "xlsx"}), link("/registers/file", map[string]string{"format": "pdf"})
	if reg.NextCursor != "" {
		p.Next = link("/registers", map[string]string{"cursor": reg.NextCursor})
	}
	if cursor != "" {
		p.First = link("/registers", nil)
	}
	s.render(rq, http.StatusOK, "registers", "Sổ văn bản", p)
}

// registerFile passes the service's spreadsheet or PDF of a register (or
// of the statistics) on as a download.
func (s *Server) registerFile(rq *request) {
	in := rq.r.URL.Query()
	format := in.Get("format")
	if format != "xlsx" && format != "pdf" {
		s.notFound(rq.w, rq.r)
		return
	}
	files := apis.New(&client.Client{URLs: s.cfg.URLs, HTTP: s.transfer(), Tokens: rq.sess})
	var resp *http.Response
	var err error
	if rq.r.URL.Path == "/statistics/file" {
		q, msg := statisticsQuery(in)
		if msg != "" || format != "xlsx" {
			s.notFound(rq.w, rq.r)
			return
		}
		if in.Get("kind") == "tasks" {
			resp, err = files.Tasks.OpenAnalytics(rq.ctx(), tasksapi.AnalyticsQuery{From: q.Get("from"), To: q.Get("to"),
				Group: in.Get("group"), UnitID: in.Get("unit_id")})
		} else {
			q.Set("format", format)
			resp, err = files.Documents.OpenStatistics(rq.ctx(), q)
		}
	} else {
		p, q, msg := registerQuery(in)
		if msg != "" {
			s.notFound(rq.w, rq.r)
			return
		}
		q.Set("format", format)
		resp, err = files.Documents.OpenRegister(rq.ctx(), p.Book, q)
	}
	if err != nil {
		s.failed(rq, err)
		return
	}
	defer resp.Body.Close()
	h := rq.w.Header()
	h.Set("Content-Type", "application/pdf")
	if format == "xlsx" {
		h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	}
	params := map[string]string{}
	if _, ps, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition")); err == nil && ps["filename"] != "" {
		params["filename"] = ps["filename"]
	}
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", params))
	h.Set("Cache-Control", "private, no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	rq.w.WriteHeader(http.StatusOK)
	if _, err := io.Copy(rq.w, resp.Body); err != nil {
		s.cfg.Log.WarnContext(rq.ctx(), "register file cut", "path", rq.r.URL.Path, "err", err)
	}
}

type statBar struct {
	Label     string
	In, Out   int
	WIn, WOut float64 // widths of the bars, 0..300
}

// statRow is a count of documents received and sent under one name (a
// kind, a degree of urgency).
type statRow struct {
	Label   string
	In, Out int
}

type statisticsPage struct {
	From, To string
	Stats    documentsapi.Statistics
	// DocsRefused says why the caller sees no document figures.
	DocsRefused      string
	Tasks            taskAnalytics
	Channels         []statBar
	Kinds, Urgencies []statRow
	Share            string
	Excel            template.URL
	Error            string
}

func statisticsQuery(in url.Values) (url.Values, string) {
	from, okFrom := parseDay(in.Get("from"))
	to, okTo := parseDay(in.Get("to"))
	switch {
	case !okFrom || !okTo:
		return nil, "Ngày phải viết dạng dd/mm/yyyy."
	case from > to:
		return nil, "Ngày bắt đầu phải trước ngày kết thúc."
	}
	return url.Values{"from": {from}, "to": {to}}, ""
}

// statistics is "Thống kê văn bản": received and sent by channel as bars,
// the share handled fully electronically, and handling times.
func (s *Server) statistics(rq *request) {
	in := rq.r.URL.Query()
	year := strconv.Itoa(time.Now().In(vnZone).Year())
	if in.Get("from") == "" {
		in.Set("from", "01/01/"+year)
	}
	if in.Get("to") == "" {
		in.Set("to", "31/12/"+year)
	}
	p := statisticsPage{From: in.Get("from"), To: in.Get("to"), Tasks: taskAnalytics{Group: in.Get("group")}}
	q, msg := statisticsQuery(in)
	if msg != "" {
		p.Error = msg
		s.render(rq, http.StatusBadRequest, "statistics", "Thống kê văn bản", p)
		return
	}
	p.From, p.To = date(q.Get("from")), date(q.Get("to"))
	st, err := rq.api.Documents.Statistics(rq.ctx(), q)
	if refused(err) {
		p.DocsRefused, err = "Thống kê văn bản dành cho lãnh đạo và văn thư của cơ quan.", nil
	}
	if err != nil {
		s.failed(rq, err)
		return
	}
	p.Stats = st
	if p.Tasks, err = s.loadTaskAnalytics(rq, q, in.Get("group")); err != nil {
		s.failed(rq, err)
		return
	}
	scale := 1
	for _, c := range []string{"exchange", "internal", "paper"} {
		scale = max(scale, st.Received.ByChannel[c], st.Sent.ByChannel[c])
	}
	for _, c := range []struct{ key, label string }{{"exchange", "Qua trục liên thông quốc gia"}, {"internal", "Trong hệ thống"}, {"paper", "Bản giấy"}} {
		in, out := st.Received.ByChannel[c.key], st.Sent.ByChannel[c.key]
		p.Channels = append(p.Channels, statBar{Label: c.label, In: in, Out: out,
			WIn: 300 * float64(in) / float64(scale), WOut: 300 * float64(out) / float64(scale)})
	}
	p.Kinds = statRows(st, draftKinds, "kind", func(t documentsapi.Tally) map[string]int { return t.ByKind })
	p.Urgencies = statRows(st, []string{"normal", "urgent", "very_urgent", "flash"}, "urgency",
		func(t documentsapi.Tally) map[string]int { return t.ByUrgency })
	p.Share = decimal(st.Electronic.Share*100, 1) + "%"
	p.Excel = template.URL("/statistics/file?" + url.Values{"from": {p.From}, "to": {p.To}, "format": {"xlsx"}}.Encode()) // encoded here, safe
	s.render(rq, http.StatusOK, "statistics", "Thống kê", p)
}

// statRows are the counts of each code in order, by its name; codes with no
// document are left out, and codes the list does not know come last.
func statRows(st documentsapi.Statistics, order []string, kind string, of func(documentsapi.Tally) map[string]int) []statRow {
	in, out := of(st.Received), of(st.Sent)
	var rows []statRow
	seen := map[string]bool{}
	add := func(code string) {
		if seen[code] || in[code]+out[code] == 0 {
			return
		}
		seen[code] = true
		rows = append(rows, statRow{Label: label(kind, code), In: in[code], Out: out[code]})
	}
	for _, c := range order {
		add(c)
	}
	for _, m := range []map[string]int{in, out} {
		for _, c := range slices.Sorted(maps.Keys(m)) {
			add(c)
		}
	}
	return rows
}

func init() { funcs["decimal"] = decimal }
