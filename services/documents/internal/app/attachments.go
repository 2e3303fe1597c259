package app

import (
	"context"
	"errors"
	"io"
	"net/http"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/blobs"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

// Blobs keeps attachment contents (the data folder, or an object store).
type Blobs interface {
	Put(ctx context.Context, doc, id string, r io.Reader, limit int64) (size int64, sha256 string, head []byte, err error)
	Open(ctx context.Context, doc, id string) (io.ReadCloser, error)
	Delete(ctx context.Context, doc, id string) error
}

// DefaultMaxAttachment is the upload limit when none is configured.
const DefaultMaxAttachment = 20 << 20

// UploadInput is one uploaded file.
type UploadInput struct {
	Filename       string
	ContentType    string // as declared by the client
	Content        io.Reader
	IdempotencyKey string
}

// AddAttachment attaches a file to the caller's draft. The content is
// stored first (temp file, then rename) and its row committed after; a
// refused upload removes the file again.
func (s *service) AddAttachment(ctx context.Context, docID string, in UploadInput) (domain.Attachment, error) {
	a, _, err := actor(ctx)
	if err != nil {
		return domain.Attachment{}, err
	}
	d, err := s.visible(ctx, a, docID)
	if err != nil {
		return domain.Attachment{}, err
	}
	if err := d.Check(a, domain.ActionEdit); err != nil {
		return domain.Attachment{}, err
	}
	if in.Content == nil {
		return domain.Attachment{}, apperr.Invalid("no file", apperr.FieldError{Field: "file", Message: "is required"})
	}
	id := newID()
	size, sum, head, err := s.blobs.Put(ctx, docID, id, in.Content, s.maxAttachment)
	if errors.Is(err, blobs.ErrTooLarge) {
		return domain.Attachment{}, &apperr.Error{Kind: apperr.ErrTooLarge, Detail: "the file is larger than the attachment limit"}
	}
	if err != nil {
		return domain.Attachment{}, err
	}
	keep := false
	defer func() {
		if !keep {
			_ = s.blobs.Delete(context.WithoutCancel(ctx), docID, id)
		}
	}()
	ct, err := domain.CheckUpload(in.Filename, in.ContentType, http.DetectContentType(head))
	if err != nil {
		return domain.Attachment{}, err
	}
	if size == 0 {
		return domain.Attachment{}, apperr.Invalid("empty file", apperr.FieldError{Field: "file", Message: "is empty"})
	}
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
		return s.st.Attachment(ctx, s.db, docID, first)
	}
	err = s.db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
		d, err := s.st.DocumentForUpdate(ctx, tx, docID)
		if err != nil {
			return err
		}
		if err := d.Check(a, domain.ActionEdit); err != nil {
			return err
		}
		if err := s.st.InsertAttachment(ctx, tx, att); err != nil {
			return err
		}
		return s.saveKey(ctx, tx, key, id)
	})
	if lostRace(key, err) {
		first, _, err := s.replayed(ctx, key)
		if err != nil {
			return domain.Attachment{}, err
		}
		return s.st.Attachment(ctx, s.db, docID, first)
	}
	if err != nil {
		return domain.Attachment{}, err
	}
	keep = true
	return att, nil
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
	att, err := s.st.Attachment(ctx, s.db, docID, id)
	if errors.Is(err, store.ErrNotFound) {
		return att, nil, apperr.NotFound("attachment")
	}
	if err != nil {
		return att, nil, err
	}
	rc, err := s.blobs.Open(ctx, docID, id)
	return att, rc, err
}
