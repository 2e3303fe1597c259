// Package edxml reads and writes the edXML packages and status messages that
// Vietnamese document systems exchange over the national platform (QCVN
// 102:2016, DOMAIN.md "Exchange with other agencies"). Build and BuildStatus
// write one canonical form; Read accepts the variants real systems send and
// refuses anything unsafe or incomplete with a short reason the exchange
// service shows to clerks and sends back in status 02.
package edxml

import (
	"fmt"
	"time"
)

// Namespace is the edXML namespace of QCVN 102:2016.
const Namespace = "http://www.mic.gov.vn/TBT/QCVN_102_2016"

// Organisation is a sender or recipient (From, To): ID is its code (mã định danh).
type Organisation struct{ ID, InCharge, Name, Address, Email, Telephone, Fax, Website string }

// Code is a document's number and notation (số, ký hiệu).
type Code struct{ Number, Notation string }

// String is the code as printed on a document: "7816/VPCP-TTĐT".
func (c Code) String() string {
	switch {
	case c.Number == "":
		return c.Notation
	case c.Notation == "":
		return c.Number
	}
	return c.Number + "/" + c.Notation
}

// DocumentType is the document's kind (Type the code, TypeName e.g. "Công văn").
type DocumentType struct{ Type, TypeDetail, TypeName string }

// Signer is who signed: Competence e.g. "KT. CHỦ TỊCH".
type Signer struct{ Competence, Position, FullName string }

// Reference names another document (the one a package answers, revokes or
// replaces, or the one a status is about). Dates are "YYYY-MM-DD" in Go,
// yyyy/MM/dd on the wire.
type Reference struct {
	OrganID          string
	Code             Code
	DocumentID       string
	PromulgationDate string
}

// Trace is one hop a package passed.
type Trace struct {
	OrganID   string
	Timestamp time.Time
}

// Attachment is one file of a package. Data is the file's bytes (a one-entry
// zip a sender wrapped it in is opened on read). ContentID has no "cid:".
type Attachment struct {
	ContentID, Name, ContentType, Description string
	Data                                      []byte
}

// The business kinds of a package (TraceHeaderList's business part).
const (
	KindNew         = "new"
	KindRevocation  = "revocation"
	KindUpdate      = "update"
	KindReplacement = "replacement"
)

// Package is one document sent to other organisations. Dates are
// "YYYY-MM-DD"; Priority is the edXML priority (see PriorityOf).
type Package struct {
	From               Organisation
	To                 []Organisation
	DocumentID         string
	Code               Code
	Place              string
	PromulgationDate   string
	Type               DocumentType
	Subject, Content   string
	Signer             Signer
	DueDate            string
	Priority           int
	Sphere             string
	TyperNotation      string
	PromulgationAmount int
	PageAmount         int
	ResponseFor        []Reference
	SteeringType       int
	ToPlaces           []string
	Traces             []Trace
	BusinessKind       string // KindNew when empty
	Attachments        []Attachment
}

// StaffInfo is who, at the organisation sending a status, handled it.
type StaffInfo struct{ Department, Staff, Email, Mobile string }

// Status is a status message about a package (Code "01".."16", see StatusName).
type Status struct {
	From        Organisation
	ResponseFor Reference
	Staff       StaffInfo
	Code        string
	Description string
	Timestamp   time.Time
}

// Limits bound what Read accepts: the whole message, each attachment's
// decoded (and unzipped) size, and the number of attachments. A zero field
// takes DefaultLimits' value.
type Limits struct {
	MaxSize, MaxAttachment int64
	MaxAttachments         int
}

// DefaultLimits are the exchange service's limits.
var DefaultLimits = Limits{MaxSize: 100 << 20, MaxAttachment: 50 << 20, MaxAttachments: 100}

func (l Limits) orDefault() Limits {
	if l.MaxSize <= 0 {
		l.MaxSize = DefaultLimits.MaxSize
	}
	if l.MaxAttachment <= 0 {
		l.MaxAttachment = DefaultLimits.MaxAttachment
	}
	if l.MaxAttachments <= 0 {
		l.MaxAttachments = DefaultLimits.MaxAttachments
	}
	return l
}

// Error is every failure of Build, BuildStatus and Read. Reason is short
// English fit to show a clerk and to send back in a refusal (status 02).
type Error struct {
	Reason string
	Err    error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return "edxml: " + e.Reason + ": " + e.Err.Error()
	}
	return "edxml: " + e.Reason
}

func (e *Error) Unwrap() error { return e.Err }

func fmtReason(format string, args ...any) string { return fmt.Sprintf(format, args...) }

func refuse(format string, args ...any) *Error {
	return &Error{Reason: fmt.Sprintf(format, args...)}
}

// sizeText prints a limit the way people read it: "100 MiB", else bytes.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
