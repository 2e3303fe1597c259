package cli

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/apis"
	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/wording"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
)

func runDocs(ctx context.Context, a *App, args []string) error {
	if len(args) == 0 {
		return usagef("docs: create FILE | submit|approve|issue|register|show ID | reject|revoke|refuse ID --reason R | list [--box outgoing|incoming] [--channel C] | report PLAN_ID | register-paper --sender S --notation N --date D --summary T [--file F]...")
	}
	switch sub, rest := args[0], args[1:]; sub {
	case "create":
		return docsCreate(ctx, a, rest)
	case "submit", "issue", "register":
		return docsAction(ctx, a, sub, rest, nil)
	case "approve":
		return docsApprove(ctx, a, rest)
	case "reject", "revoke", "refuse":
		return docsWithReason(ctx, a, sub, rest)
	case "register-paper":
		return docsRegisterPaper(ctx, a, rest)
	case "show":
		return docsShow(ctx, a, rest)
	case "list":
		return docsList(ctx, a, rest)
	case "report":
		return docsAction(ctx, a, "consolidated-report", rest, nil)
	default:
		return usagef("docs: unknown subcommand %q", sub)
	}
}

func docsCreate(ctx context.Context, a *App, args []string) error {
	f := a.flags("docs create")
	submit := f.Bool("submit", false, "submit the draft for approval at once")
	key := f.String("idempotency-key", "", "send this Idempotency-Key (a retry with it creates nothing new)")
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	file, err := readDocFile(pos[0], a.Stdin)
	if err != nil {
		return err
	}
	c, err := a.client()
	if err != nil {
		return err
	}
	units, err := c.Identity.Units(ctx)
	if err != nil {
		return err
	}
	dir := identityapi.NewUnitDirectory(units)
	req, err := file.toRequest(dir)
	if err != nil {
		return fmt.Errorf("%s:\n%w", pos[0], err)
	}
	var raw rawJSON
	if err := c.DoWith(ctx, client.Documents, "POST", "/v1/documents", client.Idempotency(*key), req, &raw); err != nil {
		return err
	}
	if *submit {
		var d documentsapi.Document
		if err := raw.decode(&d); err != nil {
			return err
		}
		if err := c.Do(ctx, client.Documents, "POST", "/v1/documents/"+url.PathEscape(d.ID)+"/submit", nil, &raw); err != nil {
			return a.errf("drafted %s but could not submit it: %w", d.ID, err)
		}
	}
	return a.showDocument(c, raw, *f.json, dir)
}

func docsApprove(ctx context.Context, a *App, args []string) error {
	f := a.flags("docs approve")
	mark := f.String("mark", "", "signing mark: TM., KT., TL., TUQ. or Q.")
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	var body any
	if *mark != "" {
		body = documentsapi.Approve{SigningMark: *mark}
	}
	return a.documentPost(ctx, pos[0], "approve", body, *f.json)
}

func docsWithReason(ctx context.Context, a *App, action string, args []string) error {
	f := a.flags("docs " + action)
	reason := f.String("reason", "", "why (required)")
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*reason) == "" {
		return usagef("docs %s: --reason is required", action)
	}
	return a.documentPost(ctx, pos[0], action, documentsapi.Reject{Reason: *reason}, *f.json)
}

func docsAction(ctx context.Context, a *App, action string, args []string, body any) error {
	f := a.flags("docs " + action)
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	return a.documentPost(ctx, pos[0], action, body, *f.json)
}

func (a *App) documentPost(ctx context.Context, ref, action string, body any, asJSON bool) error {
	c, err := a.client()
	if err != nil {
		return err
	}
	id, err := a.documentID(ctx, c, ref)
	if err != nil {
		return err
	}
	var raw rawJSON
	if err := c.Do(ctx, client.Documents, "POST", "/v1/documents/"+url.PathEscape(id)+"/"+action, body, &raw); err != nil {
		return err
	}
	return a.showDocument(c, raw, asJSON, a.directory(ctx, c))
}

func docsShow(ctx context.Context, a *App, args []string) error {
	f := a.flags("docs show")
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	c, err := a.client()
	if err != nil {
		return err
	}
	id, err := a.documentID(ctx, c, pos[0])
	if err != nil {
		return err
	}
	var raw rawJSON
	if err := c.Do(ctx, client.Documents, "GET", "/v1/documents/"+url.PathEscape(id), nil, &raw); err != nil {
		return err
	}
	return a.showDocument(c, raw, *f.json, a.directory(ctx, c))
}

// directory is the unit directory for labels; without it ids are shown.
func (a *App) directory(ctx context.Context, c *apis.Clients) *identityapi.UnitDirectory {
	units, err := c.Identity.Units(ctx)
	if err != nil {
		return identityapi.NewUnitDirectory(nil)
	}
	return identityapi.NewUnitDirectory(units)
}

func (a *App) showDocument(_ *apis.Clients, raw rawJSON, asJSON bool, dir *identityapi.UnitDirectory) error {
	if asJSON {
		return printJSON(a.Stdout, raw.msg())
	}
	var d documentsapi.Document
	if err := raw.decode(&d); err != nil {
		return err
	}
	recipients := make([]string, 0, len(d.Recipients)+len(d.ExternalRecipients))
	for _, r := range d.Recipients {
		recipients = append(recipients, dir.Label(r))
	}
	for _, r := range d.ExternalRecipients {
		recipients = append(recipients, r.Name+" ("+r.Code+", "+a.channel("exchange")+")")
	}
	issuer := dir.Label(d.IssuerUnitID)
	if d.Sender != nil {
		issuer = d.Sender.Name
		if d.Sender.OrganisationCode != "" {
			issuer += " (" + d.Sender.OrganisationCode + ")"
		}
	}
	signer := ""
	if d.Signer != nil {
		signer = strings.TrimSpace(d.Signer.SigningMark + " " + d.Signer.Title + " " + d.Signer.FullName)
	}
	if d.ExternalSigner != nil {
		signer = strings.TrimSpace(d.ExternalSigner.Competence + " " + d.ExternalSigner.FullName)
	}
	receipt := ""
	if d.ReceiptStatus != "" {
		receipt = a.receipt(d.ReceiptStatus)
	}
	if d.Receipt != nil {
		receipt = a.receipt(d.Receipt.Status)
		if d.Receipt.IncomingNumber > 0 {
			receipt += a.trf(", incoming no. %d", d.Receipt.IncomingNumber)
		}
	}
	issued := ""
	if d.IssuedAt != nil {
		issued = a.datetime(*d.IssuedAt)
	}
	status := ""
	if d.Status != "" {
		status = a.docStatus(d.Status)
	}
	if err := fields(a.Stdout, a.kv("id", d.ID, "notation", d.Notation, "kind", a.kind(d.Kind), "status", status,
		"channel", a.channel(d.Channel), "issuer", issuer, "original date", a.date(d.OriginalDate), "summary", d.Summary,
		"urgency", a.urgency(d.Urgency), "due", a.date(d.DueDate),
		"recipients", strings.Join(recipients, ", "), "signer", signer, "issued", issued,
		"implements", d.ImplementsDocumentID, "in reply to", d.InReplyToDocumentID, "receipt", receipt)...); err != nil {
		return err
	}
	if len(d.Items) > 0 {
		fmt.Fprintln(a.Stdout)
		rows := make([][]string, 0, len(d.Items))
		for i, it := range d.Items {
			coop := make([]string, 0, len(it.CooperatingUnitIDs))
			for _, u := range it.CooperatingUnitIDs {
				coop = append(coop, dir.Label(u))
			}
			rows = append(rows, []string{strconv.Itoa(i + 1), cut(it.Title, 50), dir.Label(it.LeadUnitID), orDash(strings.Join(coop, ",")), a.date(it.DueDate)})
		}
		return table(a.Stdout, a.header("#", "ITEM", "LEAD", "COOPERATING", "DUE"), rows)
	}
	return nil
}

func docsList(ctx context.Context, a *App, args []string) error {
	f := a.flags("docs list")
	box := f.String("box", "outgoing", "outgoing or incoming")
	kind := f.String("kind", "", "only this kind (directive, plan, report, ...)")
	status := f.String("status", "", "only this status (or receipt status in the incoming box)")
	q := f.String("q", "", "search summary and body")
	channel := f.String("channel", "", "only documents that came this way: internal, exchange or paper")
	limit := f.Int("limit", 50, "at most this many")
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	if !oneOf(*box, "outgoing", "incoming") {
		return usagef("docs list: --box is outgoing or incoming, not %q", *box)
	}
	query := url.Values{"box": {*box}}
	for k, v := range map[string]string{"kind": *kind, "status": *status, "q": *q, "channel": *channel} {
		if v != "" {
			query.Set(k, v)
		}
	}
	c, err := a.client()
	if err != nil {
		return err
	}
	docs, err := client.All[rawJSON](ctx, c.Client, client.Documents, "/v1/documents?"+query.Encode(), *limit)
	if err != nil {
		return err
	}
	if *f.json {
		return printJSON(a.Stdout, rawItems(docs))
	}
	dir := a.directory(ctx, c)
	rows := make([][]string, 0, len(docs))
	for _, raw := range docs {
		var d documentsapi.Document
		if err := raw.decode(&d); err != nil {
			return err
		}
		issuer := dir.Label(d.IssuerUnitID)
		if d.Sender != nil { // from outside the deployment
			issuer = d.Sender.Name
		}
		if *box == "incoming" {
			// The columns clerks keep: Số đến, Ngày đến, Nơi gửi, Số ký
			// hiệu, Trích yếu, Hạn xử lý.
			number, arrived := "-", "-"
			if d.Receipt != nil && d.Receipt.IncomingNumber > 0 {
				number = strconv.FormatInt(d.Receipt.IncomingNumber, 10)
			}
			if d.Receipt != nil && d.Receipt.RegisteredAt != nil {
				arrived = wording.Date(*d.Receipt.RegisteredAt)
			} else if d.IssuedAt != nil {
				arrived = wording.Date(*d.IssuedAt)
			}
			due := d.HandlingDueDate
			if due == "" {
				due = d.DueDate
			}
			rows = append(rows, []string{d.ID, number, arrived, issuer, orDash(d.Notation), a.kind(d.Kind), a.channel(d.Channel),
				a.receipt(d.ReceiptStatus), a.urgency(d.Urgency), cut(d.Summary, 60), orDash(a.date(due))})
			continue
		}
		rows = append(rows, []string{d.ID, orDash(d.Notation), a.kind(d.Kind), a.docStatus(d.Status), issuer, a.urgency(d.Urgency), cut(d.Summary, 60)})
	}
	if *box == "incoming" {
		return table(a.Stdout, a.header("ID", "INCOMING NO.", "ARRIVED", "SENDER", "NOTATION", "KIND", "CHANNEL", "STATUS", "URGENCY", "SUMMARY", "HANDLE BY"), rows)
	}
	return table(a.Stdout, a.header("ID", "NOTATION", "KIND", "STATUS", "ISSUER", "URGENCY", "SUMMARY"), rows)
}

// rawItems is a list printed as {"items": [...]} like the API's pages.
func rawItems(items []rawJSON) map[string]any {
	out := make([]any, 0, len(items))
	for _, r := range items {
		out = append(out, r.msg())
	}
	return map[string]any{"items": out}
}
