package domain

import "time"

// Directions of a package.
const (
	In  = "in"
	Out = "out"
)

// States of a package. In: received (stored, not yet validated), then
// accepted or refused. Out: waiting_pdf (issued, its signed PDF not made
// yet), building (the PDF is ready; the package is to be built), queued,
// sent, delivered, failed (the gateway knows no such recipient), then the
// name of the latest status the recipient reported (arrived, refused,
// registered, assigned, handling, done).
const (
	StateReceived   = "received"
	StateAccepted   = "accepted"
	StateRefused    = "refused"
	StateWaitingPDF = "waiting_pdf"
	StateBuilding   = "building"
	StateQueued     = "queued"
	StateSent       = "sent"
	StateDelivered  = "delivered"
	StateFailed     = "failed"
)

// Signature results of a PDF file and of a package.
const (
	SignatureValid    = "valid"
	SignatureInvalid  = "invalid"
	SignatureUnsigned = "unsigned"
)

// Package is one edXML package, received or sent.
type Package struct {
	ID        string
	Direction string
	// The other side: the sender of an incoming package, the recipient of
	// an outgoing one.
	OrganisationCode string
	OrganisationName string
	// Ours: the addressed agency (in) or the issuing one (out), its unit id
	// and code; IssuerUnitID is the issuing unit (out).
	AgencyID     string
	OurCode      string
	IssuerUnitID string
	// DocumentID is our document: the issued one (out), or the incoming
	// one documents made of the package (in, once it said so).
	DocumentID       string
	EdxmlDocumentID  string
	CodeNumber       string
	CodeNotation     string
	Notation         string
	PromulgationDate string
	Subject          string
	State            string
	Reason           string
	Signature        string
	// BodySHA256 names the edXML bytes in the blob store ("" until built).
	BodySHA256 string
	Files      []File
	Statuses   []Status
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// File is one attachment of a package, stored by its SHA-256.
type File struct {
	Index       int
	Name        string
	ContentType string
	Size        int64
	SHA256      string
	Signature   string
}

// Status directions: a status message this side sent, or received.
const (
	StatusSent     = "sent"
	StatusReceived = "received"
)

// Status is one edXML status message about a package.
type Status struct {
	Code      string
	Name      string
	Direction string
	At        time.Time
	Note      string
}

// Message types a transport carries.
const (
	MessageEdoc   = "edoc"
	MessageStatus = "status"
)

// Message is one edXML message to hand to the transport: a package (its
// bytes in the blob store) or a status (its bytes kept in Body).
type Message struct {
	ID        string
	PackageID string
	Type      string
	From, To  string
	Body      []byte
	Attempts  int
	Ref       string
}

// Backoff is the wait before the attempt after n failed ones: 2 s
// doubling, at most 10 minutes.
func Backoff(n int) time.Duration {
	d := 2 * time.Second
	for i := 1; i < n && d < 10*time.Minute; i++ {
		d *= 2
	}
	return min(d, 10*time.Minute)
}
