package exchangehttp_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/exchangehttp"
)

type token string

func (t token) Token(context.Context) (string, error) { return string(t), nil }

// TestClient: a code is looked up as the caller (its token), an unknown
// one is domain.ErrNotFound and a failing service an error of its own; a
// package's file is read with the service's token.
func TestClient(t *testing.T) {
	var down bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case down:
			w.WriteHeader(http.StatusBadGateway)
		case r.URL.Path == "/v1/exchange/organisations/000.00.00.G22" && r.Header.Get("Authorization") == "Bearer user":
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"code":"000.00.00.G22","name":"Văn phòng Chính phủ","address":"Hà Nội"}`))
		case r.URL.Path == "/v1/exchange/packages/p%2F1/files/2" || r.URL.Path == "/v1/exchange/packages/p/1/files/2":
			if r.Header.Get("Authorization") != "Bearer svc" {
				w.WriteHeader(http.StatusUnauthorized)
				return
			}
			_, _ = w.Write([]byte("bytes"))
		default:
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"status":404,"title":"Not Found"}`))
		}
	}))
	defer srv.Close()
	c := &exchangehttp.Client{URL: srv.URL, Tokens: token("svc")}
	ctx := context.Background()
	if name, err := c.Organisation(ctx, "user", "000.00.00.G22"); err != nil || name != "Văn phòng Chính phủ" {
		t.Fatalf("known: %q %v", name, err)
	}
	if _, err := c.Organisation(ctx, "user", "000.00.00.X"); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("unknown: %v", err)
	}
	rc, err := c.OpenFile(ctx, "p/1", 2)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(rc)
	rc.Close()
	if string(b) != "bytes" {
		t.Fatalf("file %q", b)
	}
	if _, err := c.OpenFile(ctx, "p/1", 3); err == nil {
		t.Fatal("a missing file read")
	}
	if _, err := (&exchangehttp.Client{URL: srv.URL}).OpenFile(ctx, "p/1", 2); err == nil {
		t.Fatal("read without the service's credentials")
	}
	down = true
	if _, err := c.Organisation(ctx, "user", "000.00.00.G22"); err == nil || errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("service down: %v", err)
	}
}
