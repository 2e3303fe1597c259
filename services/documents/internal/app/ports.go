package app

import (
	"context"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/idempotency"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// Documents is the repository the use cases need (internal/store is it).
// Reads stand alone; each write is one method that opens, owns and
// commits its transaction, so that a change, its history entry, its
// events (the outbox) and its idempotency key commit together or not at
// all. A missing row is domain.ErrNotFound.
type Documents interface {
	Document(ctx context.Context, id string) (domain.Document, error)
	Receipts(ctx context.Context, documentID string) ([]domain.Receipt, error)
	History(ctx context.Context, documentID string) ([]domain.HistoryEntry, error)
	Attachment(ctx context.Context, documentID, id string) (domain.Attachment, error)
	Attachments(ctx context.Context, documentID string) ([]domain.Attachment, error)
	// ReferencedBlobs says which of sums an attachment still names.
	ReferencedBlobs(ctx context.Context, sums []string) (map[string]bool, error)
	PlanTasks(ctx context.Context, planID string) ([]domain.TaskView, error)
	// PlanReportRequests lists the periodic report requests of a plan's
	// top-level tasks that are not cancelled, in period order, lead first.
	PlanReportRequests(ctx context.Context, planID string) ([]domain.ReportRequest, error)
	// List reads a page of a box and the key of the next (nil: last).
	List(ctx context.Context, q BoxQuery) ([]ListItem, []string, error)
	// Replayed returns the id of what key created before; found is false
	// when the key is new (or unset).
	Replayed(ctx context.Context, key idempotency.Key) (id string, found bool, err error)

	// CreateDocument stores a new draft with its first history entry,
	// claiming key in the same transaction: a repeat of the key gets the
	// first draft's id, replayed.
	CreateDocument(ctx context.Context, key idempotency.Key, d domain.Document, h domain.HistoryEntry) (id string, replayed bool, err error)
	// UpdateDocument locks document id and runs step on it; the document
	// (its status moving from what it was), the step's history entry and
	// events are stored in the step's transaction. It returns the
	// document as stored.
	UpdateDocument(ctx context.Context, id string, apply Step) (domain.Document, error)
	// UpdateReceipt locks document id (a revocation queues behind) and
	// agencyID's receipt of it and runs step on the receipt; the receipt,
	// the history entry and the events are stored likewise.
	UpdateReceipt(ctx context.Context, id, agencyID string, apply ReceiptStep) error
	// AddAttachment locks att's document, has check pass it, and stores
	// att, claiming key in the same transaction: a repeat of the key gets
	// the first attachment's id, replayed.
	AddAttachment(ctx context.Context, key idempotency.Key, att domain.Attachment, check func(domain.Document) error) (id string, replayed bool, err error)
	// RemoveAttachment locks the document, has check pass it, and deletes
	// the attachment's row.
	RemoveAttachment(ctx context.Context, documentID, id string, check func(domain.Document) error) error

	// Authorisation reads one authorisation.
	Authorisation(ctx context.Context, id string) (domain.Authorisation, error)
	// Authorisations lists, newest first, those granted by or to userID,
	// and with agencyID set, every one of that agency too.
	Authorisations(ctx context.Context, userID, agencyID string) ([]domain.Authorisation, error)
	// CreateAuthorisation stores a new authorisation and its events,
	// claiming key in the same transaction: a repeat of the key gets the
	// first one's id, replayed.
	CreateAuthorisation(ctx context.Context, key idempotency.Key, au domain.Authorisation, evs []envelope.Event) (id string, replayed bool, err error)
	// UpdateAuthorisation locks authorisation id, runs apply on it and
	// stores it with apply's events in one transaction.
	UpdateAuthorisation(ctx context.Context, id string, apply func(*domain.Authorisation) ([]envelope.Event, error)) (domain.Authorisation, error)
	// SigningRules reads an agency's signing rules, its defaults when it
	// set none.
	SigningRules(ctx context.Context, agencyID string) (domain.SigningRules, error)
	SaveSigningRules(ctx context.Context, r domain.SigningRules) error
	// Copies lists the copies made of document id, oldest first.
	Copies(ctx context.Context, id string) ([]domain.Document, error)
	// IssueCopy locks document originalID and runs make on it; the copy
	// make returns (issued, numbered from w), its receipts, history entry
	// and events are stored in make's transaction, claiming key in it too:
	// a repeat of the key gets the first copy's id, replayed (and takes no
	// number).
	IssueCopy(ctx context.Context, key idempotency.Key, originalID string, make CopyStep) (id string, replayed bool, err error)
	// ReceiveDocument stores what make builds (a paper document), claiming
	// key in the same transaction: a repeat gets the first id, replayed.
	ReceiveDocument(ctx context.Context, key idempotency.Key, make IncomingStep) (id string, replayed bool, err error)
	// ReceivePackage stores what make builds for exchange package
	// packageID unless a document of it exists (created false, make not
	// run), and ends the package's intake job, in one transaction.
	ReceivePackage(ctx context.Context, packageID string, make IncomingStep) (id string, created bool, err error)
	// DueIntakes lists packages whose intake is due at now, oldest first.
	DueIntakes(ctx context.Context, now time.Time, limit int) ([]string, error)
	// ClaimIntake leases a due intake until until and returns its event
	// (protojson); claimed is false when none is due.
	ClaimIntake(ctx context.Context, packageID string, now, until time.Time) (claimed bool, attempts int, payload []byte, err error)
	// FailIntake puts a failed intake back, due again at retryAt.
	FailIntake(ctx context.Context, packageID string, retryAt time.Time, problem string) error
}

// IncomingStep builds a document that came from outside within the
// transaction that stores it (w: its receipt's incoming number).
type IncomingStep func(ctx context.Context, w Writes) (NewIncoming, error)

// NewIncoming is a document from outside and what to store with it: its
// one receipt (received, or registered already), files, history and
// events.
type NewIncoming struct {
	Document    domain.Document
	Receipt     domain.Receipt
	Attachments []domain.Attachment
	History     []domain.HistoryEntry
	Events      []envelope.Event
}

// CopyStep makes a copy of a locked original within its transaction (w).
type CopyStep func(ctx context.Context, w Writes, original domain.Document) (NewCopy, error)

// NewCopy is what a CopyStep made: the copy and what to store with it.
type NewCopy struct {
	Copy     domain.Document
	Receipts []domain.Receipt
	History  domain.HistoryEntry
	Events   []envelope.Event
	// PDFAt, when set, queues the copy's PDF in the same transaction (as
	// an issue queues its document's, Writes.QueuePDF).
	PDFAt time.Time
	// PDFAttachmentID is the id its PDF's attachment will have (named by
	// its document.issued).
	PDFAttachmentID string
}

// Step applies one transition to a locked document, within its
// transaction (w), and says what to record and publish.
type Step func(ctx context.Context, w Writes, d *domain.Document) (domain.HistoryEntry, []envelope.Event, error)

// ReceiptStep changes a locked receipt of document d, within its
// transaction (w), and says what to record and publish.
type ReceiptStep func(ctx context.Context, w Writes, d domain.Document, r *domain.Receipt) (domain.HistoryEntry, []envelope.Event, error)

// Writes is what a step may do besides changing its document or receipt,
// bound to the step's transaction by the repository.
type Writes interface {
	// NextNumber takes the next number of a unit's register for year:
	// given back if the transaction does not commit, so never skipped
	// nor repeated.
	NextNumber(ctx context.Context, unitID string, year int, series string) (int64, error)
	InsertReceipts(ctx context.Context, rs []domain.Receipt) error
	// UpdateContent stores an edited draft's content (items, recipients).
	UpdateContent(ctx context.Context, d domain.Document) error
	// SignerRules reads the agency's signing rules (its defaults when it
	// set none) and the authorisations granted to userID that have not
	// ended by day (YYYY-MM-DD).
	SignerRules(ctx context.Context, agencyID, userID, day string) (domain.SigningRules, []domain.Authorisation, error)
	// QueuePDF records that documentID's signed PDF is to be made (the
	// job PDFWorker resumes should the issuing request not finish it).
	// attachmentID is the id the PDF's attachment will take, named by
	// document.issued before the PDF exists.
	QueuePDF(ctx context.Context, documentID, attachmentID string, at time.Time) error
}

// TaskWrites keeps the task read model (and queues exchange packages'
// intake), bound by the consumer to the transaction in which it takes the
// event, so that the event is applied once.
type TaskWrites interface {
	// Unit returns a unit of the directory, or domain.ErrNotFound.
	Unit(ctx context.Context, id string) (domain.Unit, error)
	UpsertTask(ctx context.Context, v domain.TaskView) error
	// AddReportRequest keeps a periodic report request; a repeat changes
	// nothing.
	AddReportRequest(ctx context.Context, r domain.ReportRequest) error
	// AnswerReportRequest marks request requestID of the task, or when
	// that is empty the task's earliest unanswered request whose period
	// began by day (YYYY-MM-DD), as answered by the report at at
	// (store.TimeLayout); once per report.
	AnswerReportRequest(ctx context.Context, taskID, requestID, reportID, day, at string) error
	// MarkReceiptsDone marks the receipts of a document whose direction
	// its tasks have completed, and names the agencies whose receipt it
	// moved now.
	MarkReceiptsDone(ctx context.Context, documentID, at string) ([]string, error)
	// MarkReceiptHandling records that work began on agencyID's directed
	// receipt of a document: true the first time only.
	MarkReceiptHandling(ctx context.Context, documentID, agencyID, at string) (bool, error)
	// Document reads a document (domain.ErrNotFound when unknown).
	Document(ctx context.Context, id string) (domain.Document, error)
	// Publish adds events to the outbox in the event's transaction.
	Publish(ctx context.Context, evs ...envelope.Event) error
	// QueueIntake records that exchange package packageID (its event,
	// protojson) is to become a document; a repeat changes nothing.
	QueueIntake(ctx context.Context, packageID string, payload []byte, at time.Time) error
}
