package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/recipients"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/templates"
)

// DocumentRouted are the facts of a document.routed event.
type DocumentRouted struct {
	DocumentID      string
	Kind            string
	FromUserID      string
	FromName        string
	ToUserIDs       []string
	ToUnitIDs       []string
	InformedUserIDs []string
	InformedUnitIDs []string
	Note            string
	Notation        string
	Summary         string
	DueDate         string
	Urgency         string
	Confidentiality string
}

// DocumentRouted tells the people a routing step passed the document to
// (a unit: its leaders, who act for it) that it waits for them, and those
// it is sent to for information that it is theirs to read. A read step
// tells nobody.
func (n *Notifier) DocumentRouted(ctx context.Context, st NotifyStore, ev Event, d DocumentRouted) error {
	if d.Kind == "read" {
		return nil
	}
	about := "document " + d.DocumentID + " routed"
	u := domain.ParseUrgency(d.Urgency)
	msg := templates.DocumentRouted{DocumentID: d.DocumentID, Kind: d.Kind, FromName: d.FromName, Notation: d.Notation,
		Summary: d.Summary, Note: d.Note, DueDate: d.DueDate, Urgency: u,
		Confidential: d.Confidentiality != "" && d.Confidentiality != "normal"}
	groups := []struct {
		users, units []string
		informed     bool
	}{{d.ToUserIDs, d.ToUnitIDs, false}, {d.InformedUserIDs, d.InformedUnitIDs, true}}
	for _, g := range groups {
		if len(g.users)+len(g.units) == 0 {
			continue
		}
		to, named, err := routedPeople(ctx, st, g.users, g.units, d.FromUserID)
		if err != nil {
			return fmt.Errorf("%s: %w", about, lag(err))
		}
		if len(to) == 0 && named {
			continue // only the sender themself (a leader of the unit they passed it to)
		}
		m := msg
		m.Informed = g.informed
		if err := n.notify(ctx, st, ev, domain.TypeDocumentRouted, about, to, m.Render(), u); err != nil {
			return err
		}
	}
	return nil
}

// routedPeople are the named people and the leaders of the named units,
// each once, without the person who took the step; named says whether
// anyone was found before leaving the sender out.
func routedPeople(ctx context.Context, st NotifyStore, users, units []string, from string) (to []domain.Person, named bool, err error) {
	r := recipients.New(st)
	var out []domain.Person
	for _, id := range users {
		p, err := st.Person(ctx, id)
		if errors.Is(err, domain.ErrNotFound) {
			return nil, false, fmt.Errorf("%w: %s", recipients.ErrUnknownPerson, id)
		}
		if err != nil {
			return nil, false, err
		}
		out = append(out, p)
	}
	for _, id := range units {
		_, leaders, err := r.LeadersOf(ctx, id)
		if err != nil {
			return nil, false, err
		}
		out = append(out, leaders...)
	}
	reachable := recipients.Reachable(out)
	for _, p := range reachable {
		if p.ID != from {
			to = append(to, p)
		}
	}
	return to, len(reachable) > 0, nil
}
