package edxml

import (
	"io"
	"strconv"
	"strings"
)

// Read reads a package or a status message from r: exactly one of the two
// results is non-nil. It accepts what real systems send (DOMAIN.md): the
// namespace under any prefix or as the default, attachments qualified or
// not, content ids with or without "cid:", attachments raw or in a
// one-entry zip, DocumentId in any form, dates as yyyy/MM/dd, yyyy-MM-dd
// or dd/MM/yyyy. Optional fields it cannot read are left empty (a status's
// unreadable Timestamp is the zero time). Every refusal is an *Error whose
// Reason says what is wrong. Zero fields of lim take DefaultLimits.
func Read(r io.Reader, lim Limits) (*Package, *Status, error) {
	lim = lim.orDefault()
	root, err := parse(r, lim)
	if err != nil {
		return nil, nil, err
	}
	env := root
	if root.local != "edXMLEnvelope" {
		env = root.child("edXMLEnvelope")
	}
	header := env.child("edXMLHeader")
	if env == nil || header == nil {
		return nil, nil, refuse("not edXML: no edXMLEnvelope > edXMLHeader")
	}
	mh := header.child("MessageHeader")
	// A status carries StatusCode in MessageHeader; older senders wrap it
	// in a Status element of the header instead.
	if mh.child("StatusCode") != nil {
		s, err := readStatus(mh)
		return nil, s, err
	}
	if st := header.child("Status"); st != nil {
		s, err := readStatus(st)
		return nil, s, err
	}
	if mh == nil {
		return nil, nil, refuse("missing MessageHeader")
	}
	p, err := readPackage(root, env, header, mh, lim)
	if err != nil {
		return nil, nil, err
	}
	return p, nil, nil
}

func readPackage(root, env, header, mh *node, lim Limits) (*Package, error) {
	p := &Package{
		From:          organisation(mh.child("From")),
		DocumentID:    mh.str("DocumentId"),
		Code:          code(mh.child("Code")),
		Place:         mh.str("PromulgationInfo", "Place"),
		Type:          DocumentType{Type: mh.str("DocumentType", "Type"), TypeDetail: mh.str("DocumentType", "TypeDetail"), TypeName: mh.str("DocumentType", "TypeName")},
		Subject:       mh.str("Subject"),
		Content:       mh.str("Content"),
		Signer:        Signer{Competence: mh.str("SignerInfo", "Competence"), Position: mh.str("SignerInfo", "Position"), FullName: mh.str("SignerInfo", "FullName")},
		Priority:      number(mh.str("OtherInfo", "Priority")),
		Sphere:        mh.str("OtherInfo", "SphereOfPromulgation"),
		TyperNotation: mh.str("OtherInfo", "TyperNotation"),
		SteeringType:  number(mh.str("SteeringType")),
		BusinessKind:  KindNew,
	}
	p.PromulgationAmount = number(mh.str("OtherInfo", "PromulgationAmount"))
	p.PageAmount = number(mh.str("OtherInfo", "PageAmount"))
	for _, to := range mh.children("To") {
		p.To = append(p.To, organisation(to))
	}
	switch {
	case p.From.ID == "":
		return nil, refuse("missing From OrganId")
	case len(p.To) == 0:
		return nil, refuse("missing To")
	case p.DocumentID == "":
		return nil, refuse("missing DocumentId")
	case p.Code.Number == "" && p.Code.Notation == "":
		return nil, refuse("missing Code")
	case p.Subject == "":
		return nil, refuse("missing Subject")
	}
	for i, to := range p.To {
		if to.ID == "" {
			return nil, refuse("To %d: missing OrganId", i+1)
		}
	}
	date := mh.str("PromulgationInfo", "PromulgationDate")
	if date == "" {
		date = mh.str("PromulgationDate") // beside PromulgationInfo, as some write it
	}
	if date == "" {
		return nil, refuse("missing PromulgationDate")
	}
	var ok bool
	if p.PromulgationDate, ok = goDateOf(date); !ok {
		return nil, refuse("bad PromulgationDate %q", date)
	}
	p.DueDate, _ = goDateOf(mh.str("DueDate")) // optional: an unreadable one is dropped
	for _, r := range mh.children("ResponseFor") {
		p.ResponseFor = append(p.ResponseFor, reference(r))
	}
	for _, pl := range mh.child("ToPlaces").children("Place") {
		if s := strings.TrimSpace(string(pl.text)); s != "" {
			p.ToPlaces = append(p.ToPlaces, s)
		}
	}
	traces := header.child("TraceHeaderList")
	for _, t := range traces.children("TraceHeader") {
		ts, _ := stampOf(t.str("Timestamp"))
		p.Traces = append(p.Traces, Trace{OrganID: t.str("OrganId"), Timestamp: ts})
	}
	for _, b := range []*node{traces.child("Bussiness"), traces.child("Business")} {
		if b != nil {
			p.BusinessKind = kindOf(b.str("BussinessDocType") + b.str("BusinessDocType"))
		}
	}
	var err error
	p.Attachments, err = attachments(root, env, lim)
	if err != nil {
		return nil, err
	}
	return p, nil
}

func readStatus(n *node) (*Status, error) {
	s := &Status{
		From:        organisation(n.child("From")),
		ResponseFor: reference(n.child("ResponseFor")),
		Staff: StaffInfo{Department: n.str("StaffInfo", "Department"), Staff: n.str("StaffInfo", "Staff"),
			Email: n.str("StaffInfo", "Email"), Mobile: n.str("StaffInfo", "Mobile")},
		Code:        normCode(n.str("StatusCode")),
		Description: n.str("Description"),
	}
	s.Timestamp, _ = stampOf(n.str("Timestamp")) // zero when absent or unreadable
	switch {
	case s.From.ID == "":
		return nil, refuse("missing From OrganId")
	case s.Code == "":
		return nil, refuse("missing StatusCode")
	case n.child("ResponseFor") == nil:
		return nil, refuse("missing ResponseFor")
	case s.ResponseFor.DocumentID == "":
		return nil, refuse("missing ResponseFor DocumentId")
	}
	return s, nil
}

func organisation(n *node) Organisation {
	return Organisation{ID: n.str("OrganId"), InCharge: n.str("OrganizationInCharge"), Name: n.str("OrganName"),
		Address: n.str("OrganAdd"), Email: n.str("Email"), Telephone: n.str("Telephone"), Fax: n.str("Fax"),
		Website: n.str("Website")}
}

// code reads CodeNumber/CodeNotation, or a Code written as "7816/VPCP-TTĐT"
// text (ResponseFor in statuses).
func code(n *node) Code {
	if n.child("CodeNumber") != nil || n.child("CodeNotation") != nil {
		return Code{Number: n.str("CodeNumber"), Notation: n.str("CodeNotation")}
	}
	s := n.str()
	if num, notation, ok := strings.Cut(s, "/"); ok {
		return Code{Number: strings.TrimSpace(num), Notation: strings.TrimSpace(notation)}
	}
	return Code{Notation: s}
}

func reference(n *node) Reference {
	r := Reference{OrganID: n.str("OrganId"), Code: code(n.child("Code")), DocumentID: n.str("DocumentId")}
	r.PromulgationDate, _ = goDateOf(n.str("PromulgationDate"))
	return r
}

// number reads an integer field; a missing or unreadable one is 0.
func number(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0
	}
	return n
}
