package exchangeapi

import (
	_ "embed"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/httpx"
)

// OpenAPI is the OpenAPI 3 document of every route the service serves
// (GET /openapi.json); a test holds its schemas to the types here.
//
//go:embed openapi.json
var OpenAPI []byte

// Problem is the body of every refusal (RFC 9457 problem+json).
type Problem = httpx.Problem

// Organisation is one entry of the directory of organisations outside the
// deployment; also the body of POST and PUT.
type Organisation struct {
	Code       string     `json:"code"`
	Name       string     `json:"name"`
	ParentCode string     `json:"parent_code,omitempty"`
	Address    string     `json:"address,omitempty"`
	Email      string     `json:"email,omitempty"`
	CreatedAt  *time.Time `json:"created_at,omitempty"`
	UpdatedAt  *time.Time `json:"updated_at,omitempty"`
}

// NewOrganisation is the body of POST /v1/exchange/organisations and of
// PUT /v1/exchange/organisations/{code} (its times are the server's).
type NewOrganisation = Organisation

// OrganisationList is one page of the directory, by code.
type OrganisationList struct {
	Items      []Organisation `json:"items"`
	NextCursor string         `json:"next_cursor,omitempty"`
}

// OrganisationsRequest is the query of GET /v1/exchange/organisations.
type OrganisationsRequest struct {
	Q      string // ?q=: in the code or the name
	Limit  int
	Cursor string
}

// OrganisationRequest names one entry: GET and PUT /v1/exchange/organisations/{code}.
type OrganisationRequest struct {
	Code string       `json:"-"`
	Body Organisation `json:"-"`
}

// ImportResult answers POST /v1/exchange/organisations/import.
type ImportResult struct {
	Imported int `json:"imported"`
}

// File is one file of a package.
type File struct {
	Index       int    `json:"index"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
	// valid, invalid or unsigned (PAdES signatures of a PDF).
	Signature string `json:"signature"`
}

// Status is one edXML status message about a package: sent by this side
// (once queued) or received.
type Status struct {
	Code      string    `json:"code"`
	Name      string    `json:"name"`
	Direction string    `json:"direction"`
	At        time.Time `json:"at"`
	Note      string    `json:"note,omitempty"`
}

// Package is one edXML package received (direction in) or sent (out).
type Package struct {
	ID               string    `json:"id"`
	Direction        string    `json:"direction"`
	OrganisationCode string    `json:"organisation_code"`
	OrganisationName string    `json:"organisation_name"`
	AgencyID         string    `json:"agency_id"`
	DocumentID       string    `json:"document_id,omitempty"`
	EdxmlDocumentID  string    `json:"edxml_document_id"`
	Notation         string    `json:"notation"`
	Subject          string    `json:"subject"`
	State            string    `json:"state"`
	Reason           string    `json:"reason,omitempty"`
	Signature        string    `json:"signature"`
	Files            []File    `json:"files"`
	Statuses         []Status  `json:"statuses"`
	CreatedAt        time.Time `json:"created_at"`
	UpdatedAt        time.Time `json:"updated_at"`
}

// PackageList is one page of packages, newest first.
type PackageList struct {
	Items      []Package `json:"items"`
	NextCursor string    `json:"next_cursor,omitempty"`
}

// PackagesRequest is the query of GET /v1/exchange/packages.
type PackagesRequest struct {
	Direction  string
	DocumentID string
	State      string
	Limit      int
	Cursor     string
}

// PackageRequest names one package (and a file of it).
type PackageRequest struct {
	ID    string `json:"-"`
	Index int    `json:"-"`
}

// Received answers POST /v1/exchange/packages (202): the package kept and
// accepted, or, for a status message, its state "recorded".
type Received struct {
	ID         string `json:"id,omitempty"`
	State      string `json:"state"`
	DocumentID string `json:"document_id,omitempty"`
}

// StatusCode makes the answer a 202.
func (Received) StatusCode() int { return 202 }
