package apis

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
)

// The exchange service's routes the console and the CLI call (API.md
// "Exchange"). They stand here, thin and shaped as exchangeapi's, until
// services/exchange/exchangeapi reaches main; then Clients.Exchange becomes
// its client and these go.

// Organisation is an organisation outside the deployment in the exchange
// directory (mã định danh per QĐ 20/2020/QĐ-TTg).
type Organisation struct {
	Code       string `json:"code"`
	Name       string `json:"name"`
	ParentCode string `json:"parent_code,omitempty"`
	Address    string `json:"address,omitempty"`
	Email      string `json:"email,omitempty"`
}

// OrganisationList is one page of the directory, by code.
type OrganisationList = client.Page[Organisation]

// ImportResult is the answer to a CSV import of the directory.
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
	Signature   string `json:"signature"`
}

// Status is a status message of a package: one this side sent ("sent")
// or one the other side reported ("received").
type Status struct {
	Code      string    `json:"code"`
	Name      string    `json:"name"`
	Direction string    `json:"direction"`
	At        time.Time `json:"at"`
	Note      string    `json:"note,omitempty"`
}

// Package is an edXML package in or out. State: out queued, sent,
// delivered, then the latest status received (arrived, refused,
// registered, assigned, handling, done); in accepted or refused.
// Signature is valid, invalid or unsigned.
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
type PackageList = client.Page[Package]

// Received answers an upload that was accepted (202).
type Received struct {
	ID         string `json:"id,omitempty"`
	State      string `json:"state"`
	DocumentID string `json:"document_id,omitempty"`
}

// Exchange calls the exchange service as one user.
type Exchange struct{ c *client.Client }

func orgPath(code string) string { return "/v1/exchange/organisations/" + url.PathEscape(code) }

func packagePath(id string) string { return "/v1/exchange/packages/" + url.PathEscape(id) }

// Organisation reads one organisation by its code.
func (e *Exchange) Organisation(ctx context.Context, code string) (Organisation, error) {
	var out Organisation
	err := e.c.Do(ctx, client.Exchange, http.MethodGet, orgPath(code), nil, &out)
	return out, err
}

// Organisations is one page of the directory (q: q, limit, cursor).
func (e *Exchange) Organisations(ctx context.Context, q url.Values) (OrganisationList, error) {
	var out OrganisationList
	err := e.c.Do(ctx, client.Exchange, http.MethodGet, "/v1/exchange/organisations?"+q.Encode(), nil, &out)
	return out, err
}

// CreateOrganisation adds one organisation (administrators).
func (e *Exchange) CreateOrganisation(ctx context.Context, o Organisation) (Organisation, error) {
	var out Organisation
	err := e.c.Do(ctx, client.Exchange, http.MethodPost, "/v1/exchange/organisations", o, &out)
	return out, err
}

// UpdateOrganisation edits the organisation o.Code (administrators).
func (e *Exchange) UpdateOrganisation(ctx context.Context, o Organisation) (Organisation, error) {
	var out Organisation
	err := e.c.Do(ctx, client.Exchange, http.MethodPut, orgPath(o.Code), o, &out)
	return out, err
}

// ImportOrganisations sends a CSV file of organisations (administrators).
func (e *Exchange) ImportOrganisations(ctx context.Context, csv []byte) (ImportResult, error) {
	var out ImportResult
	err := e.c.Stream(ctx, client.Exchange, http.MethodPost, "/v1/exchange/organisations/import",
		http.Header{"Content-Type": {"text/csv"}}, bytes.NewReader(csv), &out)
	return out, err
}

// Import hands one edXML package in. A refused package is a
// *client.Problem (422) whose detail is the reason; exchange keeps it all
// the same.
func (e *Exchange) Import(ctx context.Context, edxml []byte) (Received, error) {
	var out Received
	err := e.c.Stream(ctx, client.Exchange, http.MethodPost, "/v1/exchange/packages",
		http.Header{"Content-Type": {"application/xml"}}, bytes.NewReader(edxml), &out)
	return out, err
}

// Packages is one page of the packages the caller sees (q: direction,
// document_id, state, limit, cursor).
func (e *Exchange) Packages(ctx context.Context, q url.Values) (PackageList, error) {
	var out PackageList
	err := e.c.Do(ctx, client.Exchange, http.MethodGet, "/v1/exchange/packages?"+q.Encode(), nil, &out)
	return out, err
}

// Package reads one package.
func (e *Exchange) Package(ctx context.Context, id string) (Package, error) {
	var out Package
	err := e.c.Do(ctx, client.Exchange, http.MethodGet, packagePath(id), nil, &out)
	return out, err
}

// OpenEdxml starts the download of a package's edXML; the caller closes
// the body.
func (e *Exchange) OpenEdxml(ctx context.Context, id string) (*http.Response, error) {
	return e.c.Open(ctx, client.Exchange, packagePath(id)+"/edxml")
}

// OpenFile starts the download of a package's file; the caller closes it.
func (e *Exchange) OpenFile(ctx context.Context, id string, index int) (*http.Response, error) {
	return e.c.Open(ctx, client.Exchange, packagePath(id)+"/files/"+strconv.Itoa(index))
}
