package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/blobs"
	"github.com/eoffice-vn/eoffice/pkg/filecheck"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// Blobs keeps attachment contents by SHA-256 (the data folder, or an
// object store): the same content is stored once; rows name it by hash.
type Blobs interface {
	// Put stores r and returns its hex SHA-256 and size; r's error is
	// returned wrapped and nothing is kept.
	Put(ctx context.Context, r io.Reader) (sha256 string, size int64, err error)
	// Open reads a blob; a missing one is fs.ErrNotExist.
	Open(ctx context.Context, sha256 string) (io.ReadCloser, error)
	// Delete removes a blob unless it was stored or re-stored at or after
	// storedBefore (zero: unconditionally); it reports whether it did.
	Delete(ctx context.Context, sha256 string, storedBefore time.Time) (bool, error)
	// Walk lists the stored blobs, for the collector.
	Walk(ctx context.Context, fn func(blobs.Info) error) error
}

// UploadInput is one uploaded file.
type UploadInput struct {
	Filename       string
	ContentType    string // as declared by the client
	Content        io.Reader
	IdempotencyKey string
}

// AddAttachment attaches a file to the caller's draft. The upload is
// spooled to a temporary file first: the type check needs all of it (an
// Office package's directory is at its end), and the file is checked and
// scanned before anything is stored. The content is stored (by hash)
// before its row commits. Should the commit not happen, the blob is left to
// the collector, which removes it once no row names it and its grace period
// is over: another attachment may share it.
func (s *service) AddAttachment(ctx context.Context, docID string, in UploadInput) (domain.Attachment, error) {
	a, _, err := actor(ctx)
	if err != nil {
		return domain.Attachment{}, err
	}
	d, err := s.visible(ctx, a, docID)
	if err != nil {
		return domain.Attachment{}, err
	}
	if err := d.CheckAttach(a); err != nil {
		return domain.Attachment{}, err
	}
	if in.Content == nil {
		return domain.Attachment{}, apperr.Invalid("no file", apperr.FieldError{Field: filecheck.Field, Message: "is required"})
	}
	if msg := filecheck.NameProblem(in.Filename); msg != "" {
		// Refused before the content is even read.
		return domain.Attachment{}, apperr.Invalid("the file is not accepted", apperr.FieldError{Field: filecheck.Field, Message: msg})
	}
	if s.spoolDir != "" {
		if err := os.MkdirAll(s.spoolDir, 0o750); err != nil {
			return domain.Attachment{}, fmt.Errorf("spool upload: %w", err)
		}
	}
	spool, err := os.CreateTemp(s.spoolDir, "spool-*")
	if err != nil {
		return domain.Attachment{}, fmt.Errorf("spool upload: %w", err)
	}
	defer func() { _ = spool.Close(); _ = os.Remove(spool.Name()) }()
	size, err := io.Copy(spool, blobs.Limit(in.Content, s.maxAttachment))
	if errors.Is(err, blobs.ErrTooLarge) {
		return domain.Attachment{}, &apperr.Error{Kind: apperr.ErrTooLarge, Detail: "the file is larger than the attachment limit"}
	}
	if err != nil {
		return domain.Attachment{}, fmt.Errorf("spool upload: %w", err)
	}
	ct, err := filecheck.Check(in.Filename, in.ContentType, spool, size)
	if err != nil {
		return domain.Attachment{}, err
	}
	if err := s.scan(ctx, io.NewSectionReader(spool, 0, size)); err != nil {
		return domain.Attachment{}, err
	}
	sum, size, err := s.blobs.Put(ctx, io.NewSectionReader(spool, 0, size))
	if err != nil {
		return domain.Attachment{}, err
	}
	id := newID()
	att := domain.Attachment{ID: id, DocumentID: docID, Filename: in.Filename, ContentType: ct, Size: size,
		SHA256: sum, UploadedBy: a.UserID, CreatedAt: s.now()}
	key, err := newKey(in.IdempotencyKey, a.UserID, "attachment:"+docID, []string{in.Filename, ct, sum})
	if err != nil {
		return domain.Attachment{}, err
	}
	if first, done, err := s.replayed(ctx, key); done || err != nil {
		if err != nil {
			return domain.Attachment{}, err
		}
		return s.st.Attachment(ctx, docID, first)
	}
	first, replayed, err := s.st.AddAttachment(ctx, key, att, func(d domain.Document) error {
		return d.CheckAttach(a)
	})
	if err != nil {
		return domain.Attachment{}, err
	}
	if replayed {
		return s.st.Attachment(ctx, docID, first)
	}
	return att, nil
}

// scan has the scanner look at an upload: an infected file is refused
// (422), and so is any file when a configured scanner gives no verdict
// (503): it is never kept unscanned.
func (s *service) scan(ctx context.Context, r io.Reader) error {
	v, err := s.scanner.Scan(ctx, r)
	if err != nil {
		return fmt.Errorf("%w: %w", &apperr.Error{Kind: apperr.ErrUnavailable,
			Detail: "the virus scanner did not answer, so the file was not kept; try again shortly " +
				"(trình quét virus không phản hồi, tệp chưa được lưu; vui lòng thử lại sau)"}, err)
	}
	if v.Infected {
		return &apperr.Error{Kind: apperr.ErrRefused,
			Detail: "the file holds malware (" + v.Signature + ") and was not kept " +
				"(tệp bị phát hiện có mã độc nên không được lưu)",
			Fields: []apperr.FieldError{{Field: filecheck.Field, Message: "malware found: " + v.Signature}}}
	}
	return nil
}

// OpenAttachment returns an attachment of a document the caller may see,
// and its content.
func (s *service) OpenAttachment(ctx context.Context, docID, id string) (domain.Attachment, io.ReadCloser, error) {
	a, _, err := actor(ctx)
	if err != nil {
		return domain.Attachment{}, nil, err
	}
	if _, err := s.visible(ctx, a, docID); err != nil {
		return domain.Attachment{}, nil, err
	}
	att, err := s.st.Attachment(ctx, docID, id)
	if errors.Is(err, domain.ErrNotFound) {
		return att, nil, apperr.NotFound("attachment")
	}
	if err != nil {
		return att, nil, err
	}
	rc, err := s.blobs.Open(ctx, att.SHA256)
	return att, rc, err
}

// RemoveAttachment takes an attachment off the caller's draft. Only the row
// goes: the blob may be another attachment's too, and the collector removes
// it once none names it.
func (s *service) RemoveAttachment(ctx context.Context, docID, id string) error {
	a, _, err := actor(ctx)
	if err != nil {
		return err
	}
	if _, err := s.visible(ctx, a, docID); err != nil {
		return err
	}
	err = s.st.RemoveAttachment(ctx, docID, id, func(d domain.Document) error {
		return d.CheckAttach(a)
	})
	if errors.Is(err, domain.ErrNotFound) {
		return apperr.NotFound("attachment")
	}
	return err
}
