package auth

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"
	"time"
)

func TestMiddleware(t *testing.T) {
	k := newKey(t, "k1")
	v := NewVerifier("", testIssuer, WithKeys(JWKSet{Keys: []JWK{PublicJWK(k.kid, k.pub)}}))
	good := sign(t, validClaims(time.Now()), k)

	var got Principal
	var seen bool
	next := func(ctx context.Context, _ any) (any, error) {
		got, seen = FromContext(ctx)
		return "ok", nil
	}
	ep := Middleware(v)(next)

	tests := []struct {
		name   string
		header string
		ok     bool
	}{
		{"no header", "", false},
		{"not bearer", "Basic dXNlcjpwYXNz", false},
		{"empty bearer", "Bearer ", false},
		{"bad token", "Bearer x.y.z", false},
		{"good token", "Bearer " + good, true},
		{"scheme is case-insensitive", "bearer " + good, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seen = false
			r := httptest.NewRequest("GET", "/v1/me", nil)
			if tt.header != "" {
				r.Header.Set("Authorization", tt.header)
			}
			ctx := HTTPToContext()(context.Background(), r)
			_, err := ep(ctx, nil)
			if !tt.ok {
				if !errors.Is(err, ErrUnauthorized) || seen {
					t.Fatalf("err = %v, next called = %v", err, seen)
				}
				return
			}
			if err != nil || !seen || got.Subject != "u-1" || got.Token != good {
				t.Fatalf("err = %v, principal = %+v (seen %v)", err, got, seen)
			}
		})
	}
}

func TestContextToHTTP(t *testing.T) {
	r := httptest.NewRequest("GET", "/", nil)
	ContextToHTTP()(NewContext(context.Background(), Principal{Token: "abc"}), r)
	if h := r.Header.Get("Authorization"); h != "Bearer abc" {
		t.Fatalf("Authorization = %q", h)
	}
}
