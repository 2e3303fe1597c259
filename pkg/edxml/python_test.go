package edxml

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// checkScript reads Build's output with Python's ElementTree, a parser that
// knows nothing of the builder, and checks it against DOMAIN.md's form.
const checkScript = `
import base64, binascii, hashlib, json, re, sys
import xml.etree.ElementTree as ET

NS = "{http://www.mic.gov.vn/TBT/QCVN_102_2016}"
mode, path, want = sys.argv[1], sys.argv[2], json.load(open(sys.argv[3]))

def fail(msg):
    print(msg)
    sys.exit(1)

def text(el, path):
    found = el.find("/".join(NS + p for p in path.split("/")))
    return "" if found is None or found.text is None else found.text.strip()

root = ET.parse(path).getroot()
if root.tag != NS + "edXML":
    fail("root is %s" % root.tag)
for el in root.iter():
    if not el.tag.startswith(NS):
        fail("element outside the namespace: %s" % el.tag)
env = root.find(NS + "edXMLEnvelope")
mh = env.find(NS + "edXMLHeader/" + NS + "MessageHeader") if env is not None else None
if mh is None:
    fail("no edXMLEnvelope/edXMLHeader/MessageHeader")
names = [c.tag[len(NS):] for c in mh]

if mode == "status":
    if names != ["From", "ResponseFor", "StaffInfo", "StatusCode", "Description", "Timestamp"]:
        fail("status MessageHeader children: %s" % names)
    if env.find(NS + "edXMLBody") is not None or root.find(NS + "AttachmentEncoded") is not None:
        fail("a status has a body")
    if not re.fullmatch(r"\d{4}/\d\d/\d\d \d\d:\d\d:\d\d", text(mh, "Timestamp")):
        fail("Timestamp %r" % text(mh, "Timestamp"))
    for p in ["From/OrganId", "ResponseFor/OrganId", "ResponseFor/DocumentId", "StatusCode"]:
        if not text(mh, p):
            fail("empty " + p)
    print("ok")
    sys.exit(0)

order = ["From", "To", "DocumentId", "Code", "PromulgationInfo", "DocumentType", "Subject", "Content",
         "SignerInfo", "DueDate", "OtherInfo", "ResponseFor", "SteeringType", "ToPlaces"]
unknown = [n for n in names if n not in order]
if unknown:
    fail("unknown MessageHeader children %s" % unknown)
ranks = [order.index(n) for n in names]
if ranks != sorted(ranks):
    fail("MessageHeader children out of order: %s" % names)
for p in ["From/OrganId", "DocumentId", "Code/CodeNumber", "Code/CodeNotation", "Subject"]:
    if not text(mh, p):
        fail("empty " + p)
tos = mh.findall(NS + "To")
if not tos or any(not text(t, "OrganId") for t in tos):
    fail("a To without OrganId")
if not re.fullmatch(r"\d{4}/\d\d/\d\d", text(mh, "PromulgationInfo/PromulgationDate")):
    fail("PromulgationDate %r" % text(mh, "PromulgationInfo/PromulgationDate"))
for th in env.findall(NS + "edXMLHeader/" + NS + "TraceHeaderList/" + NS + "TraceHeader"):
    if not re.fullmatch(r"\d{4}/\d\d/\d\d \d\d:\d\d:\d\d", text(th, "Timestamp")):
        fail("trace Timestamp %r" % text(th, "Timestamp"))

attachments = {}
for a in root.findall(NS + "AttachmentEncoded/" + NS + "Attachment"):
    raw = re.sub(r"\s", "", text(a, "ContentTransferEncoded"))
    try:
        attachments[text(a, "ContentId")] = (text(a, "AttachmentName"), base64.b64decode(raw, validate=True))
    except binascii.Error as e:
        fail("attachment %s: %s" % (text(a, "ContentId"), e))
refs = env.findall(NS + "edXMLBody/" + NS + "edXMLManifest/" + NS + "Reference")
if len(refs) != len(want) or len(attachments) != len(want):
    fail("%d references, %d attachments, want %d" % (len(refs), len(attachments), len(want)))
for ref, w in zip(refs, want):
    cid = text(ref, "ContentId")
    for p in ["ContentType", "Description", "AttachmentName"]:
        if not text(ref, p):
            fail("reference %s: empty %s" % (cid, p))
    if not cid.startswith("cid:") or cid not in attachments:
        fail("reference %r has no attachment" % cid)
    name, data = attachments[cid]
    if name != w["name"] or hashlib.sha256(data).hexdigest() != w["sha256"]:
        fail("attachment %s: %s, %d bytes differ from what was built" % (cid, name, len(data)))
print("ok")
`

func runPython(t *testing.T, mode string, doc []byte, want any) {
	t.Helper()
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed")
	}
	dir := t.TempDir()
	wantJSON, _ := json.Marshal(want)
	docPath, wantPath := filepath.Join(dir, "doc.edxml"), filepath.Join(dir, "want.json")
	if err := os.WriteFile(docPath, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(wantPath, wantJSON, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(python, "-c", checkScript, mode, docPath, wantPath).CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "ok" {
		t.Fatalf("python3 check: %v\n%s", err, out)
	}
}

func TestBuildReadByPython(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(*Package)
	}{
		{"full", func(*Package) {}},
		{"no optional fields", func(p *Package) { p.DueDate, p.ResponseFor, p.ToPlaces = "", nil, nil }},
		{"a 1 MB PDF", func(p *Package) { p.Attachments[0].Data = pdfLike(1 << 20) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := samplePackage()
			c.change(&p)
			type file struct {
				Name   string `json:"name"`
				SHA256 string `json:"sha256"`
			}
			var want []file
			for _, a := range p.Attachments {
				sum := sha256.Sum256(a.Data)
				want = append(want, file{a.Name, hex.EncodeToString(sum[:])})
			}
			runPython(t, "package", []byte(mustBuild(t, p)), want)
		})
	}
}

func TestBuildStatusReadByPython(t *testing.T) {
	b, err := BuildStatus(sampleStatus())
	if err != nil {
		t.Fatal(err)
	}
	runPython(t, "status", b, []any{})
}
