package servicetoken_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/servicetoken"
)

// identity is a token endpoint that issues numbered tokens of 900 seconds
// to one client.
func identity(t *testing.T, calls *atomic.Int32) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/token" || r.ParseForm() != nil || r.PostForm.Get("grant_type") != "client_credentials" {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		if r.PostForm.Get("client_id") != "svc-exchange" || r.PostForm.Get("client_secret") != "s3cret" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"error":"invalid_client","error_description":"client authentication failed"}`))
			return
		}
		n := calls.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"access_token": fmt.Sprintf("token-%d", n), "token_type": "Bearer", "expires_in": 900})
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestTokenIsCachedUntilShortlyBeforeExpiry(t *testing.T) {
	var calls atomic.Int32
	srv := identity(t, &calls)
	s := servicetoken.New(srv.URL+"/", "svc-exchange", "s3cret", nil)
	now := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	ctx := context.Background()

	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if tok, err := s.Token(ctx); err != nil || tok != "token-1" {
				t.Errorf("Token = %q, %v", tok, err)
			}
		})
	}
	wg.Wait()
	if calls.Load() != 1 {
		t.Fatalf("%d token requests for 8 concurrent callers, want 1", calls.Load())
	}
	now = now.Add(869 * time.Second) // 31 s left: still good
	if tok, _ := s.Token(ctx); tok != "token-1" {
		t.Fatalf("Token with 31 s left = %q, want the held one", tok)
	}
	now = now.Add(2 * time.Second) // 29 s left: renewed
	if tok, err := s.Token(ctx); err != nil || tok != "token-2" {
		t.Fatalf("Token near expiry = %q, %v; want a new one", tok, err)
	}
	s.Forget()
	if tok, _ := s.Token(ctx); tok != "token-3" {
		t.Fatalf("Token after Forget = %q", tok)
	}
}

func TestRefusedClient(t *testing.T) {
	var calls atomic.Int32
	srv := identity(t, &calls)
	for _, c := range []struct{ id, secret string }{{"svc-exchange", "wrong"}, {"svc-exchange", ""}, {"", "s3cret"}} {
		_, err := servicetoken.New(srv.URL, c.id, c.secret, nil).Token(context.Background())
		if err == nil {
			t.Fatalf("client %q with secret %q got a token", c.id, c.secret)
		}
		if strings.Contains(err.Error(), "s3cret") || (c.secret == "wrong" && !strings.Contains(err.Error(), "invalid_client")) {
			t.Fatalf("error %q", err)
		}
	}
}
