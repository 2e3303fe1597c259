// Package endpoint exposes the exchange use cases as go-kit endpoints: each
// takes its route's request type of exchangeapi and answers its response
// type, converted from the domain here. Business errors are returned as
// errors; the transport's one error encoder turns them into problem+json.
package endpoint

import (
	"context"
	"io"
	"time"

	"github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	api "github.com/eoffice-vn/eoffice/services/exchange/exchangeapi"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/app"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/domain"
)

// Service is the use cases the routes call (app.App).
type Service interface {
	ListOrganisations(ctx context.Context, q app.OrganisationQuery) ([]domain.Organisation, error)
	Organisation(ctx context.Context, code string) (domain.Organisation, error)
	CreateOrganisation(ctx context.Context, p auth.Principal, o domain.Organisation) (domain.Organisation, error)
	UpdateOrganisation(ctx context.Context, p auth.Principal, code string, o domain.Organisation) (domain.Organisation, error)
	ImportOrganisations(ctx context.Context, p auth.Principal, r io.Reader) (int, error)
	Receive(ctx context.Context, p auth.Principal, body []byte) (domain.Package, error)
	ReceiveOversize(ctx context.Context, p auth.Principal, head []byte, limit int64) (domain.Package, error)
	ListPackages(ctx context.Context, p auth.Principal, q app.PackageQuery) ([]domain.Package, error)
	Package(ctx context.Context, p auth.Principal, id string) (domain.Package, error)
	PackageBody(ctx context.Context, p auth.Principal, id string) (domain.Package, io.ReadCloser, error)
	PackageFile(ctx context.Context, p auth.Principal, id string, index int) (domain.File, io.ReadCloser, error)
}

// Set holds one endpoint per route.
type Set struct {
	ListOrganisations   endpoint.Endpoint
	GetOrganisation     endpoint.Endpoint
	CreateOrganisation  endpoint.Endpoint
	UpdateOrganisation  endpoint.Endpoint
	ImportOrganisations endpoint.Endpoint
	ReceivePackage      endpoint.Endpoint
	ListPackages        endpoint.Endpoint
	GetPackage          endpoint.Endpoint
	GetEdxml            endpoint.Endpoint
	GetFile             endpoint.Endpoint
}

// New builds the endpoints on s, each wrapped once in mw(name) (tracing,
// logging, metrics, token verification) with the scope a client needs.
func New(s Service, mw func(name string) endpoint.Middleware) Set {
	wrap := func(name, scope string, e endpoint.Endpoint) endpoint.Endpoint {
		return mw(name)(auth.RequireScope(scope)(e))
	}
	const read, write, none = auth.ScopeExchangeRead, auth.ScopeExchangeWrite, auth.NoClient
	return Set{
		ListOrganisations:   wrap("list_organisations", read, makeListOrganisations(s)),
		GetOrganisation:     wrap("get_organisation", read, makeGetOrganisation(s)),
		CreateOrganisation:  wrap("create_organisation", none, makeCreateOrganisation(s)),
		UpdateOrganisation:  wrap("update_organisation", none, makeUpdateOrganisation(s)),
		ImportOrganisations: wrap("import_organisations", none, makeImport(s)),
		ReceivePackage:      wrap("receive_package", write, makeReceive(s)),
		ListPackages:        wrap("list_packages", read, makeListPackages(s)),
		GetPackage:          wrap("get_package", read, makeGetPackage(s)),
		GetEdxml:            wrap("get_edxml", read, makeGetEdxml(s)),
		GetFile:             wrap("get_file", read, makeGetFile(s)),
	}
}

func principal(ctx context.Context) auth.Principal {
	p, _ := auth.FromContext(ctx) // auth.Middleware put it there
	return p
}

func limitOf(n int) int {
	if n <= 0 {
		return 50
	}
	return min(n, 500)
}

func toOrganisation(o domain.Organisation) api.Organisation {
	c, u := o.CreatedAt, o.UpdatedAt
	return api.Organisation{Code: o.Code, Name: o.Name, ParentCode: o.ParentCode, Address: o.Address, Email: o.Email, CreatedAt: &c, UpdatedAt: &u}
}

func fromOrganisation(o api.Organisation) domain.Organisation {
	return domain.Organisation{Code: o.Code, Name: o.Name, ParentCode: o.ParentCode, Address: o.Address, Email: o.Email}
}

func toPackage(p domain.Package) api.Package {
	out := api.Package{ID: p.ID, Direction: p.Direction, OrganisationCode: p.OrganisationCode, OrganisationName: p.OrganisationName,
		AgencyID: p.AgencyID, DocumentID: p.DocumentID, EdxmlDocumentID: p.EdxmlDocumentID, Notation: p.Notation,
		Subject: p.Subject, State: p.State, Reason: p.Reason, Signature: p.Signature, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt,
		Files: []api.File{}, Statuses: []api.Status{}}
	for _, f := range p.Files {
		out.Files = append(out.Files, api.File{Index: f.Index, Name: f.Name, ContentType: f.ContentType, Size: f.Size, SHA256: f.SHA256, Signature: f.Signature})
	}
	for _, s := range p.Statuses {
		out.Statuses = append(out.Statuses, api.Status{Code: s.Code, Name: s.Name, Direction: s.Direction, At: s.At, Note: s.Note})
	}
	return out
}

func makeListOrganisations(s Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(api.OrganisationsRequest)
		after := ""
		if req.Cursor != "" {
			parts, err := httpx.DecodeCursor(req.Cursor)
			if err != nil || len(parts) != 1 {
				return nil, apperr.Invalid("bad cursor", apperr.FieldError{Field: "cursor", Message: "is not a cursor this server gave"})
			}
			after = parts[0]
		}
		limit := limitOf(req.Limit)
		orgs, err := s.ListOrganisations(ctx, app.OrganisationQuery{Q: req.Q, After: after, Limit: limit + 1})
		if err != nil {
			return nil, err
		}
		out := api.OrganisationList{Items: []api.Organisation{}}
		if len(orgs) > limit {
			orgs = orgs[:limit]
			out.NextCursor = httpx.EncodeCursor(orgs[limit-1].Code)
		}
		for _, o := range orgs {
			out.Items = append(out.Items, toOrganisation(o))
		}
		return out, nil
	}
}

func makeGetOrganisation(s Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		o, err := s.Organisation(ctx, request.(api.OrganisationRequest).Code)
		if err != nil {
			return nil, err
		}
		return toOrganisation(o), nil
	}
}

func makeCreateOrganisation(s Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		o, err := s.CreateOrganisation(ctx, principal(ctx), fromOrganisation(request.(api.Organisation)))
		if err != nil {
			return nil, err
		}
		return httpx.Created[api.Organisation]{V: toOrganisation(o)}, nil
	}
}

func makeUpdateOrganisation(s Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(api.OrganisationRequest)
		o, err := s.UpdateOrganisation(ctx, principal(ctx), req.Code, fromOrganisation(req.Body))
		if err != nil {
			return nil, err
		}
		return toOrganisation(o), nil
	}
}

// ImportRequest is the CSV body of POST /v1/exchange/organisations/import.
type ImportRequest struct{ CSV io.Reader }

func makeImport(s Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		n, err := s.ImportOrganisations(ctx, principal(ctx), request.(ImportRequest).CSV)
		if err != nil {
			return nil, err
		}
		return api.ImportResult{Imported: n}, nil
	}
}

// ReceiveRequest is the edXML body of POST /v1/exchange/packages.
// Oversize, when set, is the limit the body went over: Body is then only
// its head.
type ReceiveRequest struct {
	Body     []byte
	Oversize int64
}

func makeReceive(s Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(ReceiveRequest)
		if req.Oversize > 0 {
			_, err := s.ReceiveOversize(ctx, principal(ctx), req.Body, req.Oversize)
			return nil, err
		}
		p, err := s.Receive(ctx, principal(ctx), req.Body)
		if err != nil {
			return nil, err
		}
		if p.ID == "" {
			return api.Received{State: "recorded"}, nil // a status message
		}
		return api.Received{ID: p.ID, State: p.State, DocumentID: p.DocumentID}, nil
	}
}

func makeListPackages(s Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(api.PackagesRequest)
		q := app.PackageQuery{Direction: req.Direction, DocumentID: req.DocumentID, State: req.State, Limit: limitOf(req.Limit) + 1}
		if req.Cursor != "" {
			parts, err := httpx.DecodeCursor(req.Cursor)
			var at time.Time
			if err == nil && len(parts) == 2 {
				at, err = time.Parse(time.RFC3339Nano, parts[0])
			}
			if err != nil || len(parts) != 2 {
				return nil, apperr.Invalid("bad cursor", apperr.FieldError{Field: "cursor", Message: "is not a cursor this server gave"})
			}
			q.BeforeTime, q.BeforeID = at, parts[1]
		}
		ps, err := s.ListPackages(ctx, principal(ctx), q)
		if err != nil {
			return nil, err
		}
		out := api.PackageList{Items: []api.Package{}}
		if limit := q.Limit - 1; len(ps) > limit {
			ps = ps[:limit]
			last := ps[limit-1]
			out.NextCursor = httpx.EncodeCursor(last.CreatedAt.UTC().Format(time.RFC3339Nano), last.ID)
		}
		for _, p := range ps {
			out.Items = append(out.Items, toPackage(p))
		}
		return out, nil
	}
}

func makeGetPackage(s Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		p, err := s.Package(ctx, principal(ctx), request.(api.PackageRequest).ID)
		if err != nil {
			return nil, err
		}
		return toPackage(p), nil
	}
}

// FileResponse is a download: the transport streams Content and closes it.
type FileResponse struct {
	Name, ContentType, SHA256 string
	Size                      int64
	Content                   io.ReadCloser
}

func makeGetEdxml(s Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		p, rc, err := s.PackageBody(ctx, principal(ctx), request.(api.PackageRequest).ID)
		if err != nil {
			return nil, err
		}
		return FileResponse{Name: p.ID + ".edxml", ContentType: "application/xml", SHA256: p.BodySHA256, Size: -1, Content: rc}, nil
	}
}

func makeGetFile(s Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(api.PackageRequest)
		f, rc, err := s.PackageFile(ctx, principal(ctx), req.ID, req.Index)
		if err != nil {
			return nil, err
		}
		return FileResponse{Name: f.Name, ContentType: f.ContentType, SHA256: f.SHA256, Size: f.Size, Content: rc}, nil
	}
}
