package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/officialpdf"
	"github.com/eoffice-vn/eoffice/pkg/signing"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// Why the PDF is made after the issue's transaction, by a job, and announced
// by its own event (document.pdf_ready) rather than by document.issued:
//
// Rendering takes tens of milliseconds and a remote signing service may
// take seconds or be down; neither may hold the database's one writer
// (SQLite) or the document's row lock. Numbering and release stay one
// transaction, as before, which also writes a pdf_jobs row; the PDF is
// then rendered, signed and stored outside any transaction, and a second
// transaction records it, ends the job and emits document.pdf_ready. The
// issuing request runs the job at once, so the PDF is normally there when
// it answers; if the process dies in between, or the signing service
// fails, the job stays in the table and PDFWorker, started with the
// service, takes it up again (a claim is a lease, so a worker that died
// holding one only delays it). Holding the release until the PDF is
// signed would instead leave a numbered document unreleased for as long
// as a signing service is unreachable, and the register's order with it.

// Job timing.
const (
	// pdfLease is how long a worker holds a job: longer than any
	// render-and-sign, short enough that a dead worker's job soon returns.
	pdfLease = 2 * time.Minute
	// pdfRetryMax caps the wait between attempts.
	pdfRetryMax = 30 * time.Minute
	// PDFPollInterval is how often PDFWorker looks for due jobs.
	PDFPollInterval = 15 * time.Second
)

// retryAfter doubles the wait with each attempt: 10 s, 20 s, … up to
// pdfRetryMax.
func retryAfter(attempts int) time.Duration {
	d := 10 * time.Second
	for i := 1; i < attempts && d < pdfRetryMax; i++ {
		d *= 2
	}
	return min(d, pdfRetryMax)
}

// ErrNoSigner: the service has no key store configured.
var ErrNoSigner = errors.New("no signer configured")

// pdfSlotWait is how long an issuing request waits for the PDF slot
// before it leaves its PDF to PDFWorker and answers without it.
const pdfSlotWait = 2 * time.Second

// One PDF is made at a time in a process (pdfSlot). Rendering and signing
// are pure CPU, tens of milliseconds each: when every issuing request made
// its own at once (the bench issues 50 a second), the runnable renders
// outnumbered everything else and the service's own relay and consumers
// queued behind them in the scheduler, so document.issued left seconds
// late (event latency p50 0.9-2 s, p99 4-8 s on two shared cores). One at
// a time bounds them to a core. An issuing request that cannot get the
// slot within pdfSlotWait hands its job to PDFWorker (woken at once)
// rather than queue on: its answer then comes without the PDF.

// producePDF runs documentID's job if it is due and nobody holds it; made
// is false when there was nothing to do. token is the caller's, "" in the
// background. It waits for the PDF slot as long as ctx lives.
func (s *service) producePDF(ctx context.Context, token, documentID string) (made bool, err error) {
	if s.signing.Signer == nil {
		return false, ErrNoSigner
	}
	select {
	case s.pdfSlot <- struct{}{}:
	case <-ctx.Done():
		return false, ctx.Err()
	}
	defer func() { <-s.pdfSlot }()
	return s.producePDFHeld(ctx, token, documentID)
}

// producePDFSoon is producePDF for a request: when the slot stays taken
// for pdfSlotWait it wakes PDFWorker, which makes the PDF instead, and
// reports handed true.
func (s *service) producePDFSoon(ctx context.Context, token, documentID string) (handed bool, err error) {
	t := time.NewTimer(pdfSlotWait)
	defer t.Stop()
	select {
	case s.pdfSlot <- struct{}{}:
	case <-t.C:
		s.wakePDFWorker()
		return true, nil
	case <-ctx.Done():
		return false, ctx.Err()
	}
	defer func() { <-s.pdfSlot }()
	_, err = s.producePDFHeld(ctx, token, documentID)
	return false, err
}

func (s *service) wakePDFWorker() {
	select {
	case s.pdfWake <- struct{}{}:
	default: // already woken
	}
}

// producePDFHeld is producePDF once the caller holds the slot.
func (s *service) producePDFHeld(ctx context.Context, token, documentID string) (made bool, err error) {
	now := s.now()
	claimed, attempts, attID, err := s.off.ClaimPDFJob(ctx, documentID, now, now.Add(pdfLease))
	if err != nil || !claimed {
		return false, err
	}
	if attID == "" {
		attID = newID() // a job queued before issues chose the id
	}
	if err := s.makePDF(ctx, token, documentID, attID); err != nil {
		retry := s.now().Add(retryAfter(attempts))
		// Put back even when ctx ended (the request went away).
		if ferr := s.off.FailPDFJob(context.WithoutCancel(ctx), documentID, retry, err.Error()); ferr != nil {
			return false, errors.Join(err, ferr)
		}
		return false, fmt.Errorf("pdf of %s (attempt %d, next at %s): %w", documentID, attempts, retry.Format(time.RFC3339), err)
	}
	return true, nil
}

// makePDF renders, signs and stores the PDF of an issued document, seals
// its attachments, and records all of it; the PDF's attachment takes the id
// its document.issued named (attID).
func (s *service) makePDF(ctx context.Context, token, id, attID string) error {
	d, err := s.st.Document(ctx, id)
	if err != nil {
		return err
	}
	if !d.Released() || (d.Signer == nil && d.Kind != domain.KindCopy) {
		return fmt.Errorf("document %s is not issued with a signer", id)
	}
	var (
		r      officialpdf.Rendered
		signed []byte
		src    official
	)
	// The service's clock, so that the time printed on the seal and the
	// time recorded in the signature agree with the rest of its records.
	at := s.now()
	if d.Kind == domain.KindCopy {
		var seal signing.Request
		if r, seal, err = s.renderCopy(ctx, token, d); err != nil {
			return err
		}
		seal.Time = at
		if signed, err = s.signing.Signer.Sign(ctx, r.PDF, seal); err != nil {
			return fmt.Errorf("seal copy: %w", err)
		}
	} else {
		if src, err = s.officialSource(ctx, token, d); err != nil {
			return err
		}
		if r, err = officialpdf.Render(src.doc); err != nil {
			return fmt.Errorf("render: %w", err)
		}
		person, seal := src.requests(r)
		person.Time, seal.Time = at, at
		if signed, err = s.signing.Signer.SignIssued(ctx, r.PDF, person, seal); err != nil {
			return fmt.Errorf("sign: %w", err)
		}
	}
	sum, size, err := s.blobs.Put(ctx, bytes.NewReader(signed))
	if err != nil {
		return err
	}
	now := s.now()
	att := domain.Attachment{ID: attID, DocumentID: id, Filename: pdfFilename(d), ContentType: domain.ContentTypePDF,
		Size: size, SHA256: sum, UploadedBy: d.IssuedBy, CreatedAt: now,
		System: domain.SystemIssuedPDF, Seal: domain.SealSigned}
	var sealed []domain.Attachment
	if d.Kind != domain.KindCopy { // a copy has no attachments of its own
		attSeal := src.sealRequest()
		attSeal.Time = now
		if sealed, err = s.sealAttachments(ctx, d, attSeal); err != nil {
			return err
		}
	}
	signerID := ""
	if d.Signer != nil {
		signerID = d.Signer.UserID
	}
	pdf := domain.IssuedPDF{AttachmentID: att.ID, SHA256: sum, Pages: r.Pages, CreatedAt: now}
	evs, err := s.event(ctx, events.DocumentPdfReady, d, &eventsv1.DocumentPdfReady{
		DocumentId: d.ID, IssuerUnitId: d.IssuerUnitID, Notation: d.Notation, AttachmentId: att.ID,
		Sha256: sum, Pages: int32(r.Pages), SignerId: signerID, Confidentiality: string(d.Confidentiality),
	})
	if err != nil {
		return err
	}
	// A worker that lost a race recorded nothing: its blobs are left to the
	// collector.
	_, err = s.off.RecordPDF(ctx, id, pdf, att, sealed, evs)
	return err
}

// sealAttachments gives each uploaded attachment of d the agency's
// signature: a PDF gets it at the top right of its first page; any other
// file cannot carry a PAdES signature and is marked so.
func (s *service) sealAttachments(ctx context.Context, d domain.Document, seal signing.Request) ([]domain.Attachment, error) {
	atts, err := s.st.Attachments(ctx, d.ID)
	if err != nil {
		return nil, err
	}
	var out []domain.Attachment
	for _, a := range atts {
		if a.System != "" || a.Seal != "" {
			continue
		}
		if a.ContentType != domain.ContentTypePDF {
			a.Seal = domain.SealNotPDF
			out = append(out, a)
			continue
		}
		content, err := s.readBlob(ctx, a.SHA256)
		if err != nil {
			return nil, fmt.Errorf("attachment %s: %w", a.ID, err)
		}
		if _, err := signing.Verify(content, nil); err != nil {
			// filecheck let it in as a PDF, but no PDF reader can open it to
			// add a signature: it goes as it is, marked.
			a.Seal = domain.SealNotPDF
			out = append(out, a)
			continue
		}
		signed, err := s.signing.Signer.SignCopy(ctx, content, seal)
		if err != nil {
			return nil, fmt.Errorf("seal attachment %s: %w", a.ID, err)
		}
		if a.SHA256, a.Size, err = s.blobs.Put(ctx, bytes.NewReader(signed)); err != nil {
			return nil, err
		}
		a.Seal = domain.SealSigned
		out = append(out, a)
	}
	return out, nil
}

func (s *service) readBlob(ctx context.Context, sum string) ([]byte, error) {
	rc, err := s.blobs.Open(ctx, sum)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// pdfFilename names the PDF by its notation, e.g. "07-CT-UBND.pdf".
func pdfFilename(d domain.Document) string {
	name := d.Notation
	if name == "" {
		name = "du-thao-" + d.ID
	}
	b := []rune(name)
	for i, r := range b {
		if r == '/' || r == '\\' {
			b[i] = '-'
		}
	}
	return string(b) + ".pdf"
}

// PDFWorker makes the PDFs of issued documents whose first attempt did not
// finish (the process stopped, the signing service failed): at start, then
// every interval.
type PDFWorker struct {
	s        *service
	interval time.Duration
	log      *slog.Logger
}

// NewPDFWorker returns the worker of svc (from New); interval 0 is
// PDFPollInterval.
func NewPDFWorker(svc Service, interval time.Duration, log *slog.Logger) (*PDFWorker, error) {
	s, ok := svc.(*service)
	if !ok {
		return nil, errors.New("pdf worker: not the documents service")
	}
	if interval <= 0 {
		interval = PDFPollInterval
	}
	if log == nil {
		log = slog.Default()
	}
	return &PDFWorker{s: s, interval: interval, log: log}, nil
}

// Run works until ctx ends.
func (w *PDFWorker) Run(ctx context.Context) error {
	t := time.NewTicker(w.interval)
	defer t.Stop()
	for {
		if _, err := w.RunDue(ctx); err != nil && ctx.Err() == nil {
			w.log.Warn("pdf jobs", "error", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		case <-w.s.pdfWake:
		}
	}
}

// RunDue makes every PDF due now and reports how many it made; one
// document's failure does not stop the others (it is retried later).
func (w *PDFWorker) RunDue(ctx context.Context) (int, error) {
	if w.s.signing.Signer == nil || w.s.pdfsPaused {
		return 0, nil
	}
	made := 0
	var errs []error
	// A full page of due jobs may hide more (issues hand theirs over under
	// load): take the next page at once rather than at the next tick, as
	// long as the last one made progress (a job that keeps failing is put
	// off, so it does not come back in the same run).
	for {
		ids, err := w.s.off.DuePDFJobs(ctx, w.s.now(), pdfPage)
		if err != nil {
			return made, errors.Join(append(errs, err)...)
		}
		before := made
		for _, id := range ids {
			ok, err := w.s.producePDF(ctx, "", id)
			if err != nil {
				errs = append(errs, err)
			}
			if ok {
				made++
			}
		}
		if len(ids) < pdfPage || made == before || ctx.Err() != nil {
			return made, errors.Join(errs...)
		}
	}
}

// pdfPage is how many due jobs RunDue reads at a time.
const pdfPage = 100

// afterIssue makes the issued document's PDF right away, so that the
// issuing clerk's answer normally carries it. A failure leaves the job to
// PDFWorker: the document is issued all the same.
func (s *service) afterIssue(ctx context.Context, token string, a domain.Actor, v DocumentView) (DocumentView, error) {
	if s.signing.Signer == nil || s.pdfsPaused {
		return v, nil
	}
	handed, err := s.producePDFSoon(ctx, token, v.ID)
	if err != nil {
		slog.WarnContext(ctx, "issued document's PDF not made yet; it will be retried", "document_id", v.ID, "error", err)
		return v, nil
	}
	if handed {
		return v, nil // PDFWorker makes it
	}
	return s.view(ctx, a, v.Document)
}
