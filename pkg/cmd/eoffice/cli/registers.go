package cli

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
)

// runRegisters prints an agency's register of a year, or saves it as a
// spreadsheet or a printable PDF (-o FILE).
func runRegisters(ctx context.Context, a *App, args []string) error {
	const use = "registers: outgoing|incoming [--year Y] [--agency ID] [--from D] [--to D] [--kind K] [--channel C] [--sender S] [--recipient R] [--confidential] [--format json|xlsx|pdf -o FILE]"
	if len(args) == 0 || (args[0] != "outgoing" && args[0] != "incoming") {
		return usagef(use)
	}
	book := args[0]
	f := a.flags("registers " + book)
	year := f.Int("year", 0, "the register's year (default: this year)")
	agency := f.String("agency", "", "the agency's id (default: yours)")
	from := f.String("from", "", "issued or arrived on or after YYYY-MM-DD")
	to := f.String("to", "", "issued or arrived on or before YYYY-MM-DD")
	kind := f.String("kind", "", "document kind")
	channel := f.String("channel", "", "internal, exchange or paper")
	sender := f.String("sender", "", "incoming: the sender (id, code or part of the name)")
	recipient := f.String("recipient", "", "a recipient (id, code or part of the name)")
	confidential := f.Bool("confidential", false, "the confidential register")
	format := f.String("format", "", "json, xlsx or pdf (default: a table on the terminal)")
	out := f.String("o", "", "write the file here (xlsx, pdf)")
	if _, err := f.parse(args[1:], 0, 0); err != nil {
		return err
	}
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	if *year != 0 {
		q.Set("year", strconv.Itoa(*year))
	}
	set("agency_id", *agency)
	set("from", *from)
	set("to", *to)
	set("kind", *kind)
	set("channel", *channel)
	set("sender", *sender)
	set("recipient", *recipient)
	if *confidential {
		q.Set("confidential", "true")
	}
	c, err := a.client()
	if err != nil {
		return err
	}
	if *format == "xlsx" || *format == "pdf" {
		if *out == "" {
			return usagef("registers: --format %s needs -o FILE", *format)
		}
		q.Set("format", *format)
		return a.download(*out, func() (*http.Response, error) { return c.Documents.OpenRegister(ctx, book, q) })
	}
	if *format != "" && *format != "json" {
		return usagef("registers: --format must be json, xlsx or pdf")
	}
	reg, err := c.Documents.Register(ctx, book, q)
	if err != nil {
		return err
	}
	if *f.json || *format == "json" {
		return printJSON(a.Stdout, reg)
	}
	rows := make([][]string, 0, len(reg.Items))
	for _, it := range reg.Items {
		who := strings.Join(it.Recipients, "; ")
		if book == "incoming" {
			who = it.Sender
		}
		rows = append(rows, []string{strconv.FormatInt(it.Number, 10), it.Notation, a.date(it.DocumentDate), who, a.kind(it.Kind) + " " + it.Summary})
	}
	head := a.header("NO.", "NOTATION", "DATE", "RECIPIENTS", "SUMMARY")
	if book == "incoming" {
		head = a.header("INCOMING NO.", "NOTATION", "DATE", "AUTHOR", "SUMMARY")
	}
	return table(a.Stdout, head, rows)
}

// statsDocuments prints an agency's document figures of a period, or
// saves them as a spreadsheet (--format xlsx -o FILE).
func statsDocuments(ctx context.Context, a *App, args []string) error {
	f := a.flags("stats documents")
	from := f.String("from", "", "first day YYYY-MM-DD (required)")
	to := f.String("to", "", "last day YYYY-MM-DD (required)")
	agency := f.String("agency", "", "the agency's id (default: yours)")
	format := f.String("format", "", "json or xlsx (default: a table)")
	out := f.String("o", "", "write the spreadsheet here")
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	if *from == "" || *to == "" {
		return usagef("stats: --from and --to are required")
	}
	q := url.Values{"from": {*from}, "to": {*to}}
	if *agency != "" {
		q.Set("agency_id", *agency)
	}
	c, err := a.client()
	if err != nil {
		return err
	}
	if *format == "xlsx" {
		if *out == "" {
			return usagef("stats: --format xlsx needs -o FILE")
		}
		q.Set("format", "xlsx")
		return a.download(*out, func() (*http.Response, error) { return c.Documents.OpenStatistics(ctx, q) })
	}
	st, err := c.Documents.Statistics(ctx, q)
	if err != nil {
		return err
	}
	if *f.json || *format == "json" {
		return printJSON(a.Stdout, st)
	}
	return a.printStatistics(a.Stdout, st)
}

func (a *App) printStatistics(w io.Writer, st documentsapi.Statistics) error {
	rows := [][]string{{a.tr("Total"), strconv.Itoa(st.Received.Total), strconv.Itoa(st.Sent.Total)}}
	for _, ch := range []struct{ key, label string }{{"exchange", "Through the exchange"}, {"internal", "Within the system"}, {"paper", "On paper"}} {
		rows = append(rows, []string{a.tr(ch.label), strconv.Itoa(st.Received.ByChannel[ch.key]), strconv.Itoa(st.Sent.ByChannel[ch.key])})
	}
	rows = append(rows, []string{a.tr("Handled fully electronically"), strconv.Itoa(st.Electronic.Received), strconv.Itoa(st.Electronic.Sent)},
		[]string{a.tr("Electronic share"), strconv.FormatFloat(st.Electronic.Share*100, 'f', 1, 64) + "%", ""})
	if err := table(w, a.header("FIGURE", "RECEIVED", "SENT"), rows); err != nil {
		return err
	}
	fmt.Fprintln(w)
	days := func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
	var hs [][]string
	for _, h := range st.Handling {
		who := a.tr("Whole agency")
		if h.UserID != "" || h.UnitID != "" {
			who = h.Name
			if who == "" {
				who = h.UserID + h.UnitID
			}
		}
		hs = append(hs, []string{who, strconv.Itoa(h.Registered), days(h.ToRegistrationMedianDays), days(h.ToRegistrationP90Days),
			strconv.Itoa(h.Directed), days(h.ToDirectionMedianDays), days(h.ToDirectionP90Days)})
	}
	return table(w, a.header("UNIT / PERSON", "REGISTERED", "MEDIAN (DAYS)", "90%", "DIRECTED", "MEDIAN (DAYS)", "90%"), hs)
}

// download saves what open returns to path.
func (a *App) download(path string, open func() (*http.Response, error)) error {
	resp, err := open()
	if err != nil {
		return err
	}
	body := resp.Body
	defer body.Close()
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	n, err := io.Copy(f, body)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return a.errf("write %s: %w", path, err)
	}
	fmt.Fprintln(a.Stderr, a.trf("%s: %d bytes", path, n))
	return nil
}
