package apis

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
)

// The exchange service's routes the console and the CLI call (API.md
// "Exchange"). They stand here, thin, until services/exchange/exchangeapi
// brings its own client and types; then Clients.Exchange becomes that
// client and these go.

// Organisation is an organisation outside the deployment in the exchange
// directory (mã định danh per QĐ 20/2020/QĐ-TTg).
type Organisation struct {
	Code       string `json:"code"`
	Name       string `json:"name"`
	ParentCode string `json:"parent_code,omitempty"`
	Address    string `json:"address,omitempty"`
	Email      string `json:"email,omitempty"`
}

// OrganisationImport is the answer to a CSV import of the directory.
type OrganisationImport struct {
	Created int `json:"created"`
	Updated int `json:"updated"`
}

// PackageFile is one file of a package.
type PackageFile struct {
	Index       int    `json:"index"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
	Signature   string `json:"signature,omitempty"`
}

// PackageStatus is a status message of a package: one this side sent
// ("sent") or one the other side reported ("received").
type PackageStatus struct {
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
	ID               string          `json:"id"`
	Direction        string          `json:"direction"`
	OrganisationCode string          `json:"organisation_code"`
	OrganisationName string          `json:"organisation_name,omitempty"`
	AgencyID         string          `json:"agency_id,omitempty"`
	DocumentID       string          `json:"document_id,omitempty"`
	EDXMLDocumentID  string          `json:"edxml_document_id,omitempty"`
	Notation         string          `json:"notation,omitempty"`
	Subject          string          `json:"subject,omitempty"`
	State            string          `json:"state"`
	Reason           string          `json:"reason,omitempty"`
	Signature        string          `json:"signature,omitempty"`
	Files            []PackageFile   `json:"files,omitempty"`
	Statuses         []PackageStatus `json:"statuses,omitempty"`
	CreatedAt        time.Time       `json:"created_at"`
	UpdatedAt        time.Time       `json:"updated_at"`
}

// Accepted is the answer to an upload that was accepted (202).
type Accepted struct {
	ID         string `json:"id"`
	State      string `json:"state"`
	DocumentID string `json:"document_id,omitempty"`
}

// PackageQuery filters the package list; empty fields do not filter.
type PackageQuery struct {
	Direction  string // in or out
	DocumentID string
	State      string
}

func (q PackageQuery) values() url.Values {
	v := url.Values{}
	for k, s := range map[string]string{"direction": q.Direction, "document_id": q.DocumentID, "state": q.State} {
		if s != "" {
			v.Set(k, s)
		}
	}
	return v
}

// Exchange calls the exchange service as one user.
type Exchange struct{ c *client.Client }

func orgPath(code string) string { return "/v1/exchange/organisations/" + url.PathEscape(code) }

func packagePath(id string) string { return "/v1/exchange/packages/" + url.PathEscape(id) }

// Organisations lists the whole directory.
func (e *Exchange) Organisations(ctx context.Context) ([]Organisation, error) {
	return client.All[Organisation](ctx, e.c, client.Exchange, "/v1/exchange/organisations", 0)
}

// Organisation reads one organisation by its code.
func (e *Exchange) Organisation(ctx context.Context, code string) (Organisation, error) {
	var out Organisation
	err := e.c.Do(ctx, client.Exchange, http.MethodGet, orgPath(code), nil, &out)
	return out, err
}

// AddOrganisation adds one organisation (administrators).
func (e *Exchange) AddOrganisation(ctx context.Context, o Organisation) (Organisation, error) {
	var out Organisation
	err := e.c.Do(ctx, client.Exchange, http.MethodPost, "/v1/exchange/organisations", o, &out)
	return out, err
}

// UpdateOrganisation replaces the organisation with that code (administrators).
func (e *Exchange) UpdateOrganisation(ctx context.Context, code string, o Organisation) (Organisation, error) {
	var out Organisation
	err := e.c.Do(ctx, client.Exchange, http.MethodPut, orgPath(code), o, &out)
	return out, err
}

// ImportOrganisations sends a CSV file of organisations (administrators).
func (e *Exchange) ImportOrganisations(ctx context.Context, csv io.Reader) (OrganisationImport, error) {
	var out OrganisationImport
	err := e.c.Stream(ctx, client.Exchange, http.MethodPost, "/v1/exchange/organisations/import",
		http.Header{"Content-Type": {"text/csv; charset=utf-8"}}, csv, &out)
	return out, err
}

// Packages lists the packages the caller's agency sent or received, at
// most max (0: all).
func (e *Exchange) Packages(ctx context.Context, q PackageQuery, max int) ([]Package, error) {
	path := "/v1/exchange/packages"
	if v := q.values(); len(v) > 0 {
		path += "?" + v.Encode()
	}
	return client.All[Package](ctx, e.c, client.Exchange, path, max)
}

// Package reads one package.
func (e *Exchange) Package(ctx context.Context, id string) (Package, error) {
	var out Package
	err := e.c.Do(ctx, client.Exchange, http.MethodGet, packagePath(id), nil, &out)
	return out, err
}

// OpenEDXML starts the download of a package's edXML; the caller closes
// the body.
func (e *Exchange) OpenEDXML(ctx context.Context, id string) (*http.Response, error) {
	return e.c.Open(ctx, client.Exchange, packagePath(id)+"/edxml")
}

// Import uploads one edXML package. A refused package is a *client.Problem
// (422) whose detail is the reason; the service keeps it all the same.
func (e *Exchange) Import(ctx context.Context, edxml io.Reader) (Accepted, error) {
	var out Accepted
	err := e.c.Stream(ctx, client.Exchange, http.MethodPost, "/v1/exchange/packages",
		http.Header{"Content-Type": {"application/xml"}}, edxml, &out)
	return out, err
}
