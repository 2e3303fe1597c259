package edxml

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"strconv"
	"strings"
	"time"
)

// Build writes p in the canonical form (DOMAIN.md): root edXML in Namespace
// with prefix edXML; edXMLEnvelope > edXMLHeader (MessageHeader in the
// standard's order, TraceHeaderList; no Signature: packages are signed in
// their PDF) and edXMLBody > edXMLManifest > Reference*; beside the envelope
// AttachmentEncoded > Attachment*. Attachments are numbered cid:1, cid:2…
// in order, whatever their ContentID. With no Traces, Build adds one for
// From at the current time. A package missing a required field is refused
// with *Error.
func Build(p Package) ([]byte, error) {
	if err := checkPackage(p); err != nil {
		return nil, err
	}
	var w writer
	w.start()
	w.open("edXMLEnvelope")
	w.open("edXMLHeader")
	w.open("MessageHeader")
	w.organisation("From", p.From)
	for _, to := range p.To {
		w.organisation("To", to)
	}
	w.leaf("DocumentId", p.DocumentID)
	w.open("Code")
	w.leaf("CodeNumber", p.Code.Number)
	w.leaf("CodeNotation", p.Code.Notation)
	w.close("Code")
	w.open("PromulgationInfo")
	w.leaf("Place", p.Place)
	w.leaf("PromulgationDate", mustWireDate(p.PromulgationDate))
	w.close("PromulgationInfo")
	w.open("DocumentType")
	w.leaf("Type", p.Type.Type)
	w.leaf("TypeDetail", p.Type.TypeDetail)
	w.leaf("TypeName", p.Type.TypeName)
	w.close("DocumentType")
	w.leaf("Subject", p.Subject)
	w.leaf("Content", p.Content)
	w.open("SignerInfo")
	w.leaf("Competence", p.Signer.Competence)
	w.leaf("Position", p.Signer.Position)
	w.leaf("FullName", p.Signer.FullName)
	w.close("SignerInfo")
	if p.DueDate != "" {
		w.leaf("DueDate", mustWireDate(p.DueDate))
	}
	w.open("OtherInfo")
	w.leaf("Priority", strconv.Itoa(p.Priority))
	w.leaf("SphereOfPromulgation", p.Sphere)
	w.leaf("TyperNotation", p.TyperNotation)
	w.leaf("PromulgationAmount", strconv.Itoa(p.PromulgationAmount))
	w.leaf("PageAmount", strconv.Itoa(p.PageAmount))
	w.close("OtherInfo")
	for _, r := range p.ResponseFor {
		w.reference(r, false)
	}
	w.leaf("SteeringType", strconv.Itoa(p.SteeringType))
	w.open("ToPlaces")
	for _, pl := range p.ToPlaces {
		w.leaf("Place", pl)
	}
	w.close("ToPlaces")
	w.close("MessageHeader")
	w.traces(p)
	w.close("edXMLHeader")
	w.open("edXMLBody")
	w.open("edXMLManifest")
	for i, a := range p.Attachments {
		w.open("Reference")
		w.leaf("ContentId", cid(i))
		w.leaf("ContentType", typeOf(a))
		w.leaf("Description", descriptionOf(a))
		w.leaf("AttachmentName", a.Name)
		w.close("Reference")
	}
	w.close("edXMLManifest")
	w.close("edXMLBody")
	w.close("edXMLEnvelope")
	if len(p.Attachments) > 0 {
		w.open("AttachmentEncoded")
		for i, a := range p.Attachments {
			w.open("Attachment")
			w.leaf("ContentId", cid(i))
			w.leaf("AttachmentName", a.Name)
			w.leaf("ContentType", typeOf(a))
			w.leaf("Description", descriptionOf(a))
			w.base64("ContentTransferEncoded", a.Data)
			w.close("Attachment")
		}
		w.close("AttachmentEncoded")
	}
	w.end()
	return w.b.Bytes(), nil
}

// BuildStatus writes a status message: the same root and envelope, no To
// and no body; MessageHeader holds From, ResponseFor, StaffInfo,
// StatusCode, Description, Timestamp in DOMAIN.md's order. Where the
// status fields sit follows public code: a VDXP gateway client (Java
// package com.vpcp.gateway, EdxmlParser) reads ResponseFor, StaffInfo,
// StatusCode, Description and Timestamp from MessageHeader; an older C#
// QLVB system (BuildXmlContentStatus) wraps them in a Status element of the
// header and writes ResponseFor's Code as "number/notation" text, as we do.
// Read accepts both placements and both forms of Code.
func BuildStatus(s Status) ([]byte, error) {
	if err := checkStatus(s); err != nil {
		return nil, err
	}
	var w writer
	w.start()
	w.open("edXMLEnvelope")
	w.open("edXMLHeader")
	w.open("MessageHeader")
	w.organisation("From", s.From)
	w.reference(s.ResponseFor, true)
	w.open("StaffInfo")
	w.leaf("Department", s.Staff.Department)
	w.leaf("Staff", s.Staff.Staff)
	w.leaf("Email", s.Staff.Email)
	w.leaf("Mobile", s.Staff.Mobile)
	w.close("StaffInfo")
	w.leaf("StatusCode", normCode(s.Code))
	w.leaf("Description", s.Description)
	w.leaf("Timestamp", wireStampOf(s.Timestamp))
	w.close("MessageHeader")
	w.close("edXMLHeader")
	w.close("edXMLEnvelope")
	w.end()
	return w.b.Bytes(), nil
}

func cid(i int) string { return "cid:" + strconv.Itoa(i+1) }

func typeOf(a Attachment) string {
	if t := strings.TrimSpace(a.ContentType); t != "" {
		return t
	}
	return typeByName(a.Name)
}

func descriptionOf(a Attachment) string {
	if d := strings.TrimSpace(a.Description); d != "" {
		return d
	}
	return a.Name
}

func mustWireDate(d string) string {
	s, _ := wireDateOf(d) // checked before writing
	return s
}

// writer writes elements with the edXML prefix; text is escaped (and
// characters XML cannot carry replaced) by encoding/xml.
type writer struct{ b bytes.Buffer }

func (w *writer) start() {
	w.b.WriteString(xml.Header)
	w.b.WriteString(`<edXML:edXML xmlns:edXML="` + Namespace + `">` + "\n")
}

func (w *writer) end() { w.b.WriteString("</edXML:edXML>\n") }

func (w *writer) open(name string) { w.b.WriteString("<edXML:" + name + ">\n") }

func (w *writer) close(name string) { w.b.WriteString("</edXML:" + name + ">\n") }

func (w *writer) leaf(name, text string) {
	w.b.WriteString("<edXML:" + name + ">")
	_ = xml.EscapeText(&w.b, []byte(text)) // a bytes.Buffer does not fail
	w.b.WriteString("</edXML:" + name + ">\n")
}

// base64 writes data in lines of 76 characters (MIME's width, which some
// receivers' decoders expect).
func (w *writer) base64(name string, data []byte) {
	enc := make([]byte, base64.StdEncoding.EncodedLen(len(data)))
	base64.StdEncoding.Encode(enc, data)
	w.b.Grow(len(enc) + len(enc)/76 + 64)
	w.b.WriteString("<edXML:" + name + ">\n")
	for len(enc) > 0 {
		n := min(76, len(enc))
		w.b.Write(enc[:n])
		w.b.WriteByte('\n')
		enc = enc[n:]
	}
	w.b.WriteString("</edXML:" + name + ">\n")
}

func (w *writer) organisation(name string, o Organisation) {
	w.open(name)
	w.leaf("OrganId", o.ID)
	w.leaf("OrganizationInCharge", o.InCharge)
	w.leaf("OrganName", o.Name)
	w.leaf("OrganAdd", o.Address)
	w.leaf("Email", o.Email)
	w.leaf("Telephone", o.Telephone)
	w.leaf("Fax", o.Fax)
	w.leaf("Website", o.Website)
	w.close(name)
}

// reference writes a ResponseFor: in a package OrganId, Code, DocumentId,
// PromulgationDate; in a status the date comes before the id (DOMAIN.md).
func (w *writer) reference(r Reference, status bool) {
	w.open("ResponseFor")
	w.leaf("OrganId", r.OrganID)
	w.leaf("Code", r.Code.String())
	date := ""
	if r.PromulgationDate != "" {
		date = mustWireDate(r.PromulgationDate)
	}
	if status {
		w.leaf("PromulgationDate", date)
	}
	w.leaf("DocumentId", r.DocumentID)
	if !status {
		w.leaf("PromulgationDate", date)
	}
	w.close("ResponseFor")
}

func (w *writer) traces(p Package) {
	traces := p.Traces
	if len(traces) == 0 {
		traces = []Trace{{OrganID: p.From.ID, Timestamp: time.Now()}}
	}
	kind := p.BusinessKind
	if kind == "" {
		kind = KindNew
	}
	w.open("TraceHeaderList")
	for _, t := range traces {
		w.open("TraceHeader")
		w.leaf("OrganId", t.OrganID)
		w.leaf("Timestamp", wireStampOf(t.Timestamp))
		w.close("TraceHeader")
	}
	// The business kind as the VDXP SDKs write it, in their spelling
	// (public C# users of the SDK's EdXml102 read Bussiness.BussinessDocType).
	w.open("Bussiness")
	w.leaf("BussinessDocType", kindCodes[kind])
	w.close("Bussiness")
	w.close("TraceHeaderList")
}
