package e2e

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/exchange/exchangeapi"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
)

// Two provinces' organisation codes (mã định danh, QĐ 20/2020/QĐ-TTg).
const (
	codeKhanhHoa  = "000.00.00.H34"
	codeQuangNinh = "000.00.00.H49"
)

// province is one deployment's people and units as a test uses them.
type province struct {
	s      *stack
	admin  string
	tok    map[string]string // username → token
	units  map[string]string // short name → id
	agency string            // the UBND's unit id
}

// seedProvince makes a UBND with its office (a division), a Sở, and a
// specialist, a leader and a clerk, and gives the UBND its exchange code.
func seedProvince(t *testing.T, s *stack, name, code, prefix string) province {
	t.Helper()
	p := province{s: s, admin: login(t, s.identity, "admin", s.adminPassword), tok: map[string]string{}, units: map[string]string{}}
	mk := func(kind, name, short, parent, code string) {
		var u identityapi.Unit
		must(t, http.StatusCreated, "POST", s.identity+"/v1/units", p.admin, identityapi.NewUnit{Kind: kind, Name: name,
			ShortName: short, ParentID: p.units[parent], Code: code}, &u)
		p.units[short] = u.ID
	}
	mk("agency", "Ủy ban nhân dân tỉnh "+name, "UBND", "", code)
	mk("division", "Văn phòng Ủy ban nhân dân tỉnh", "VP", "UBND", "")
	mk("agency", "Sở Thông tin và Truyền thông", "STTTT", "UBND", "")
	p.agency = p.units["UBND"]
	for _, u := range []struct{ username, full, unit, role string }{
		{prefix + ".chuyenvien", "Nguyễn Văn An", "UBND", "specialist"},
		{prefix + ".lanhdao", "Trần Thị Bình", "UBND", "leader"},
		{prefix + ".vanthu", "Lê Văn Cường", "VP", "clerk"},
		{prefix + ".stttt", "Phạm Minh Dũng", "STTTT", "leader"},
	} {
		must(t, http.StatusCreated, "POST", s.identity+"/v1/users", p.admin, identityapi.NewUser{
			Username: u.username, FullName: u.full, Email: u.username + "@example.gov.vn",
			UnitID: p.units[u.unit], Roles: []string{u.role}, Password: password}, nil)
		p.tok[u.username] = login(t, s.identity, u.username, password)
	}
	return p
}

// rootOnly copies the certificate of a deployment's local CA (not its key)
// into a file another deployment can trust.
func rootOnly(t *testing.T, dataDir string) string {
	t.Helper()
	var raw []byte
	eventually(t, 60*time.Second, "the local CA exists", func() bool {
		var err error
		raw, err = os.ReadFile(filepath.Join(dataDir, "signing-ca", "ca.pem"))
		return err == nil
	})
	var certs []byte
	for b, rest := pem.Decode(raw); b != nil; b, rest = pem.Decode(rest) {
		if b.Type == "CERTIFICATE" {
			certs = append(certs, pem.EncodeToMemory(b)...)
		}
	}
	path := filepath.Join(t.TempDir(), "roots.pem")
	if err := os.WriteFile(path, certs, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// twoProvinces starts deployment A (Khánh Hòa, with the local hub) and B
// (Quảng Ninh, pointed at A's hub, trusting A's CA root), seeds both and
// puts each in the other's directory; env is added to both stacks'.
func twoProvinces(t *testing.T, env ...string) (province, province) {
	t.Helper()
	a := startStack(t, append([]string{"EOFFICE_EXCHANGE_SYSTEM_ID=khanhhoa", "EOFFICE_EXCHANGE_SECRET=bi-mat-khanh-hoa-2026"}, env...)...)
	roots := rootOnly(t, a.dataDir)
	b := startStack(t, append([]string{"EOFFICE_HUB_ADDR=", "EOFFICE_EXCHANGE_VDXP_URL=" + a.hub,
		"EOFFICE_EXCHANGE_SYSTEM_ID=quangninh", "EOFFICE_EXCHANGE_SECRET=bi-mat-quang-ninh-2026",
		"EOFFICE_SIGNING_ROOTS=" + roots}, env...)...)
	pa := seedProvince(t, a, "Khánh Hòa", codeKhanhHoa, "kh")
	pb := seedProvince(t, b, "Quảng Ninh", codeQuangNinh, "qn")

	// Each directory knows the other province.
	must(t, http.StatusCreated, "POST", a.exchange+"/v1/exchange/organisations", pa.admin,
		exchangeapi.NewOrganisation{Code: codeQuangNinh, Name: "Ủy ban nhân dân tỉnh Quảng Ninh", Email: "vpubnd@quangninh.gov.vn"}, nil)
	must(t, http.StatusCreated, "POST", b.exchange+"/v1/exchange/organisations", pb.admin,
		exchangeapi.NewOrganisation{Code: codeKhanhHoa, Name: "Ủy ban nhân dân tỉnh Khánh Hòa"}, nil)
	hubKnows(t, a.dataDir, codeKhanhHoa, codeQuangNinh)
	return pa, pb
}

// hubKnows waits until the local hub in dataDir has a system receiving for
// each code. The hub refuses a package to a code no system announced, as
// the national platform does, and a deployment announces its codes only
// once its exchange has learnt them from identity's events: a package
// issued before that is given up (seen once in CI, under load).
func hubKnows(t *testing.T, dataDir string, codes ...string) {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(dataDir, "hub.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	eventually(t, 60*time.Second, fmt.Sprintf("the hub knows %v", codes), func() bool {
		for _, c := range codes {
			var n int
			if err := db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM codes WHERE code = $1`, c).Scan(&n); err != nil || n == 0 {
				return false
			}
		}
		return true
	})
}

// TestExchangeBetweenTwoProvinces is issue 17's acceptance: two deployments
// on one machine, pointed at one local hub (A's), exchange a signed
// directive; B registers and directs it and A sees each status.
func TestExchangeBetweenTwoProvinces(t *testing.T) {
	pa, pb := twoProvinces(t)
	a, b := pa.s, pb.s

	// A drafts a directive to its own Sở and to Quảng Ninh, with a PDF
	// attachment, approves and issues it.
	var d documentsapi.Document
	must(t, http.StatusCreated, "POST", a.documents+"/v1/documents", pa.tok["kh.chuyenvien"], documentsapi.NewDocument{
		Kind: "directive", Summary: "Về việc phối hợp nâng cao Chỉ số PAPI giữa hai tỉnh", Body: "Đề nghị Ủy ban nhân dân tỉnh Quảng Ninh phối hợp…",
		Urgency: "urgent", Recipients: []string{pa.units["STTTT"]}, ExternalRecipients: []string{codeQuangNinh},
		DueDate: time.Now().AddDate(0, 1, 0).Format("2006-01-02"),
	}, &d)
	attachPDF(t, a.documents+"/v1/documents/"+d.ID+"/attachments", pa.tok["kh.chuyenvien"])
	must(t, http.StatusOK, "POST", a.documents+"/v1/documents/"+d.ID+"/submit", pa.tok["kh.chuyenvien"], nil, nil)
	must(t, http.StatusOK, "POST", a.documents+"/v1/documents/"+d.ID+"/approve", pa.tok["kh.lanhdao"], nil, nil)
	issuedAt := time.Now()
	must(t, http.StatusOK, "POST", a.documents+"/v1/documents/"+d.ID+"/issue", pa.tok["kh.vanthu"], nil, &d)
	if d.Notation == "" {
		t.Fatalf("issued without a notation: %+v", d)
	}
	var pdf documentsapi.Document
	eventually(t, 60*time.Second, "A's signed PDF", func() bool {
		must(t, http.StatusOK, "GET", a.documents+"/v1/documents/"+d.ID, pa.tok["kh.vanthu"], nil, &pdf)
		return pdf.PDF != nil
	})

	// B's clerk finds it in the incoming box with the sender, the notation,
	// the PDF and the attachment intact.
	var in documentsapi.Document
	took := eventually(t, 60*time.Second, "the directive in B's incoming box", func() bool {
		var got client.Page[documentsapi.Document]
		must(t, http.StatusOK, "GET", b.documents+"/v1/documents?box=incoming&channel=exchange", pb.tok["qn.vanthu"], nil, &got)
		for _, x := range got.Items {
			if x.OriginalNotation == d.Notation {
				in = x
				return true
			}
		}
		return false
	})
	t.Logf("measured: issue to B's incoming box: %s (poll found it after %s)", time.Since(issuedAt).Round(time.Millisecond), took)
	must(t, http.StatusOK, "GET", b.documents+"/v1/documents/"+in.ID, pb.tok["qn.vanthu"], nil, &in)
	if in.Channel != "exchange" || in.Sender == nil || in.Sender.OrganisationCode != codeKhanhHoa || in.Summary != d.Summary {
		t.Fatalf("incoming document at B: channel %q sender %+v summary %q", in.Channel, in.Sender, in.Summary)
	}
	sums := map[string]bool{}
	for _, at := range in.Attachments {
		sums[at.SHA256] = true
	}
	if !sums[pdf.PDF.SHA256] || len(in.Attachments) < 2 {
		t.Fatalf("B's attachments %+v lack A's signed PDF %s or the attachment", in.Attachments, pdf.PDF.SHA256)
	}
	// A's signatures are valid at B (B trusts A's CA root).
	for _, at := range in.Attachments {
		if at.SHA256 != pdf.PDF.SHA256 {
			continue
		}
		raw := must(t, http.StatusOK, "GET", b.documents+"/v1/documents/"+in.ID+"/attachments/"+at.ID, pb.tok["qn.vanthu"], nil, nil)
		if sum := sha256.Sum256(raw); hex.EncodeToString(sum[:]) != pdf.PDF.SHA256 {
			t.Fatal("the PDF's bytes changed on the way")
		}
		var sigs documentsapi.Signatures
		must(t, http.StatusOK, "GET", b.documents+"/v1/documents/"+in.ID+"/attachments/"+at.ID+"/signatures", pb.tok["qn.vanthu"], nil, &sigs)
		if len(sigs.Items) < 2 || slices.ContainsFunc(sigs.Items, func(s documentsapi.Signature) bool {
			return !s.Valid || !s.CoversWholeDocument || !s.Trusted
		}) {
			t.Fatalf("A's signatures at B: %+v", sigs)
		}
	}

	// B registers and directs it; A's page shows registered, then assigned.
	must(t, http.StatusOK, "POST", b.documents+"/v1/documents/"+in.ID+"/register", pb.tok["qn.vanthu"], nil, nil)
	waitStatus(t, pa, d.ID, "registered")
	must(t, http.StatusOK, "POST", b.documents+"/v1/documents/"+in.ID+"/direct", pb.tok["qn.lanhdao"], documentsapi.Direct{
		LeadUnitID: pb.units["VP"], CooperatingUnitIDs: []string{}, DueDate: time.Now().AddDate(0, 0, 20).Format("2006-01-02"),
		Note: "Giao Văn phòng chủ trì tham mưu"}, nil)
	waitStatus(t, pa, d.ID, "assigned")

	// The package A sent, read back by a parser that knows nothing of the
	// builder, holds the header DOMAIN.md requires and the signed PDF.
	var out client.Page[exchangeapi.Package]
	must(t, http.StatusOK, "GET", a.exchange+"/v1/exchange/packages?direction=out&document_id="+d.ID, pa.tok["kh.chuyenvien"], nil, &out)
	if len(out.Items) != 1 {
		t.Fatalf("A's outgoing packages for the directive: %+v", out.Items)
	}
	raw := must(t, http.StatusOK, "GET", a.exchange+"/v1/exchange/packages/"+out.Items[0].ID+"/edxml", pa.tok["kh.vanthu"], nil, nil)
	got := readEdXMLWithPython(t, raw)
	if got.From != codeKhanhHoa || !slices.Equal(got.To, []string{codeQuangNinh}) || got.Notation != d.Notation ||
		got.Subject != d.Summary || got.DocumentID == "" || !slices.Contains(got.Attachments, pdf.PDF.SHA256) || len(got.Attachments) != 2 {
		t.Fatalf("A's package as Python reads it: %+v (notation %s, PDF %s)", got, d.Notation, pdf.PDF.SHA256)
	}
}

// edxmlSummary is what readEdXMLWithPython finds in a package.
type edxmlSummary struct {
	From        string   `json:"from"`
	To          []string `json:"to"`
	DocumentID  string   `json:"document_id"`
	Notation    string   `json:"notation"`
	Subject     string   `json:"subject"`
	Date        string   `json:"date"`
	Attachments []string `json:"attachments"` // SHA-256 of each decoded attachment
}

// readEdXMLWithPython reads a package with Python's ElementTree: the
// namespace, MessageHeader's required children in DOMAIN.md's order, and
// each manifest reference matched by an attachment whose base64 decodes.
func readEdXMLWithPython(t *testing.T, raw []byte) edxmlSummary {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	path := filepath.Join(t.TempDir(), "package.edxml")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	const script = `
import base64, hashlib, json, re, sys
import xml.etree.ElementTree as ET
N = "{http://www.mic.gov.vn/TBT/QCVN_102_2016}"
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == N + "edXML", root.tag
mh = root.find(N + "edXMLEnvelope/" + N + "edXMLHeader/" + N + "MessageHeader")
names = [c.tag[len(N):] for c in mh]
order = ["From", "To", "DocumentId", "Code", "PromulgationInfo", "DocumentType", "Subject", "Content",
         "SignerInfo", "DueDate", "OtherInfo", "ResponseFor", "SteeringType", "ToPlaces"]
assert [n for n in names if n in order] == sorted([n for n in names if n in order], key=order.index), names
def t(el, p):
    f = el.find("/".join(N + x for x in p.split("/")))
    return "" if f is None or f.text is None else f.text.strip()
date = t(mh, "PromulgationInfo/PromulgationDate")
assert re.fullmatch(r"\d{4}/\d\d/\d\d", date), date
refs = [t(r, "ContentId") for r in root.findall(N + "edXMLEnvelope/" + N + "edXMLBody/" + N + "edXMLManifest/" + N + "Reference")]
atts = {t(a, "ContentId"): a for a in root.findall(N + "AttachmentEncoded/" + N + "Attachment")}
sums = []
for ref in refs:
    a = atts[ref]
    sums.append(hashlib.sha256(base64.b64decode(t(a, "ContentTransferEncoded"), validate=False)).hexdigest())
print(json.dumps({"from": t(mh, "From/OrganId"), "to": [t(x, "OrganId") for x in mh.findall(N + "To")],
    "document_id": t(mh, "DocumentId"), "notation": t(mh, "Code/CodeNumber") + "/" + t(mh, "Code/CodeNotation"),
    "subject": t(mh, "Subject"), "date": date, "attachments": sums}))
`
	out, err := exec.Command(py, "-c", script, path).CombinedOutput()
	if err != nil {
		t.Fatalf("python3 could not read the package: %v\n%s", err, out)
	}
	var s edxmlSummary
	if err := json.Unmarshal(out, &s); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return s
}

// attachPDF uploads a one-page PDF as an attachment of a draft.
func attachPDF(t *testing.T, target, token string) {
	t.Helper()
	f := fpdf.New("P", "mm", "A4", "")
	f.AddPage()
	f.SetFont("Helvetica", "", 12)
	f.Cell(40, 10, "Phu luc: danh sach chi tieu PAPI")
	var pdf bytes.Buffer
	if err := f.Output(&pdf); err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	w, _ := mw.CreateFormFile("file", "phu-luc.pdf")
	_, _ = w.Write(pdf.Bytes())
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, target, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := httpClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload PDF: %d", resp.StatusCode)
	}
}

// waitStatus waits until A's outgoing package of documentID has received
// the status named want from its recipient.
func waitStatus(t *testing.T, p province, documentID, want string) {
	t.Helper()
	eventually(t, 60*time.Second, "status "+want+" at the sender", func() bool {
		var got client.Page[exchangeapi.Package]
		must(t, http.StatusOK, "GET", p.s.exchange+"/v1/exchange/packages?direction=out&document_id="+documentID, p.tok["kh.vanthu"], nil, &got)
		for _, pk := range got.Items {
			for _, st := range pk.Statuses {
				if st.Name == want && st.Direction == "received" {
					return true
				}
			}
		}
		return false
	})
}

// issueExternal has A draft, approve and issue a directive to B's UBND
// only, and returns its notation.
func issueExternal(t *testing.T, pa province, summary string) string {
	t.Helper()
	a := pa.s
	var d documentsapi.Document
	body := documentsapi.NewDocument{Kind: "directive", Summary: summary, Body: "Nội dung chỉ thị.", Recipients: []string{},
		ExternalRecipients: []string{codeQuangNinh}}
	// The draft asks exchange's directory for the recipient's name: while a
	// killed exchange service restarts the drafter is told to try again
	// (503), as a person would.
	eventually(t, 60*time.Second, "a draft to Quảng Ninh", func() bool {
		code, raw := call(t, "POST", a.documents+"/v1/documents", pa.tok["kh.chuyenvien"], body, &d)
		if code != http.StatusCreated && code != http.StatusServiceUnavailable {
			t.Fatalf("draft: %d %s", code, raw)
		}
		return code == http.StatusCreated
	})
	must(t, http.StatusOK, "POST", a.documents+"/v1/documents/"+d.ID+"/submit", pa.tok["kh.chuyenvien"], nil, nil)
	must(t, http.StatusOK, "POST", a.documents+"/v1/documents/"+d.ID+"/approve", pa.tok["kh.lanhdao"], nil, nil)
	must(t, http.StatusOK, "POST", a.documents+"/v1/documents/"+d.ID+"/issue", pa.tok["kh.vanthu"], nil, &d)
	return d.Notation
}

// TestExchangeSurvivesKills: A's exchange service, broker and hub are
// killed while directives are on their way to B; every directive reaches
// B's incoming box exactly once (at-least-once delivery, repeats dropped
// by DocumentId on the receiving side).
func TestExchangeSurvivesKills(t *testing.T) {
	pa, pb := twoProvinces(t, "EOFFICE_STACK_PROCESSES=many") // parts are killed one by one
	const n = 6
	var notations []string
	for i := range n {
		notations = append(notations, issueExternal(t, pa, fmt.Sprintf("Chỉ thị liên thông số %d", i+1)))
		switch i {
		case 1:
			killPart(t, pa.s, "exchange")
		case 3:
			killPart(t, pa.s, "eoffice-broker")
		case 4:
			killPart(t, pa.s, "eoffice-hub")
			killPart(t, pb.s, "exchange")
		}
	}
	eventually(t, 3*time.Minute, "every directive once in B's incoming box", func() bool {
		var got client.Page[documentsapi.Document]
		code, _ := call(t, "GET", pb.s.documents+"/v1/documents?box=incoming&channel=exchange&limit=100", pb.tok["qn.vanthu"], nil, &got)
		if code != http.StatusOK {
			return false // a part may be restarting
		}
		seen := map[string]int{}
		for _, d := range got.Items {
			seen[d.OriginalNotation]++
		}
		for _, nt := range notations {
			if seen[nt] > 1 {
				t.Fatalf("%s reached B %d times", nt, seen[nt])
			}
			if seen[nt] == 0 {
				return false
			}
		}
		return len(got.Items) == n
	})
}

// postPackage posts an edXML package to the exchange service and returns
// the status code and the decoded answer (a package or a problem).
func postPackage(t *testing.T, s *stack, token string, body []byte) (int, exchangeapi.Package, client.Problem) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, s.exchange+"/v1/exchange/packages", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/xml")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := httpClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var pk exchangeapi.Package
	var pr client.Problem
	if resp.StatusCode < 300 {
		if err := json.Unmarshal(raw, &pk); err != nil {
			t.Fatalf("answer %s: %v", raw, err)
		}
	} else {
		_ = json.Unmarshal(raw, &pr)
	}
	return resp.StatusCode, pk, pr
}

// TestVendorPackagesImport: packages written by other vendors' systems
// (pkg/edxml/testdata, hand-written from DOMAIN.md's structure) become
// incoming documents of Nghệ An's UBND; malformed ones are refused with a
// reason, kept, and change nothing else.
func TestVendorPackagesImport(t *testing.T) {
	s := startStack(t)
	p := seedProvince(t, s, "Nghệ An", "000.00.00.H41", "na")
	clerk := p.tok["na.vanthu"]
	read := func(name string) []byte {
		raw, err := os.ReadFile(filepath.Join("..", "..", "edxml", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return raw
	}
	incoming := func() []documentsapi.Document {
		var got client.Page[documentsapi.Document]
		must(t, http.StatusOK, "GET", s.documents+"/v1/documents?box=incoming&limit=100", clerk, nil, &got)
		return got.Items
	}

	good := read("vendor_default_ns.edxml")
	bad := []struct {
		name, reason string
		body         []byte
	}{
		{"missing Code", "Code", regexp.MustCompile(`<Code>.*?</Code>`).ReplaceAll(good, nil)},
		{"unknown addressee", "addressee", bytes.ReplaceAll(bytes.ReplaceAll(good, []byte("000.00.00.H41"), []byte("000.00.00.H98")), []byte("000.00.00.H49"), []byte("000.00.00.H99"))},
		{"broken base64", "base64", regexp.MustCompile(`(<ContentTransferEncoded>\s*)[A-Za-z0-9+/]{8}`).ReplaceAll(good, []byte("${1}@@@@!!!!"))},
		{"entity expansion", "DOCTYPE", append([]byte(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>`),
			bytes.TrimPrefix(good, []byte(`<?xml version="1.0" encoding="utf-8"?>`))...)},
		{"external entity", "DOCTYPE", []byte(`<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY x SYSTEM "file:///etc/passwd">]><edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">&x;</edXML>`)},
	}
	for _, b := range bad {
		code, _, pr := postPackage(t, s, clerk, b.body)
		if code != http.StatusUnprocessableEntity || !strings.Contains(strings.ToLower(pr.Detail+pr.Title), strings.ToLower(b.reason)) {
			t.Errorf("%s: %d %+v, want 422 naming %q", b.name, code, pr, b.reason)
		}
	}
	if docs := incoming(); len(docs) != 0 {
		t.Fatalf("refused packages made documents: %+v", docs)
	}
	var refused client.Page[exchangeapi.Package]
	must(t, http.StatusOK, "GET", s.exchange+"/v1/exchange/packages?direction=in&state=refused", clerk, nil, &refused)
	if len(refused.Items) < 3 { // those addressed to no agency of ours are kept too, but shown to administrators
		t.Errorf("refused packages kept for the clerk: %d", len(refused.Items))
	}
	for _, pk := range refused.Items {
		if pk.Reason == "" || !slices.ContainsFunc(pk.Statuses, func(st exchangeapi.Status) bool { return st.Code == "02" && st.Direction == "sent" }) {
			t.Errorf("refused package %s: reason %q statuses %+v", pk.ID, pk.Reason, pk.Statuses)
		}
	}

	for _, name := range []string{"vendor_default_ns.edxml", "vendor_ns1.edxml"} {
		body := read(name)
		code, first, pr := postPackage(t, s, clerk, body)
		if code != http.StatusAccepted || first.State != "accepted" {
			t.Fatalf("%s: %d %+v %+v", name, code, first, pr)
		}
		// The same package again answers the first result.
		if code, again, _ := postPackage(t, s, clerk, body); code != http.StatusAccepted || again.ID != first.ID {
			t.Errorf("%s twice: %d %s, first %s", name, code, again.ID, first.ID)
		}
	}
	eventually(t, 60*time.Second, "two incoming documents from outside", func() bool { return len(incoming()) == 2 })
	for _, d := range incoming() {
		must(t, http.StatusOK, "GET", s.documents+"/v1/documents/"+d.ID, clerk, nil, &d)
		if d.Channel != "exchange" || d.Sender == nil || d.Sender.OrganisationCode == "" || d.OriginalNotation == "" || len(d.Attachments) == 0 {
			t.Errorf("incoming %+v", d)
		}
	}
}
