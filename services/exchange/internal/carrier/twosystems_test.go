package carrier_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/blobs"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/app"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/carrier"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/domain"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/hub"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/store"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/transport/vdxp"
)

// deployment is one system's exchange side: its database, blob folder,
// one agency with its code, and its gateway client of the shared hub.
type deployment struct {
	app   *app.App
	store *store.Store
	tr    app.Transport
}

type stubDocuments struct{ pdf []byte }

func (s stubDocuments) Issued(_ context.Context, id string) (app.IssuedDocument, error) {
	return app.IssuedDocument{ID: id, Kind: "directive", KindName: "Chỉ thị", Notation: "01/CT-UBND", Summary: "Về PAPI",
		Urgency: "flash", IssuedAt: time.Date(2026, 3, 4, 9, 0, 0, 0, time.UTC), SignerName: "Lê Văn B", SignerMark: "TM. ỦY BAN NHÂN DÂN",
		Files: []app.DocumentFile{{Name: "01-CT-UBND.pdf", ContentType: "application/pdf", Data: s.pdf}}}, nil
}

func deploy(t *testing.T, hubURL, system, agency, code string, docs app.Documents) deployment {
	t.Helper()
	ctx := context.Background()
	db := storetest.OpenSQLite(t)
	if err := messaging.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := store.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	err := db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
		_, err := identityview.PutUnit(ctx, tx, identityview.Unit{ID: agency, Kind: identityview.KindAgency, Code: code, Name: "UBND " + agency, Active: true},
			identityview.Version{Time: time.Unix(1, 0)})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	c, err := vdxp.New(vdxp.Config{URL: hubURL, SystemID: system, Secret: system + "-secret"})
	if err != nil {
		t.Fatal(err)
	}
	tr := carrier.Adapt(c)
	if err := tr.Announce(ctx, []string{code}); err != nil {
		t.Fatal(err)
	}
	s := store.New(db, messaging.NewOutbox(db, messaging.OutboxConfig{Brokers: []string{"127.0.0.1:1"}}))
	a := app.New(app.Deps{Store: s, Blobs: blobs.Files{Dir: t.TempDir()}, Transport: tr, Documents: docs,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	return deployment{app: a, store: s, tr: tr}
}

// TestTwoSystemsThroughTheHub: province A issues a directive to an agency
// of province B; both talk to one local hub. B takes the package in with
// its PDF intact and says 01, then 03 when its clerk registers it; A's
// package reads delivered, arrived, registered. A send repeated after a
// crash (the same key) reaches B once.
func TestTwoSystemsThroughTheHub(t *testing.T) {
	ctx := context.Background()
	st, err := hub.NewStore(ctx, storetest.OpenSQLite(t))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(hub.New(st, slog.New(slog.DiscardHandler), 0).Handler())
	t.Cleanup(srv.Close)
	const codeA, codeB = "000.00.00.H41", "000.00.00.H49"
	pdf := bytes.Repeat([]byte("%PDF-1.7 chỉ thị "), 4096)
	a := deploy(t, srv.URL, "system-a", "ubnd-a", codeA, stubDocuments{pdf: pdf})
	b := deploy(t, srv.URL, "system-b", "ubnd-b", codeB, nil)

	err = a.store.InTx(ctx, func(ctx context.Context, w app.Writes) error {
		if err := a.app.DocumentIssued(ctx, w, app.Issued{DocumentID: "d1", IssuerUnitID: "ubnd-a", Notation: "01/CT-UBND",
			Summary: "Về PAPI", RecipientCodes: []string{codeB}}); err != nil {
			return err
		}
		return a.app.PDFReady(ctx, w, "d1")
	})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := a.app.BuildPending(ctx); err != nil || n != 1 {
		t.Fatalf("built %d, %v", n, err)
	}
	if n, err := a.app.SendDue(ctx); err != nil || n != 1 {
		t.Fatalf("sent %d, %v", n, err)
	}
	out, err := a.store.Packages(ctx, app.PackageQuery{Direction: domain.Out, Limit: 10})
	if err != nil || len(out) != 1 || out[0].State != domain.StateSent {
		t.Fatalf("A's package = %+v, %v", out, err)
	}
	// A crash after the gateway took it, before A marked it sent: sent again.
	body, err := io.ReadAll(must(a.app.PackageBody(ctx, admin(), out[0].ID)))
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := a.store.SentMessages(ctx, 10)
	if err != nil || len(msgs) != 1 {
		t.Fatalf("sent messages = %+v, %v", msgs, err)
	}
	if _, err := a.tr.Send(ctx, msgs[0].ID, app.Message{Type: "edoc", From: codeA, To: codeB, Body: body}); err != nil {
		t.Fatal(err)
	}

	if n, err := b.app.Poll(ctx); err != nil || n != 1 {
		t.Fatalf("B polled %d, %v (want the package once)", n, err)
	}
	in, err := b.store.Packages(ctx, app.PackageQuery{Direction: domain.In, Limit: 10})
	if err != nil || len(in) != 1 || in[0].State != domain.StateAccepted || in[0].AgencyID != "ubnd-b" || in[0].OrganisationCode != codeA ||
		in[0].Notation != "01/CT-UBND" || len(in[0].Files) != 1 {
		t.Fatalf("B's packages = %+v, %v", in, err)
	}
	f, rc, err := b.app.PackageFile(ctx, admin(), in[0].ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(rc)
	rc.Close()
	if !bytes.Equal(got, pdf) || f.Name != "01-CT-UBND.pdf" {
		t.Fatalf("B's PDF differs (%d bytes, want %d)", len(got), len(pdf))
	}

	if err := a.app.CheckDelivered(ctx); err != nil {
		t.Fatal(err)
	}
	state := func() string {
		t.Helper()
		p, err := a.store.Package(ctx, out[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		return p.State
	}
	if s := state(); s != domain.StateDelivered {
		t.Fatalf("A's package after B took it: %s", s)
	}
	if n, err := b.app.SendDue(ctx); err != nil || n != 1 {
		t.Fatalf("B sent %d statuses, %v", n, err)
	}
	if _, err := a.app.Poll(ctx); err != nil {
		t.Fatal(err)
	}
	if s := state(); s != "arrived" {
		t.Fatalf("A's package after 01: %s", s)
	}
	err = b.store.InTx(ctx, func(ctx context.Context, w app.Writes) error {
		return b.app.DocumentChanged(ctx, w, app.DocumentEvent{PackageID: in[0].ID, DocumentID: "in-1", Code: "03"})
	})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := b.app.SendDue(ctx); err != nil || n != 1 {
		t.Fatalf("B sent %d, %v", n, err)
	}
	if _, err := a.app.Poll(ctx); err != nil {
		t.Fatal(err)
	}
	if s := state(); s != "registered" {
		t.Fatalf("A's package after 03: %s", s)
	}
}
