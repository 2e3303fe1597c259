package app_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/blobs"
	"github.com/eoffice-vn/eoffice/pkg/edxml"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/app"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/store"
)

// Codes of the test: ours (identity) and outside ones.
const (
	ourCode     = "000.00.00.H41" // UBND tỉnh Nghệ An, agency "ubnd"
	otherOurs   = "000.00.00.H42" // agency "ubnd2"
	senderCode  = "000.00.00.G22"
	unknownCode = "000.00.00.H99"
)

type harness struct {
	t     testing.TB
	db    *pkgstore.DB
	store *store.Store
	app   *app.App
	tr    *fakeTransport
	docs  *fakeDocuments
	blobs blobs.Files
	now   time.Time
}

func newHarness(t testing.TB, db *pkgstore.DB) *harness {
	t.Helper()
	ctx := context.Background()
	if err := messaging.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := store.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, db: db, tr: &fakeTransport{}, docs: &fakeDocuments{}, now: time.Date(2026, 3, 5, 8, 0, 0, 0, time.UTC)}
	h.store = store.New(db, messaging.NewOutbox(db, messaging.OutboxConfig{Brokers: []string{"127.0.0.1:1"}}))
	h.blobs = blobs.Files{Dir: t.TempDir()}
	h.app = app.New(app.Deps{Store: h.store, Blobs: h.blobs, Transport: h.tr, Documents: h.docs, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Clock: func() time.Time { return h.now }})
	h.unit(identityview.Unit{ID: "ubnd", Kind: identityview.KindAgency, Code: ourCode, Name: "Ủy ban nhân dân tỉnh Nghệ An", Active: true, PlaceName: "Nghệ An"})
	h.unit(identityview.Unit{ID: "ubnd2", Kind: identityview.KindAgency, Code: otherOurs, Name: "Ủy ban nhân dân tỉnh Hà Tĩnh", Active: true})
	h.unit(identityview.Unit{ID: "vp", Kind: identityview.KindDivision, ParentID: "ubnd", Name: "Văn phòng", Active: true})
	return h
}

func (h *harness) unit(u identityview.Unit) {
	h.t.Helper()
	err := h.db.InTx(context.Background(), func(ctx context.Context, tx *pkgstore.Tx) error {
		_, err := identityview.PutUnit(ctx, tx, u, identityview.Version{Time: time.Unix(1, 0), EventID: u.ID})
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
}

// events lists the types of the events in the outbox, oldest first.
func (h *harness) events() []string {
	h.t.Helper()
	rows, err := h.db.QueryContext(context.Background(), `SELECT type FROM outbox ORDER BY id`)
	if err != nil {
		h.t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			h.t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// inTx runs fn with the store's writes in one transaction (a consumer's).
func (h *harness) inTx(fn func(ctx context.Context, w app.Writes) error) {
	h.t.Helper()
	if err := h.store.InTx(context.Background(), fn); err != nil {
		h.t.Fatal(err)
	}
}

// pkg is a well-formed package from the sender to ourCode with a PDF.
func pkg(docID string) edxml.Package {
	return edxml.Package{
		From: edxml.Organisation{ID: senderCode, Name: "Văn phòng Chính phủ"}, To: []edxml.Organisation{{ID: ourCode, Name: "UBND tỉnh Nghệ An"}},
		DocumentID: docID, Code: edxml.Code{Number: "7816", Notation: "VPCP-TTĐT"}, Place: "Hà Nội", PromulgationDate: "2026-03-01",
		Type: edxml.DocumentType{Type: "1", TypeName: "Công văn"}, Subject: "Về việc triển khai chỉ số PAPI",
		Signer: edxml.Signer{Competence: "KT. BỘ TRƯỞNG", Position: "Thứ trưởng", FullName: "Nguyễn Văn A"}, Priority: 1, PageAmount: 2,
		Attachments: []edxml.Attachment{{ContentID: "cid:1", Name: "7816.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4 not really")},
			{ContentID: "cid:2", Name: "phu-luc.docx", ContentType: "application/octet-stream", Data: []byte("annex")}},
	}
}

func build(t testing.TB, p edxml.Package) []byte {
	t.Helper()
	b, err := edxml.Build(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func each(t *testing.T, fn func(t *testing.T, h *harness)) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) { fn(t, newHarness(t, db)) })
}

type fakeTransport struct {
	mu      sync.Mutex
	sent    []app.Message
	pending []app.Message
	acked   []string
	failing error
	deliver bool
}

func (f *fakeTransport) Send(_ context.Context, key string, m app.Message) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failing != nil {
		return "", f.failing
	}
	f.sent = append(f.sent, m)
	return "ref-" + key, nil
}

func (f *fakeTransport) Pending(context.Context, int) ([]app.Message, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := f.pending
	f.pending = nil
	return out, nil
}

func (f *fakeTransport) Ack(_ context.Context, ref string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.acked = append(f.acked, ref)
	return nil
}

func (f *fakeTransport) Delivered(context.Context, string) (bool, error) { return f.deliver, nil }
func (f *fakeTransport) Announce(context.Context, []string) error        { return nil }

type fakeDocuments struct {
	fail bool
	pdf  []byte // the PDF's bytes; a short one when nil
}

func (f *fakeDocuments) Issued(_ context.Context, id string) (app.IssuedDocument, error) {
	if f.fail {
		return app.IssuedDocument{}, errors.New("documents unreachable")
	}
	return app.IssuedDocument{ID: id, Kind: "directive", KindName: "Chỉ thị", Notation: "01/CT-UBND", Summary: "Về tăng cường PAPI",
		Urgency: "urgent", IssuedAt: time.Date(2026, 3, 4, 9, 0, 0, 0, time.UTC), SignerName: "Lê Văn B", SignerMark: "TM. ỦY BAN NHÂN DÂN",
		SignerPosition: "Chủ tịch", Pages: 3,
		Files: []app.DocumentFile{{Name: "01-CT-UBND.pdf", ContentType: "application/pdf", Data: f.pdfOf(id)}}}, nil
}

type fakeMessage = app.Message

type fakeMessages []fakeMessage

func (m fakeMessages) messages() []app.Message { return m }

func appQuery() app.PackageQuery { return app.PackageQuery{Limit: 50} }

func (f *fakeDocuments) pdfOf(id string) []byte {
	if f.pdf != nil {
		return f.pdf
	}
	return []byte(fmt.Sprintf("%%PDF of %s", id))
}

func blobsOf(h *harness) blobs.Files { return h.blobs }
