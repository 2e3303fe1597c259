package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apis"
	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/wording"
	"github.com/eoffice-vn/eoffice/services/exchange/exchangeapi"
)

// Exchange with organisations outside the deployment: edXML packages in
// and out, and the directory of those organisations.

// vnZone is Asia/Ho_Chi_Minh (no daylight saving since 1975): the times
// clerks read.
var vnZone = time.FixedZone("ICT", 7*3600)

func runExchange(ctx context.Context, a *App, args []string) error {
	if len(args) == 0 {
		return usagef("exchange: import FILE | packages [--in|--out] [--document ID] [--state S] | get ID [--edxml FILE] | orgs [--q TEXT] | orgs import FILE")
	}
	switch sub, rest := args[0], args[1:]; sub {
	case "import":
		return exchangeImport(ctx, a, rest)
	case "packages":
		return exchangePackages(ctx, a, rest)
	case "get":
		return exchangeGet(ctx, a, rest)
	case "orgs":
		if len(rest) > 0 && rest[0] == "import" {
			return exchangeOrgsImport(ctx, a, rest[1:])
		}
		return exchangeOrgs(ctx, a, rest)
	default:
		return usagef("exchange: unknown subcommand %q", sub)
	}
}

// readInput reads a file, or standard input for "-".
func (a *App) readInput(path string) ([]byte, error) {
	if path == "-" {
		return io.ReadAll(a.Stdin)
	}
	return os.ReadFile(path)
}

// refusedError is a package exchange refused: exit 1 with its reason.
type refusedError struct{ said, reason string }

func (e refusedError) Error() string { return e.said + e.reason }

func exchangeImport(ctx context.Context, a *App, args []string) error {
	f := a.flags("exchange import")
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	body, err := a.readInput(pos[0])
	if err != nil {
		return err
	}
	if len(body) == 0 {
		return a.errf("%s: empty", pos[0])
	}
	c, err := a.client()
	if err != nil {
		return err
	}
	var raw rawJSON
	err = c.Stream(ctx, client.Exchange, http.MethodPost, "/v1/exchange/packages",
		http.Header{"Content-Type": {"application/xml"}}, strings.NewReader(string(body)), &raw)
	var p *client.Problem
	if errors.As(err, &p) && p.Status == http.StatusUnprocessableEntity {
		// Kept and answered with status 02 all the same: say why.
		reason := strings.TrimPrefix(p.Detail, "package refused: ")
		if *f.json {
			_ = printJSON(a.Stdout, map[string]any{"state": "refused", "reason": reason})
		}
		return refusedError{a.tr("package refused: "), reason}
	}
	if err != nil {
		return err
	}
	if *f.json {
		return printJSON(a.Stdout, raw.msg())
	}
	var got exchangeapi.Received
	if err := raw.decode(&got); err != nil {
		return err
	}
	state := a.word(wording.PackageState(got.State))
	if got.State == "recorded" { // a status message, not a package
		state = a.tr("status recorded")
	}
	return fields(a.Stdout, a.kv("package", got.ID, "state", state, "document", got.DocumentID)...)
}

func exchangePackages(ctx context.Context, a *App, args []string) error {
	f := a.flags("exchange packages")
	in := f.Bool("in", false, "only packages received")
	out := f.Bool("out", false, "only packages sent")
	doc := f.String("document", "", "only the packages of this document (id or notation)")
	state := f.String("state", "", "only this state (accepted, refused, queued, sent, delivered, registered, ...)")
	limit := f.Int("limit", 50, "at most this many")
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	if *in && *out {
		return usagef("exchange packages: --in or --out, not both")
	}
	c, err := a.client()
	if err != nil {
		return err
	}
	q := url.Values{}
	switch {
	case *in:
		q.Set("direction", "in")
	case *out:
		q.Set("direction", "out")
	}
	if *state != "" {
		q.Set("state", *state)
	}
	if *doc != "" {
		id, err := a.documentID(ctx, c, *doc)
		if err != nil {
			return err
		}
		q.Set("document_id", id)
	}
	pkgs, err := client.All[rawJSON](ctx, c.Client, client.Exchange, "/v1/exchange/packages?"+q.Encode(), *limit)
	if err != nil {
		return err
	}
	if *f.json {
		return printJSON(a.Stdout, rawItems(pkgs))
	}
	rows := make([][]string, 0, len(pkgs))
	for _, raw := range pkgs {
		var p exchangeapi.Package
		if err := raw.decode(&p); err != nil {
			return err
		}
		rows = append(rows, []string{p.ID, a.word(wording.PackageDirection(p.Direction)), p.OrganisationCode, orDash(p.Notation),
			a.word(wording.PackageState(p.State)), orDash(a.word(wording.Signature(p.Signature))),
			orDash(p.DocumentID), a.datetime(p.UpdatedAt), orDash(cut(p.Reason, 60))})
	}
	return table(a.Stdout, a.header("ID", "DIR", "ORGANISATION", "NOTATION", "STATE", "SIGNATURE", "DOCUMENT", "UPDATED", "REASON"), rows)
}

func exchangeGet(ctx context.Context, a *App, args []string) error {
	f := a.flags("exchange get")
	edxml := f.String("edxml", "", "also write the package's edXML to this file (- for standard output)")
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	c, err := a.client()
	if err != nil {
		return err
	}
	path := "/v1/exchange/packages/" + url.PathEscape(pos[0])
	if *edxml != "" {
		if err := a.saveEdxml(ctx, c, path+"/edxml", *edxml); err != nil {
			return err
		}
		if *edxml == "-" {
			return nil // standard output holds the edXML alone
		}
	}
	var raw rawJSON
	if err := c.Do(ctx, client.Exchange, http.MethodGet, path, nil, &raw); err != nil {
		return err
	}
	if *f.json {
		return printJSON(a.Stdout, raw.msg())
	}
	var p exchangeapi.Package
	if err := raw.decode(&p); err != nil {
		return err
	}
	org := p.OrganisationCode
	if p.OrganisationName != "" {
		org = p.OrganisationName + " (" + p.OrganisationCode + ")"
	}
	if err := fields(a.Stdout, a.kv("id", p.ID, "direction", a.word(wording.PackageDirection(p.Direction)), "organisation", org, "notation", p.Notation,
		"subject", p.Subject, "state", a.word(wording.PackageState(p.State)), "reason", p.Reason, "signature", a.word(wording.Signature(p.Signature)),
		"document", p.DocumentID, "edxml id", p.EdxmlDocumentID, "created", a.datetime(p.CreatedAt))...); err != nil {
		return err
	}
	if len(p.Files) > 0 {
		fmt.Fprintln(a.Stdout)
		rows := make([][]string, 0, len(p.Files))
		for _, fl := range p.Files {
			rows = append(rows, []string{fmt.Sprint(fl.Index), fl.Name, fl.ContentType, fmt.Sprint(fl.Size), orDash(a.word(wording.Signature(fl.Signature)))})
		}
		if err := table(a.Stdout, a.header("#", "FILE", "TYPE", "BYTES", "SIGNATURE"), rows); err != nil {
			return err
		}
	}
	if len(p.Statuses) > 0 {
		fmt.Fprintln(a.Stdout)
		rows := make([][]string, 0, len(p.Statuses))
		for _, st := range p.Statuses {
			rows = append(rows, []string{a.datetime(st.At), st.Code, a.word(wording.PackageState(st.Name)), a.word(wording.StatusDirection(st.Direction)), orDash(st.Note)})
		}
		return table(a.Stdout, a.header("AT", "CODE", "STATUS", "DIRECTION", "NOTE"), rows)
	}
	return nil
}

// saveEdxml writes a package's edXML to file, or standard output for "-";
// a file is written whole or not at all.
func (a *App) saveEdxml(ctx context.Context, c *apis.Clients, path, file string) error {
	resp, err := c.Open(ctx, client.Exchange, path)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if file == "-" {
		_, err = io.Copy(a.Stdout, resp.Body)
		return err
	}
	tmp := file + ".part"
	out, err := os.OpenFile(tmp, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, resp.Body)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, file)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("%s: %w", file, err)
	}
	fmt.Fprintln(a.Stderr, a.trf("edXML written to %s", file))
	return nil
}

func exchangeOrgs(ctx context.Context, a *App, args []string) error {
	f := a.flags("exchange orgs")
	q := f.String("q", "", "only organisations whose code or name holds this")
	limit := f.Int("limit", 0, "at most this many (0: all)")
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	c, err := a.client()
	if err != nil {
		return err
	}
	query := url.Values{}
	if *q != "" {
		query.Set("q", *q)
	}
	orgs, err := client.All[rawJSON](ctx, c.Client, client.Exchange, "/v1/exchange/organisations?"+query.Encode(), *limit)
	if err != nil {
		return err
	}
	if *f.json {
		return printJSON(a.Stdout, rawItems(orgs))
	}
	rows := make([][]string, 0, len(orgs))
	for _, raw := range orgs {
		var o exchangeapi.Organisation
		if err := raw.decode(&o); err != nil {
			return err
		}
		rows = append(rows, []string{o.Code, cut(o.Name, 60), orDash(o.ParentCode), orDash(o.Email)})
	}
	return table(a.Stdout, a.header("CODE", "NAME", "PARENT", "EMAIL"), rows)
}

func exchangeOrgsImport(ctx context.Context, a *App, args []string) error {
	f := a.flags("exchange orgs import")
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	csv, err := a.readInput(pos[0])
	if err != nil {
		return err
	}
	c, err := a.client()
	if err != nil {
		return err
	}
	var raw rawJSON
	if err := c.Stream(ctx, client.Exchange, http.MethodPost, "/v1/exchange/organisations/import",
		http.Header{"Content-Type": {"text/csv"}}, strings.NewReader(string(csv)), &raw); err != nil {
		return err
	}
	if *f.json {
		return printJSON(a.Stdout, raw.msg())
	}
	var res exchangeapi.ImportResult
	if err := raw.decode(&res); err != nil {
		return err
	}
	fmt.Fprintln(a.Stdout, a.trf("imported %d organisations", res.Imported))
	return nil
}
