package app

import (
	"bytes"
	"context"
	"errors"
	"io"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/filecheck"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// PutSigningImage stores a signature or seal image: a PNG of at most
// domain.MaxImage bytes that pkg/filecheck accepts as one. An agency's
// seal must belong to a known agency.
func (s *service) PutSigningImage(ctx context.Context, kind, ownerID string, content io.Reader) (domain.SigningImage, error) {
	a, p, err := actor(ctx)
	if err != nil {
		return domain.SigningImage{}, err
	}
	if !a.MayManageImages() {
		return domain.SigningImage{}, apperr.Forbidden("only administrators set signature and seal images")
	}
	if kind == domain.ImageSeal {
		u, err := s.dir.unitField(ctx, p.Token, ownerID, "agency_id")
		if err != nil {
			return domain.SigningImage{}, err
		}
		if !u.IsAgency() {
			return domain.SigningImage{}, apperr.Invalid("not an agency",
				apperr.FieldError{Field: "agency_id", Message: "a seal belongs to an agency, not a division"})
		}
	}
	if content == nil {
		return domain.SigningImage{}, apperr.Invalid("no image", apperr.FieldError{Field: filecheck.Field, Message: "is required"})
	}
	data, err := io.ReadAll(io.LimitReader(content, domain.MaxImage+1))
	if err != nil {
		return domain.SigningImage{}, apperr.Invalid("the image could not be read")
	}
	if len(data) > domain.MaxImage {
		return domain.SigningImage{}, &apperr.Error{Kind: apperr.ErrTooLarge, Detail: "the image is larger than 512 KiB"}
	}
	ct, err := filecheck.Check(kind+".png", "image/png", bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return domain.SigningImage{}, err
	}
	if ct != "image/png" {
		return domain.SigningImage{}, apperr.Invalid("not a PNG image", apperr.FieldError{Field: filecheck.Field, Message: "send a PNG image"})
	}
	sum, size, err := s.blobs.Put(ctx, bytes.NewReader(data))
	if err != nil {
		return domain.SigningImage{}, err
	}
	img := domain.SigningImage{Kind: kind, OwnerID: ownerID, SHA256: sum, Size: size, UpdatedBy: a.UserID, UpdatedAt: s.now()}
	return img, s.off.PutSigningImage(ctx, img)
}

// OpenSigningImage reads an image: administrators read any; a person reads
// their own signature, an agency's staff its seal.
func (s *service) OpenSigningImage(ctx context.Context, kind, ownerID string) (domain.SigningImage, io.ReadCloser, error) {
	a, _, err := actor(ctx)
	if err != nil {
		return domain.SigningImage{}, nil, err
	}
	own := (kind == domain.ImageSignature && a.UserID == ownerID) || (kind == domain.ImageSeal && a.AgencyID == ownerID)
	if !own && !a.MayManageImages() {
		return domain.SigningImage{}, nil, apperr.Forbidden("only administrators and the image's owner read it")
	}
	img, err := s.off.SigningImage(ctx, kind, ownerID)
	if errors.Is(err, domain.ErrNotFound) {
		return img, nil, apperr.NotFound(kind + " image")
	}
	if err != nil {
		return img, nil, err
	}
	rc, err := s.blobs.Open(ctx, img.SHA256)
	return img, rc, err
}
