// Package app holds the documents service's use cases, one file each. The
// caller comes from the context (auth.Principal); every state change and
// its events commit in one transaction, which the repository (the
// Documents port) owns.
package app

import (
	"context"
	"io"
	"strconv"
	"time"

	"github.com/google/uuid"
	"go.opentelemetry.io/otel/trace"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/envconf"
	"github.com/eoffice-vn/eoffice/pkg/identityclient"
	"github.com/eoffice-vn/eoffice/pkg/scan"
	"github.com/eoffice-vn/eoffice/pkg/servicetoken"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// Service is the documents service.
type Service interface {
	CreateDocument(ctx context.Context, in CreateInput) (DocumentView, error)
	SubmitDocument(ctx context.Context, id string) (DocumentView, error)
	ApproveDocument(ctx context.Context, id string, in ApproveInput) (DocumentView, error)
	RejectDocument(ctx context.Context, id, reason string) (DocumentView, error)
	IssueDocument(ctx context.Context, id string) (DocumentView, error)
	GetDocument(ctx context.Context, id string) (DocumentView, error)
	ListDocuments(ctx context.Context, q ListQuery) (ListPage, error)
	DocumentHistory(ctx context.Context, id string) ([]domain.HistoryEntry, error)
	UpdateDocument(ctx context.Context, id string, p Patch) (DocumentView, error)
	RevokeDocument(ctx context.Context, id, reason string) (DocumentView, error)
	RegisterDocument(ctx context.Context, id string) (DocumentView, error)
	DirectDocument(ctx context.Context, id string, in domain.DirectionInput) (DocumentView, error)
	RouteDocument(ctx context.Context, id string, p domain.Pass) (DocumentView, error)
	ReturnDocument(ctx context.Context, id, reason string) (DocumentView, error)
	MarkDocumentRead(ctx context.Context, id string) (DocumentView, error)
	AddAttachment(ctx context.Context, docID string, in UploadInput) (domain.Attachment, error)
	OpenAttachment(ctx context.Context, docID, id string) (domain.Attachment, io.ReadCloser, error)
	RemoveAttachment(ctx context.Context, docID, id string) error
	ConsolidatedReport(ctx context.Context, planID, idempotencyKey string) (DocumentView, error)

	GrantAuthorisation(ctx context.Context, in GrantInput) (AuthorisationView, error)
	ListAuthorisations(ctx context.Context) ([]AuthorisationView, error)
	RevokeAuthorisation(ctx context.Context, id string) (AuthorisationView, error)
	SigningRules(ctx context.Context, agencyID string) (domain.SigningRules, error)
	SetSigningRules(ctx context.Context, agencyID string, tlKinds []string) (domain.SigningRules, error)
	CopyDocument(ctx context.Context, id string, in CopyInput) (DocumentView, error)
	ReceiveDocument(ctx context.Context, in IncomingInput) (DocumentView, error)
	RefuseDocument(ctx context.Context, id, reason string) (DocumentView, error)
	DocumentCopies(ctx context.Context, id string) ([]domain.Document, error)
	Official
	Books
}

// DocumentView is a document as one caller sees it.
type DocumentView struct {
	domain.Document
	// Receipts of every recipient agency: shown to the issuing agency's staff.
	Receipts []domain.Receipt
	// Receipt of the caller's own agency, when it received the document.
	Receipt *domain.Receipt
	// Attachments of the document (metadata).
	Attachments []domain.Attachment
	// PDF is the signed official PDF, once made (issued documents).
	PDF *domain.IssuedPDF
	// Routing of the receipt the caller has a part in (their agency's, or
	// the one whose routing names them), and what they may do on it now.
	Routing        []domain.RoutingStep
	RoutingActions []domain.StepKind
}

// Config wires a Service.
type Config struct {
	// Documents is the repository; it writes the events of each change
	// to the outbox in the change's transaction.
	Documents Documents
	// DB holds the unit directory (pkg/identityview).
	DB *pkgstore.DB
	// Identity is asked for units the directory does not know yet; nil:
	// such a unit is unknown.
	Identity *identityclient.Client
	Source   string // ce_source of emitted events
	Blobs    Blobs
	// MaxAttachment bounds an upload; envconf.DefaultMaxAttachment when 0.
	MaxAttachment int64
	// Scanner scans uploads before they are kept; scan.None when nil.
	Scanner scan.Scanner
	// SpoolDir holds uploads while they are checked; the system's
	// temporary folder when empty. Best beside the blobs: an upload is as
	// large as a blob, and the blob store's leftovers are pruned there.
	SpoolDir string
	// Facts tell people's positions and agencies' regimes (signing);
	// DirectoryFacts(DB, Identity) when nil.
	Facts SigningFacts
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Official keeps the PDFs and images; Documents when nil (the store
	// is both).
	Official OfficialStore
	// Books reads registers and statistics; Documents when nil (the
	// store is both).
	Books BookStore
	// Signing signs issued documents' PDFs and verifies signatures.
	Signing Signing
	// Organisations is the exchange directory (external recipients, a
	// paper document's sender by code); nil: no code is known.
	Organisations Organisations
	// PackageFiles reads incoming packages' files from exchange; nil:
	// packages wait in their intake until it is configured.
	PackageFiles PackageFiles
	// PDFsPaused queues issued documents' PDFs without making them, in
	// the request or by PDFWorker, until a service runs without it.
	PDFsPaused bool
}

type service struct {
	st     Documents
	dir    *Directory
	facts  SigningFacts
	source string
	now    func() time.Time
	blobs  Blobs

	maxAttachment int64
	scanner       scan.Scanner
	spoolDir      string

	off     OfficialStore
	books   BookStore
	signing Signing
	// pdfsPaused: see Config.PDFsPaused.
	pdfsPaused bool

	orgs  Organisations
	files PackageFiles

	// pdfSlot holds the one PDF being made at a time (pdfjob.go);
	// pdfWake tells PDFWorker that an issue left its PDF to it.
	pdfSlot chan struct{}
	pdfWake chan struct{}
}

// New returns the Service.
func New(c Config) Service {
	now := c.Now
	if now == nil {
		now = time.Now
	}
	maxAtt := c.MaxAttachment
	if maxAtt <= 0 {
		maxAtt = envconf.DefaultMaxAttachment
	}
	scanner := c.Scanner
	if scanner == nil {
		scanner = scan.None{}
	}
	facts := c.Facts
	if facts == nil {
		facts = DirectoryFacts(c.DB, c.Identity)
	}
	off := c.Official
	if off == nil {
		off, _ = c.Documents.(OfficialStore)
	}
	books := c.Books
	if books == nil {
		books, _ = c.Documents.(BookStore)
	}
	return &service{st: c.Documents, off: off, books: books, signing: c.Signing, dir: NewDirectory(c.DB, c.Identity), facts: facts,
		source: c.Source, now: func() time.Time { return now().UTC() }, blobs: c.Blobs, maxAttachment: maxAtt,
		scanner: scanner, spoolDir: c.SpoolDir, orgs: c.Organisations, files: c.PackageFiles, pdfsPaused: c.PDFsPaused,
		pdfSlot: make(chan struct{}, 1), pdfWake: make(chan struct{}, 1)}
}

// actor is the caller as the domain sees them.
func actor(ctx context.Context) (domain.Actor, auth.Principal, error) {
	p, ok := auth.FromContext(ctx)
	if !ok || p.Subject == "" {
		return domain.Actor{}, p, apperr.Unauthorized("no caller")
	}
	return domain.Actor{UserID: p.Subject, Name: p.Name, UnitID: p.UnitID, AgencyID: p.AgencyID, Roles: p.Roles,
		Exchange: p.ClientID == servicetoken.ExchangeClientID && p.HasScope(auth.ScopeDocumentsRead)}, p, nil
}

func newID() string { return uuid.Must(uuid.NewV7()).String() }

// traceID ties a history entry to the trace of the request that made it.
func traceID(ctx context.Context) string {
	if sc := trace.SpanContextFromContext(ctx); sc.HasTraceID() {
		return sc.TraceID().String()
	}
	return ""
}

func itoa(i int) string { return strconv.Itoa(i) }
