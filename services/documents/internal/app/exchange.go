package app

import (
	"context"
	"errors"
	"io"
	"log/slog"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// Organisations is the exchange service's directory of organisations
// outside the deployment.
type Organisations interface {
	// Organisation returns code's name, asking as the caller (token);
	// domain.ErrNotFound when the directory has no such code.
	Organisation(ctx context.Context, token, code string) (name string, err error)
}

// PackageFiles reads the files of an incoming exchange package from the
// exchange service, with the documents service's own credentials.
type PackageFiles interface {
	// OpenFile opens file index of package packageID; the caller closes it.
	OpenFile(ctx context.Context, packageID string, index int) (io.ReadCloser, error)
}

// organisationName looks code up in the exchange directory: a 400 naming
// field when it has no such code, a 503 when it cannot be asked.
func (s *service) organisationName(ctx context.Context, token, code, field string) (string, error) {
	if s.orgs == nil {
		return "", &apperr.Error{Kind: apperr.ErrUnavailable, Detail: "the exchange directory is not configured"}
	}
	name, err := s.orgs.Organisation(ctx, token, code)
	if errors.Is(err, domain.ErrNotFound) {
		return "", apperr.Invalid("unknown organisation code", apperr.FieldError{Field: field, Message: "unknown organisation code " + code})
	}
	if err != nil {
		slog.WarnContext(ctx, "exchange directory unreachable", "code", code, "error", err)
		return "", &apperr.Error{Kind: apperr.ErrUnavailable, Detail: "the exchange directory could not be asked"}
	}
	return name, nil
}

// externalRecipients looks each code up in the exchange directory, as the
// caller: their names go on the document (and its PDF's Nơi nhận).
func (s *service) externalRecipients(ctx context.Context, token string, codes []string) ([]domain.ExternalRecipient, error) {
	var out []domain.ExternalRecipient
	for _, c := range codes {
		name, err := s.organisationName(ctx, token, c, "external_recipients")
		if err != nil {
			return nil, err
		}
		out = append(out, domain.ExternalRecipient{Code: c, Name: name})
	}
	return out, nil
}
