package remote_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/remote"
)

type token string

func (t token) Token(context.Context) (string, error) { return string(t), nil }

// server answers documents' and identity's routes the remote callers use,
// only with the service's token.
func server(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/documents/d1", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id":"d1","kind":"directive","kind_name":"Chỉ thị","status":"issued","summary":"Về PAPI","urgency":"urgent",
"notation":"01/CT-UBND","issued_at":"2026-03-04T09:00:00Z","signer":{"user_id":"u","full_name":"Lê Văn B","title":"Chủ tịch","signing_mark":"TM.","mark_line":"TM. ỦY BAN NHÂN DÂN"},
"pdf":{"attachment_id":"a2","sha256":"x","pages":3},
"attachments":[{"id":"a1","filename":"phu-luc.docx","content_type":"application/octet-stream","size":5},
{"id":"a2","filename":"01-CT-UBND.pdf","content_type":"application/pdf","size":8,"system":"issued_pdf"}]}`))
	})
	mux.HandleFunc("GET /v1/documents/d1/attachments/{id}", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("bytes of " + r.PathValue("id")))
	})
	mux.HandleFunc("GET /v1/units", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"items":[{"id":"vp","kind":"division","parent_id":"ubnd","name":"Văn phòng","active":true,"code":"000.00.00.H41"},
{"id":"ubnd","kind":"agency","name":"UBND tỉnh Nghệ An","active":true,"code":"000.00.00.H41","place_name":"Nghệ An"}]}`))
	})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer svc" {
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"type":"about:blank","title":"Unauthorized","status":401}`))
			return
		}
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestIssued(t *testing.T) {
	srv := server(t)
	d, err := remote.NewDocuments(srv.URL, token("svc"), srv.Client()).Issued(context.Background(), "d1")
	if err != nil {
		t.Fatal(err)
	}
	if d.KindName != "Chỉ thị" || d.SignerMark != "TM. ỦY BAN NHÂN DÂN" || d.Pages != 3 || d.IssuedAt.IsZero() || len(d.Files) != 2 {
		t.Fatalf("= %+v", d)
	}
	if d.Files[0].Name != "01-CT-UBND.pdf" || string(d.Files[0].Data) != "bytes of a2" || string(d.Files[1].Data) != "bytes of a1" {
		t.Fatalf("files = %+v (the signed PDF first)", d.Files)
	}
	if _, err := remote.NewDocuments(srv.URL, token("other"), srv.Client()).Issued(context.Background(), "d1"); err == nil {
		t.Fatal("a refused token fetched the document")
	}
}

func TestAgencyByCode(t *testing.T) {
	srv := server(t)
	a := remote.NewAgencies(srv.URL, token("svc"), srv.Client())
	u, err := a.AgencyByCode(context.Background(), "000.00.00.H41")
	if err != nil || u.ID != "ubnd" || u.AgencyID != "ubnd" || u.PlaceName != "Nghệ An" {
		t.Fatalf("= %+v, %v", u, err)
	}
	if _, err := a.AgencyByCode(context.Background(), "000.00.00.H99"); !errors.Is(err, identityview.ErrNotFound) {
		t.Fatalf("unknown code: %v", err)
	}
	if _, err := remote.NewAgencies(srv.URL, token("x"), srv.Client()).AgencyByCode(context.Background(), "000.00.00.H41"); err == nil || errors.Is(err, identityview.ErrNotFound) {
		t.Fatalf("refused token: %v (must not read as an unknown code)", err)
	}
}
