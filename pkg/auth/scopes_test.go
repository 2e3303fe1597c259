package auth

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/events"
)

// TestEveryEventTypeHasAScope keeps the event → scope map whole: a new
// event type must say who may receive it before it can ship.
func TestEveryEventTypeHasAScope(t *testing.T) {
	for _, short := range events.All() {
		scope, mapped := eventScopes[short]
		if !mapped {
			t.Errorf("event type %s has no entry in eventScopes", short)
			continue
		}
		if scope != NoClient && !slices.Contains(Scopes, scope) {
			t.Errorf("event type %s maps to unknown scope %q", short, scope)
		}
	}
	for short := range eventScopes {
		if !events.Known(short) {
			t.Errorf("eventScopes names %s, which is no event type", short)
		}
	}
}

func TestRequireScope(t *testing.T) {
	next := func(context.Context, any) (any, error) { return "ok", nil }
	person := Principal{Subject: "u-1", Roles: []string{RoleSpecialist}}
	reader := Principal{Subject: "c-1", ClientID: "c-1", Scopes: []string{ScopeTasksRead}}
	tests := []struct {
		name   string
		scope  string
		caller *Principal
		want   error
	}{
		{"no caller", ScopeTasksRead, nil, ErrUnauthorized},
		{"person, scoped route", ScopeTasksRead, &person, nil},
		{"person, people-only route", NoClient, &person, nil},
		{"client with the scope", ScopeTasksRead, &reader, nil},
		{"client without the scope", ScopeUsersRead, &reader, apperr.ErrForbidden},
		{"client on a people-only route", NoClient, &reader, apperr.ErrForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			if tt.caller != nil {
				ctx = NewContext(ctx, *tt.caller)
			}
			got, err := RequireScope(tt.scope)(next)(ctx, nil)
			if tt.want == nil {
				if err != nil || got != "ok" {
					t.Fatalf("got %v, %v; want ok", got, err)
				}
				return
			}
			if !errors.Is(err, tt.want) || got != nil {
				t.Fatalf("got %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}
