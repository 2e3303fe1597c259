package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"google.golang.org/protobuf/encoding/protojson"

	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// Why a package becomes a document in two steps: exchange.document_received
// names the package's files, which documents must fetch from the exchange
// service (GET /v1/exchange/packages/{id}/files/{index}) before the
// document exists. An HTTP fetch of up to 50 MiB a file must not hold the
// consumer's transaction (SQLite's one writer), and the consumer's retries
// end in the dead-letter topic after seconds, which would lose a package
// while exchange is restarting. So the consumer only records the event in
// exchange_intake (durable before the offset is committed: nothing
// accepted is lost), and IntakeWorker fetches the files, checks their
// sha256, and makes the document in one transaction that also ends the
// intake, retrying with backoff for as long as it takes. One document per
// package: the intake is keyed by package id, and the document's
// exchange_package_id is unique.

// Intake timing.
const (
	// intakeLease is how long a worker holds an intake: room for a few
	// large files.
	intakeLease = 5 * time.Minute
	// IntakePollInterval is how often IntakeWorker looks for due intakes:
	// a package reaches the incoming box within about that.
	IntakePollInterval = time.Second
)

// QueuePackage is the consumer's step for exchange.document_received:
// the package's intake, in the event's transaction (w). A repeat of the
// event, or another event of the same package, changes nothing.
func QueuePackage(ctx context.Context, w TaskWrites, p *eventsv1.ExchangeDocumentReceived, at time.Time) error {
	raw, err := protojson.Marshal(p)
	if err != nil {
		return err
	}
	return w.QueueIntake(ctx, p.PackageId, raw, at)
}

// IntakeWorker turns queued exchange packages into incoming documents:
// at start, then every interval.
type IntakeWorker struct {
	s        *service
	interval time.Duration
	log      *slog.Logger
}

// NewIntakeWorker returns the worker of svc (from New); interval 0 is
// IntakePollInterval.
func NewIntakeWorker(svc Service, interval time.Duration, log *slog.Logger) (*IntakeWorker, error) {
	s, ok := svc.(*service)
	if !ok {
		return nil, errors.New("intake worker: not the documents service")
	}
	if interval <= 0 {
		interval = IntakePollInterval
	}
	if log == nil {
		log = slog.Default()
	}
	return &IntakeWorker{s: s, interval: interval, log: log}, nil
}

// Run works until ctx ends.
func (w *IntakeWorker) Run(ctx context.Context) error {
	t := time.NewTicker(w.interval)
	defer t.Stop()
	for {
		if _, err := w.RunDue(ctx); err != nil && ctx.Err() == nil {
			w.log.Warn("exchange intake", "error", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// RunDue takes every intake due now and reports how many documents it
// made; one package's failure does not stop the others (it is retried
// later). Without PackageFiles, packages wait.
func (w *IntakeWorker) RunDue(ctx context.Context) (int, error) {
	if w.s.files == nil {
		return 0, nil
	}
	ids, err := w.s.st.DueIntakes(ctx, w.s.now(), 100)
	if err != nil {
		return 0, err
	}
	made := 0
	var errs []error
	for _, id := range ids {
		ok, err := w.s.takePackage(ctx, id)
		if err != nil {
			errs = append(errs, err)
		}
		if ok {
			made++
		}
	}
	return made, errors.Join(errs...)
}

// takePackage runs packageID's intake if it is due and nobody holds it.
func (s *service) takePackage(ctx context.Context, packageID string) (made bool, err error) {
	now := s.now()
	claimed, attempts, raw, err := s.st.ClaimIntake(ctx, packageID, now, now.Add(intakeLease))
	if err != nil || !claimed {
		return false, err
	}
	var p eventsv1.ExchangeDocumentReceived
	if err = protojson.Unmarshal(raw, &p); err == nil {
		made, err = s.receivePackage(ctx, &p)
	}
	if err != nil {
		retry := s.now().Add(retryAfter(attempts))
		if ferr := s.st.FailIntake(context.WithoutCancel(ctx), packageID, retry, err.Error()); ferr != nil {
			return false, errors.Join(err, ferr)
		}
		return false, fmt.Errorf("package %s (attempt %d, next at %s): %w", packageID, attempts, retry.Format(time.RFC3339), err)
	}
	return made, nil
}

// receivePackage fetches the package's files into the blob store, each
// checked against the sha256 and size the event gave, and makes the
// incoming document of the addressed agency: receipt received, the files
// as its attachments, document.received. made is false when the package
// had its document already.
func (s *service) receivePackage(ctx context.Context, p *eventsv1.ExchangeDocumentReceived) (bool, error) {
	atts := make([]domain.Attachment, 0, len(p.Files))
	for _, f := range p.Files {
		a, err := s.fetchFile(ctx, p.PackageId, f)
		if err != nil {
			return false, err
		}
		atts = append(atts, a)
	}
	in := packageInput(p)
	_, created, err := s.st.ReceivePackage(ctx, p.PackageId, func(ctx context.Context, _ Writes) (NewIncoming, error) {
		now := s.now()
		d, err := domain.NewIncoming(newID(), in, p.RecipientAgencyId, domain.Person{}, now)
		if err != nil {
			return NewIncoming{}, err
		}
		for i := range atts {
			atts[i].DocumentID, atts[i].ID, atts[i].CreatedAt = d.ID, newID(), now
		}
		r := domain.NewReceipts(d, now)[0]
		h := domain.HistoryEntry{DocumentID: d.ID, Action: domain.ActionReceive, To: domain.StatusIssued,
			ActorName: "exchange", At: now, TraceID: traceID(ctx)}
		evs, err := s.receivedEvents(ctx, d, r)
		if err != nil {
			return NewIncoming{}, err
		}
		return NewIncoming{Document: d, Receipt: r, Attachments: atts, History: []domain.HistoryEntry{h}, Events: evs}, nil
	})
	return created, err
}

// fetchFile stores one file of a package and checks it is the one the
// package listed.
func (s *service) fetchFile(ctx context.Context, packageID string, f *eventsv1.ExchangeFile) (domain.Attachment, error) {
	rc, err := s.files.OpenFile(ctx, packageID, int(f.Index))
	if err != nil {
		return domain.Attachment{}, err
	}
	defer rc.Close()
	// Never more than the package said: a longer body is not its file.
	sum, size, err := s.blobs.Put(ctx, io.LimitReader(rc, f.Size+1))
	if err != nil {
		return domain.Attachment{}, fmt.Errorf("file %d of package %s: %w", f.Index, packageID, err)
	}
	if size != f.Size || !strings.EqualFold(sum, f.Sha256) {
		return domain.Attachment{}, fmt.Errorf("file %d of package %s: got %d bytes sha256 %s, the package lists %d bytes sha256 %s",
			f.Index, packageID, size, sum, f.Size, f.Sha256)
	}
	name := path.Base(strings.ReplaceAll(f.Name, `\`, "/"))
	if name == "." || name == "/" || name == "" {
		name = fmt.Sprintf("tep-%d", f.Index+1)
	}
	ctype := f.ContentType
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	return domain.Attachment{Filename: name, ContentType: ctype, Size: size, SHA256: sum}, nil
}

// packageInput is the document a package makes, its fields brought within
// what any document may hold: a sender's system is not ours to refuse
// once exchange accepted the package, so nothing here can fail validation.
func packageInput(p *eventsv1.ExchangeDocumentReceived) domain.IncomingInput {
	in := domain.IncomingInput{
		Channel: domain.ChannelExchange, ExchangePackageID: p.PackageId,
		Sender:           domain.Sender{OrganisationCode: p.SenderCode, Name: clip(p.SenderName, domain.MaxSenderName)},
		OriginalNotation: clip(p.OriginalNotation, domain.MaxOriginalNotation),
		Kind:             string(domain.KindByName(p.TypeName)),
		Summary:          clip(strings.TrimSpace(p.Summary), domain.MaxSummary),
		Urgency:          p.Urgency,
		Pages:            min(max(int(p.Pages), 0), domain.MaxPages),
		Signer:           domain.ExternalSigner{FullName: p.SignerName, Competence: p.SignerCompetence, Position: p.SignerPosition},
	}
	if in.OriginalNotation == "" && p.CodeNumber != "" {
		in.OriginalNotation = clip(p.CodeNumber+"/"+p.CodeNotation, domain.MaxOriginalNotation)
	}
	if in.Sender.Name == "" {
		in.Sender.Name = in.Sender.OrganisationCode
	}
	if in.Sender.Name == "" {
		in.Sender.Name = "(không rõ)"
	}
	if in.Summary == "" {
		in.Summary = "(không có trích yếu)"
	}
	if !domain.Urgency(in.Urgency).Valid() {
		in.Urgency = string(domain.UrgencyNormal)
	}
	if domain.ValidDate(p.PromulgationDate) {
		in.OriginalDate = p.PromulgationDate
	}
	if domain.ValidDate(p.DueDate) {
		in.DueDate = p.DueDate
	}
	return in
}

// clip cuts s to at most n characters.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
