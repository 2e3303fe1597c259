package webhook

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// Directory is what the audience rules look up: the store's view
// (store.View) through the transaction an event is handled in, or the
// database.
type Directory interface {
	Webhook(ctx context.Context, id string) (domain.Webhook, error)
	WebhookOwner(ctx context.Context, w domain.Webhook) (domain.Owner, error)
	AgencyOfUnit(ctx context.Context, id string) (string, error)
	AgencyOfPerson(ctx context.Context, id string) (string, error)
}

// Audience decides whether a webhook's owner may receive an event
// (domain.MayReceive), with what the directory knows now. Both the owing
// of a delivery and each attempt ask it, so a client whose scopes shrink
// or who is deactivated stops receiving at once.
type Audience struct{ Dir Directory }

// Allows says whether w may be sent the event of type short with payload
// msg; reason says why not.
func (a Audience) Allows(ctx context.Context, w domain.Webhook, short string, msg proto.Message) (bool, string, error) {
	return a.Event(short, msg).Allows(ctx, w)
}

// Event is one event as the audience rules see it. Its facts (the
// agencies it concerns, found through the directory) are the same for
// every webhook, so they are gathered once, when a webhook owned by a
// client first needs them (an administrator's needs none), however many
// webhooks are then asked about.
type Event struct {
	a     Audience
	short string
	msg   proto.Message
	facts *domain.EventFacts
}

// Event is the event of type short with payload msg, for asking Allows of
// each webhook.
func (a Audience) Event(short string, msg proto.Message) *Event {
	return &Event{a: a, short: short, msg: msg}
}

// Allows says whether w may be sent the event; reason says why not.
func (e *Event) Allows(ctx context.Context, w domain.Webhook) (bool, string, error) {
	owner, err := e.a.Dir.WebhookOwner(ctx, w)
	if err != nil {
		return false, "", err
	}
	if owner.Kind == domain.OwnerUser {
		return true, "", nil // an administrator's webhook: every event
	}
	if e.facts == nil {
		f, err := e.a.facts(ctx, e.short, e.msg)
		if err != nil {
			return false, "", err
		}
		e.facts = &f
	}
	ok, reason := domain.MayReceive(owner, w.OwnerID, *e.facts)
	return ok, reason, nil
}

// AllowsBody is Allows for a delivery's stored CloudEvent body.
func (a Audience) AllowsBody(ctx context.Context, w domain.Webhook, body []byte) (bool, string, error) {
	var ce cloudEvent
	if err := json.Unmarshal(body, &ce); err != nil {
		return false, "", fmt.Errorf("delivery body: %w", err)
	}
	ev := envelope.Event{Type: ce.Type, Data: ce.Data}
	short, ok := ev.Short()
	if !ok {
		return false, "unknown event type " + ce.Type, nil
	}
	msg, err := ev.Payload()
	if err != nil {
		return false, "", err
	}
	return a.Allows(ctx, w, short, msg)
}

// facts gathers the agencies an event concerns from its fields, by name:
// *agency_id as is, *unit_id(s) and *user_id through the directory; nested
// messages (a task event's TaskRef) too. A unit or person the directory
// does not know adds nothing, so such an event reaches no agency-limited
// client rather than the wrong one.
func (a Audience) facts(ctx context.Context, short string, msg proto.Message) (domain.EventFacts, error) {
	f := domain.EventFacts{Type: short}
	if m, ok := msg.(*eventsv1.WebhookFailed); ok && short == events.WebhookFailed {
		w, err := a.Dir.Webhook(ctx, m.GetWebhookId())
		if err != nil && !errors.Is(err, domain.ErrNotFound) {
			return f, err
		}
		f.HookOwner = w.OwnerID
		if f.HookOwner == "" {
			f.HookOwner = "(unknown)"
		}
	}
	var walk func(m protoreflect.Message) error
	walk = func(m protoreflect.Message) error {
		var err error
		m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
			name := string(fd.Name())
			switch {
			case fd.Kind() == protoreflect.MessageKind && !fd.IsList() && !fd.IsMap():
				err = walk(v.Message())
			case fd.Kind() != protoreflect.StringKind:
			case fd.IsList():
				if strings.HasSuffix(name, "unit_ids") {
					for i := 0; i < v.List().Len() && err == nil; i++ {
						err = a.addAgency(ctx, &f, a.Dir.AgencyOfUnit, v.List().Get(i).String())
					}
				}
			case strings.HasSuffix(name, "agency_id"):
				f.Agencies = appendNew(f.Agencies, v.String())
			case strings.HasSuffix(name, "unit_id"):
				err = a.addAgency(ctx, &f, a.Dir.AgencyOfUnit, v.String())
			case strings.HasSuffix(name, "user_id"):
				err = a.addAgency(ctx, &f, a.Dir.AgencyOfPerson, v.String())
			}
			return err == nil
		})
		return err
	}
	return f, walk(msg.ProtoReflect())
}

func (a Audience) addAgency(ctx context.Context, f *domain.EventFacts,
	lookup func(context.Context, string) (string, error), id string) error {
	agency, err := lookup(ctx, id)
	if err != nil {
		return err
	}
	f.Agencies = appendNew(f.Agencies, agency)
	return nil
}

func appendNew(list []string, s string) []string {
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
