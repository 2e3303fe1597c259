package apis

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/exchange/exchangeapi"
)

type token string

func (t token) AccessToken(context.Context) (string, error) { return string(t), nil }

// TestExchangeClient: the bundle's exchange client reaches the exchange
// service's URL (and no other) with the body, type and query the routes
// need; a refused package is a Problem carrying the reason.
func TestExchangeClient(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		got = append(got, r.Method+" "+r.URL.RequestURI()+" "+r.Header.Get("Content-Type")+" "+r.Header.Get("Authorization")+" "+string(raw))
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == http.MethodPost && strings.Contains(string(raw), "bad"):
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusUnprocessableEntity)
			io.WriteString(w, `{"status":422,"title":"Unprocessable Entity","detail":"missing Code"}`)
		case r.Method == http.MethodPost:
			w.WriteHeader(http.StatusAccepted)
			io.WriteString(w, `{"id":"p1","state":"accepted","document_id":"d1"}`)
		default:
			io.WriteString(w, `{"items":[{"id":"p1","direction":"out","organisation_code":"000.00.00.G22","state":"registered","statuses":[{"code":"03","name":"registered","direction":"received","at":"2026-11-20T02:30:00Z"}]}]}`)
		}
	}))
	defer srv.Close()
	var urls client.Endpoints
	urls[client.Exchange] = srv.URL // only exchange is reachable
	c := For(urls, token("tok"))
	ctx := context.Background()

	acc, err := c.Exchange.Import(ctx, []byte("<edXMLEnvelope/>"))
	if err != nil || acc != (exchangeapi.Received{ID: "p1", State: "accepted", DocumentID: "d1"}) {
		t.Fatalf("import: %+v %v", acc, err)
	}
	_, err = c.Exchange.Import(ctx, []byte("<bad/>"))
	var p *client.Problem
	if !errors.As(err, &p) || p.Status != 422 || p.Detail != "missing Code" {
		t.Fatalf("refused import: %v", err)
	}
	pkgs, err := c.Exchange.Packages(ctx, url.Values{"direction": {"out"}, "document_id": {"d 1"}})
	if err != nil || len(pkgs.Items) != 1 || pkgs.Items[0].State != "registered" || pkgs.Items[0].Statuses[0].Code != "03" {
		t.Fatalf("packages: %+v %v", pkgs, err)
	}
	want := []string{
		"POST /v1/exchange/packages application/xml Bearer tok <edXMLEnvelope/>",
		"POST /v1/exchange/packages application/xml Bearer tok <bad/>",
		"GET /v1/exchange/packages?direction=out&document_id=d+1  Bearer tok ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("calls:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
