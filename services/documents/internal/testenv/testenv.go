// Package testenv assembles the documents service for tests: a real
// database, the real outbox (no relay), real tokens, and a fake identity
// API that knows units the directory has not heard of yet.
package testenv

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/blobs"
	"github.com/eoffice-vn/eoffice/pkg/identityclient"
	"github.com/eoffice-vn/eoffice/pkg/identityview"

	kitendpoint "github.com/go-kit/kit/endpoint"
	kithttp "github.com/go-kit/kit/transport/http"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/auth/authtest"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/pkg/idempotency"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/scan"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/endpoint"
	"github.com/eoffice-vn/eoffice/services/documents/internal/httpapi"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

// Units of the test province, by short name. UBND is an agency with two
// divisions (its office VP, where its clerk sits, and KT); STTTT has a
// division PB; SNV and SYT are agencies. LAG is an agency identity knows but
// whose unit.created has not reached the directory.
var Units = map[string]domain.Unit{
	"UBND": {ID: "0190a000-0000-7000-8000-000000000001", Kind: domain.UnitAgency, ShortName: "UBND", Name: "Ủy ban nhân dân tỉnh",
		Regime: string(domain.RegimeCollective), HeadTitle: "Chủ tịch", CollectiveName: "Ủy ban nhân dân"},
	"VP":    {ID: "0190a000-0000-7000-8000-000000000002", Kind: domain.UnitDivision, ShortName: "VP", Name: "Văn phòng UBND tỉnh", ParentID: "0190a000-0000-7000-8000-000000000001"},
	"KT":    {ID: "0190a000-0000-7000-8000-000000000003", Kind: domain.UnitDivision, ShortName: "KT", Name: "Phòng Kinh tế", ParentID: "0190a000-0000-7000-8000-000000000001"},
	"STTTT": {ID: "0190a000-0000-7000-8000-000000000004", Kind: domain.UnitAgency, ShortName: "STTTT", Name: "Sở Thông tin và Truyền thông", ParentID: "0190a000-0000-7000-8000-000000000001"},
	"PB":    {ID: "0190a000-0000-7000-8000-000000000005", Kind: domain.UnitDivision, ShortName: "PB", Name: "Phòng Bưu chính", ParentID: "0190a000-0000-7000-8000-000000000004"},
	"SNV":   {ID: "0190a000-0000-7000-8000-000000000006", Kind: domain.UnitAgency, ShortName: "SNV", Name: "Sở Nội vụ", ParentID: "0190a000-0000-7000-8000-000000000001"},
	"SYT":   {ID: "0190a000-0000-7000-8000-000000000007", Kind: domain.UnitAgency, ShortName: "SYT", Name: "Sở Y tế", ParentID: "0190a000-0000-7000-8000-000000000001"},
	"LAG":   {ID: "0190a000-0000-7000-8000-000000000008", Kind: domain.UnitAgency, ShortName: "SKHĐT", Name: "Sở Kế hoạch và Đầu tư", ParentID: "0190a000-0000-7000-8000-000000000001"},
	"LAGD":  {ID: "0190a000-0000-7000-8000-000000000009", Kind: domain.UnitDivision, ShortName: "TH", Name: "Phòng Tổng hợp", ParentID: "0190a000-0000-7000-8000-000000000008"},
}

func init() {
	for k, u := range Units {
		u.Active = true
		u.AgencyID = u.ID
		if u.Kind == domain.UnitDivision {
			for _, p := range Units {
				if p.ID == u.ParentID {
					u.AgencyID = p.ID
				}
			}
		}
		Units[k] = u
	}
}

// MaxAttachment is the upload limit of the test service.
const MaxAttachment = 64 << 10

// ID returns the id of a unit by short name.
func ID(short string) string { return Units[short].ID }

// People of the test province, by login.
var People = map[string]auth.Principal{
	"ubnd.cv":  person("u-ubnd-cv", "Nguyễn Văn An", "UBND", domain.RoleSpecialist),
	"kt.cv":    person("u-kt-cv", "Lý Thị Kim", "KT", domain.RoleSpecialist),
	"kt.ld":    person("u-kt-ld", "Phan Văn Khải", "KT", domain.RoleLeader),
	"ubnd.ld":  person("u-ubnd-ld", "Trần Thị Bình", "UBND", domain.RoleLeader),
	"ubnd.vt":  person("u-ubnd-vt", "Lê Văn Cường", "VP", domain.RoleClerk),
	"ubnd.vt2": person("u-ubnd-vt2", "Đỗ Thị Dung", "VP", domain.RoleClerk),
	"stttt.ld": person("u-stttt-ld", "Phạm Minh Dũng", "STTTT", domain.RoleLeader),
	"stttt.cv": person("u-stttt-cv", "Hoàng Thị Em", "PB", domain.RoleSpecialist),
	"stttt.vt": person("u-stttt-vt", "Vũ Văn Phúc", "STTTT", domain.RoleClerk),
	"snv.ld":   person("u-snv-ld", "Võ Văn Giang", "SNV", domain.RoleLeader),
	"syt.ld":   person("u-syt-ld", "Đặng Thị Hoa", "SYT", domain.RoleLeader),
	"lag.cv":   person("u-lag-cv", "Bùi Văn Lâm", "LAGD", domain.RoleSpecialist),
	"lag.ld":   person("u-lag-ld", "Tạ Thị Mai", "LAG", domain.RoleLeader),
	"lag.vt":   person("u-lag-vt", "Mạc Văn Nam", "LAG", domain.RoleClerk),
	// For routing: the Chánh Văn phòng, a Phó Chủ tịch, PB's head.
	"vp.ld":      person("u-vp-ld", "Ngô Văn Chánh", "VP", domain.RoleLeader),
	"ubnd.pct":   person("u-ubnd-pct", "Lương Văn Phó", "UBND", domain.RoleLeader),
	"pb.ld":      person("u-pb-ld", "Trịnh Thị Trưởng", "PB", domain.RoleLeader),
	"admin":      {Subject: "u-admin", Name: "Quản trị", Roles: []string{domain.RoleAdmin}},
	"ubnd.admin": person("u-ubnd-admin", "Quản trị đơn vị", "UBND", domain.RoleAdmin),
}

func person(id, name, unit, role string) auth.Principal {
	u := Units[unit]
	agency := u.ID
	if u.Kind == domain.UnitDivision {
		agency = u.ParentID
	}
	return auth.Principal{Subject: id, Name: name, UnitID: u.ID, AgencyID: agency, Roles: []string{role}}
}

// personByID finds a person of People by user id.
func personByID(id string) (auth.Principal, bool) {
	for _, p := range People {
		if p.Subject == id {
			return p, true
		}
	}
	return auth.Principal{}, false
}

// Identity is a fake of identity's GET /v1/units/{id} and GET
// /v1/users/{id} (the people of People, without titles).
type Identity struct {
	*httptest.Server
	mu    sync.Mutex
	units map[string]domain.Unit
	Calls atomic.Int64
	Down  atomic.Bool
	// OmitAgency answers without agency_id, as an older identity might.
	OmitAgency atomic.Bool
}

func newIdentity(t testing.TB) *Identity {
	id := &Identity{units: map[string]domain.Unit{}}
	for _, u := range Units {
		id.units[u.ID] = u
	}
	id.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id.Calls.Add(1)
		if id.Down.Load() {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		if r.Header.Get("Authorization") == "" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		if userID, ok := cutPrefix(r.URL.Path, "/v1/users/"); ok && r.Method == http.MethodGet {
			if p, known := personByID(userID); known {
				w.Header().Set("Content-Type", "application/json")
				_ = json.NewEncoder(w).Encode(map[string]any{"id": p.Subject, "username": userID, "full_name": p.Name,
					"unit_id": p.UnitID, "agency_id": p.AgencyID, "roles": p.Roles, "active": true})
				return
			}
		}
		unitID, ok := cutPrefix(r.URL.Path, "/v1/units/")
		id.mu.Lock()
		u, known := id.units[unitID]
		id.mu.Unlock()
		if r.Method != http.MethodGet || !ok || !known {
			w.Header().Set("Content-Type", httpx.ProblemContentType)
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"status":404}`))
			return
		}
		body := map[string]any{"id": u.ID, "kind": u.Kind, "name": u.Name, "short_name": u.ShortName,
			"parent_id": u.ParentID, "active": u.Active, "code": u.Code}
		if !id.OmitAgency.Load() {
			body["agency_id"] = u.AgencyID
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(body)
	}))
	t.Cleanup(id.Close)
	return id
}

func cutPrefix(s, p string) (string, bool) {
	if len(s) > len(p) && s[:len(p)] == p {
		return s[len(p):], true
	}
	return "", false
}

// Env is the documents service over one database.
type Env struct {
	DB       *pkgstore.DB
	Store    *store.Store
	Service  app.Service
	Server   *httptest.Server
	Issuer   *authtest.TokenIssuer
	Identity *Identity
	// Blobs holds the attachments' contents, in the test's temp folder.
	Blobs blobs.Files
	// Facts are the signing facts the service reads (SetPosition,
	// SetAgency).
	Facts *Facts
	// Clock, when set, is the service's time.
	clock atomic.Pointer[time.Time]
}

// Option changes the assembled service.
type Option func(*app.Config)

// WithScanner has uploads scanned by s.
func WithScanner(s scan.Scanner) Option { return func(c *app.Config) { c.Scanner = s } }

// New migrates db and assembles the service. Every unit but LAG and LAGD is
// already in the directory.
func New(t testing.TB, db *pkgstore.DB, opts ...Option) *Env {
	t.Helper()
	ctx := context.Background()
	if err := messaging.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := store.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := idempotency.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	e := &Env{DB: db, Store: store.New(db), Issuer: authtest.NewIssuer(t), Identity: newIdentity(t),
		Blobs: blobs.Files{Dir: t.TempDir()}}
	if err := e.Store.PrepareSearch(ctx); err != nil {
		t.Fatal(err)
	}
	err := db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
		for short, u := range Units {
			if short == "LAG" || short == "LAGD" {
				continue
			}
			if _, err := identityview.PutUnit(ctx, tx, u, identityview.Version{}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	e.Store.Outbox = messaging.NewOutbox(db, messaging.OutboxConfig{Brokers: []string{"127.0.0.1:1"}})
	remote := identityclient.New(e.Identity.URL, e.Identity.Client())
	e.Facts = &Facts{t: t, db: db}
	cfg := app.Config{
		Documents: e.Store, DB: db, Source: "/eoffice/documents",
		Blobs: e.Blobs, MaxAttachment: MaxAttachment, SpoolDir: filepath.Join(e.Blobs.Dir, "tmp"),
		Identity: remote,
		Now: func() time.Time {
			if c := e.clock.Load(); c != nil {
				return *c
			}
			return time.Now()
		},
	}
	for _, o := range opts {
		o(&cfg)
	}
	e.Service = app.New(cfg)
	verifier := e.Issuer.Verifier()
	mw := func(string) kitendpoint.Middleware {
		return func(next kitendpoint.Endpoint) kitendpoint.Endpoint {
			return auth.Middleware(verifier)(httpx.RejectUndecodable(next))
		}
	}
	e.Server = httptest.NewServer(httpapi.NewHandler(endpoint.New(e.Service, mw),
		kithttp.ServerBefore(auth.HTTPToContext()), kithttp.ServerErrorEncoder(httpx.ErrorEncoder)))
	t.Cleanup(e.Server.Close)
	return e
}

// SetClock fixes the service's time.
func (e *Env) SetClock(t time.Time) { e.clock.Store(&t) }

// Token is a real access token of a person of People.
func (e *Env) Token(login string) string {
	p, ok := People[login]
	if !ok {
		panic("testenv: no person " + login)
	}
	return e.Issuer.Token(p)
}

// Ctx is a context carrying a person of People, with a token identity's
// fake accepts.
func (e *Env) Ctx(login string) context.Context {
	p := People[login]
	p.Token = e.Token(login)
	return auth.NewContext(context.Background(), p)
}

// OutboxRow is an event the service wrote.
type OutboxRow struct {
	Type, Key, Data string
}

// Outbox lists the outbox rows in the order they were written.
func (e *Env) Outbox(t testing.TB) []OutboxRow {
	t.Helper()
	rows, err := e.DB.QueryContext(context.Background(), `SELECT type, key, data FROM outbox ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []OutboxRow
	for rows.Next() {
		var r OutboxRow
		if err := rows.Scan(&r.Type, &r.Key, &r.Data); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

// Count counts the rows of a table.
func (e *Env) Count(t testing.TB, table string) int {
	t.Helper()
	var n int
	if err := e.DB.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM `+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// WithSigning has issued documents' PDFs signed as s says.
func WithSigning(s app.Signing) Option { return func(c *app.Config) { c.Signing = s } }

// WithClock makes the service's time come from now (the PDF worker's
// retries and leases follow it).
func WithClock(now func() time.Time) Option { return func(c *app.Config) { c.Now = now } }

// WithOrganisations has the exchange directory answer from o.
func WithOrganisations(o app.Organisations) Option {
	return func(c *app.Config) { c.Organisations = o }
}

// WithPackageFiles has incoming packages' files read from f.
func WithPackageFiles(f app.PackageFiles) Option { return func(c *app.Config) { c.PackageFiles = f } }

// Directory is a fake exchange directory: code → name.
type Directory map[string]string

// Organisation answers a known code's name, else domain.ErrNotFound.
func (d Directory) Organisation(_ context.Context, token, code string) (string, error) {
	if token == "" {
		return "", errors.New("no token")
	}
	if name, ok := d[code]; ok {
		return name, nil
	}
	return "", domain.ErrNotFound
}
