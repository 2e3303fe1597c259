package vdxp_test

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/services/exchange/internal/hub"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/transport"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/transport/vdxp"
)

const (
	codeA  = "000.00.00.H41"
	codeA2 = "000.00.12.H41"
	codeB  = "000.00.00.H49"
)

func pkgTo(to, docID string) []byte {
	return []byte(`<edXML:edXML xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXML:edXMLEnvelope><edXML:edXMLHeader><edXML:MessageHeader>` +
		`<edXML:From><edXML:OrganId>` + codeA + `</edXML:OrganId></edXML:From><edXML:To><edXML:OrganId>` + to + `</edXML:OrganId></edXML:To>` +
		`<edXML:DocumentId>` + docID + `</edXML:DocumentId></edXML:MessageHeader></edXML:edXMLHeader></edXML:edXMLEnvelope></edXML:edXML>`)
}

// hubServer runs a hub on a SQLite file; its handler counts the calls and
// answers 503 to the first failFirst of them.
type hubServer struct {
	url       string
	calls     atomic.Int32
	failFirst atomic.Int32
	close     func()
}

func startHub(t *testing.T, dbPath string) *hubServer {
	t.Helper()
	st, err := hub.OpenStore(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	h := &hubServer{}
	api := hub.New(st, slog.New(slog.DiscardHandler), 0).Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h.calls.Add(1) <= h.failFirst.Load() {
			http.Error(w, "down for a moment", http.StatusServiceUnavailable)
			return
		}
		api.ServeHTTP(w, r)
	}))
	h.url = srv.URL
	var once sync.Once
	h.close = func() { once.Do(func() { srv.Close(); st.Close() }) }
	t.Cleanup(h.close)
	return h
}

func client(t *testing.T, url, system, secret string) *vdxp.Client {
	t.Helper()
	c, err := vdxp.New(vdxp.Config{URL: url, SystemID: system, Secret: secret, InitialInterval: time.Millisecond, MaxElapsed: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestTwoSystemsExchangeThroughTheHub(t *testing.T) {
	ctx := context.Background()
	dbPath := filepath.Join(t.TempDir(), "hub.db")
	h := startHub(t, dbPath)
	a, b := client(t, h.url, "system-a", "secret-a"), client(t, h.url, "system-b", "secret-b")
	if err := a.Announce(ctx, []string{codeA, codeA2}); err != nil {
		t.Fatal(err)
	}
	if err := b.Announce(ctx, []string{codeB}); err != nil {
		t.Fatal(err)
	}

	msg := transport.Message{Type: transport.TypeEdoc, From: codeA, To: codeB, Body: pkgTo(codeB, "doc-1")}
	ref, err := a.Send(ctx, "pkg-1", msg)
	if err != nil {
		t.Fatal(err)
	}
	if again, err := a.Send(ctx, "pkg-1", msg); err != nil || again != ref {
		t.Fatalf("repeated Send = %q, %v; want %q", again, err, ref)
	}
	if got, err := a.Pending(ctx, 10); err != nil || len(got) != 0 {
		t.Fatalf("the sender sees its own message: %v, %v", got, err)
	}
	got, err := b.Pending(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("B has %d pending messages, want 1", len(got))
	}
	m := got[0]
	if m.Ref != ref || m.Type != transport.TypeEdoc || m.From != codeA || m.To != codeB || string(m.Body) != string(msg.Body) {
		t.Fatalf("B received %+v", m)
	}
	if ok, err := a.Delivered(ctx, ref); err != nil || ok {
		t.Fatalf("Delivered before B's Ack = %v, %v", ok, err)
	}
	if err := b.Ack(ctx, m.Ref); err != nil {
		t.Fatal(err)
	}
	if ok, err := a.Delivered(ctx, ref); err != nil || !ok {
		t.Fatalf("Delivered after B's Ack = %v, %v", ok, err)
	}
	if got, err := b.Pending(ctx, 10); err != nil || len(got) != 0 {
		t.Fatalf("acknowledged message offered again: %v, %v", got, err)
	}

	// A status back from B to A.
	sref, err := b.Send(ctx, "status-1", transport.Message{Type: transport.TypeStatus, From: codeB, To: codeA2, Body: []byte(`<edXML><x/></edXML>`)})
	if err != nil {
		t.Fatal(err)
	}
	got, err = a.Pending(ctx, 10)
	if err != nil || len(got) != 1 || got[0].Ref != sref || got[0].Type != transport.TypeStatus || got[0].To != codeA2 {
		t.Fatalf("A's pending = %+v, %v", got, err)
	}

	// The hub restarts (its store reopened): nothing is lost.
	h.close()
	h = startHub(t, dbPath)
	a, b = client(t, h.url, "system-a", "secret-a"), client(t, h.url, "system-b", "secret-b")
	got, err = a.Pending(ctx, 10)
	if err != nil || len(got) != 1 || got[0].Ref != sref {
		t.Fatalf("after restart, A's pending = %+v, %v", got, err)
	}
	if ok, err := a.Delivered(ctx, ref); err != nil || !ok {
		t.Fatalf("after restart, Delivered = %v, %v", ok, err)
	}
	if again, err := a.Send(ctx, "pkg-1", msg); err != nil || again != ref {
		t.Fatalf("after restart, repeated Send = %q, %v; want %q", again, err, ref)
	}
	if got, err := b.Pending(ctx, 10); err != nil || len(got) != 0 {
		t.Fatalf("after restart, B's pending = %+v, %v", got, err)
	}
	// Another system cannot pose as B.
	if _, err := client(t, h.url, "system-b", "guess").Pending(ctx, 10); err == nil {
		t.Fatal("a wrong secret was accepted")
	}
}

func TestRetriesServerErrorsNeverRefusals(t *testing.T) {
	ctx := context.Background()
	h := startHub(t, filepath.Join(t.TempDir(), "hub.db"))
	a, b := client(t, h.url, "system-a", "secret-a"), client(t, h.url, "system-b", "secret-b")
	if err := b.Announce(ctx, []string{codeB}); err != nil {
		t.Fatal(err)
	}

	// Two 503s, then the hub: the send goes through once.
	h.calls.Store(0)
	h.failFirst.Store(2)
	ref, err := a.Send(ctx, "pkg-1", transport.Message{Type: transport.TypeEdoc, From: codeA, To: codeB, Body: pkgTo(codeB, "doc-1")})
	if err != nil {
		t.Fatal(err)
	}
	if n := h.calls.Load(); n != 3 {
		t.Fatalf("%d calls, want 3 (two refused by 503, one through)", n)
	}
	if got, err := b.Pending(ctx, 10); err != nil || len(got) != 1 || got[0].Ref != ref {
		t.Fatalf("B's pending = %+v, %v", got, err)
	}

	// A refusal (unknown code) is tried once and says why.
	h.failFirst.Store(0)
	h.calls.Store(0)
	_, err = a.Send(ctx, "pkg-2", transport.Message{Type: transport.TypeEdoc, From: codeA, To: "000.00.00.G22", Body: pkgTo("000.00.00.G22", "doc-2")})
	if !errors.Is(err, transport.ErrUnknownRecipient) {
		t.Fatalf("send to an unknown code: %v", err)
	}
	var gwErr *vdxp.Error
	if !errors.As(err, &gwErr) || gwErr.HTTPStatus != http.StatusUnprocessableEntity {
		t.Fatalf("want a *vdxp.Error 422, got %v", err)
	}
	if n := h.calls.Load(); n != 1 {
		t.Fatalf("a 4xx was tried %d times", n)
	}
}

func TestGatewayDownGivesUp(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
	}))
	defer srv.Close()
	c, err := vdxp.New(vdxp.Config{URL: srv.URL, SystemID: "a", Secret: "s", InitialInterval: time.Millisecond, MaxElapsed: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Ack(context.Background(), "ref"); err == nil {
		t.Fatal("Ack against a gateway that always fails succeeded")
	}
	if _, err := vdxp.New(vdxp.Config{URL: srv.URL}); err == nil {
		t.Fatal("New without system id and secret succeeded")
	}
}
