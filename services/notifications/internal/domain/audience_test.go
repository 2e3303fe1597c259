package domain

import (
	"slices"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/events"
)

// TestMayReceiveEveryEventType: for every event type, a client receives it
// only with the type's scope, while active, and when limited to an agency
// only if the event concerns it; an administrator receives everything.
func TestMayReceiveEveryEventType(t *testing.T) {
	for _, short := range events.All() {
		scope, receivable := auth.EventScope(short)
		facts := EventFacts{Type: short, Agencies: []string{"stttt", "ubnd"}}
		if short == events.WebhookFailed {
			facts.HookOwner = "c1"
		}
		if ok, _ := MayReceive(Owner{Kind: OwnerUser}, "admin", facts); !ok {
			t.Errorf("%s: an administrator's webhook refused", short)
		}
		for _, granted := range auth.Scopes {
			for _, tt := range []struct {
				agency string
				active bool
				want   bool
			}{
				{"", true, true},
				{"stttt", true, true},
				{"syt", true, false},
				{"", false, false},
			} {
				c := &Client{ID: "c1", Scopes: []string{granted}, AgencyID: tt.agency, Active: tt.active}
				want := tt.want && receivable && granted == scope
				if ok, reason := MayReceive(Owner{Kind: OwnerClient, Client: c}, "c1", facts); ok != want {
					t.Errorf("%s, scope %s, agency %q, active %v: got %v (%s), want %v", short, granted, tt.agency, tt.active, ok, reason, want)
				}
			}
			err := MaySubscribe([]string{granted}, []string{short})
			if (err == nil) != (receivable && granted == scope) {
				t.Errorf("%s: subscription with %s: %v", short, granted, err)
			}
		}
	}
}

func TestMayReceiveRefusals(t *testing.T) {
	all := &Client{ID: "c1", Scopes: slices.Clone(auth.Scopes), Active: true}
	tests := []struct {
		name  string
		owner Owner
		facts EventFacts
	}{
		{"owner of unknown kind", Owner{}, EventFacts{Type: events.TaskAssigned}},
		{"client unknown to the directory", Owner{Kind: OwnerClient}, EventFacts{Type: events.TaskAssigned}},
		{"another owner's failed webhook", Owner{Kind: OwnerClient, Client: all}, EventFacts{Type: events.WebhookFailed, HookOwner: "c2"}},
		{"event naming no agency, client limited to one", Owner{Kind: OwnerClient,
			Client: &Client{ID: "c1", Scopes: auth.Scopes, AgencyID: "stttt", Active: true}}, EventFacts{Type: events.TaskAssigned}},
	}
	for _, tt := range tests {
		if ok, reason := MayReceive(tt.owner, "c1", tt.facts); ok || reason == "" {
			t.Errorf("%s: got %v %q, want a refusal with a reason", tt.name, ok, reason)
		}
	}
}
