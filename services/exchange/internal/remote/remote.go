// Package remote asks the other services what the exchange service needs
// with its own token (svc-exchange, client credentials): documents for an
// issued document and its files, identity for an agency code the read
// model lacks.
package remote

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
)

// Tokens gives the service's access token (pkg/servicetoken.Source).
type Tokens interface {
	Token(ctx context.Context) (string, error)
}

type tokenSource struct{ t Tokens }

func (s tokenSource) AccessToken(ctx context.Context) (string, error) { return s.t.Token(ctx) }

// maxFile bounds one file fetched from documents (edXML's per-file limit).
const maxFile = 50 << 20

// Documents reads issued documents at documents.
type Documents struct{ api *documentsapi.Client }

// NewDocuments is documents at documentsURL with tokens over hc.
func NewDocuments(documentsURL string, tokens Tokens, hc *http.Client) Documents {
	var urls client.Endpoints
	urls[client.Documents] = documentsURL
	return Documents{api: documentsapi.New(&client.Client{URLs: urls, HTTP: hc, Tokens: tokenSource{tokens}})}
}

// Issued fetches document id and its files, the signed PDF first.
func (d Documents) Issued(ctx context.Context, id string) (app.IssuedDocument, error) {
	doc, err := d.api.Get(ctx, id)
	if err != nil {
		return app.IssuedDocument{}, fmt.Errorf("document %s: %w", id, err)
	}
	if doc.IssuedAt == nil {
		return app.IssuedDocument{}, fmt.Errorf("document %s is not issued", id)
	}
	out := app.IssuedDocument{ID: doc.ID, Kind: doc.Kind, KindName: doc.KindName, Notation: doc.Notation, Summary: doc.Summary,
		Urgency: doc.Urgency, DueDate: doc.DueDate, IssuedAt: *doc.IssuedAt}
	if doc.Signer != nil {
		out.SignerName, out.SignerPosition = doc.Signer.FullName, doc.Signer.Title
		out.SignerMark = doc.Signer.MarkLine
		if out.SignerMark == "" {
			out.SignerMark = doc.Signer.SigningMark
		}
	}
	if doc.PDF != nil {
		out.Pages = doc.PDF.Pages
	}
	atts := doc.Attachments
	// The signed PDF first, as the package's main file.
	for i, a := range atts {
		if a.System == "issued_pdf" && i > 0 {
			atts = append([]documentsapi.Attachment{a}, append(atts[:i:i], atts[i+1:]...)...)
			break
		}
	}
	for _, a := range atts {
		data, err := d.file(ctx, id, a.ID)
		if err != nil {
			return app.IssuedDocument{}, err
		}
		out.Files = append(out.Files, app.DocumentFile{Name: a.Filename, ContentType: a.ContentType, Data: data})
	}
	return out, nil
}

func (d Documents) file(ctx context.Context, docID, attID string) ([]byte, error) {
	resp, err := d.api.OpenAttachment(ctx, docID, attID)
	if err != nil {
		return nil, fmt.Errorf("document %s attachment %s: %w", docID, attID, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxFile+1))
	if err != nil {
		return nil, fmt.Errorf("document %s attachment %s: %w", docID, attID, err)
	}
	if len(b) > maxFile {
		return nil, fmt.Errorf("document %s attachment %s: larger than %d bytes", docID, attID, maxFile)
	}
	return b, nil
}

// Agencies looks agency codes up at identity.
type Agencies struct{ api *identityapi.Client }

// NewAgencies is identity at identityURL with tokens over hc.
func NewAgencies(identityURL string, tokens Tokens, hc *http.Client) Agencies {
	var urls client.Endpoints
	urls[client.Identity] = identityURL
	return Agencies{api: identityapi.New(&client.Client{URLs: urls, HTTP: hc, Tokens: tokenSource{tokens}})}
}

// AgencyByCode finds the active agency with code among identity's units.
func (a Agencies) AgencyByCode(ctx context.Context, code string) (identityview.Unit, error) {
	units, err := a.api.Units(ctx)
	if err != nil {
		var p *client.Problem
		if errors.As(err, &p) && (p.Status == http.StatusUnauthorized || p.Status == http.StatusForbidden) {
			return identityview.Unit{}, fmt.Errorf("identity refused svc-exchange's token: %w", err)
		}
		return identityview.Unit{}, fmt.Errorf("identity units: %w", err)
	}
	for _, u := range units {
		if u.Kind == identityview.KindAgency && u.Active && u.Code.String() == code && code != "" {
			return identityview.Unit{ID: u.ID, Kind: u.Kind, AgencyID: u.ID, Code: code, Name: u.Name, ShortName: u.ShortName,
				Active: true, PlaceName: u.PlaceName.String(), Regime: u.Regime.String(), HeadTitle: u.HeadTitle.String(),
				CollectiveName: u.CollectiveName.String()}, nil
		}
	}
	return identityview.Unit{}, fmt.Errorf("agency with code %s: %w", code, identityview.ErrNotFound)
}
