package domain

import (
	"slices"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
)

// Kinds of webhook owner.
const (
	OwnerUser   = "user"   // an administrator
	OwnerClient = "client" // an integration client
)

// DeliveryRefused is the status of a delivery its webhook's owner may no
// longer receive (scope withdrawn, client deactivated); its log says why.
const DeliveryRefused = "refused"

// Client is an integration client as the directory knows it.
type Client struct {
	ID       string
	Name     string
	Scopes   []string
	AgencyID string // empty: every agency
	Active   bool
}

// Owner is who a webhook delivers to, as far as it decides what may go.
type Owner struct {
	Kind   string  // OwnerUser or OwnerClient; empty: unknown
	Client *Client // for OwnerClient; nil when the directory has not heard of it
}

// EventFacts are what an event says about whom it concerns: the agencies
// of the units, people and agencies it names, and for webhook.failed the
// owner of the failed webhook.
type EventFacts struct {
	Type     string
	Agencies []string
	// HookOwner is the owner of the webhook a webhook.failed is about.
	HookOwner string
}

// MayReceive says whether the owner of a webhook may receive an event: an
// administrator receives every type; a client only the types its scopes
// cover (auth.EventScope), while active, and when limited to an agency
// only events that concern it; a webhook.failed only of its own webhooks.
// The reason of a refusal goes into the delivery log.
func MayReceive(o Owner, ownerID string, ev EventFacts) (ok bool, reason string) {
	switch o.Kind {
	case OwnerUser:
		return true, ""
	case OwnerClient:
	default:
		return false, "the webhook's owner is unknown"
	}
	c := o.Client
	if c == nil {
		return false, "the client is not (yet) known to notifications"
	}
	if !c.Active {
		return false, "the client is deactivated"
	}
	scope, ok := auth.EventScope(ev.Type)
	if !ok {
		return false, "no integration client receives " + ev.Type
	}
	if !slices.Contains(c.Scopes, scope) {
		return false, "the client lacks the scope " + scope + " that " + ev.Type + " needs"
	}
	if ev.HookOwner != "" && ev.HookOwner != ownerID {
		return false, "the failed webhook is another owner's"
	}
	if c.AgencyID != "" && !slices.Contains(ev.Agencies, c.AgencyID) {
		return false, "the event does not concern the client's agency"
	}
	return true, ""
}

// MaySubscribe refuses (403) a client's subscription to a type its scopes
// do not cover (auth.EventScope), naming the scope it needs.
func MaySubscribe(scopes []string, types []string) error {
	for _, t := range types {
		scope, receivable := auth.EventScope(t)
		if !receivable {
			return apperr.Forbidden("no integration client may subscribe to " + t)
		}
		if !slices.Contains(scopes, scope) {
			return apperr.Forbidden(t + " needs the scope " + scope)
		}
	}
	return nil
}
