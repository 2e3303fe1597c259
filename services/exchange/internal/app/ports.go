package app

import (
	"context"
	"io"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/domain"
)

// Store is the database port. The store owns its transactions: a use case
// that changes several rows (a package, its files, its statuses, the
// messages to send, its events) hands InTx a function run with the Writes
// bound to one transaction.
type Store interface {
	Reads
	InTx(ctx context.Context, fn func(ctx context.Context, w Writes) error) error
}

// Reads are the queries, on the database or inside a transaction.
type Reads interface {
	Organisation(ctx context.Context, code string) (domain.Organisation, error) // apperr.ErrNotFound
	Organisations(ctx context.Context, q OrganisationQuery) ([]domain.Organisation, error)
	// Package returns a package with its files and statuses (apperr.ErrNotFound).
	Package(ctx context.Context, id string) (domain.Package, error)
	PackageByKey(ctx context.Context, key string) (domain.Package, error)
	// PackageByEdxmlID finds a package of direction by the other side's
	// code and its DocumentId (apperr.ErrNotFound).
	PackageByEdxmlID(ctx context.Context, direction, orgCode, edxmlID string) (domain.Package, error)
	Packages(ctx context.Context, q PackageQuery) ([]domain.Package, error)
	// PackagesInState lists up to limit packages in state, oldest first.
	PackagesInState(ctx context.Context, state string, limit int) ([]domain.Package, error)
	// DueMessages lists up to limit queued messages due at now.
	DueMessages(ctx context.Context, now time.Time, limit int) ([]domain.Message, error)
	// SentPackages lists up to limit edoc messages sent but not known delivered.
	SentMessages(ctx context.Context, limit int) ([]domain.Message, error)
	AgencyByCode(ctx context.Context, code string) (identityview.Unit, error) // identityview.ErrNotFound
	Unit(ctx context.Context, id string) (identityview.Unit, error)           // identityview.ErrNotFound
	AgencyCodes(ctx context.Context) ([]string, error)
}

// Writes are the write ports bound to one transaction.
type Writes interface {
	Reads
	PutOrganisations(ctx context.Context, orgs []domain.Organisation, now time.Time) error
	UpdateOrganisation(ctx context.Context, o domain.Organisation, now time.Time) error
	// AddPackage stores p under its dedupe key; created is false (and p
	// untouched) when a package with that key exists.
	AddPackage(ctx context.Context, p domain.Package, key string) (created bool, err error)
	// SavePackage stores p's fields and replaces its files.
	SavePackage(ctx context.Context, p domain.Package) error
	// MovePackage is SavePackage when the package's stored state is from;
	// false (nothing written) when another process moved it first, so that
	// replicas on one database never both take a step.
	MovePackage(ctx context.Context, p domain.Package, from string) (bool, error)
	DeletePackage(ctx context.Context, id string) error
	// AddStatus records s for package id; false when it was recorded already.
	AddStatus(ctx context.Context, packageID string, s domain.Status) (bool, error)
	QueueMessage(ctx context.Context, m domain.Message, now time.Time) error
	MessageSent(ctx context.Context, id, ref string, now time.Time) error
	MessageFailed(ctx context.Context, id, reason string, next time.Time) error
	MessageDelivered(ctx context.Context, id string, now time.Time) error
	// MessageGivenUp stops sending a message for good.
	MessageGivenUp(ctx context.Context, id, reason string, now time.Time) error
	PutUnit(ctx context.Context, u identityview.Unit) error
	Emit(ctx context.Context, evs ...envelope.Event) error
}

// OrganisationQuery filters the directory.
type OrganisationQuery struct {
	Q     string // in the code or the name
	After string // the last code of the previous page
	Limit int
}

// PackageQuery filters the packages.
type PackageQuery struct {
	AgencyID   string // "" for all (administrators, clients)
	Direction  string
	DocumentID string
	State      string
	// Cursor: the last (created_at, id) of the previous page.
	BeforeTime time.Time
	BeforeID   string
	Limit      int
}

// Blobs keeps contents by their SHA-256 (pkg/blobs.Files).
type Blobs interface {
	Put(ctx context.Context, r io.Reader) (sum string, size int64, err error)
	Open(ctx context.Context, sum string) (io.ReadCloser, error)
}

// Message is what the transport carries (transport.Message's fields).
type Message struct {
	Ref, Type, From, To string
	Body                []byte
}

// Transport hands messages to other agencies' systems (internal/transport).
type Transport interface {
	Send(ctx context.Context, key string, m Message) (ref string, err error)
	Pending(ctx context.Context, max int) ([]Message, error)
	Ack(ctx context.Context, ref string) error
	Delivered(ctx context.Context, ref string) (bool, error)
	Announce(ctx context.Context, codes []string) error
}

// IssuedDocument is what an outgoing package carries of a document.
type IssuedDocument struct {
	ID, Kind, KindName, Notation, Summary, Urgency, DueDate string
	IssuedAt                                                time.Time
	SignerName, SignerMark, SignerPosition                  string
	Pages                                                   int
	Files                                                   []DocumentFile
}

// DocumentFile is one file of an issued document, the signed PDF first.
type DocumentFile struct {
	Name, ContentType string
	Data              []byte
}

// Documents reads issued documents at the documents service with the
// service's own token.
type Documents interface {
	Issued(ctx context.Context, id string) (IssuedDocument, error)
}

// Agencies asks identity about an agency code the read model lacks.
type Agencies interface {
	// AgencyByCode returns the agency identity has with that code, or
	// identityview.ErrNotFound.
	AgencyByCode(ctx context.Context, code string) (identityview.Unit, error)
}

// Clock tells the time (tests set it).
type Clock func() time.Time
